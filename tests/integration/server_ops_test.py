#!/usr/bin/env python3
"""`tend serve` as an operator runs it: one server per SQLite workspace (a second is refused,
naming the first's pid); --check-config; --base-path (the API, the app's index and assets
under the prefix, nothing else outside it but the probes); --trusted-proxy (X-Forwarded-Proto
gives a Secure cookie, X-Forwarded-For the client address in the log, both only from trusted
peers); unknown /api and /v1 paths are 404 JSON while client routes get the app; /metrics has
every series from the start (at zero), the process and build metrics, and counts unknown
routes; --log-format json writes nothing but JSON lines with level, ts and msg; SIGHUP
reopens a log file that logrotate moved, and the server keeps serving."""
import json, os, re, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import PASSWORD, Server, call, make_workspace, run  # noqa: E402

tend, source = os.path.abspath(sys.argv[1]), sys.argv[2]
web_dir = os.path.join(os.path.dirname(tend), "web")
started = time.monotonic()


def check(cond, message):
    if not cond:
        sys.exit("server_ops_test: FAILED: " + message)


def wait_for(what, fn, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(0.1)
    check(False, "timed out waiting for " + what)


def start(db, *extra):
    """A non-quiet server (its log matters here); returns (proc, url)."""
    proc = subprocess.Popen([tend, "serve", "--db", db, "--port", "0", "--as-of", "2026-11-20",
                             *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    m = re.search(r"(https?://[0-9.]+:\d+[^\s\"]*)", line)
    check(m is not None, f"no address in {line!r}; stderr: {proc.stderr.read() if not line else ''}")
    return proc, m.group(1).rstrip("/")


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def login(url, headers=None):
    return call(url, "POST", "/api/login", {"email": "admin@example.com", "password": PASSWORD},
                headers=headers)


with tempfile.TemporaryDirectory() as tmp:
    db = make_workspace(tend, tmp, accounts=40)
    run(tend, "user", "add", "--db", db, "--email", "admin@example.com", "--name", "Admin",
        "--role", "admin", input=PASSWORD + "\n")
    has_web = os.path.isfile(os.path.join(web_dir, "index.html"))

    # --- one server per workspace; --check-config ---
    p = run(tend, "serve", "--db", db, "--check-config")
    check(p.stdout.startswith("config ok"), p.stdout)
    for bad, word in ((["--base-path", "tend"], "--base-path"),
                      (["--base-path", "/te nd"], "--base-path"),
                      (["--trusted-proxy", "10.0.0.0/40"], "10.0.0.0/40"),
                      (["--webhook-ca", "/no/such.pem"], "/no/such.pem"),
                      (["--tls-cert", "/no/cert.pem"], "--tls-key"),
                      (["--port", "70000"], "--port")):
        p = run(tend, "serve", "--db", db, "--check-config", *bad, ok=False)
        check(p.returncode != 0 and word in p.stderr, f"--check-config {bad}: {p.returncode} {p.stderr}")
    p = run(tend, "serve", "--db", os.path.join(tmp, "missing.db"), "--check-config", ok=False)
    check(p.returncode != 0 and "missing.db" in p.stderr, p.stderr)
    with Server(tend, db) as first:
        second = subprocess.run([tend, "serve", "--db", db, "--port", "0"], capture_output=True,
                                text=True, timeout=60)
        check(second.returncode != 0, "a second tend serve on the same workspace started")
        check(f"another tend serve (pid {first.proc.pid})" in second.stderr,
              f"the refusal does not name the first server: {second.stderr!r}")
        p = run(tend, "serve", "--db", db, "--check-config", ok=False)
        check(p.returncode != 0 and f"pid {first.proc.pid}" in p.stderr, p.stderr)
        check(call(first.url, path="/healthz")[0] == 200, "the first server stopped answering")

    # --- metrics from the start; unknown routes; JSON logs ---
    log = os.path.join(tmp, "tend.log")
    proc, url = start(db, "--log-format", "json", "--log-file", log)
    try:
        status, text, _ = call(url, path="/metrics")
        check(status == 200, f"/metrics: {status}")
        for name in ("tend_events_ingested_total", "tend_events_duplicate_total",
                     "tend_identifies_held_total", "tend_webhook_deliveries_total",
                     "tend_webhook_failures_total", "tend_http_unknown_route_total"):
            check(re.search(rf"^{name} 0$", text, re.M), f"{name} is not at 0 from the start")
        for name in ("tend_ingest_durable_seconds", "tend_ingest_rescore_seconds",
                     "tend_account_rule_run_duration_seconds"):
            check(re.search(rf"^{name}_count 0$", text, re.M), f"{name} is not present at 0")
        rss = re.search(r"^process_resident_memory_bytes (\S+)$", text, re.M)
        check(rss and float(rss.group(1)) > 1e6, "process_resident_memory_bytes")
        version = run(tend, "--version").stdout.split()[1]
        check(f'tend_build_info{{version="{version}"}} 1' in text, "tend_build_info")
        for path in ("/api/nope", "/v1/nope", "/api", "/assets/nope.js"):
            status, body, h = call(url, path=path)
            check(status == 404 and isinstance(body, dict) and body["error"]["code"] == "api.noRoute",
                  f"GET {path}: {status} {str(body)[:80]}")
        status, body, _ = call(url, "POST", "/v1/nope", {"x": 1})
        check(status == 404 and isinstance(body, dict), f"POST /v1/nope: {status}")
        text = call(url, path="/metrics")[1]
        check(re.search(r"^tend_http_unknown_route_total 5$", text, re.M),
              "unknown routes are not counted: " +
              str(re.findall(r"^tend_http_unknown_route_total.*$", text, re.M)))
        if has_web:
            status, body, h = call(url, path="/accounts/A1")
            check(status == 200 and "<base href=\"/\"" in body, f"a client route: {status}")
        check(login(url)[0] == 200, "login")
    finally:
        stop(proc)
    out, err = proc.stdout.read(), proc.stderr.read()
    lines = [l for l in (open(log).read() + out + err).splitlines() if l.strip()]
    check(len(lines) >= 4, f"too few log lines: {lines}")
    for l in lines:
        try:
            j = json.loads(l)
        except ValueError:
            check(False, f"not a JSON line: {l!r}")
        check(all(k in j for k in ("level", "ts", "msg")), f"a line without level/ts/msg: {l}")
        check(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", j["ts"]), f"ts: {j['ts']}")
    msgs = [json.loads(l) for l in lines]
    check(any(m["msg"] == "request" and m.get("path") == "/api/login" and m.get("status") == 200
              for m in msgs), "no request line for the login")
    check(any(m["msg"] == "refresh" for m in msgs), "no refresh line")

    # --- SIGHUP reopens a moved log file ---
    log = os.path.join(tmp, "text.log")
    proc, url = start(db, "--log-file", log)
    try:
        call(url, path="/api/accounts/ONE")
        wait_for("the first request in the log", lambda: "/api/accounts/ONE" in open(log).read())
        os.rename(log, log + ".1")  # what logrotate does
        proc.send_signal(signal.SIGHUP)
        wait_for("a new log file", lambda: os.path.exists(log))
        call(url, path="/api/accounts/TWO")
        wait_for("the request in the new file", lambda: "/api/accounts/TWO" in open(log).read())
        check(proc.poll() is None, "SIGHUP stopped the server")
        check("/api/accounts/TWO" not in open(log + ".1").read(), "the old file still gets lines")
        check(call(url, path="/healthz")[0] == 200, "not serving after SIGHUP")
    finally:
        stop(proc)
    check(proc.returncode == 0, f"exit {proc.returncode} after SIGTERM")

    # --- behind a TLS proxy: trusted X-Forwarded-*; a base path ---
    proc, url = start(db, "--base-path", "/tend/", "--trusted-proxy", "127.0.0.1/32",
                      *(["--web-dir", web_dir] if has_web else []))
    try:
        check(url.endswith("/tend"), f"the announced URL lacks the base path: {url}")
        root = url[: -len("/tend")]
        status, body, h = login(url, {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"})
        cookie = h.get("Set-Cookie", "")
        check(status == 200 and "; Secure" in cookie and "Path=/tend/" in cookie,
              f"behind a TLS proxy: {status} {cookie}")
        status, body, h = login(url)
        check(status == 200 and "Secure" not in h.get("Set-Cookie", ""),
              f"plain HTTP from the proxy: {h.get('Set-Cookie')}")
        status, me, _ = call(url, path="/api/me", cookie=h["Set-Cookie"].split(";")[0])
        check(status == 200 and me["user"]["email"] == "admin@example.com", f"/tend/api/me: {status}")
        status, body, _ = call(root, path="/api/me")
        check(status == 404 and isinstance(body, dict) and "/tend/" in body["error"]["message"],
              f"/api/me outside the base path: {status} {body}")
        check(call(root, path="/healthz")[0] == 200 and call(url, path="/healthz")[0] == 200,
              "/healthz at the root and under the base path")
        import http.client, urllib.parse
        u = urllib.parse.urlsplit(root)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
        conn.request("GET", "/tend")
        r = conn.getresponse()
        check(r.status == 308 and r.getheader("Location") == "/tend/",
              f"/tend redirects to /tend/: {r.status} {r.getheader('Location')}")
        conn.close()
        check(call(url, path="/api/nope")[0] == 404, "unknown API path under the base path")
        if has_web:
            status, index, _ = call(url, path="/")
            check(status == 200 and '<base href="/tend/"' in index, f"the index: {index[:300]}")
            asset = re.search(r'src="\./(assets/[^"]+\.js)"', index)
            check(asset is not None, f"no relative script in the index: {index[:400]}")
            status, js, h = call(url, path="/" + asset.group(1))
            check(status == 200 and "javascript" in h.get("Content-Type", ""),
                  f"the app's script under the base path: {status}")
            status, page, _ = call(url, path="/accounts/A1")
            check(status == 200 and '<base href="/tend/"' in page, "a client route under /tend")
    finally:
        stop(proc)
    err = proc.stderr.read()
    check("203.0.113.7" in err, "the log does not show the forwarded client address")
    # The same headers from a peer that is not trusted change nothing.
    with Server(tend, db) as s:
        status, _, h = login(s.url, {"X-Forwarded-Proto": "https"})
        check(status == 200 and "Secure" not in h.get("Set-Cookie", ""),
              "X-Forwarded-Proto believed from an untrusted peer")

print(f"server ops: ok ({time.monotonic() - started:.1f} s)")
