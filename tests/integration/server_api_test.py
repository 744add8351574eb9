#!/usr/bin/env python3
"""`tend serve` through its HTTP API, on a generated workspace (120 accounts, saas template)
served --as-of 2026-11-20: first-run setup; sessions (cookie flags, CSRF, logout, lockout),
API tokens and disabled users; every cell of the role matrix against /api/openapi.json; the
OpenAPI document against the routes; error shapes (bad JSON, missing and mistyped fields,
oversized bodies, unknown routes); the accounts list (cursor pages, filters, sorting) and the
360 bundle; the cockpit (CTA lifecycle, ownership, playbooks, timeline, success plans);
definitions (validate, preview, apply); CSV upload; /healthz and /metrics."""
import csv, http.client, json, os, re, sys, tempfile, time, urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import PASSWORD, ROLES, Server, call, make_workspace, setup_users  # noqa: E402

tend, source = sys.argv[1], sys.argv[2]
AS_OF = "2026-11-20"


class Failure(Exception):
    pass


def check(cond, what, *context):
    if not cond:
        extra = "".join("\n  " + (c if isinstance(c, str) else json.dumps(c, default=str)[:1500])
                        for c in context)
        raise Failure(what + extra)


class Api:
    """Calls against one server; remembers nothing but the URL."""

    def __init__(self, url):
        self.url = url

    def __call__(self, method, path, body=None, **kw):
        return call(self.url, method, path, body=body, **kw)

    def expect(self, status, method, path, body=None, code=None, field=None, **kw):
        """Calls and checks the status (and the error code / field); returns (json, headers)."""
        s, j, h = self(method, path, body, **kw)
        check(s == status, f"{method} {path}: status {s}, expected {status}", j)
        if code is not None or field is not None:
            check(isinstance(j, dict) and isinstance(j.get("error"), dict),
                  f"{method} {path}: no error object", j)
        if code is not None:
            check(j["error"].get("code") == code,
                  f"{method} {path}: error code {j['error'].get('code')!r}, expected {code!r}", j)
        if field is not None:
            check(j["error"].get("field") == field,
                  f"{method} {path}: error field {j['error'].get('field')!r}, expected {field!r}", j)
        return j, h


def error_shape(j):
    return (isinstance(j, dict) and list(j) == ["error"] and isinstance(j["error"], dict)
            and {"code", "message", "field"} <= set(j["error"])
            and isinstance(j["error"]["code"], str) and isinstance(j["error"]["message"], str))


def q(path, **params):
    return path + "?" + urllib.parse.urlencode(params)


def session_cookie(headers):
    sc = headers.get("Set-Cookie") or ""
    m = re.match(r"tend_session=([^;]*)", sc)
    check(m, "no tend_session cookie in Set-Cookie", sc)
    return "tend_session=" + m.group(1), sc


# ---------------------------------------------------------------------------------------------
# 1. First-run setup and the users of every role.


def first_run(api, srv, db):
    token = srv.read_setup_token()
    check(token, "the server printed no setup token although the workspace has no users")
    root = {"email": "root@example.com", "name": "Root Admin", "password": PASSWORD}
    api.expect(401, "POST", "/api/setup", dict(root, token="setup_wrong"), code="auth.badSetupToken")
    api.expect(422, "POST", "/api/setup", {"token": token, "email": "root@example.com"},
               field="name")
    j, _ = api.expect(201, "POST", "/api/setup", dict(root, token=token))
    check(j.get("role") == "admin" and j.get("email") == "root@example.com", "setup user", j)
    api.expect(409, "POST", "/api/setup", dict(root, token=token, email="root2@example.com"),
               code="auth.setupDone")
    # The admin logs in to look at the book and pick the CSM with the most open CTAs on
    # their own accounts.
    _, h = api.expect(200, "POST", "/api/login", {"email": "root@example.com", "password": PASSWORD})
    cookie, _ = session_cookie(h)
    j, _ = api.expect(200, "GET", q("/api/accounts", limit=1000, status="all"), cookie=cookie)
    accounts = {a["account_id"]: a for a in j["accounts"]}
    check(len(accounts) == 120, f"{len(accounts)} accounts listed with status=all, expected 120")
    j, _ = api.expect(200, "GET", q("/api/ctas", limit=5000), cookie=cookie)
    ctas = j["ctas"]
    check(ctas, "no open CTAs after the first refresh", j)
    per_csm = {}
    for c in ctas:
        csm = accounts[c["account_id"]]["csm"]
        if csm and c["owner"] == csm:
            per_csm.setdefault(csm, []).append(c)
    check(per_csm, "no open CTA is owned by its account's CSM", ctas[:3])
    csm = sorted(per_csm, key=lambda n: (-len(per_csm[n]), n))[0]
    tokens = setup_users(tend, db, csm_name=csm)
    j, _ = api.expect(200, "GET", "/api/users", token=tokens["admin"])
    check(sorted(u["role"] for u in j["users"]) == sorted(ROLES + ["admin"]), "users", j)
    j, _ = api.expect(200, "GET", "/api/me", token=tokens["csm"])
    check(j["user"]["name"] == csm and j["user"]["role"] == "csm", "csm user", j)
    print(f"  setup: admin created, {len(ROLES)} role users; csm is {csm!r} "
          f"({len(per_csm[csm])} open CTAs of their own)")
    return tokens, csm, accounts, ctas


# ---------------------------------------------------------------------------------------------
# 2. Sessions, lockout, tokens, disabled users.


def sessions(api, tokens):
    bad = api.expect(401, "POST", "/api/login", {"email": "viewer@example.com", "password": "nope nope"})[0]
    unknown = api.expect(401, "POST", "/api/login", {"email": "nobody@example.com", "password": "nope nope"})[0]
    check(bad["error"]["code"] == unknown["error"]["code"] == "auth.badLogin"
          and bad["error"]["message"] == unknown["error"]["message"],
          "a wrong password and an unknown email must answer alike", bad, unknown)
    api.expect(422, "POST", "/api/login", {"email": "viewer@example.com"}, field="password")

    j, h = api.expect(200, "POST", "/api/login", {"email": "OPS@example.com", "password": PASSWORD})
    cookie, raw = session_cookie(h)
    flags = [p.strip() for p in raw.split(";")]
    check("HttpOnly" in flags and "SameSite=Strict" in flags and "Path=/" in flags,
          "session cookie flags", raw)
    check(j["user"]["email"] == "ops@example.com" and j.get("csrf_token"), "login body", j)
    csrf = j["csrf_token"]
    me, _ = api.expect(200, "GET", "/api/me", cookie=cookie)
    check(me["user"]["role"] == "ops" and me.get("csrf_token") == csrf, "/api/me with the cookie", me)
    # State changes with a cookie need the CSRF token.
    api.expect(403, "POST", "/api/me/tokens", {"name": "no csrf"}, cookie=cookie, code="auth.csrf")
    api.expect(403, "POST", "/api/me/tokens", {"name": "bad csrf"}, cookie=cookie,
               headers={"X-CSRF-Token": "wrong"}, code="auth.csrf")
    made, _ = api.expect(201, "POST", "/api/me/tokens", {"name": "from the browser"}, cookie=cookie,
                         headers={"X-CSRF-Token": csrf})
    new_token = made["token"]
    check(new_token.startswith("tend_"), "token format", made)
    # The token works, is listed without its secret, and is revoked with DELETE.
    api.expect(200, "GET", "/api/me", token=new_token)
    listed, _ = api.expect(200, "GET", "/api/me/tokens", token=new_token)
    check(new_token not in json.dumps(listed), "the token list shows a secret", listed)
    mine = [t for t in listed["tokens"] if t["name"] == "from the browser"]
    check(len(mine) == 1 and new_token.startswith(mine[0]["prefix"]), "token listing", listed)
    api.expect(404, "DELETE", "/api/me/tokens/999999", token=new_token)
    api.expect(200, "DELETE", f"/api/me/tokens/{mine[0]['token_id']}", cookie=cookie,
               headers={"X-CSRF-Token": csrf})
    api.expect(401, "GET", "/api/me", token=new_token, code="auth.badToken")
    # Another user cannot revoke ops's CLI token.
    listed, _ = api.expect(200, "GET", "/api/me/tokens", cookie=cookie)
    cli = [t for t in listed["tokens"] if t["name"] == "test"][0]
    api.expect(404, "DELETE", f"/api/me/tokens/{cli['token_id']}", token=tokens["viewer"])
    api.expect(200, "GET", "/api/me", token=tokens["ops"])
    # Logout ends the session, with the CSRF token only (another site cannot log us out).
    api.expect(403, "POST", "/api/logout", cookie=cookie, code="auth.csrf")
    api.expect(200, "GET", "/api/me", cookie=cookie)
    api.expect(200, "POST", "/api/logout", cookie=cookie, headers={"X-CSRF-Token": csrf})
    api.expect(401, "GET", "/api/me", cookie=cookie, code="auth.badSession")
    api.expect(401, "GET", "/api/me", cookie="tend_session=tends_forged")
    api.expect(401, "GET", "/api/me", token="tend_forged", code="auth.badToken")
    api.expect(401, "GET", "/api/me", code="auth.required")

    # Lockout: five wrong passwords for an email, then the sixth attempt is refused.
    admin = tokens["admin"]
    api.expect(201, "POST", "/api/users", {"email": "locked@example.com", "name": "Locked Out",
                                           "role": "viewer", "password": PASSWORD}, token=admin)
    for k in range(5):
        t5 = time.time()
        api.expect(401, "POST", "/api/login", {"email": "locked@example.com", "password": f"wrong {k}xx"},
                   code="auth.badLogin")
    s, j, h = api("POST", "/api/login", {"email": "locked@example.com", "password": PASSWORD})
    if s == 401 and time.time() - t5 >= 1.0:
        # The first wait is one second from the fifth failure: a very slow password hash can
        # outlast it. The next (seventh) attempt must then wait two seconds.
        print("  note: the sixth login came more than 1 s after the fifth; trying a seventh")
        s, j, h = api("POST", "/api/login", {"email": "locked@example.com", "password": PASSWORD})
    check(s == 429 and j["error"]["code"] == "auth.tooManyAttempts",
          f"login after five failures: {s}, expected 429 auth.tooManyAttempts", j)
    ra = h.get("Retry-After")
    check(ra is not None and ra.isdigit() and int(ra) >= 1, f"Retry-After {ra!r} on 429", j)
    # Other emails are not affected.
    api.expect(200, "POST", "/api/login", {"email": "viewer@example.com", "password": PASSWORD})

    # A disabled user's token, session and password stop working.
    gone, _ = api.expect(201, "POST", "/api/users", {"email": "gone@example.com", "name": "Gone User",
                                                     "role": "csm", "password": PASSWORD}, token=admin)
    j, h = api.expect(200, "POST", "/api/login", {"email": "gone@example.com", "password": PASSWORD})
    gcookie, _ = session_cookie(h)
    gtok = api.expect(201, "POST", "/api/me/tokens", {"name": "gone"}, cookie=gcookie,
                      headers={"X-CSRF-Token": j["csrf_token"]})[0]["token"]
    api.expect(200, "GET", "/api/me", token=gtok)
    api.expect(403, "PATCH", f"/api/users/{gone['user_id']}", {"disabled": True}, token=tokens["ops"],
               code="auth.forbidden")
    api.expect(422, "PATCH", f"/api/users/{gone['user_id']}", {"disabled": "yes"}, token=admin,
               field="disabled")
    j, _ = api.expect(200, "PATCH", f"/api/users/{gone['user_id']}", {"disabled": True}, token=admin)
    check(j["disabled"] is True, "PATCH disabled", j)
    api.expect(401, "GET", "/api/me", token=gtok)
    api.expect(401, "GET", "/api/me", cookie=gcookie)
    api.expect(401, "POST", "/api/login", {"email": "gone@example.com", "password": PASSWORD},
               code="auth.badLogin")
    api.expect(404, "PATCH", "/api/users/999999", {"disabled": True}, token=admin)
    print("  sessions: cookie flags, CSRF, logout, lockout (429), tokens, disabled user: ok")


# ---------------------------------------------------------------------------------------------
# 3. The role matrix and 4. the OpenAPI document against the routes.


def fill(path):
    """A path with parameters that cannot exist."""
    def value(m):
        name = m.group(1)
        if path.startswith("/api/accounts/"):
            return "no-such-account"
        if path.startswith("/api/contacts/"):
            return "no-such-contact"
        if name == "kind":
            return "no-such-kind"
        return "999999"
    return re.sub(r"\{([^}]+)\}", value, path)


def operations(doc):
    for path, methods in sorted(doc["paths"].items()):
        for method, op in sorted(methods.items()):
            yield path, method.upper(), op


def role_matrix(api, tokens, doc):
    rows, cells = [], 0
    for path, method, op in operations(doc):
        roles = op.get("x-roles")
        if path == "/api/stream" or path.startswith("/v1/") or roles in (None, ["public"]):
            continue
        check(set(roles) <= set(ROLES) and roles, f"{method} {path}: x-roles {roles}")
        url = fill(path)
        body = None if method == "GET" else {}
        line = []
        for role in ROLES:
            s, j, _ = api(method, url, body, token=tokens[role])
            cells += 1
            if role in roles:
                check(s not in (401, 403) and s < 500,
                      f"{method} {url} as {role} (allowed by x-roles {roles}): {s}", j)
                check(s in (200, 201, 400, 404, 409, 422),
                      f"{method} {url} as {role}: unexpected status {s}", j)
                line.append(f"{role}:{s}")
            else:
                check(s == 403 and error_shape(j) and j["error"]["code"] == "auth.forbidden",
                      f"{method} {url} as {role} (not in x-roles {roles}): {s}, expected 403 "
                      "auth.forbidden", j)
                line.append(f"{role}:-")
        s, j, _ = api(method, url, body)
        cells += 1
        check(s == 401 and error_shape(j) and j["error"]["code"] == "auth.required",
              f"{method} {url} without credentials: {s}, expected 401 auth.required", j)
        rows.append(f"    {method:6} {path:34} " + " ".join(f"{c:10}" for c in line) + " anon:401")
    print(f"  role matrix: {len(rows)} operations x {len(ROLES)} roles + anonymous = {cells} calls "
          "(role:status when allowed, role:- when 403)")
    print("\n".join(rows))


def openapi_routes(api, tokens, doc):
    admin = tokens["admin"]
    n = 0
    for path, method, op in operations(doc):
        url = fill(path)
        if path == "/api/stream":
            stream_check(api, admin)
            n += 1
            continue
        body = None if method == "GET" else {}
        if path.startswith("/v1/"):
            s, j, _ = api(method, url, body)  # no write key: 401, but routed
            check(s == 401, f"{method} {path} without a write key: {s}", j)
        elif path in ("/api/setup", "/api/login", "/api/logout"):
            s, j, _ = api(method, url, body)
        else:
            s, j, _ = api(method, url, body, token=admin)
        noroute = s == 404 and isinstance(j, dict) and j.get("error", {}).get("code") == "api.noRoute"
        check(not noroute, f"{method} {path} is in the OpenAPI document but not routed", j)
        check(s < 500, f"{method} {url}: {s}", j)
        n += 1
    # Routes that are not in the document.
    listed = {(p, m) for p, m, _ in operations(doc)}
    for method, path in [("GET", "/api/nope"), ("GET", "/api/accounts/A0000001/nope"),
                         ("DELETE", "/api/accounts"), ("POST", "/api/stats"), ("PUT", "/api/ctas"),
                         ("GET", "/api/v2/accounts"), ("GET", "/api/accounts/"), ("POST", "/healthz")]:
        check((path, method) not in listed, f"{method} {path} is documented")
        s, j, _ = api(method, path, None if method == "GET" else {}, token=admin)
        check(s == 404 and error_shape(j) and j["error"]["code"] == "api.noRoute"
              and j["error"]["field"] is None and path in j["error"]["message"],
              f"{method} {path}: {s}, expected 404 api.noRoute with the error shape", j)
    print(f"  openapi: {n} documented operations all routed; undocumented routes give 404 api.noRoute")


def stream_check(api, token):
    """GET /api/stream answers 200 text/event-stream with a hello event (read, then closed)."""
    api.expect(401, "GET", "/api/stream", code="auth.required")
    u = urllib.parse.urlparse(api.url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    try:
        conn.request("GET", "/api/stream", headers={"Authorization": "Bearer " + token})
        r = conn.getresponse()
        check(r.status == 200, f"/api/stream: {r.status}")
        check(r.getheader("Content-Type", "").startswith("text/event-stream"),
              "/api/stream content type", r.getheader("Content-Type"))
        first = r.read1(4096).decode()
        check("event: hello" in first, "/api/stream: no hello event", first)
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------
# 5. Errors.


def errors(api, tokens):
    tok = tokens["viewer"]
    j, _ = api.expect(400, "POST", "/api/me/tokens", raw='{"name": "x",, }', token=tok,
                      headers={"Content-Type": "application/json"}, code="api.badJson")
    check(error_shape(j) and re.search(r"at byte \d+", j["error"]["message"]),
          "the malformed JSON message names the byte position", j)
    api.expect(400, "POST", "/api/me/tokens", raw="", token=tok, code="api.badJson")
    api.expect(422, "POST", "/api/me/tokens", raw="[1, 2]", token=tok, code="api.notObject",
               headers={"Content-Type": "application/json"})
    j, _ = api.expect(422, "POST", "/api/me/tokens", {}, token=tok, field="name")
    check(error_shape(j) and "name" in j["error"]["message"], "missing field message", j)
    api.expect(422, "POST", "/api/me/tokens", {"name": 5}, token=tok, field="name")
    api.expect(422, "POST", "/api/ctas", {"account_id": "A0000001", "title": ["x"]},
               token=tokens["admin"], field="title")
    api.expect(422, "POST", "/api/users", {"email": "x@example.com", "name": "X", "role": "boss",
                                           "password": PASSWORD}, token=tokens["admin"], field="role")
    big = '{"name": "' + "x" * ((1 << 20) + 1000) + '"}'
    j, _ = api.expect(413, "POST", "/api/me/tokens", raw=big, token=tok,
                      headers={"Content-Type": "application/json"}, code="api.tooLarge")
    check(error_shape(j), "413 error shape", j)
    j, _ = api.expect(404, "GET", "/api/definitely/not/here", token=tok, code="api.noRoute")
    check(error_shape(j), "404 error shape", j)
    # The server still answers after the oversized body.
    api.expect(200, "GET", "/api/me", token=tok)
    print("  errors: bad JSON 400 (byte position), missing/mistyped fields 422, 1 MB+ body 413, 404: ok")


# ---------------------------------------------------------------------------------------------
# 6. Accounts.


def pages(api, tok, limit, **params):
    """Every page of GET /api/accounts; returns (rows, totals, pages)."""
    rows, totals, cursor, n = [], set(), None, 0
    while True:
        p = dict(params, limit=limit)
        if cursor:
            p["cursor"] = cursor
        j, _ = api.expect(200, "GET", q("/api/accounts", **p), token=tok)
        n += 1
        check(n <= 200, "the cursor never ends", params)
        check(len(j["accounts"]) <= limit, f"page larger than limit {limit}", j)
        totals.add(j["total"])
        check(j["as_of"] == AS_OF, "as_of of the list", j["as_of"])
        rows += j["accounts"]
        cursor = j["next_cursor"]
        if cursor is None:
            break
        check(j["accounts"] and cursor == j["accounts"][-1]["account_id"],
              "next_cursor is not the last row of the page", cursor)
    return rows, totals, n


def accounts_checks(api, tokens, data_dir, csm):
    tok = tokens["sales"]  # the list and the 360 are open to every role
    with open(os.path.join(data_dir, "accounts.csv"), newline="", encoding="utf-8") as f:
        file_active = {r["account_id"] for r in csv.DictReader(f) if r["status"] in ("", "active")}
    full, _ = api.expect(200, "GET", q("/api/accounts", limit=1000), token=tok)
    active = full["accounts"]
    check(full["total"] == len(active) == len(file_active) and full["next_cursor"] is None,
          f"active accounts: total {full['total']}, listed {len(active)}, file {len(file_active)}")
    check({a["account_id"] for a in active} == file_active, "the active accounts differ from the file")
    check(all(a["status"] == "active" for a in active), "a non-active row in the default list")
    by_id = {a["account_id"]: a for a in active}

    # Cursor pages: every active account exactly once, in two orders.
    for limit, params in [(17, {}), (10, {"sort": "overall", "order": "desc"}),
                          (25, {"sort": "name"})]:
        rows, totals, n = pages(api, tok, limit, **params)
        ids = [r["account_id"] for r in rows]
        check(totals == {len(file_active)}, f"totals {totals} across pages ({params})")
        check(len(ids) == len(set(ids)) == len(file_active) and set(ids) == file_active,
              f"pages of {limit} ({params}): {len(ids)} rows, {len(set(ids))} distinct, "
              f"expected {len(file_active)}")
        if params.get("sort") == "overall":
            vals = [r["overall"] for r in rows]
            check(all(v is not None for v in vals), "an active account has no overall")
            check(all(a >= b for a, b in zip(vals, vals[1:])), "sort=overall&order=desc is not ordered")
        if params.get("sort") == "name":
            names = [r["name"].lower() for r in rows]
            check(names == sorted(names), "sort=name is not ordered")
    j, _ = api.expect(200, "GET", q("/api/accounts", sort="arr", order="asc", limit=1000), token=tok)
    arrs = [a["arr"] for a in j["accounts"] if a["arr"] is not None]
    check(arrs == sorted(arrs), "sort=arr&order=asc is not ordered")
    api.expect(422, "GET", q("/api/accounts", sort="colour"), token=tok, field="sort")
    api.expect(422, "GET", q("/api/accounts", order="sideways"), token=tok, field="order")
    api.expect(422, "GET", q("/api/accounts", limit=0), token=tok, field="limit")
    api.expect(422, "GET", q("/api/accounts", renewal_within_days="soon"), token=tok,
               field="renewal_within_days")

    # Filters: each returns exactly the matching rows.
    name_word = sorted(a["name"].split()[0] for a in active)[len(active) // 2].strip(",\"'").lower()
    filters = [
        ({"color": "red"}, lambda a: a["color"] == "red"),
        ({"color": "yellow,red"}, lambda a: a["color"] in ("yellow", "red")),
        ({"segment": "smb"}, lambda a: a["segment"].lower() == "smb"),
        ({"segment": "enterprise,mid_market"}, lambda a: a["segment"].lower() in ("enterprise", "mid_market")),
        ({"csm": csm}, lambda a: a["csm"] == csm),
        ({"csm": csm.upper()}, lambda a: a["csm"].lower() == csm.lower()),
        ({"q": name_word}, lambda a: name_word in a["name"].lower() or name_word in a["account_id"].lower()),
        ({"q": "a000001"}, lambda a: "a000001" in a["account_id"].lower()),
        ({"renewal_within_days": 60},
         lambda a: a["days_to_renewal"] is not None and 0 <= a["days_to_renewal"] <= 60),
        ({"color": "green", "segment": "smb"}, lambda a: a["color"] == "green" and a["segment"] == "smb"),
    ]
    summary = []
    for params, pred in filters:
        want = {a["account_id"] for a in active if pred(a)}
        rows, totals, _ = pages(api, tok, 20, **params)
        got = [r["account_id"] for r in rows]
        check(len(got) == len(set(got)) and set(got) == want and totals == {len(want)},
              f"filter {params}: got {len(got)} rows (total {totals}), expected {len(want)}",
              sorted(set(got) ^ want))
        for r in rows:
            check(pred(by_id[r["account_id"]]) and pred(r), f"filter {params}: row does not match", r)
        summary.append(f"{'&'.join(f'{k}={v}' for k, v in params.items())}:{len(want)}")
    check(any(int(s.rsplit(":", 1)[1]) > 0 for s in summary[:2]), "no red or yellow account")
    j, _ = api.expect(200, "GET", q("/api/accounts", status="churned", limit=1000), token=tok)
    check(j["total"] == 120 - len(file_active) and all(a["status"] == "churned" for a in j["accounts"]),
          "status=churned", j["total"])

    # The 360 bundle.
    timeline_seen = 0
    for aid in sorted(by_id)[:3] + [next(a["account_id"] for a in active if a["csm"] == csm)]:
        b, _ = api.expect(200, "GET", f"/api/accounts/{aid}", token=tokens["viewer"])
        # Sales gets the same 360 without the parts its own routes refuse it (CTAs, timeline,
        # plans: docs/api.md, "What each role sees").
        bs, _ = api.expect(200, "GET", f"/api/accounts/{aid}", token=tok)
        check(not {"ctas", "timeline", "plans"} & set(bs) and bs["account"] == b["account"]
              and bs["scorecards"] == b["scorecards"], f"the sales 360 of {aid}", sorted(bs))
        row = by_id[aid]
        acc = b["account"]
        check(acc["account_id"] == aid and acc["overall"] == row["overall"]
              and acc["color"] == row["color"] and acc["csm"] == row["csm"],
              f"360 of {aid} differs from its list row", acc, row)
        check(b["as_of"] == AS_OF and isinstance(acc.get("attributes"), dict), "360 account", acc)
        check(b["scorecards"], f"360 of {aid}: no scorecards")
        card = b["scorecards"][0]
        check(card["overall"] == row["overall"] and card["measures"], f"360 of {aid}: scorecard", card)
        for m in card["measures"]:
            check({"value", "score", "weight", "computed_as"} <= set(m) and isinstance(m["weight"], (int, float))
                  and m["computed_as"], f"360 of {aid}: measure fields", m)
        check(sum(m["weight"] for m in card["measures"]) > 0, "measure weights")
        check(b["history"] and any(h["date"] == AS_OF and h["overall"] == row["overall"]
                                   for h in b["history"]),
              f"360 of {aid}: no history row for {AS_OF} with the current overall", b["history"][-3:])
        check(isinstance(b["ctas"]["open"], list) and isinstance(b["ctas"]["closed"], list), "ctas")
        for c in b["ctas"]["open"]:
            check(c["account_id"] == aid and c["status"] != "closed" and isinstance(c["tasks"], list), "open cta", c)
        check(isinstance(b["timeline"]["entries"], list) and b["timeline"]["total"] >= len(b["timeline"]["entries"]),
              "timeline", b["timeline"])
        timeline_seen += len(b["timeline"]["entries"])
        check(isinstance(b["plans"], list), "plans")
        contacts, _ = api.expect(200, "GET", f"/api/accounts/{aid}/contacts", token=tok)
        check(sorted(c["contact_id"] for c in b["contacts"]) ==
              sorted(c["contact_id"] for c in contacts["contacts"]), f"360 of {aid}: contacts")
        hist, _ = api.expect(200, "GET", f"/api/accounts/{aid}/history", token=tok)
        check(any(h["date"] == AS_OF for h in hist["history"]), "history route")
    check(timeline_seen > 0, "every 360 timeline is empty")
    api.expect(404, "GET", "/api/accounts/NO-SUCH-ACCOUNT", token=tok, code="api.noAccount")
    api.expect(404, "GET", "/api/accounts/NO-SUCH-ACCOUNT/history", token=tok, code="api.noAccount")
    api.expect(404, "GET", "/api/accounts/NO-SUCH-ACCOUNT/contacts", token=tok, code="api.noAccount")
    print(f"  accounts: {len(file_active)} active paged exactly once (3 orders); filters "
          + ", ".join(summary) + "; 360 bundles: ok")
    return by_id


# ---------------------------------------------------------------------------------------------
# 7. The cockpit.


def cockpit(api, tokens, csm, by_id):
    admin, tcsm, viewer = tokens["admin"], tokens["csm"], tokens["viewer"]
    j, _ = api.expect(200, "GET", q("/api/ctas", limit=5000), token=viewer)
    open_ctas = j["ctas"]
    check(j["total"] == len(open_ctas) > 0 and all(c["status"] in ("open", "in_progress") for c in open_ctas),
          "open CTAs", j["total"])
    mine = [c for c in open_ctas if by_id[c["account_id"]]["csm"] == csm and c["owner"] == csm]
    others = [c for c in open_ctas if by_id[c["account_id"]]["csm"] != csm and c["owner"] != csm]
    check(mine and others, "need an open CTA of the csm's and one of another CSM's")
    j, _ = api.expect(200, "GET", q("/api/ctas", mine="true", limit=5000), token=tcsm)
    check({c["cta_id"] for c in j["ctas"]} == {c["cta_id"] for c in open_ctas if c["owner"] == csm},
          "mine=true lists the csm's CTAs")
    cta = mine[0]
    cid, aid = cta["cta_id"], cta["account_id"]
    detail, _ = api.expect(200, "GET", f"/api/ctas/{cid}", token=viewer)
    check(detail["tasks"], f"CTA {cid} has no tasks", detail)
    task = detail["tasks"][0]
    me = "csm@example.com"

    # A viewer may read but not change anything.
    for method, path, body in [("POST", f"/api/ctas/{cid}/start", None),
                               ("POST", f"/api/ctas/{cid}/comment", {"text": "hi"}),
                               ("POST", f"/api/ctas/{cid}/snooze", {"until": "2026-12-01"}),
                               ("POST", f"/api/ctas/{cid}/close", {"reason": "success"}),
                               ("POST", f"/api/ctas/{cid}/assign", {"owner": "x"}),
                               ("PATCH", f"/api/tasks/{task['task_id']}", {"status": "done"}),
                               ("POST", "/api/ctas", {"account_id": aid, "title": "t"}),
                               ("POST", f"/api/accounts/{aid}/timeline", {"type": "call", "subject": "s"}),
                               ("POST", f"/api/accounts/{aid}/plans", {"template": "onboarding"})]:
        api.expect(403, method, path, body, token=viewer, code="auth.forbidden")

    # The lifecycle, as the csm on their own account.
    j, _ = api.expect(200, "POST", f"/api/ctas/{cid}/start", token=tcsm)
    check(j["status"] == "in_progress", "start", j)
    j, _ = api.expect(200, "POST", f"/api/ctas/{cid}/comment", {"text": "Called the champion."}, token=tcsm)
    check(any(c["detail"] == "Called the champion." and c["actor"] == me for c in j["comments"]), "comment", j)
    api.expect(422, "POST", f"/api/ctas/{cid}/comment", {}, token=tcsm, field="text")
    api.expect(422, "PATCH", f"/api/tasks/{task['task_id']}", {"status": "started"}, token=tcsm, field="status")
    j, _ = api.expect(200, "PATCH", f"/api/tasks/{task['task_id']}", {"status": "done", "notes": "done on a call"},
                      token=tcsm)
    check(j["status"] == "done" and j["completed_at"] and j["notes"] == "done on a call", "task done", j)
    api.expect(404, "PATCH", "/api/tasks/999999", {"status": "done"}, token=tcsm)
    api.expect(422, "POST", f"/api/ctas/{cid}/snooze", {"until": AS_OF}, token=tcsm, field="until")
    api.expect(422, "POST", f"/api/ctas/{cid}/snooze", {"until": "next week"}, token=tcsm, field="until")
    j, _ = api.expect(200, "POST", f"/api/ctas/{cid}/snooze", {"until": "2026-12-01"}, token=tcsm)
    check(j["snoozed_until"] == "2026-12-01", "snooze", j)
    j, _ = api.expect(200, "GET", q("/api/ctas", limit=5000), token=viewer)
    check(cid not in [c["cta_id"] for c in j["ctas"]], "a snoozed CTA is listed without include_snoozed")
    j, _ = api.expect(200, "GET", q("/api/ctas", limit=5000, include_snoozed="true"), token=viewer)
    check(cid in [c["cta_id"] for c in j["ctas"]], "include_snoozed=true hides the snoozed CTA")
    api.expect(422, "POST", f"/api/ctas/{cid}/close", {"reason": "bored"}, token=tcsm, field="reason")
    api.expect(422, "POST", f"/api/ctas/{cid}/close", {}, token=tcsm, field="reason")
    j, _ = api.expect(200, "POST", f"/api/ctas/{cid}/close", {"reason": "success", "comment": "renewed"},
                      token=tcsm)
    check(j["status"] == "closed" and j["close_reason"] == "success" and j["closed_at"], "close", j)
    steps = [(e["kind"], e["detail"]) for e in j["history"] if e["actor"] == me]
    want = [("status", "in_progress"), ("comment", "Called the champion."),
            ("task", "done: " + task["title"]), ("snoozed", "until 2026-12-01"),
            ("closed", "success: renewed")]
    check([s for s in steps if s[0] != "task" or s[1].startswith("done")] == want,
          f"CTA {cid} history", steps, want)
    j, _ = api.expect(200, "GET", q("/api/ctas", status="closed"), token=viewer)
    check(cid in [c["cta_id"] for c in j["ctas"]], "status=closed does not list the closed CTA")
    b, _ = api.expect(200, "GET", f"/api/accounts/{aid}", token=viewer)
    check(cid in [c["cta_id"] for c in b["ctas"]["closed"]], "the 360 does not show the closed CTA")
    api.expect(404, "POST", "/api/ctas/999999/start", token=tcsm, code="api.noCta")
    api.expect(404, "POST", "/api/ctas/abc/start", token=tcsm)

    # Not the csm's account: 403 auth.notYourAccount everywhere.
    other = others[0]
    oaid = other["account_id"]
    odetail, _ = api.expect(200, "GET", f"/api/ctas/{other['cta_id']}", token=tcsm)
    for method, path, body in [("POST", f"/api/ctas/{other['cta_id']}/start", None),
                               ("POST", f"/api/ctas/{other['cta_id']}/comment", {"text": "mine now"}),
                               ("POST", f"/api/ctas/{other['cta_id']}/close", {"reason": "success"}),
                               ("POST", f"/api/ctas/{other['cta_id']}/snooze", {"until": "2026-12-01"}),
                               ("POST", f"/api/ctas/{other['cta_id']}/assign", {"owner": csm}),
                               ("PATCH", f"/api/tasks/{odetail['tasks'][0]['task_id']}", {"status": "done"}),
                               ("POST", "/api/ctas", {"account_id": oaid, "title": "Poach"}),
                               ("POST", f"/api/accounts/{oaid}/timeline", {"type": "call", "subject": "s"}),
                               ("POST", f"/api/accounts/{oaid}/plans", {"template": "onboarding"})]:
        api.expect(403, method, path, body, token=tcsm, code="auth.notYourAccount")
    j, _ = api.expect(200, "GET", f"/api/ctas/{other['cta_id']}", token=viewer)
    check(j["status"] == other["status"] and not j["tasks"][0]["completed_at"], "a refused change changed the CTA", j)

    # A new CTA from a playbook.
    pbs, _ = api.expect(200, "GET", "/api/playbooks", token=viewer)
    check(pbs["playbooks"] and pbs["plan_templates"], "playbooks", pbs)
    pb = sorted(pbs["playbooks"], key=lambda p: (-len(p["tasks"]), p["name"]))[0]
    j, _ = api.expect(201, "POST", "/api/ctas", {"account_id": aid, "title": "Quarterly check",
                                                 "type": "lifecycle", "priority": "high",
                                                 "playbook": pb["name"], "due_date": "2026-12-15"},
                      token=tcsm)
    check(j["account_id"] == aid and j["owner"] == csm and j["playbook"] == pb["name"]
          and j["due_date"] == "2026-12-15" and j["status"] == "open", "created CTA", j)
    check([t["title"] for t in j["tasks"]] == [t["title"] for t in pb["tasks"]],
          "the created CTA's tasks are not the playbook's", j["tasks"], pb["tasks"])
    new_cta = j["cta_id"]
    api.expect(422, "POST", "/api/ctas", {"account_id": aid, "title": "x", "playbook": "no_such_playbook"},
               token=tcsm, field="playbook")
    api.expect(422, "POST", "/api/ctas", {"account_id": aid, "title": "x", "priority": "meh"},
               token=tcsm, field="priority")
    api.expect(422, "POST", "/api/ctas", {"account_id": "NO-SUCH", "title": "x"}, token=tcsm,
               field="account_id")
    api.expect(422, "POST", "/api/ctas", {"account_id": aid, "title": "x", "due_date": "2026-02-30"},
               token=tcsm, field="due_date")
    j, _ = api.expect(200, "GET", q("/api/ctas", account_id=aid), token=viewer)
    check(new_cta in [c["cta_id"] for c in j["ctas"]], "the new CTA is not listed")

    # Timeline: the author edits their entry, an admin may, another CSM may not.
    j, _ = api.expect(201, "POST", f"/api/accounts/{aid}/timeline",
                      {"type": "call", "subject": "Renewal call", "notes": "went well"}, token=tcsm)
    entry = j["activity_id"]
    check(j["author"] == me and j["source"] == "user" and j["type"] == "call", "timeline entry", j)
    api.expect(422, "POST", f"/api/accounts/{aid}/timeline", {"type": "carrier_pigeon", "subject": "s"},
               token=tcsm, field="type")
    api.expect(422, "POST", f"/api/accounts/{aid}/timeline", {"type": "call"}, token=tcsm, field="subject")
    api.expect(422, "POST", f"/api/accounts/{aid}/timeline", {"type": "call", "subject": "s",
                                                              "ts": "yesterday"}, token=tcsm, field="ts")
    api.expect(404, "POST", "/api/accounts/NO-SUCH/timeline", {"type": "call", "subject": "s"}, token=tcsm)
    tl, _ = api.expect(200, "GET", q(f"/api/accounts/{aid}/timeline", type="call"), token=viewer)
    check(entry in [e["activity_id"] for e in tl["entries"]] and all(e["type"] == "call" for e in tl["entries"]),
          "timeline listing", tl)
    j, _ = api.expect(200, "PATCH", f"/api/timeline/{entry}", {"subject": "Renewal call (edited)"}, token=tcsm)
    check(j["subject"] == "Renewal call (edited)" and j["notes"] == "went well", "edit by author", j)
    api.expect(422, "PATCH", f"/api/timeline/{entry}", {"type": "smoke_signal"}, token=tcsm, field="type")
    j, _ = api.expect(200, "PATCH", f"/api/timeline/{entry}", {"notes": "admin note"}, token=admin)
    check(j["notes"] == "admin note" and j["author"] == me, "edit by admin", j)
    api.expect(201, "POST", "/api/users", {"email": "csm2@example.com", "name": "Second Csm", "role": "csm",
                                           "password": PASSWORD}, token=admin)
    lj, h = api.expect(200, "POST", "/api/login", {"email": "csm2@example.com", "password": PASSWORD})
    c2, _ = session_cookie(h)
    csrf2 = {"X-CSRF-Token": lj["csrf_token"]}
    api.expect(403, "PATCH", f"/api/timeline/{entry}", {"subject": "mine"}, cookie=c2, headers=csrf2,
               code="api.notYourEntry")
    api.expect(403, "PATCH", f"/api/timeline/{entry}", {"subject": "mine"}, token=viewer, code="auth.forbidden")
    sys_entry = next((e for e in tl["entries"] if e["source"] != "user"), None)
    if sys_entry:
        api.expect(403, "PATCH", f"/api/timeline/{sys_entry['activity_id']}", {"subject": "x"}, token=tcsm,
                   code="api.notYourEntry")
    api.expect(404, "PATCH", "/api/timeline/999999", {"subject": "x"}, token=tcsm)
    b, _ = api.expect(200, "GET", f"/api/accounts/{aid}", token=viewer)
    got = [e for e in b["timeline"]["entries"] if e["activity_id"] == entry]
    check(got and got[0]["subject"] == "Renewal call (edited)" and got[0]["notes"] == "admin note",
          "the 360 timeline does not show the edited entry", got)

    # Success plans.
    tmpl = sorted(pbs["plan_templates"], key=lambda t: t["name"])[0]
    api.expect(422, "POST", f"/api/accounts/{aid}/plans", {"template": "no_such_template"}, token=tcsm,
               field="template")
    j, _ = api.expect(201, "POST", f"/api/accounts/{aid}/plans", {"template": tmpl["name"]}, token=tcsm)
    plan_id = j["plan_id"]
    plans, _ = api.expect(200, "GET", f"/api/accounts/{aid}/plans", token=viewer)
    plan = next(p for p in plans["plans"] if p["plan_id"] == plan_id)
    check([o["title"] for o in plan["objectives"]] == [o["title"] for o in tmpl["objectives"]],
          "plan objectives", plan, tmpl)
    oid = plan["objectives"][0]["objective_id"]
    api.expect(422, "PATCH", f"/api/objectives/{oid}", {"status": "finished"}, token=tcsm, field="status")
    j, _ = api.expect(200, "PATCH", f"/api/objectives/{oid}", {"status": "on_track"}, token=tcsm)
    check(j["status"] == "on_track", "objective status", j)
    api.expect(404, "PATCH", "/api/objectives/999999", {"status": "done"}, token=tcsm)
    api.expect(403, "PATCH", f"/api/objectives/{oid}", {"status": "done"}, token=viewer, code="auth.forbidden")
    b, _ = api.expect(200, "GET", f"/api/accounts/{aid}", token=viewer)
    bplan = next(p for p in b["plans"] if p["plan_id"] == plan_id)
    check(bplan["objectives"][0]["status"] == "on_track" and bplan["created_by"] == me, "360 plan", bplan)
    # An objective of another CSM's account: the csm may not change it.
    j, _ = api.expect(201, "POST", f"/api/accounts/{oaid}/plans", {"template": tmpl["name"]}, token=admin)
    oplans, _ = api.expect(200, "GET", f"/api/accounts/{oaid}/plans", token=viewer)
    ooid = next(p for p in oplans["plans"] if p["plan_id"] == j["plan_id"])["objectives"][0]["objective_id"]
    api.expect(403, "PATCH", f"/api/objectives/{ooid}", {"status": "done"}, token=tcsm,
               code="auth.notYourAccount")
    api.expect(403, "PATCH", f"/api/objectives/{ooid}", {"status": "done"}, cookie=c2, headers=csrf2,
               code="auth.notYourAccount")
    api.expect(200, "PATCH", f"/api/objectives/{ooid}", {"status": "at_risk"}, token=admin)
    oplans, _ = api.expect(200, "GET", f"/api/accounts/{oaid}/plans", token=viewer)
    ostat = next(p for p in oplans["plans"] if p["plan_id"] == j["plan_id"])["objectives"][0]["status"]
    check(ostat == "at_risk", f"objective of another CSM's account: {ostat}")
    print(f"  cockpit: CTA {cid} started/commented/task done/snoozed/closed by {csm!r}; other book 403; "
          f"playbook {pb['name']} CTA with {len(pb['tasks'])} tasks; timeline edits; plan {tmpl['name']}: ok")


# ---------------------------------------------------------------------------------------------
# 8. Definitions.


def definitions(api, tokens, by_id):
    ops = tokens["ops"]
    defs, _ = api.expect(200, "GET", "/api/definitions", token=tokens["viewer"])
    files = defs["files"]
    check(files and all(f["path"].endswith(".yaml") and f["content"] for f in files), "definition files", defs)
    api.expect(403, "POST", "/api/definitions/validate", {"files": files}, token=tokens["csm"],
               code="auth.forbidden")
    body = {"files": [{"path": f["path"], "content": f["content"]} for f in files]}
    j, _ = api.expect(200, "POST", "/api/definitions/validate", body, token=ops)
    check(j == {"valid": True, "errors": []}, "the definitions in force do not validate", j)
    # A measure naming a metric that does not exist.
    target = next(f for f in files if re.search(r"^\s+value: [a-z_0-9]+\s*$", f["content"], re.M))
    lines = target["content"].split("\n")
    k = next(i for i, l in enumerate(lines) if re.match(r"^\s+value: [a-z_0-9]+\s*$", l))
    metric = lines[k].split("value:")[1].strip()
    lines[k] = lines[k].replace(metric, "no_such_metric_30d")
    broken = [{"path": f["path"], "content": "\n".join(lines) if f is target else f["content"]} for f in files]
    j, _ = api.expect(200, "POST", "/api/definitions/validate", {"files": broken}, token=ops)
    check(j["valid"] is False and j["errors"], "a broken file validates", j)
    e = j["errors"][0]
    check(e["file"] == target["path"] and e["line"] == k + 1 and isinstance(e["column"], int) and e["column"] >= 1
          and "no_such_metric_30d" in e["message"],
          f"validation error position: expected {target['path']}:{k + 1}", j["errors"])
    j, _ = api.expect(422, "PUT", "/api/definitions", {"files": broken}, token=ops, code="definitions.invalid",
                      field="files")
    check(j["error"]["errors"][0]["line"] == k + 1, "PUT with errors", j)
    api.expect(422, "POST", "/api/definitions/validate", {"files": []}, token=ops, field="files")
    api.expect(422, "POST", "/api/definitions/validate", {"files": [{"path": "x.yaml"}]}, token=ops, field="files")
    # Preview a rule condition.
    j, _ = api.expect(200, "POST", "/api/definitions/preview", {"condition": "health.overall < 60"}, token=ops)
    want = {a for a, r in by_id.items() if r["overall"] is not None and r["overall"] < 60}
    got = {r["account_id"] for r in j["accounts"]}
    check(j["matches"] == len(want) and got == want, f"preview health.overall < 60: {j['matches']} matches, "
          f"expected {len(want)}", sorted(got ^ want))
    for r in j["accounts"]:
        check(float(r["values"]["health.overall"]) < 60, "a preview row does not match", r)
    j2, _ = api.expect(200, "POST", "/api/definitions/preview", {"condition": "health.overall < 60", "limit": 2},
                       token=ops)
    check(j2["matches"] == len(want) and len(j2["accounts"]) == min(2, len(want)), "preview limit", j2)
    api.expect(422, "POST", "/api/definitions/preview", {"condition": "health.overall <"}, token=ops,
               field="condition")
    api.expect(422, "POST", "/api/definitions/preview", {"condition": "no_such_name > 1"}, token=ops,
               field="condition")
    api.expect(422, "POST", "/api/definitions/preview", {}, token=ops, field="condition")
    # Apply the same files: 200, and the server keeps answering with the same scores.
    before, _ = api.expect(200, "GET", q("/api/accounts", limit=1000), token=ops)
    j, _ = api.expect(200, "PUT", "/api/definitions", body, token=ops)
    check(j["applied"] == len(files) and j["scorecards"] >= 1 and j["metrics"] >= 1, "apply", j)
    api.expect(200, "GET", "/healthz")
    after, _ = api.expect(200, "GET", q("/api/accounts", limit=1000), token=ops)
    check([(a["account_id"], a["overall"], a["color"]) for a in after["accounts"]] ==
          [(a["account_id"], a["overall"], a["color"]) for a in before["accounts"]],
          "scores changed after applying the same definitions")
    defs2, _ = api.expect(200, "GET", "/api/definitions", token=ops)
    check([(f["path"], f["content"]) for f in defs2["files"]] == [(f["path"], f["content"]) for f in files],
          "GET /api/definitions after PUT")
    print(f"  definitions: validate ({e['file']}:{e['line']}:{e['column']}), preview ({len(want)} accounts "
          "< 60), apply: ok")


# ---------------------------------------------------------------------------------------------
# 9. CSV upload.


def import_upload(api, tokens, csm):
    ops = tokens["ops"]
    stats0, _ = api.expect(200, "GET", "/api/stats", token=ops)
    header = "account_id,name,industry,segment,region,arr,start_date,renewal_date,csm,status\n"
    good1 = f"Z9000001,Upload One GmbH,retail,smb,emea,12000,2026-01-10,2027-01-10,{csm},active\n"
    bad = f"Z9000002,Upload Two Ltd,retail,smb,emea,lots,2026-01-10,2027-01-10,{csm},active\n"
    good2 = f"Z9000003,\"Upload Three, Inc.\",retail,mid_market,amer,54000,2025-05-01,2026-12-31,{csm},active\n"
    body = (header + good1 + bad + good2).encode()
    ct = {"Content-Type": "text/csv"}
    api.expect(403, "POST", "/api/import/accounts", raw=body, token=tokens["csm"], headers=ct, code="auth.forbidden")
    j, _ = api.expect(422, "POST", q("/api/import/accounts", filename="upload.csv"), raw=body, token=ops,
                      headers=ct, code="ingest.rejected", field="file")
    msgs = j["error"]["messages"]
    check(j["error"]["problems"] == 1 and len(msgs) == 1 and msgs[0].startswith("upload.csv:3:")
          and "arr" in msgs[0], "the rejected upload's messages", msgs)
    # Without a filename the kind names the file; directories are dropped.
    j, _ = api.expect(422, "POST", "/api/import/accounts", raw=body, token=ops, headers=ct)
    check(j["error"]["messages"][0].startswith("accounts.csv:3:"), "default file name", j)
    j, _ = api.expect(422, "POST", q("/api/import/accounts", filename="../../etc/up.csv"), raw=body, token=ops,
                      headers=ct)
    check(j["error"]["messages"][0].startswith("up.csv:3:"), "file name with directories", j)
    stats1, _ = api.expect(200, "GET", "/api/stats", token=ops)
    check(stats1["accounts"] == stats0["accounts"], "a rejected upload changed the account count",
          stats0["accounts"], stats1["accounts"])
    api.expect(404, "GET", "/api/accounts/Z9000001", token=ops)
    api.expect(404, "POST", "/api/import/widgets", raw=body, token=ops, headers=ct, code="api.badKind")
    api.expect(400, "POST", "/api/import/accounts", raw=b"", token=ops, headers=ct)
    # skip_bad: the good rows go in, the bad one comes back.
    j, _ = api.expect(200, "POST", q("/api/import/accounts", filename="upload.csv", skip_bad="true"), raw=body,
                      token=ops, headers=ct)
    check(j["committed"] is True and j["files"][0]["imported"] == 2 and j["files"][0]["rejected"] == 1,
          "skip_bad import report", j)
    rej = list(csv.DictReader(j["rejected_csv"].splitlines()))
    check(len(rej) == 1 and "Z9000002" in rej[0].get("row", "") and rej[0].get("line") == "3",
          "rejected_csv", j["rejected_csv"])
    stats2, _ = api.expect(200, "GET", "/api/stats", token=ops)
    check(stats2["accounts"] == stats0["accounts"] + 2, "account count after skip_bad",
          stats0["accounts"], stats2["accounts"])
    b, _ = api.expect(200, "GET", "/api/accounts/Z9000001", token=tokens["viewer"])
    check(b["account"]["name"] == "Upload One GmbH" and b["account"]["csm"] == csm
          and b["account"]["arr"] == 12000 and b["account"]["renewal_date"] == "2027-01-10", "imported account", b["account"])
    b3, _ = api.expect(200, "GET", "/api/accounts/Z9000003", token=tokens["viewer"])
    check(b3["account"]["name"] == "Upload Three, Inc.", "quoted name", b3["account"])
    api.expect(404, "GET", "/api/accounts/Z9000002", token=ops)
    j, _ = api.expect(200, "GET", q("/api/accounts", q="upload", limit=1000), token=ops)
    check(sorted(a["account_id"] for a in j["accounts"]) == ["Z9000001", "Z9000003"], "search for the uploads", j)
    print("  import: rejected upload (upload.csv:3) changes nothing; skip_bad imports 2, rejects 1; reload: ok")


# ---------------------------------------------------------------------------------------------
# 10. Operations.


def operations_checks(api):
    s, j, h = api("GET", "/healthz")
    check(s == 200 and isinstance(j, dict) and j.get("status") == "ok" and j.get("as_of") == AS_OF,
          "/healthz", s, j)
    check(h.get("Content-Type", "").startswith("application/json"), "/healthz content type")
    s, text, h = api("GET", "/metrics")
    check(s == 200 and isinstance(text, str), "/metrics", s)
    for name in ["tend_http_requests_total", "tend_http_request_duration_seconds"]:
        check(re.search(rf"^{name}(_bucket|_sum|_count)?{{", text, re.M), f"/metrics lacks {name}", text[:2000])
    check(re.search(r'^tend_http_requests_total\{[^}]*status="403"', text, re.M), "/metrics: no 403 counted")
    print("  operations: /healthz and /metrics: ok")


def main():
    start = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        db = make_workspace(tend, tmp, accounts=120, end=AS_OF)
        srv = Server(tend, db, as_of=AS_OF)
        with srv:
            try:
                api = Api(srv.url)
                tokens, csm, _, _ = first_run(api, srv, db)
                sessions(api, tokens)
                doc, _ = api.expect(200, "GET", "/api/openapi.json")
                check(doc.get("openapi", "").startswith("3.") and doc["paths"], "openapi document")
                role_matrix(api, tokens, doc)
                openapi_routes(api, tokens, doc)
                errors(api, tokens)
                by_id = accounts_checks(api, tokens, os.path.join(tmp, "data"), csm)
                cockpit(api, tokens, csm, by_id)
                definitions(api, tokens, by_id)
                import_upload(api, tokens, csm)
                operations_checks(api)
            except Failure as e:
                srv.stop()
                err = srv.proc.stderr.read() if srv.proc and srv.proc.stderr else ""
                sys.stdout.flush()
                sys.exit(f"server api: FAILED: {e}" + (f"\nserver stderr:\n{err[-3000:]}" if err else ""))
            code = srv.stop()
            for pipe in (srv.proc.stdout, srv.proc.stderr):
                pipe.close()
            check(code == 0, f"tend serve exited with {code} on SIGTERM")
    print(f"server api: ok ({time.time() - start:.1f} s)")


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        sys.exit(f"server api: FAILED: {e}")
