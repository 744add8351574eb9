#!/usr/bin/env python3
"""`tend serve`'s Segment-compatible ingestion (/v1/*): write-key auth, attribution of events
to accounts (context.groupId, the user's last group call, late group calls), identify and
group traits, messageId dedup, Segment's size limits, accounts created by group calls,
browsers (CORS preflights, the key in the body, allowed origins per key, protected traits),
real-time re-scoring and rules pushed on the event stream, durability across kill -9, and a
graceful SIGTERM shutdown while a sender is posting."""
import base64, http.client, json, os, re, signal, socket, sys, tempfile, threading, time, urllib.error
import urllib.parse, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import Server, call, make_workspace, run, setup_users  # noqa: E402

tend, source = sys.argv[1], sys.argv[2]
started = time.monotonic()


def check(cond, message):
    if not cond:
        sys.exit("server_ingest_test: FAILED: " + message)


def ts(k, day="2026-11-20"):
    """A distinct time on `day` (the scoring day of the workspace is 2026-11-20)."""
    return f"{day}T{(k // 3600) % 24:02d}:{(k // 60) % 60:02d}:{k % 60:02d}Z"


def track(user, event="Feature Used", account=None, mid=None, t=None, **extra):
    m = {"type": "track", "userId": user, "event": event, "timestamp": t or ts(0)}
    if account:
        m["context"] = {"groupId": account}
    if mid:
        m["messageId"] = mid
    m.update(extra)
    return m


class Ingest:
    """POSTs to /v1/* with a write key; checks Segment's answer."""

    def __init__(self, url, key):
        self.url, self.key = url, key

    def post(self, kind, body, want=200):
        status, answer, _ = call(self.url, "POST", "/v1/" + kind, body, basic=self.key)
        check(status == want, f"POST /v1/{kind}: status {status}, expected {want}: {answer}")
        if want == 200:
            check(isinstance(answer, dict) and answer.get("success") is True,
                  f"POST /v1/{kind}: expected {{\"success\": true}}, got {answer}")
        return answer


def stats(url, token):
    status, s, _ = call(url, path="/api/stats", token=token)
    check(status == 200, f"GET /api/stats: {status} {s}")
    return s


def cli_stats(db):
    return json.loads(run(tend, "stats", "--db", db, "--format", "json").stdout)


def account360(url, token, account):
    status, a, _ = call(url, path="/api/accounts/" + urllib.parse.quote(account), token=token)
    check(status == 200, f"GET /api/accounts/{account}: {status} {a}")
    return a


def measures(bundle, scorecard="health"):
    for card in bundle["scorecards"]:
        if card["name"] == scorecard:
            return {m["name"]: m["value"] for m in card["measures"]}
    sys.exit(f"server_ingest_test: FAILED: no scorecard {scorecard} in the 360")


class Stream:
    """GET /api/stream read in a thread: (monotonic time, event, data) tuples."""

    def __init__(self, url, token):
        u = urllib.parse.urlsplit(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        self.conn.request("GET", "/api/stream", headers={"Authorization": "Bearer " + token,
                                                         "Accept": "text/event-stream"})
        self.sock = self.conn.sock
        self.resp = self.conn.getresponse()
        self.status = self.resp.status
        self.events, self.ended = [], False
        self.cv = threading.Condition()
        if self.status == 200:
            threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        kind, data = None, []
        try:
            while True:
                line = self.resp.readline()
                if not line:
                    break
                line = line.decode().rstrip("\r\n")
                if line == "":
                    if kind:
                        with self.cv:
                            self.events.append((time.monotonic(), kind, "\n".join(data)))
                            self.cv.notify_all()
                    kind, data = None, []
                elif line.startswith("event:"):
                    kind = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
        except Exception:  # closed under the reader (close(), or the server went away)
            pass
        with self.cv:
            self.ended = True
            self.cv.notify_all()

    def wait(self, pred, timeout):
        """The first event (t, kind, data) with pred(kind, data), or None after timeout."""
        deadline = time.monotonic() + timeout
        with self.cv:
            while True:
                for e in self.events:
                    if pred(e[1], e[2]):
                        return e
                left = deadline - time.monotonic()
                if left <= 0 or self.ended:
                    return None
                self.cv.wait(left)

    def wait_ended(self, timeout):
        deadline = time.monotonic() + timeout
        with self.cv:
            while not self.ended and time.monotonic() < deadline:
                self.cv.wait(deadline - time.monotonic())
            return self.ended

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.conn.close()


def for_account(account):
    def pred(kind, data):
        try:
            return json.loads(data).get("account_id") == account
        except ValueError:
            return False
    return pred


class Sender(threading.Thread):
    """Posts /v1/batch bodies of `size` track events with unique messageIds for `account`
    until stopped or the server goes away. Each batch is recorded as acked (200 with all of it
    accepted) or unknown (no answer: it may or may not have been committed)."""

    def __init__(self, url, key, account, prefix, size=50):
        super().__init__(daemon=True)
        self.url, self.key, self.account, self.prefix, self.size = url, key, account, prefix, size
        self.acked, self.unknown, self.errors, self.refused = [], [], [], 0
        self.stopping = threading.Event()
        self.sent = threading.Event()

    def batch(self, b):
        return {"batch": [track(f"{self.prefix}-u{k % 7}", "Report Exported", self.account,
                                f"{self.prefix}-{b}-{k}", ts(b * self.size + k, "2026-11-19"))
                          for k in range(self.size)]}

    def run(self):
        b = 0
        while not self.stopping.is_set():
            body = self.batch(b)
            try:
                status, answer, _ = call(self.url, "POST", "/v1/batch", body, basic=self.key,
                                         timeout=30)
            except urllib.error.URLError as e:
                if isinstance(e.reason, ConnectionRefusedError):
                    self.refused += 1
                    break  # the server is gone: nothing more can be sent
                self.unknown.append(b)
                self.errors.append(repr(e.reason))
                b += 1
                continue
            except (OSError, http.client.HTTPException) as e:
                self.unknown.append(b)
                self.errors.append(repr(e))
                b += 1
                continue
            if status == 200 and answer.get("accepted") == self.size:
                self.acked.append(b)
                self.sent.set()
            else:
                self.unknown.append(b)
                self.errors.append(f"{status} {answer}")
            b += 1


def resend(ingest, sender, b):
    """Posts batch b of `sender` again; returns how many of its messages were duplicates."""
    a = ingest.post("batch", sender.batch(b))
    check(a["duplicates"] + a["accepted"] == sender.size, f"resend of batch {b}: {a}")
    return a["duplicates"]


LIVE_DEFS = """\
metrics:
  - {{name: events_7d, type: event_count, window: 7d}}

scorecards:
  - name: health
    label: Live health
    measures:
      - name: activity
        label: Events (7 days)
        value: events_7d
        weight: 1
        scoring:
          linear: {{from: 0, to: {to}}}

rules:
  - name: busy_week
    description: a burst of activity this week
    when: events_7d >= {threshold}
    actions:
      - cta:
          type: expansion
          priority: medium
          title: "Busy week: {{{{metric.events_7d}}}} events"
          owner: csm
          due_in_days: 7
          reason: busy_week
"""


def apply_live(url, token, to, threshold):
    body = {"files": [{"path": "live.yaml", "content": LIVE_DEFS.format(to=to,
                                                                        threshold=threshold)}]}
    status, a, _ = call(url, "PUT", "/api/definitions", body, token=token)
    check(status == 200 and a.get("rules") == 1 and a.get("scorecards") == 1,
          f"PUT /api/definitions: {status} {a}")


with tempfile.TemporaryDirectory() as tmp:
    db = make_workspace(tend, tmp)
    tokens = setup_users(tend, db)
    admin = tokens["admin"]
    key = run(tend, "writekey", "add", "--db", db, "--name", "segment").stdout.strip()
    check(key.startswith("tendwk_"), f"tend writekey add printed {key!r}")

    # ---------------------------------------------------------------- ingestion and attribution
    with Server(tend, db) as s:
        v1 = Ingest(s.url, key)
        s0 = stats(s.url, admin)
        _, listing, _ = call(s.url, path="/api/accounts?limit=5", token=admin)
        ids = [a["account_id"] for a in listing["accounts"]]
        X, Y = ids[0], ids[2]

        # Write keys: missing, wrong, or a user token instead: 401, nothing recorded.
        one = track("nobody", "Login", X, "auth-1")
        for what, kw in [("no key", {}), ("wrong key", {"basic": "tendwk_wrong"}),
                         ("empty key", {"basic": ""}), ("a bearer token", {"token": admin})]:
            status, a, _ = call(s.url, "POST", "/v1/track", one, **kw)
            check(status == 401, f"/v1/track with {what}: {status}, expected 401: {a}")
        status, a, _ = call(s.url, "POST", "/v1/batch", {"batch": [one]}, basic="tendwk_wrong")
        check(status == 401, f"/v1/batch with a wrong key: {status} {a}")
        check(stats(s.url, admin)["events"] == s0["events"], "a refused request was recorded")

        # N track events with context.groupId X from 6 new users: the measures move.
        before = measures(account360(s.url, admin, X))
        n = 30
        for k in range(n):
            a = v1.post("track", track(f"x-user-{k % 6}", ["Dashboard Viewed", "Report Run"][k % 2],
                                       X, f"x-{k}", ts(100 + k, ["2026-11-19", "2026-11-20"][k % 2])))
            check(a["accepted"] == 1 and a["unattributed"] == 0, f"track {k}: {a}")
        s1 = stats(s.url, admin)
        check(s1["events"] == s0["events"] + n,
              f"after {n} tracks: events {s1['events']}, expected {s0['events'] + n}")
        after = measures(account360(s.url, admin, X))
        check(after["active_users"] == before["active_users"] + 6,
              f"{X}: active_users went {before['active_users']} -> {after['active_users']}, "
              "expected +6 (six new users)")
        check(after["usage_trend"] != before["usage_trend"],
              f"{X}: usage_trend did not change ({before['usage_trend']})")

        # group with traits: ties the user to X and renames the account. ARR is protected:
        # dropped until the workspace trusts it (then set; browser keys never set it).
        arr_before = account360(s.url, admin, X)["account"]["arr"]
        a = v1.post("group", {"userId": "gina", "groupId": X, "messageId": "g-0",
                              "traits": {"name": "Renamed Robotics", "arr": 1, "csm": "Mallory"}})
        acc = account360(s.url, admin, X)["account"]
        check(a.get("ignored_traits") == ["csm", "arr"] and acc["name"] == "Renamed Robotics"
              and acc["arr"] == arr_before and acc["csm"] != "Mallory",
              f"untrusted protected traits: answer {a}, account {acc}")
        status, t, _ = call(s.url, "PUT", "/api/writekeys/trusted-traits", {"traits": ["owner"]},
                            token=admin)
        check(status == 422 and t["error"]["field"] == "traits" and "csm" in t["error"]["message"],
              f"trusting an unknown trait: {status} {t}")
        status, t, _ = call(s.url, "PUT", "/api/writekeys/trusted-traits", {"traits": ["arr"]},
                            token=admin)
        check(status == 200 and t["trusted_traits"] == ["arr"] and
              t["protected_traits"] == ["csm", "arr", "renewal_date", "start_date"],
              f"PUT /api/writekeys/trusted-traits: {status} {t}")
        a = v1.post("group", {"userId": "gina", "groupId": X, "messageId": "g-1",
                              "traits": {"name": "Renamed Robotics", "arr": 123456.5}})
        acc = account360(s.url, admin, X)["account"]
        check("ignored_traits" not in a and acc["name"] == "Renamed Robotics" and
              acc["arr"] == 123456.5,
              f"group traits not on {X}: name {acc['name']!r}, arr {acc['arr']}: {a}")
        # identify (no groupId: the user's group names the account) creates, then updates.
        v1.post("identify", {"userId": "gina", "messageId": "i-1",
                             "traits": {"name": "Gina Lopez", "email": "gina@example.com",
                                        "title": "Head of Operations"}})
        status, c, _ = call(s.url, path="/api/contacts/gina", token=admin)
        check(status == 200 and c["account_id"] == X and c["title"] == "Head of Operations"
              and c["email"] == "gina@example.com", f"contact after identify: {status} {c}")
        v1.post("identify", {"userId": "gina", "messageId": "i-2", "traits": {"title": "COO"}})
        status, c, _ = call(s.url, path="/api/contacts/gina", token=admin)
        check(status == 200 and c["title"] == "COO" and c["name"] == "Gina Lopez",
              f"contact after the second identify: {status} {c}")
        check(stats(s.url, admin)["contacts"] == s0["contacts"] + 1, "identify: contacts +1")
        check(any(ct["contact_id"] == "gina" for ct in account360(s.url, admin, X)["contacts"]),
              f"gina is not among {X}'s contacts")

        # track without groupId: the user's last group call (X) gets it.
        before = measures(account360(s.url, admin, X))
        a = v1.post("track", track("gina", "Login", mid="t-gina-1", t=ts(500)))
        check(a["accepted"] == 1 and a["unattributed"] == 0, f"track for gina: {a}")
        a = v1.post("page", {"userId": "gina", "name": "Pricing", "messageId": "p-gina-1",
                             "timestamp": ts(501)})
        check(a["accepted"] == 1 and a["unattributed"] == 0, f"page for gina: {a}")
        a = v1.post("screen", {"userId": "gina", "name": "Home", "messageId": "s-gina-1",
                               "timestamp": ts(502)})
        check(a["accepted"] == 1, f"screen for gina: {a}")
        after = measures(account360(s.url, admin, X))
        check(after["active_users"] == before["active_users"] + 1,
              f"gina's track went elsewhere: {X} active_users {before['active_users']} -> "
              f"{after['active_users']}")
        s2 = stats(s.url, admin)
        check(s2["events"] == s1["events"] + 3, f"events {s2['events']}, expected {s1['events'] + 3}")

        # A user never grouped: accepted, unattributed; attributed when the group call comes.
        a = v1.post("track", track("lonely", "Login", mid="t-lonely-1", t=ts(600)))
        check(a["accepted"] == 1 and a["unattributed"] == 1, f"track for lonely: {a}")
        s3 = stats(s.url, admin)
        check(s3["events"] == s2["events"] and
              s3["events_unattributed"] == s2["events_unattributed"] + 1,
              f"unattributed event: stats {s3}, before {s2}")
        before = measures(account360(s.url, admin, X))
        v1.post("group", {"userId": "lonely", "groupId": X, "messageId": "g-lonely"})
        s4 = stats(s.url, admin)
        check(s4["events"] == s3["events"] + 1 and
              s4["events_unattributed"] == s3["events_unattributed"] - 1,
              f"after the group call: stats {s4}, before {s3}")
        after = measures(account360(s.url, admin, X))
        check(after["active_users"] == before["active_users"] + 1,
              f"lonely's earlier event did not reach {X}: active_users "
              f"{before['active_users']} -> {after['active_users']}")

        # messageId dedup: within one batch and across requests.
        dup = {"batch": [track("gina", "Login", X, "d-1", ts(700)),
                         track("gina", "Login", X, "d-1", ts(700)),
                         track("gina", "Export", X, "d-2", ts(701)),
                         {"type": "page", "userId": "gina", "messageId": "d-3", "name": "Docs",
                          "context": {"groupId": X}, "timestamp": ts(702)}]}
        a = v1.post("batch", dup)
        check(a["accepted"] == 3 and a["duplicates"] == 1, f"batch with a repeated id: {a}")
        a = v1.post("batch", dup)
        check(a["accepted"] == 0 and a["duplicates"] == 4, f"the same batch again: {a}")
        a = v1.post("track", track("gina", "Login", X, "x-3", ts(103)))  # sent earlier
        check(a["accepted"] == 0 and a["duplicates"] == 1, f"an earlier track again: {a}")
        s5 = stats(s.url, admin)
        check(s5["events"] == s4["events"] + 3, f"dedup: events {s5['events']}, expected "
              f"{s4['events'] + 3}")

        # Segment's limits: 32 KB a message, 500 KB a batch, JSON only.
        big = track("gina", "Big", X, "big-1", ts(800), properties={"blob": "x" * 33000})
        v1.post("track", big, want=400)
        v1.post("batch", {"batch": [big]}, want=400)
        fat = [track("gina", "Fat", X, f"fat-{k}", ts(810 + k),
                     properties={"blob": "y" * 30000}) for k in range(18)]
        check(len(json.dumps({"batch": fat})) > 500 * 1024, "the fat batch is not over 500 KB")
        v1.post("batch", {"batch": fat}, want=400)
        ok = v1.post("batch", {"batch": fat[:15]})  # 15 x 30 KB: under 500 KB
        check(ok["accepted"] == 15, f"a 450 KB batch: {ok}")
        for kind, raw in [("track", '{"userId": "gina", "event": '), ("batch", "not json"),
                          ("batch", '{"batch": [}'), ("identify", "[1, 2]")]:
            status, a, _ = call(s.url, "POST", "/v1/" + kind, raw=raw, basic=key,
                                headers={"Content-Type": "application/json"})
            check(status == 400, f"malformed body {raw!r} to /v1/{kind}: {status} {a}")
        a = v1.post("track", {"event": "Nobody", "messageId": "nobody-1"})
        check(a["skipped"] == 1 and a["accepted"] == 0, f"a track without a user: {a}")
        a = v1.post("batch", {"batch": [{"type": "track", "event": "Nobody"},
                                        track("gina", "Ok", X, "ok-1", ts(900))]})
        check(a["skipped"] == 1 and a["accepted"] == 1, f"a batch with a userless message: {a}")
        a = v1.post("track", {"anonymousId": "anon-7", "event": "Visit", "messageId": "anon-1",
                              "timestamp": ts(901), "context": {"groupId": X}})
        check(a["accepted"] == 1, f"a track with only an anonymousId: {a}")
        s6 = stats(s.url, admin)
        check(s6["events"] == s5["events"] + 15 + 1 + 1,
              f"limits: events {s6['events']}, expected {s5['events'] + 17}")

        # A group call for an unknown groupId creates the account (the server reloads).
        v1.post("group", {"userId": "newbie", "groupId": "NEW-ACCT-1", "messageId": "g-new",
                          "traits": {"name": "Brand New Co", "arr": 5000, "segment": "smb"}})
        deadline, status = time.monotonic() + 5, 0
        while time.monotonic() < deadline:
            status, a, _ = call(s.url, path="/api/accounts/NEW-ACCT-1", token=admin)
            if status == 200:
                break
            time.sleep(0.1)
        check(status == 200, f"the account of a new groupId did not appear: {status} {a}")
        check(a["account"]["name"] == "Brand New Co" and a["account"]["arr"] == 5000,
              f"new account: {a['account']}")
        a = v1.post("track", track("newbie", "Login", mid="newbie-1", t=ts(950)))
        check(a["accepted"] == 1 and a["unattributed"] == 0, f"newbie's track: {a}")
        s7 = stats(s.url, admin)
        check(s7["accounts"] == s0["accounts"] + 1 and s7["events"] == s6["events"] + 1,
              f"after the new account: {s7}")
        print(f"ingestion and attribution: ok ({s7['events'] - s0['events']} events recorded)")

        # ---------------------------------------------------------------- browsers (CORS)
        def refused_count():
            _, text, _ = call(s.url, path="/metrics")
            m = re.search(r"^tend_segment_origin_refused_total (\S+)$", text, re.M)
            return float(m.group(1)) if m else 0.0

        APP, EU, EVIL = "https://app.example.com", "https://eu.corp.example", "https://evil.example"
        status, bad, _ = call(s.url, "POST", "/api/writekeys",
                              {"name": "web", "origins": ["app.example.com"]}, token=admin)
        check(status == 422 and bad["error"]["field"] == "origins" and
              "https://" in bad["error"]["message"], f"a bad origin: {status} {bad}")
        status, made, _ = call(s.url, "POST", "/api/writekeys",
                               {"name": "web", "origins": [APP, "https://*.corp.example"]},
                               token=admin)
        check(status == 201 and made["kind"] == "browser" and
              made["origins"] == [APP, "https://*.corp.example"], f"a browser key: {status} {made}")
        web = made["write_key"]
        _, keys, _ = call(s.url, path="/api/writekeys", token=admin)
        web_row = next(k for k in keys["write_keys"] if k["name"] == "web")
        check(web_row["kind"] == "browser" and web_row["origins"] == made["origins"] and
              next(k for k in keys["write_keys"] if k["name"] == "segment")["kind"] == "server",
              f"GET /api/writekeys: {keys}")
        refused0 = refused_count()
        # The preflight of every /v1 path analytics.js uses.
        for path in ["/v1/t", "/v1/i", "/v1/g", "/v1/p", "/v1/s", "/v1/b", "/v1/batch",
                     "/v1/track"]:
            status, body, h = call(s.url, "OPTIONS", path, headers={
                "Origin": APP, "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization,content-type"})
            check(status == 204 and h.get("Access-Control-Allow-Origin") == APP and
                  "POST" in h.get("Access-Control-Allow-Methods", "") and
                  h.get("Access-Control-Allow-Headers") == "authorization,content-type" and
                  h.get("Access-Control-Max-Age") == "7200",
                  f"preflight of {path} from {APP}: {status} {dict(h)} {body}")
        status, body, h = call(s.url, "OPTIONS", "/v1/b", headers={
            "Origin": EVIL, "Access-Control-Request-Method": "POST"})
        check(status == 403 and body["error"]["code"] == "segment.originNotAllowed" and
              EVIL in body["error"]["message"] and not h.get("Access-Control-Allow-Origin"),
              f"preflight from {EVIL}: {status} {dict(h)} {body}")
        # analytics.js: the key in a text/plain body, on the one-letter paths.
        plain = {"Content-Type": "text/plain", "Origin": APP}
        status, a, h = call(s.url, "POST", "/v1/t", raw=json.dumps(
            {"writeKey": web, "userId": "gina", "event": "Browser Click", "messageId": "b-1",
             "timestamp": ts(960), "properties": {"button": "upgrade", "n": 2}}), headers=plain)
        check(status == 200 and a["accepted"] == 1 and
              h.get("Access-Control-Allow-Origin") == APP, f"POST /v1/t from {APP}: {status} {a}")
        status, a, h = call(s.url, "POST", "/v1/b", raw=json.dumps(
            {"writeKey": web, "batch": [
                {"type": "page", "userId": "gina", "messageId": "b-2", "timestamp": ts(961),
                 "properties": {"path": "/accounts/8812/billing/", "url":
                                "https://app.example.com/accounts/8812/billing/?tab=2",
                                "title": "Billing", "referrer": "https://app.example.com/"}},
                {"type": "group", "userId": "gina", "groupId": X, "messageId": "b-3",
                 "traits": {"arr": 1, "industry": "Robotics"}}]}), headers=plain)
        check(status == 200 and a["accepted"] == 1 and a["ignored_traits"] == ["arr"],
              f"POST /v1/b from {APP} (a browser key never sets arr, even trusted): {status} {a}")
        check(account360(s.url, admin, X)["account"]["arr"] == 123456.5, "arr from a browser key")
        status, recent, _ = call(s.url, path="/api/ingest/recent?limit=3", token=admin)
        check(status == 200 and [m["type"] for m in recent["messages"]] ==
              ["group", "page", "track"], f"GET /api/ingest/recent: {status} {recent}")
        g, pg, tr = recent["messages"]
        check(pg["event"] == "Page Viewed /accounts/:id/billing" and pg["account_id"] == X and
              pg["properties"]["title"] == "Billing" and pg["key"] == "web" and
              pg["origin"] == APP and pg["outcome"] == "accepted",
              f"the page message in the ingest log: {pg}")
        check(tr["properties"] == {"button": "upgrade", "n": 2} and tr["event"] == "Browser Click",
              f"the track message in the ingest log: {tr}")
        check(g["ignored_traits"] == ["arr"] and g["traits"] == {"industry": "Robotics"},
              f"the group message in the ingest log: {g}")
        status, _, _ = call(s.url, path="/api/ingest/recent", token=tokens["csm"])
        check(status == 403, f"GET /api/ingest/recent as a CSM: {status}")
        # A subdomain of *.corp.example, with the Basic header (a preflighted request).
        status, a, h = call(s.url, "POST", "/v1/i", {"userId": "gina", "traits": {}},
                            basic=web, headers={"Origin": EU})
        check(status == 200 and h.get("Access-Control-Allow-Origin") == EU,
              f"POST /v1/i from {EU}: {status} {a}")
        # Refused: an origin the key does not allow; a server key from a browser. Readable.
        for what, k, origin, needle in [("another origin", web, EVIL, EVIL),
                                        ("the domain itself", web, "https://corp.example",
                                         "corp.example"),
                                        ("a server key", key, APP, "server key")]:
            status, a, h = call(s.url, "POST", "/v1/t", raw=json.dumps(
                {"writeKey": k, "userId": "gina", "event": "Nope"}),
                headers={"Content-Type": "text/plain", "Origin": origin})
            check(status == 403 and a["error"]["code"] == "segment.originNotAllowed" and
                  needle in a["error"]["message"] and
                  h.get("Access-Control-Allow-Origin") == origin,
                  f"{what}: {status} {dict(h)} {a}")
        check(refused_count() == refused0 + 4, f"refusals counted: {refused_count()} - {refused0}")
        # Keys in the body: missing, wrong; a malformed body names none.
        for raw, want in [(json.dumps({"userId": "gina", "event": "E"}), "auth.noWriteKey"),
                          (json.dumps({"writeKey": "tendwk_nope", "userId": "g", "event": "E"}),
                           "auth.badWriteKey"),
                          ('{"writeKey": ', "auth.noWriteKey")]:
            status, a, _ = call(s.url, "POST", "/v1/t", raw=raw, headers=plain)
            check(status == 401 and a["error"]["code"] == want, f"{raw!r}: {status} {a}")
        status, a, _ = call(s.url, "POST", "/v1/a", raw=json.dumps(
            {"writeKey": web, "userId": "gina", "previousId": "anon-7"}), headers=plain)
        check(status == 200 and a["skipped"] == 1, f"alias: {status} {a}")
        # The key's origins changed: a server key again, refused from the browser.
        status, a, _ = call(s.url, "PATCH", f"/api/writekeys/{web_row['key_id']}",
                            {"origins": []}, token=admin)
        check(status == 200 and a["kind"] == "server", f"PATCH /api/writekeys: {status} {a}")
        status, a, _ = call(s.url, "POST", "/v1/t", raw=json.dumps(
            {"writeKey": web, "userId": "gina", "event": "E"}), headers=plain)
        check(status == 403 and "server key" in a["error"]["message"], f"{status} {a}")
        # /api/* stays same-origin.
        status, _, h = call(s.url, "OPTIONS", "/api/accounts", headers={
            "Origin": APP, "Access-Control-Request-Method": "GET"})
        check(not h.get("Access-Control-Allow-Origin") and status != 204,
              f"OPTIONS /api/accounts: {status} {dict(h)}")
        status, _, h = call(s.url, path="/api/accounts?limit=1", token=admin,
                            headers={"Origin": APP})
        check(status == 200 and not h.get("Access-Control-Allow-Origin"),
              f"GET /api/accounts with an Origin: {dict(h)}")
        print("browsers: ok (preflights, keys in text/plain bodies, one-letter paths, origins "
              "allowed and refused, protected traits, ingest log)")

        # ---------------------------------------------------------------- real time
        # A one-measure scorecard on events_7d and a rule a little above Y's current value.
        apply_live(s.url, admin, 10 ** 7, 10 ** 7)
        current = measures(account360(s.url, admin, Y))["activity"]
        threshold = int(current) + 25
        apply_live(s.url, admin, int(current) + 500, threshold)
        y = account360(s.url, admin, Y)
        check(y["ctas"]["open"] == [] or all(c["rule"] != "busy_week" for c in y["ctas"]["open"]),
              f"{Y} already has a busy_week CTA at {current} events (threshold {threshold})")
        stream = Stream(s.url, admin)
        check(stream.status == 200, f"GET /api/stream: {stream.status}")
        check(stream.wait(lambda k, d: k == "hello", 5), "no hello on the stream")
        burst = {"batch": [track(f"y-user-{k % 4}", "Report Run", Y, f"y-{k}", ts(1000 + k))
                           for k in range(40)]}
        t0 = time.monotonic()
        a = v1.post("batch", burst)
        t_ack = time.monotonic()
        check(a["accepted"] == 40, f"the burst: {a}")
        cta = stream.wait(lambda k, d: k == "cta" and for_account(Y)(k, d), 2 - (time.monotonic() - t0))
        score = stream.wait(lambda k, d: k == "score" and for_account(Y)(k, d), 0.1)
        check(score is not None, f"no score event for {Y} within 2 s; got "
              f"{[e[1] for e in stream.events]}")
        check(cta is not None, f"no cta event for {Y} within 2 s; got "
              f"{[e[1:] for e in stream.events]}")
        sd, cd = json.loads(score[2]), json.loads(cta[2])
        check(sd["overall"] is not None and sd["overall"] != sd["previous_overall"],
              f"score event: {sd}")
        check(cd["rule"] == "busy_week", f"cta event: {cd}")
        status, listed, _ = call(s.url, path="/api/ctas?account_id=" + Y, token=admin)
        check(status == 200, f"GET /api/ctas: {status} {listed}")
        rows = listed["ctas"] if isinstance(listed, dict) else listed
        check(any(c["cta_id"] == cd["cta_id"] and c["rule"] == "busy_week" for c in rows),
              f"the CTA {cd['cta_id']} is not in GET /api/ctas?account_id={Y}: {rows}")
        stream.close()
        print(f"real time: ok (POST -> 200 in {1000 * (t_ack - t0):.1f} ms, POST -> SSE cta in "
              f"{1000 * (cta[0] - t0):.1f} ms, -> SSE score in {1000 * (score[0] - t0):.1f} ms)")
        rc = s.stop()
        check(rc == 0, f"tend serve exited {rc} on SIGTERM")

    # ---------------------------------------------------------------- durability: kill -9
    initial = cli_stats(db)["events"]
    s = Server(tend, db, "--checkpoint-seconds", "1").start()
    try:
        senders = [Sender(s.url, key, X, "kill-a"), Sender(s.url, key, Y, "kill-b")]
        for t in senders:
            t.start()
        for t in senders:
            check(t.sent.wait(20), "no batch was acknowledged before the kill")
        time.sleep(2)
        rc = s.stop(signal.SIGKILL)
        check(rc == -signal.SIGKILL, f"tend serve exited {rc}, expected to be killed")
        for t in senders:
            t.stopping.set()
            t.join(30)
    finally:
        s.stop(signal.SIGKILL)
    acked = sum(len(t.acked) for t in senders)
    unknown = sum(len(t.unknown) for t in senders)
    check(acked > 0, "nothing was acknowledged before the kill")
    after_kill = cli_stats(db)["events"]
    with Server(tend, db) as s:
        v1 = Ingest(s.url, key)
        for t in senders:
            for b in t.acked:
                d = resend(v1, t, b)
                check(d == t.size, f"{t.prefix} batch {b} was acknowledged before the kill but "
                      f"only {d} of its {t.size} messages survived it")
        committed = 0
        for t in senders:
            for b in t.unknown:  # in flight at the kill: all of it or none
                d = resend(v1, t, b)
                check(d in (0, t.size), f"{t.prefix} batch {b} was partly committed ({d})")
                committed += d // t.size
    want = initial + 50 * (acked + committed)
    check(after_kill == want, f"after kill -9: tend stats events {after_kill}, expected {want} "
          f"(initial {initial}, {acked} acknowledged + {committed} committed batches of 50)")
    final = cli_stats(db)["events"]
    check(final == initial + 50 * (acked + unknown), f"after re-sending: events {final}")
    print(f"kill -9: ok ({acked} batches of 50 acknowledged, {unknown} in flight "
          f"({committed} of them committed), none lost)")

    # ---------------------------------------------------------------- graceful shutdown
    initial = cli_stats(db)["events"]
    s = Server(tend, db).start()
    try:
        stream = Stream(s.url, admin)
        check(stream.status == 200 and stream.wait(lambda k, d: k == "hello", 5),
              "no stream before the shutdown")
        senders = [Sender(s.url, key, X, "term-a"), Sender(s.url, key, Y, "term-b")]
        for t in senders:
            t.start()
        for t in senders:
            check(t.sent.wait(20), "no batch was acknowledged before SIGTERM")
        # A request in flight: its headers and half its body are sent before SIGTERM.
        slow = {"batch": [track("slow-u", "Slow", X, f"slow-{k}", ts(2000 + k))
                          for k in range(20)]}
        body = json.dumps(slow).encode()
        u = urllib.parse.urlsplit(s.url)
        raw = socket.create_connection((u.hostname, u.port), timeout=30)
        auth = base64.b64encode((key + ":").encode()).decode()
        raw.sendall((f"POST /v1/batch HTTP/1.1\r\nHost: {u.hostname}\r\nAuthorization: Basic "
                     f"{auth}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}"
                     f"\r\nConnection: close\r\n\r\n").encode() + body[:len(body) // 2])
        time.sleep(1)
        t_term = time.monotonic()
        s.proc.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        raw.sendall(body[len(body) // 2:])
        reply = b""
        while True:
            chunk = raw.recv(65536)
            if not chunk:
                break
            reply += chunk
        raw.close()
        head, _, rest = reply.partition(b"\r\n\r\n")
        check(head.startswith(b"HTTP/1.1 200"),
              f"the request in flight at SIGTERM got {reply[:300]!r}")
        check(json.loads(rest.decode()).get("accepted") == 20, f"slow request: {rest!r}")
        try:
            rc = s.proc.wait(30)
        except Exception:
            rc = None
        t_exit = time.monotonic() - t_term
        check(rc == 0, f"tend serve exited {rc} after SIGTERM, expected 0; stderr:\n"
              f"{s.proc.stderr.read() if rc is not None else ''}")
        check(stream.wait_ended(5), "the event stream was not closed by the shutdown")
        for t in senders:
            t.stopping.set()
            t.join(30)
    finally:
        s.stop(signal.SIGKILL)
    acked = sum(len(t.acked) for t in senders)
    unknown = sum(len(t.unknown) for t in senders)
    errors = [e for t in senders for e in t.errors]
    with Server(tend, db) as s:
        v1 = Ingest(s.url, key)
        for t in senders:
            for b in t.acked:
                d = resend(v1, t, b)
                check(d == t.size, f"{t.prefix} batch {b} acknowledged before SIGTERM lost "
                      f"{t.size - d} messages")
            # A connection accepted in the instant of the stop is closed unanswered by
            # cpp-httplib (it serves no new request once stopping): such a batch was never
            # started, and a Segment client sends it again.
            for b in t.unknown:
                d = resend(v1, t, b)
                check(d in (0, t.size), f"{t.prefix} batch {b} was partly committed ({d})")
        a = v1.post("batch", slow)
        check(a["duplicates"] == 20, f"the request answered during shutdown was lost: {a}")
    final = cli_stats(db)["events"]
    want = initial + 50 * (acked + unknown) + 20
    check(final == want, f"after SIGTERM and re-sending: events {final}, expected {want}")
    print(f"SIGTERM: ok (exit 0 after {t_exit:.2f} s; {acked} batches acknowledged, "
          f"{unknown} unanswered {errors[:3]}, in-flight request answered, nothing lost)")

print(f"server ingest: ok ({time.monotonic() - started:.1f} s)")
