#!/usr/bin/env python3
"""Signed webhooks as a receiver sees them: every delivery carries X-Tend-Delivery,
X-Tend-Timestamp and X-Tend-Signature (t=...,v1=HMAC-SHA256 over "timestamp.body" with the
receiver's secret, `tend webhooks secret --url U`). The receiver here verifies with the snippet
docs/api.md gives (copied below, standard library only) and rejects a tampered body, a wrong
secret and an old timestamp. An HTTPS receiver with its own CA is refused until
`--webhook-ca` names the CA bundle."""
import hashlib, hmac, json, os, ssl, subprocess, sys, tempfile, threading, time
from http.server import BaseHTTPRequestHandler, HTTPServer

tend = sys.argv[1]


def run(*args, ok=True):
    p = subprocess.run([tend, *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        raise SystemExit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def check(cond, message):
    if not cond:
        sys.exit("webhook_signature_test: FAILED: " + message)


# --- the verification snippet of docs/api.md ("Verifying a delivery") ---
def verify(secret: str, body: bytes, signature_header: str, tolerance_s: int = 300) -> bool:
    parts = dict(p.split("=", 1) for p in signature_header.split(",") if "=" in p)
    t, v1 = parts.get("t", ""), parts.get("v1", "")
    if not t.isdigit() or abs(time.time() - int(t)) > tolerance_s:
        return False  # missing, or too old: a replay
    expected = hmac.new(secret.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, v1)
# --- end of the snippet ---


class Hook(BaseHTTPRequestHandler):
    secret = ""
    seen = []  # (headers, body, verified)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        ok = verify(Hook.secret, body, self.headers.get("X-Tend-Signature", ""))
        Hook.seen.append((dict(self.headers), body, ok))
        self.send_response(200 if ok else 401)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok" if ok else b"no")

    def log_message(self, *args):
        pass


def serve(tls_ctx=None):
    srv = HTTPServer(("127.0.0.1", 0), Hook)
    if tls_ctx:
        srv.socket = tls_ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


RULE = """
rules:
  - name: signed_hook
    when: account_id = 'FIRST'
    actions:
      - webhook: {url: "URL"}
"""

with tempfile.TemporaryDirectory() as tmp:
    data, db = os.path.join(tmp, "data"), os.path.join(tmp, "tend.db")
    run("generate", "--accounts", "20", "--seed", "3", "--end", "2026-06-30", "--out", data)
    run("import", "--db", db, data)
    saas = os.path.join(tmp, "saas.yaml")
    run("init", "--db", db, "--template", "saas", "--write", saas)
    # An active, scored account.
    first = run("rules", "preview", "--db", db, "--as-of", "2026-06-30", "--format", "csv",
                "health.overall >= 0").stdout.splitlines()[1].split(",")[0]

    plain = serve()
    url = f"http://127.0.0.1:{plain.server_port}/hook"
    # The receiver gets its secret before the first delivery (made on demand, then stable).
    secret = run("webhooks", "secret", "--db", db, "--url", url).stdout.strip()
    check(secret.startswith("whsec_") and len(secret) == 70, f"secret {secret!r}")
    check(run("webhooks", "secret", "--db", db, "--url", url).stdout.strip() == secret,
          "the secret changed between two reads")
    Hook.secret = secret
    rules = os.path.join(tmp, "rules.yaml")
    open(rules, "w").write(open(saas).read() + RULE.replace("URL", url).replace("FIRST", first))
    run("apply", "--db", db, rules)
    out = run("rules", "run", "--db", db, "--as-of", "2026-06-30").stdout
    check("webhooks: 1 delivered, 0 will be retried, 0 failed" in out, out)
    check(len(Hook.seen) == 1 and Hook.seen[0][2], f"the delivery did not verify: {Hook.seen}")
    headers, body, _ = Hook.seen[0]
    delivery = headers["X-Tend-Delivery"]
    stamp = headers["X-Tend-Timestamp"]
    check(delivery.isdigit() and stamp.isdigit() and abs(time.time() - int(stamp)) < 120,
          f"delivery id / timestamp headers: {headers}")
    check(headers["X-Tend-Signature"].startswith(f"t={stamp},v1="), headers["X-Tend-Signature"])
    check(headers["User-Agent"].startswith("tend/"), headers["User-Agent"])
    payload = json.loads(body)
    check(payload["rule"] == "signed_hook" and payload["account_id"] == first, payload)
    listed = run("webhooks", "list", "--db", db).stdout
    check(f"\n{delivery} " in "\n" + listed, f"delivery {delivery} not in:\n{listed}")

    # A tampered body, another secret, an old signature: all rejected by the same check.
    sig = headers["X-Tend-Signature"]
    check(not verify(secret, body.replace(first.encode(), b"SOMEONE_ELSE"), sig),
          "a tampered body verified")
    check(not verify(secret, body + b" ", sig), "a body with a byte more verified")
    check(not verify("whsec_" + "0" * 64, body, sig), "another secret verified")
    old = int(stamp) - 3600
    old_sig = f"t={old},v1=" + hmac.new(secret.encode(), f"{old}.".encode() + body,
                                         hashlib.sha256).hexdigest()
    check(not verify(secret, body, old_sig), "an hour-old signature verified")
    # Sent as a forger would (the old headers, a new body): the receiver answers 401.
    import urllib.error, urllib.request
    req = urllib.request.Request(url, data=body.replace(b"signed_hook", b"forged_hook"),
                                 method="POST", headers={"X-Tend-Signature": sig,
                                                         "Content-Type": "application/json"})
    try:
        urllib.request.urlopen(req, timeout=10)
        check(False, "the receiver accepted a tampered body")
    except urllib.error.HTTPError as e:
        check(e.code == 401, f"tampered body: HTTP {e.code}")

    # Rotation: deliveries from now on are signed with the new secret.
    rotated = run("webhooks", "secret", "--db", db, "--url", url, "--rotate").stdout.strip()
    check(rotated != secret and rotated.startswith("whsec_"), "--rotate kept the secret")

    # HTTPS with a private CA: refused (not trusted) until --webhook-ca names it.
    cert, key = os.path.join(tmp, "hook.pem"), os.path.join(tmp, "hook.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    tls = serve(ctx)
    tls_url = f"https://127.0.0.1:{tls.server_port}/hook"
    Hook.secret = run("webhooks", "secret", "--db", db, "--url", tls_url).stdout.strip()
    # Another rule: a rule fires once while its condition holds.
    open(rules, "w").write(open(saas).read() + RULE.replace("URL", tls_url).replace("FIRST", first)
                           .replace("signed_hook", "signed_tls_hook"))
    run("apply", "--db", db, rules)
    Hook.seen.clear()
    out = run("rules", "run", "--db", db, "--as-of", "2026-06-30", "--no-deliver").stdout
    check("1 webhook(s) queued" in out, out)
    p = run("webhooks", "deliver", "--db", db, ok=False)
    check("1 will be retried" in p.stdout and not Hook.seen, f"untrusted CA: {p.stdout}")
    check("--webhook-ca" in run("webhooks", "list", "--db", db).stdout,
          "the error does not point to --webhook-ca")
    # Three quick tries failed: the next is due 2^3 s later.
    time.sleep(8.5)
    p = run("webhooks", "deliver", "--db", db, "--webhook-ca", cert, ok=False)
    check("1 delivered" in p.stdout, f"with --webhook-ca: {p.stdout}{p.stderr}")
    check(len(Hook.seen) == 1 and Hook.seen[0][2], f"the HTTPS delivery did not verify: {Hook.seen}")
    p = run("webhooks", "deliver", "--db", db, "--webhook-ca", os.path.join(tmp, "nope.pem"),
            ok=False)
    check(p.returncode != 0 and "nope.pem" in p.stderr, f"a missing CA file: {p.stderr}")
    plain.shutdown()
    tls.shutdown()

print("webhook signatures: ok (verified, tampered body / other secret / old timestamp rejected, "
      "--webhook-ca)")
