#!/usr/bin/env python3
"""The deployment recipes in deploy/, checked as far as this machine allows:
tend.service with `systemd-analyze verify` (Debian's systemd; scripts/install-deps.sh installs
it where the package is available), tend.conf with `tend serve --check-config`, the
Containerfile's packages known to apt (its build is documented, not run), and the HAProxy and
nginx examples with `haproxy -c` / `nginx -t` when those are installed (they are not part of
the test set-up: installing them starts their services)."""
import os, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import make_workspace, run  # noqa: E402

tend, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
deploy = os.path.join(source, "deploy")
checked, skipped = [], []


def check(cond, message):
    if not cond:
        sys.exit("deploy_test: FAILED: " + message)


with tempfile.TemporaryDirectory() as tmp:
    # The unit, with the binary where the build put it (verify checks that it exists).
    unit = open(os.path.join(deploy, "tend.service")).read().replace("/usr/local/bin/tend", tend)
    check("ExecReload=/bin/kill -HUP $MAINPID" in unit, "the unit's reload is not SIGHUP")
    check("--check-config" in unit, "the unit does not check its configuration first")
    if shutil.which("systemd-analyze"):
        path = os.path.join(tmp, "tend.service")
        open(path, "w").write(unit)
        p = subprocess.run(["systemd-analyze", "verify", path], capture_output=True, text=True)
        # Only what concerns this unit: verify also reports on units it cannot reach here.
        mine = [l for l in (p.stdout + p.stderr).splitlines() if "tend.service" in l]
        check(p.returncode == 0 and not mine, f"systemd-analyze verify ({p.returncode}):\n"
              f"{p.stdout}{p.stderr}")
        checked.append("tend.service (systemd-analyze verify)")
    else:
        skipped.append("tend.service: no systemd-analyze (apt-get install systemd)")

    # The configuration file, as the unit uses it (paths moved into the temporary folder).
    db = make_workspace(tend, tmp, accounts=10)
    env = dict(os.environ, TEND_DB=db, TEND_LOG_FILE=os.path.join(tmp, "tend.log"),
               TEND_CONFIG=os.path.join(deploy, "tend.conf"))
    web = os.path.join(os.path.dirname(tend), "web")
    if os.path.isfile(os.path.join(web, "index.html")):
        env["TEND_WEB_DIR"] = web
    else:
        env["TEND_WEB_DIR"] = ""
    p = subprocess.run([tend, "serve", "--check-config"], capture_output=True, text=True, env=env)
    check(p.returncode == 0 and '"config ok"' in p.stdout and '"/tend"' in p.stdout,
          f"tend serve --check-config with deploy/tend.conf: {p.returncode}\n{p.stdout}{p.stderr}")
    checked.append("tend.conf (tend serve --check-config)")

    # The Containerfile: only Debian packages, each known to apt.
    cf = open(os.path.join(deploy, "Containerfile")).read()
    check("FROM debian:12" in cf and "curl" not in cf and "wget" not in cf,
          "the Containerfile must build from Debian packages only")
    pkgs = set()
    for block in re.findall(r"apt-get install -y --no-install-recommends \\\n(.*?)&&", cf, re.S):
        pkgs |= set(re.findall(r"[a-z0-9][a-z0-9.+-]+", block.replace("\\", " ")))
    check(len(pkgs) > 20, f"packages in the Containerfile: {sorted(pkgs)}")
    p = subprocess.run(["apt-cache", "policy", *sorted(pkgs)], capture_output=True, text=True)
    known = set(re.findall(r"^(\S+):$", p.stdout, re.M))
    unknown = sorted(pkgs - known)
    if p.returncode == 0 and "Candidate:" in p.stdout:
        check(not unknown, f"packages apt does not know: {unknown}")
        checked.append(f"Containerfile ({len(pkgs)} Debian packages known to apt)")
    else:
        skipped.append("Containerfile packages: apt-cache has no package lists (apt-get update)")

    # The proxies' examples, when their tools are here.
    if shutil.which("haproxy"):
        # The example names its certificate under /etc/haproxy; check a copy that points at a
        # throwaway self-signed one, so every other line is checked for real.
        with tempfile.TemporaryDirectory() as tmp:
            pem = os.path.join(tmp, "tend.pem")
            key = os.path.join(tmp, "key.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                            "-subj", "/CN=tend.example.com", "-keyout", key, "-out", pem],
                           capture_output=True, check=True)
            with open(key) as k, open(pem, "a") as out:
                out.write(k.read())
            with open(os.path.join(deploy, "haproxy.cfg")) as f:
                cfg = re.sub(r"crt \S+", "crt " + pem, f.read())
            copy = os.path.join(tmp, "haproxy.cfg")
            with open(copy, "w") as f:
                f.write(cfg)
            p = subprocess.run(["haproxy", "-c", "-f", copy], capture_output=True, text=True)
        check(p.returncode == 0, f"haproxy -c: {p.stdout}{p.stderr}")
        checked.append("haproxy.cfg (haproxy -c)")
    else:
        skipped.append("haproxy.cfg: haproxy is not installed")
    if shutil.which("nginx"):
        p = subprocess.run(["nginx", "-t", "-c", os.path.join(deploy, "nginx.conf")],
                           capture_output=True, text=True)
        check(p.returncode == 0 or "cannot load certificate" in p.stderr,
              f"nginx -t: {p.stderr}")
        checked.append("nginx.conf (nginx -t)")
    else:
        skipped.append("nginx.conf: nginx is not installed")

print("deploy: checked " + "; ".join(checked) + (("; skipped " + "; ".join(skipped)) if skipped else ""))
