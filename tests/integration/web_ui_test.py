#!/usr/bin/env python3
"""The web app in a real browser: builds a workspace, one user per role, starts `tend serve`
with the built web app (build/web, beside the tend binary) and runs the Playwright tests in
web/e2e/ui.test.mjs, advocacy.test.mjs and feedback.test.mjs (node:test + playwright-core + Debian's
chromium), one file after the other. Screenshots go to
<build dir>/test-artifacts/. Fails with a clear message when chromium, the built web app or
web/node_modules is missing (make build installs and builds them; scripts/install-deps.sh
installs chromium).

Usage: web_ui_test.py <tend binary> <source dir>"""
import collections, csv, os, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import PASSWORD, ROLES, Server, make_workspace, run  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

tend, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
build_dir = os.path.dirname(tend)
web_dir = os.path.join(build_dir, "web")
web_src = os.path.join(source, "web")
started = time.monotonic()


def fail(message):
    sys.exit("web_ui_test: FAILED: " + message)


if not os.path.exists(CHROMIUM):
    fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
         "(scripts/install-deps.sh installs it: apt-get install chromium)")
if not os.path.isfile(os.path.join(web_dir, "index.html")):
    fail(f"{web_dir}/index.html is missing: build the web app first (make build, or "
         "scripts/build-web.sh)")
if not os.path.isdir(os.path.join(web_src, "node_modules", "playwright-core")):
    fail(f"{web_src}/node_modules is missing: run `npm ci` in web/ (make build does)")
node = shutil.which("node")
if not node:
    fail("node is missing (scripts/install-deps.sh installs nodejs)")


def busiest_csm(data_dir):
    """The CSM with the most active accounts: the csm user signs in as them, so they own CTAs."""
    with open(os.path.join(data_dir, "accounts.csv"), newline="") as f:
        counts = collections.Counter(r["csm"] for r in csv.DictReader(f)
                                     if r.get("status", "active") == "active" and r["csm"])
    return counts.most_common(1)[0][0]


with tempfile.TemporaryDirectory() as tmp:
    db = make_workspace(tend, tmp, accounts=200, seed=5)
    csm_name = busiest_csm(os.path.join(tmp, "data"))
    env = dict(os.environ)
    for role in ROLES:
        email = f"{role}@example.com"
        name = csm_name if role == "csm" else role.capitalize() + " User"
        run(tend, "user", "add", "--db", db, "--email", email, "--name", name, "--role", role,
            input=PASSWORD + "\n")
        env[f"TEND_{role.upper()}_EMAIL"] = email
    # The models page and the 360's churn risk need a trained, scored churn model.
    run(tend, "predict", "train", "--db", db, "--target", "churn", "--folds", "3")
    # Two scorings (two weeks apart) give the 360 a churn-risk trend.
    run(tend, "predict", "score", "--db", db, "--target", "churn", "--as-of", "2026-11-06")
    run(tend, "predict", "score", "--db", db, "--target", "churn")
    setup_s = time.monotonic() - started
    artifacts = os.path.join(build_dir, "test-artifacts")
    os.makedirs(artifacts, exist_ok=True)
    with Server(tend, db, "--web-dir", web_dir) as server:
        env.update({"TEND_URL": server.url, "TEND_PASSWORD": PASSWORD,
                    "TEND_ARTIFACTS": artifacts, "CHROMIUM": CHROMIUM})
        t0 = time.monotonic()
        # One file after the other: they share the workspace (the advocacy tests change the
        # program, the others read accounts and CTAs).
        p = subprocess.run([node, "--test", "--test-reporter=spec", "--test-concurrency=1",
                            *(os.path.join(web_src, "e2e", f)
                              for f in ("ui.test.mjs", "advocacy.test.mjs", "revenue.test.mjs",
                                        "feedback.test.mjs", "import.test.mjs"))],
                           cwd=web_src, env=env, timeout=420)
        browser_s = time.monotonic() - t0
    if p.returncode != 0:
        fail(f"the browser tests failed (exit {p.returncode}); screenshots in {artifacts}")
    print(f"web_ui_test: passed in {time.monotonic() - started:.1f} s (set-up {setup_s:.1f} s, "
          f"browser {browser_s:.1f} s); screenshots in {artifacts}")
