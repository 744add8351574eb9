#!/usr/bin/env python3
"""Hostile input and least privilege (issue 17), against `tend serve` and the CLI on a
generated workspace (120 accounts): deeply nested conditions and YAML (item 4), an account
with 70,000 distinct event names (5), invalid UTF-8 in CSV, JSON and Segment bodies and in
stored text, overflowing numbers (6), what each role sees inside the 360 and the event
stream (7), ownership of reference requests (8), logout without CSRF, security headers,
HSTS under TLS and who may read /metrics (10). Each check failed before its fix."""
import os, socket, sqlite3, ssl, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.parse, urllib.request

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import PASSWORD, Server, call, make_workspace, run, setup_users  # noqa: E402

tend, source = sys.argv[1], sys.argv[2]


class Failure(Exception):
    pass


def check(cond, what, *context):
    if not cond:
        raise Failure(what + "".join("\n  " + str(c)[:1500] for c in context))


def expect(url, status, method, path, body=None, code=None, **kw):
    s, j, h = call(url, method, path, body=body, **kw)
    check(s == status, f"{method} {path}: {s}, expected {status}", j)
    if code:
        check(isinstance(j, dict) and j.get("error", {}).get("code") == code,
              f"{method} {path}: code {j.get('error', {}).get('code') if isinstance(j, dict) else j!r}, "
              f"expected {code}", j)
    return j, h


def cli_nesting(db, tmp):
    """Item 4 through the CLI: a located error and exit status 1, not a crash (139)."""
    deep = "(" * 10000 + "health.overall < 60" + ")" * 10000
    p = run(tend, "rules", "preview", "--db", db, deep, ok=False)
    check(p.returncode == 1 and "nests more than" in p.stderr,
          f"tend rules preview with 10,000 parentheses: exit {p.returncode}", p.stderr[-300:])
    p = run(tend, "rules", "preview", "--db", db, "NOT " * 20000 + "churned", ok=False)
    check(p.returncode == 1 and "nests more than" in p.stderr,
          f"tend rules preview with 20,000 NOTs: exit {p.returncode}", p.stderr[-300:])
    path = os.path.join(tmp, "deep.yaml")
    with open(path, "w") as f:
        f.write("rules:\n  - name: deep\n    when: \"" + deep + "\"\n    actions:\n"
                "      - cta: {type: risk, title: x}\n")
    p = run(tend, "apply", "--db", db, "--dry-run", path, ok=False)
    check(p.returncode == 1 and "deep.yaml:3:" in p.stderr and "nests more than" in p.stderr,
          f"tend apply --dry-run with a deep condition: exit {p.returncode}", p.stderr[-300:])
    with open(path, "w") as f:
        f.write("metrics: " + "[" * 100000 + "]" * 100000 + "\n")
    p = run(tend, "apply", "--db", db, "--dry-run", path, ok=False)
    check(p.returncode == 1 and "deep.yaml:1:" in p.stderr,
          f"tend apply --dry-run with 100,000 nested lists: exit {p.returncode}", p.stderr[-300:])
    print("  cli: deep conditions and YAML are located errors (exit 1)")


def store_bad_text(db):
    """Puts bytes that are not UTF-8 into stored text, as an import before this fix did."""
    con = sqlite3.connect(db)
    aid = con.execute("SELECT account_id FROM accounts ORDER BY account_id LIMIT 1").fetchone()[0]
    con.execute("UPDATE accounts SET name = CAST(X'4D75FF6C6C657220C3' AS TEXT) WHERE account_id = ?",
                (aid,))
    con.commit()
    con.close()
    return aid


def nesting(url, ops):
    deep = "(" * 10000 + "health.overall < 60" + ")" * 10000
    for cond in (deep, "NOT " * 20000 + "churned"):
        j, _ = expect(url, 422, "POST", "/api/definitions/preview", {"condition": cond}, token=ops)
        check("nests more than" in j["error"]["message"], "preview: the message", j)
    files = [{"path": "deep.yaml",
              "content": "rules:\n  - name: deep\n    when: \"" + deep + "\"\n    actions:\n"
                         "      - cta: {type: risk, title: x}\n"}]
    j, _ = expect(url, 200, "POST", "/api/definitions/validate", {"files": files}, token=ops)
    check(j["valid"] is False and j["errors"][0]["line"] == 3, "validate: the position", j)
    yaml = [{"path": "deep.yaml", "content": "metrics: " + "[" * 100000 + "]" * 100000}]
    j, _ = expect(url, 200, "POST", "/api/definitions/validate", {"files": yaml}, token=ops)
    check(j["valid"] is False and j["errors"][0]["line"] == 1, "validate deep YAML", j)
    expect(url, 200, "GET", "/healthz")
    print("  nesting: preview and validate answer 422/200 with positions; the server lives")


def many_event_names(url, ops, account):
    rows = "".join(f"2026-11-01T10:00:00Z,{account},u1,feature_{i}\n" for i in range(70000))
    body = ("ts,account_id,user_id,event\n" + rows).encode()
    j, _ = expect(url, 200, "POST", "/api/import/events?filename=events.csv", raw=body, token=ops,
                  headers={"Content-Type": "text/csv"}, timeout=300)
    check(j["committed"] and j["files"][0]["imported"] == 70000, "70,000 event names imported", j)
    expect(url, 200, "GET", f"/api/accounts/{account}", token=ops)
    print("  70,000 distinct event names for one account: imported")


def utf8(url, ops, wk, bad_account):
    # Stored text that is not UTF-8 never breaks a page.
    j, _ = expect(url, 200, "GET", "/api/accounts?limit=1000&status=all", token=ops)
    names = {a["account_id"]: a["name"] for a in j["accounts"]}
    check("\ufffd" in names[bad_account], "the bad name shows with U+FFFD", names[bad_account])
    j, _ = expect(url, 200, "GET", f"/api/accounts/{bad_account}", token=ops)
    check("\ufffd" in j["account"]["name"], "the 360 of the bad name", j["account"]["name"])
    # The CSV edge refuses it, located.
    body = (b"account_id,name,industry,segment,region,arr,start_date,renewal_date,csm,status\n"
            b"Z1,Caf\xc3,retail,smb,emea,1,2026-01-10,2027-01-10,Ann,active\n")
    j, _ = expect(url, 422, "POST", "/api/import/accounts?filename=up.csv", raw=body, token=ops,
                  headers={"Content-Type": "text/csv"}, code="ingest.rejected")
    check(j["error"]["messages"] == ["up.csv:2: column name: invalid UTF-8 at byte 4 (0xC3)"],
          "the CSV error", j)
    expect(url, 404, "GET", "/api/accounts/Z1", token=ops)
    # JSON bodies: bad UTF-8, numbers too large, wrong shapes are 4xx with a message.
    ct = {"Content-Type": "application/json"}
    for raw, where in [(b'{"email": "\xff@example.com", "password": "x"}', "byte 12"),
                       (b'{"email": "a@example.com", "password": "x", "n": 1e400}', "overflow"),
                       (b'{"email": "a@example.com" "password": 1}', "byte")]:
        s, j, _ = call(url, "POST", "/api/login", raw=raw, headers=ct)
        check(s == 400 and j["error"]["code"] == "api.badJson" and where in j["error"]["message"],
              f"login with {raw!r}: {s}", j)
    s, j, _ = call(url, "POST", "/api/definitions/preview", raw=b'{"condition": "arr > 1", "limit": 1e999}',
                   headers=ct, token=ops)
    check(s == 400, f"preview with limit 1e999: {s}", j)
    s, j, _ = call(url, "POST", "/api/definitions/preview",
                   raw=b'{"condition": "arr > 1", "limit": 18446744073709551615}', headers=ct, token=ops)
    check(400 <= s < 500, f"preview with limit 2^64-1: {s}", j)
    s, j, _ = call(url, "POST", "/api/ctas", raw=b'{"account_id": "A\\ud800"}', headers=ct, token=ops)
    check(400 <= s < 500, f"a lone surrogate: {s}", j)
    # Segment messages.
    s, j, _ = call(url, "POST", "/v1/track", raw=b'{"userId": "u", "event": "caf\xc3"}', headers=ct,
                   basic=wk)
    check(s == 400 and "invalid UTF-8 at byte" in j["error"]["message"], f"segment: {s}", j)
    # A path with bytes that are not UTF-8 is echoed back without breaking the answer.
    s, j, _ = call(url, "GET", "/api/accounts/%FF%FE", token=ops)
    check(s == 404 and isinstance(j, dict), f"an account id that is not UTF-8: {s}", j)
    print("  utf-8: stored bad text shows as U+FFFD; CSV, JSON and Segment edges refuse it, located")


class Stream(threading.Thread):
    def __init__(self, url, token):
        super().__init__(daemon=True)
        host, port = urllib.parse.urlparse(url).hostname, urllib.parse.urlparse(url).port
        self.sock = socket.create_connection((host, port), timeout=30)
        self.sock.sendall(f"GET /api/stream HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {token}\r\n"
                          f"Accept: text/event-stream\r\n\r\n".encode())
        self.data = b""
        self.start()

    def run(self):
        try:
            while True:
                chunk = self.sock.recv(4096)
                if not chunk:
                    return
                self.data += chunk
        except OSError:
            return

    def kinds(self):
        return [line[6:].strip().decode() for line in self.data.split(b"\n") if line.startswith(b"event:")]


def visibility(url, tokens, account):
    parts = {"ctas", "timeline", "plans"}
    for role, token in tokens.items():
        j, _ = expect(url, 200, "GET", f"/api/accounts/{account}", token=token)
        shown = parts & set(j)
        if role in ("sales", "product"):
            check(not shown, f"{role} reads {sorted(shown)} through the 360", sorted(j))
            for path in ("/api/ctas", f"/api/accounts/{account}/timeline", f"/api/accounts/{account}/plans"):
                expect(url, 403, "GET", path, token=token)
        else:
            check(shown == parts, f"{role} misses {sorted(parts - shown)} in the 360", sorted(j))
    sales, viewer = Stream(url, tokens["sales"]), Stream(url, tokens["viewer"])
    product = Stream(url, tokens["product"])
    deadline = time.time() + 10
    while time.time() < deadline and ("hello" not in sales.kinds() or "hello" not in viewer.kinds()):
        time.sleep(0.05)
    expect(url, 201, "POST", "/api/ctas", {"account_id": account, "type": "risk", "title": "Secret plan"},
           token=tokens["admin"])
    deadline = time.time() + 10
    while time.time() < deadline and "cta" not in viewer.kinds():
        time.sleep(0.05)
    time.sleep(0.3)
    check("cta" in viewer.kinds(), "the viewer's stream got no cta event", viewer.kinds())
    check("cta" not in sales.kinds() and b"Secret plan" not in sales.data,
          "the sales stream carried a CTA", sales.kinds())
    check("cta" not in product.kinds() and b"Secret plan" not in product.data,
          "the product stream carried a CTA", product.kinds())
    for s in (sales, viewer, product):
        s.sock.close()
    print("  visibility: sales and product see no CTAs, timeline or plans in the 360 or the stream")


def reference_requests(url, db, tokens, accounts):
    ops = tokens["ops"]

    def ok(method, path, body=None, token=ops, status=200):
        return expect(url, status, method, path, body if body is not None else {}, token=token)[0]

    # Advocates on several accounts, active with consent.
    invited = 0
    for a in accounts:
        if invited >= 6 or a["color"] == "red":
            continue
        cs = ok("GET", f"/api/accounts/{a['account_id']}/contacts")
        cs = cs.get("contacts", cs) if isinstance(cs, dict) else cs
        if not cs:
            continue
        cid = cs[0]["contact_id"]
        s, _, _ = call(url, "POST", f"/api/advocacy/candidates/{cid}/invite", {"tier": "reference_network"},
                       token=ops)
        if s not in (200, 201):
            continue
        ok("PATCH", f"/api/advocacy/advocates/{cid}", {"status": "active", "consent": True})
        invited += 1
    check(invited >= 2, "advocates for the requests", invited)
    # Two sales users and two CSMs: the advocate's and another.
    for email, name, role in [("sales2@example.com", "Sales Two", "sales")]:
        run(tend, "user", "add", "--db", db, "--email", email, "--name", name, "--role", role,
            input=PASSWORD + "\n")
    sales2 = run(tend, "token", "create", "--db", db, "--email", "sales2@example.com", "--name",
                 "t").stdout.strip()

    def request_asked():
        r = ok("POST", "/api/advocacy/requests", {"prospect": "Globex", "deadline": "2026-12-31"},
               token=tokens["sales"], status=201)
        d = ok("GET", f"/api/advocacy/requests/{r['request_id']}", token=tokens["sales"])
        check(d["matches"], "the request has matches", d)
        m = d["matches"][0]
        ok("POST", f"/api/advocacy/requests/{r['request_id']}/ask", {"contact_id": m["contact_id"]})
        return r["request_id"], m

    rid, m = request_asked()
    owner = next(a["csm"] for a in accounts if a["account_id"] == m["account_id"])
    other = next(a["csm"] for a in accounts if a["csm"] and a["csm"] != owner)
    made = {}
    for name in (owner, other):
        email = f"csm{len(made)}@example.com"
        run(tend, "user", "add", "--db", db, "--email", email, "--name", name, "--role", "csm",
            input=PASSWORD + "\n")
        made[name] = run(tend, "token", "create", "--db", db, "--email", email, "--name",
                         "t").stdout.strip()
    j, _ = expect(url, 403, "POST", f"/api/advocacy/requests/{rid}/accept", {}, token=made[other])
    expect(url, 403, "POST", f"/api/advocacy/requests/{rid}/decline", {"reason": "no"}, token=made[other])
    ok("POST", f"/api/advocacy/requests/{rid}/accept", token=made[owner])
    expect(url, 403, "POST", f"/api/advocacy/requests/{rid}/complete", {"outcome": "x"}, token=sales2,
           code="advocacy.notYourRequest")
    expect(url, 403, "POST", f"/api/advocacy/requests/{rid}/complete", {"outcome": "x"}, token=made[other])
    expect(url, 403, "POST", f"/api/advocacy/requests/{rid}/cancel", {}, token=sales2,
           code="advocacy.notYourRequest")
    ok("POST", f"/api/advocacy/requests/{rid}/complete", {"outcome": "won"}, token=tokens["sales"])
    r2 = ok("POST", "/api/advocacy/requests", {"prospect": "Initech", "deadline": "2026-12-31"},
            token=tokens["sales"], status=201)
    expect(url, 403, "POST", f"/api/advocacy/requests/{r2['request_id']}/cancel", {}, token=sales2)
    ok("POST", f"/api/advocacy/requests/{r2['request_id']}/cancel", token=tokens["sales"])
    print(f"  reference requests: another CSM ({other}) and another sales user are refused")


def headers_and_metrics(url, db, tmp):
    s, j, h = call(url, "GET", "/api/openapi.json")
    csp = h.get("Content-Security-Policy") or ""
    check("frame-ancestors 'none'" in csp and "default-src 'self'" in csp, "CSP", csp)
    check(h.get("X-Frame-Options") == "DENY" and h.get("X-Content-Type-Options") == "nosniff",
          "X-Frame-Options / nosniff", dict(h))
    check(h.get("Strict-Transport-Security") is None, "HSTS over plain HTTP")
    s, j, h = call(url, "GET", "/api/nope")
    check(s == 404 and "frame-ancestors" in (h.get("Content-Security-Policy") or ""), "CSP on errors")
    s, text, _ = call(url, "GET", "/metrics")
    check(s == 200, f"/metrics from loopback without a token: {s}")
    # With a metrics token, and under TLS.
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out",
                    cert, "-days", "2", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    # A second server needs its own workspace: one tend serve per SQLite workspace.
    db2 = os.path.join(tmp, "tls.db")
    src, dst = sqlite3.connect(db), sqlite3.connect(db2)
    src.backup(dst)
    src.close()
    dst.close()
    with Server(tend, db2, "--metrics-token", "m3trics-s3cret", "--tls-cert", cert, "--tls-key", key) as s2:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE

        def https(path, token=None):
            req = urllib.request.Request(s2.url + path, headers={"Authorization": f"Bearer {token}"}
                                         if token else {})
            try:
                with urllib.request.urlopen(req, context=ctx, timeout=30) as r:
                    return r.status, r.headers
            except urllib.error.HTTPError as e:
                return e.code, e.headers

        st, h = https("/healthz")
        check(st == 200 and h.get("Strict-Transport-Security", "").startswith("max-age="), "HSTS under TLS",
              dict(h))
        check(https("/metrics")[0] == 401, "/metrics without the token")
        check(https("/metrics", "wrong")[0] == 401, "/metrics with a wrong token")
        check(https("/metrics", "m3trics-s3cret")[0] == 200, "/metrics with the token")
    print("  headers: CSP with frame-ancestors, X-Frame-Options, nosniff, HSTS under TLS; /metrics token")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db = make_workspace(tend, tmp)
        cli_nesting(db, tmp)
        bad_account = store_bad_text(db)
        with Server(tend, db) as srv:
            url = srv.url
            con = sqlite3.connect(db)
            csm = con.execute("SELECT csm FROM accounts WHERE csm <> '' GROUP BY csm ORDER BY count(*) DESC "
                              "LIMIT 1").fetchone()[0]
            con.close()
            tokens = setup_users(tend, db, csm_name=csm)
            wk = run(tend, "writekey", "add", "--db", db, "--name", "test").stdout.strip().split()[-1]
            j, _ = expect(url, 200, "GET", "/api/accounts?limit=1000", token=tokens["admin"])
            accounts = j["accounts"]
            nesting(url, tokens["ops"])
            utf8(url, tokens["ops"], wk, bad_account)
            visibility(url, tokens, accounts[1]["account_id"])
            reference_requests(url, db, tokens, accounts)
            many_event_names(url, tokens["ops"], accounts[2]["account_id"])
            headers_and_metrics(url, db, tmp)
    print("hardening: ok")


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        print("FAIL:", e)
        sys.exit(1)
