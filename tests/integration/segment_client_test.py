#!/usr/bin/env python3
"""Segment's official Node library (@segment/analytics-node, tests/segment) pointed at
`tend serve`: a group, an identify and 120 track calls for one account arrive, are counted,
update the account and its contact, and move the account's measures; and identify, track,
group in that order (identify before the user's account is known) gives the contact its
traits."""
import datetime, json, os, shutil, subprocess, sys, tempfile, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import Server, call, make_workspace, run, setup_users  # noqa: E402

tend, source = sys.argv[1], sys.argv[2]
started = time.monotonic()
N = 120


def check(cond, message):
    if not cond:
        sys.exit("segment_client_test: FAILED: " + message)


for tool in ("node", "npm"):
    check(shutil.which(tool) is not None,
          f"`{tool}` is not installed: this test runs Segment's Node client (Node.js and npm "
          "are part of the CI machine: apt-get install nodejs npm)")


def client_dir(tmp):
    """tests/segment when its node_modules is installed; else a copy in `tmp` after npm ci."""
    here = os.path.join(source, "tests", "segment")
    if os.path.isdir(os.path.join(here, "node_modules", "@segment", "analytics-node")):
        return here
    copy = os.path.join(tmp, "segment")
    os.makedirs(copy)
    for f in ("package.json", "package-lock.json", "send.mjs", "identify_first.mjs"):
        shutil.copy(os.path.join(here, f), copy)
    t = time.monotonic()
    p = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=copy, capture_output=True,
                       text=True, timeout=240)
    check(p.returncode == 0, f"npm ci failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    print(f"npm ci: {time.monotonic() - t:.1f} s")
    return copy


def measures(bundle):
    card = next(c for c in bundle["scorecards"] if c["name"] == "health")
    return {m["name"]: m["value"] for m in card["measures"]}


with tempfile.TemporaryDirectory() as tmp:
    # The client stamps events with the real time: the workspace ends, and scores, today.
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    db = make_workspace(tend, tmp, end=today)
    tokens = setup_users(tend, db)
    admin = tokens["admin"]
    key = run(tend, "writekey", "add", "--db", db, "--name", "segment-node").stdout.strip()
    # The group call sets ARR, a protected trait: this server-side source is trusted with it.
    trusted = run(tend, "writekey", "trust", "--db", db, "arr").stdout
    check(trusted.strip() == "trusted traits: arr", f"tend writekey trust arr: {trusted!r}")
    client = client_dir(tmp)
    with Server(tend, db, as_of=today) as s:
        status, listing, _ = call(s.url, path="/api/accounts?limit=5", token=admin)
        check(status == 200, f"GET /api/accounts: {status} {listing}")
        account = listing["accounts"][3]["account_id"]
        user = "segment-node-user-1"
        _, before_stats, _ = call(s.url, path="/api/stats", token=admin)
        status, before, _ = call(s.url, path="/api/accounts/" + urllib.parse.quote(account),
                                 token=admin)
        check(status == 200, f"GET /api/accounts/{account}: {status}")
        t = time.monotonic()
        p = subprocess.run(["node", "send.mjs", s.url, key, account, user, str(N)], cwd=client,
                           capture_output=True, text=True, timeout=120)
        secs = time.monotonic() - t
        check(p.returncode == 0, f"node send.mjs exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
        check(f"sent {N}" in p.stdout, f"node send.mjs printed {p.stdout!r}")

        _, after_stats, _ = call(s.url, path="/api/stats", token=admin)
        check(after_stats["events"] == before_stats["events"] + N,
              f"/api/stats events {before_stats['events']} -> {after_stats['events']}, "
              f"expected +{N}")
        check(after_stats["events_unattributed"] == before_stats["events_unattributed"],
              f"unattributed events: {after_stats['events_unattributed']}")
        status, contact, _ = call(s.url, path="/api/contacts/" + user, token=admin)
        check(status == 200 and contact["account_id"] == account and
              contact["title"] == "VP Operations" and contact["name"] == "Sam Client" and
              contact["email"] == "sam@client.example",
              f"the contact from identify: {status} {contact}")
        status, after, _ = call(s.url, path="/api/accounts/" + urllib.parse.quote(account),
                                token=admin)
        check(status == 200, f"GET /api/accounts/{account}: {status}")
        a = after["account"]
        check(a["name"] == "Segment Client Co" and a["arr"] == 54321 and
              a["industry"] == "Software", f"the group traits are not on {account}: {a}")
        mb, ma = measures(before), measures(after)
        check(ma["active_users"] == mb["active_users"] + 1,
              f"active_users {mb['active_users']} -> {ma['active_users']}, expected +1 (one new "
              "user)")
        check(ma["usage_trend"] != mb["usage_trend"],
              f"usage_trend did not move ({mb['usage_trend']})")
        check(ma["feature_breadth"] is not None, "feature_breadth is N/A")
        # Issue 22: identify before the user's first group (the usual order in apps) was
        # answered {"success": true} and dropped. It is held, and applied at the group call.
        late_user = "segment-node-identify-first"
        late_account = listing["accounts"][4]["account_id"]
        _, before_late, _ = call(s.url, path="/api/stats", token=admin)
        p = subprocess.run(["node", "identify_first.mjs", s.url, key, late_account, late_user],
                           cwd=client, capture_output=True, text=True, timeout=120)
        check(p.returncode == 0,
              f"node identify_first.mjs exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
        status, contact, _ = call(s.url, path="/api/contacts/" + late_user, token=admin)
        check(status == 200 and contact["account_id"] == late_account and
              contact["name"] == "Ida First" and contact["title"] == "Head of Support" and
              contact["email"] == "ida@first.example",
              f"the contact of an identify sent before its group: {status} {contact}")
        _, after_late, _ = call(s.url, path="/api/stats", token=admin)
        check(after_late["events"] == before_late["events"] + 1 and
              after_late["events_unattributed"] == before_late["events_unattributed"],
              f"the track between identify and group: {before_late} -> {after_late}")
        print(f"segment client: ok ({N} tracks + group + identify through @segment/analytics-node "
              f"in {secs:.2f} s; active_users {mb['active_users']:g} -> {ma['active_users']:g}, "
              f"usage_trend {mb['usage_trend']:.3f} -> {ma['usage_trend']:.3f})")

print(f"segment client test: ok ({time.monotonic() - started:.1f} s)")
