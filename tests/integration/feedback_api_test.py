#!/usr/bin/env python3
"""The voice of the customer through the API (docs/feedback.md): the product role's reach
(requests yes; CTAs, timelines, plans no; the 360 without them), CSMs logging feedback on
their own accounts only, field errors that write nothing, a new request from a logged item,
suggestions, merge keeping every item, the status fan-out making exactly one product_update
CTA per account and CSM when the status is set by many clients at once and again, the
webhook delivery per change, and the saas rule on open_blocker_requests raising a CTA for a
renewal with an unshipped blocker. Usage: feedback_api_test.py <tend binary> <source dir>"""
import collections, csv, datetime, os, sys, tempfile, threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import Checks, Server, call, make_workspace, run, setup_users  # noqa: E402

tend = sys.argv[1]
AS_OF = "2026-11-20"
check = Checks()
failures = check.failures


def api(method, path, body=None, role="ops"):
    return call(url, method, path, body, token=tokens[role])


def ok(method, path, body=None, role="ops", want=(200, 201)):
    s, j, _ = api(method, path, body, role)
    if s not in want:
        raise SystemExit(f"{method} {path} as {role}: {s} {j}")
    return j


def expect(status, method, path, body=None, role="ops", field=None):
    s, j, _ = api(method, path, body, role)
    check(s == status, f"{method} {path} as {role}: {s}, expected {status}", j)
    if field is not None:
        got = j.get("error", {}).get("field") if isinstance(j, dict) else None
        check(got == field, f"{method} {path}: field {got!r}, expected {field!r}", j)
    return j


with tempfile.TemporaryDirectory() as tmp:
    db = make_workspace(tend, tmp, accounts=200, seed=5, end=AS_OF)
    with open(os.path.join(tmp, "data", "accounts.csv"), newline="") as f:
        accounts = {a["account_id"]: a for a in csv.DictReader(f)}
    active = [a for a in accounts.values() if a["status"] == "active"]
    csm_name = collections.Counter(a["csm"] for a in active).most_common(1)[0][0]
    mine = [a for a in active if a["csm"] == csm_name]
    others = [a for a in active if a["csm"] != csm_name]
    tokens = setup_users(tend, db, csm_name=csm_name)
    # Every status change is posted to this receiver (queued; the test reads the queue).
    run(tend, "feedback", "webhook", "--db", db, "--url", "http://127.0.0.1:9/feedback")
    with Server(tend, db) as server:
        url = server.url

        # The product role: requests and feedback, no CTAs, timelines or plans.
        some = mine[0]["account_id"]
        ok("GET", "/api/requests", role="product")
        ok("GET", "/api/feedback?account_id=" + some, role="product")
        expect(403, "GET", "/api/ctas", role="product")
        expect(403, "GET", f"/api/accounts/{some}/timeline", role="product")
        expect(403, "GET", f"/api/accounts/{some}/plans", role="product")
        expect(403, "GET", f"/api/accounts/{some}/feedback-sources", role="product")
        a360 = ok("GET", f"/api/accounts/{some}", role="product")
        check(not any(k in a360 for k in ("ctas", "timeline", "plans")), "360 parts for product",
              sorted(a360))
        check(a360["account"]["arr"] is not None and "segment" in a360["account"], "360 account")
        expect(403, "POST", "/api/requests", {"title": "x"}, role="csm")
        expect(403, "POST", "/api/feedback", {}, role="viewer")

        # A CSM logs a blocker heard on a call, as a new request.
        contacts = ok("GET", f"/api/accounts/{some}/contacts", role="csm")
        contacts = contacts["contacts"] if isinstance(contacts, dict) else contacts
        contact = contacts[0]["contact_id"]
        title = "Granular export permissions for auditors"
        item = ok("POST", "/api/feedback", {
            "account_id": some, "contact_id": contact, "source": "call", "kind": "feature_request",
            "text": "Auditors need export permissions without admin rights",
            "importance": "blocker", "request_title": title}, role="csm")
        rid = item["request_id"]
        check(rid is not None and item["created_by"] == "csm@example.com", "logged item", item)
        # The same title links to the same request.
        again = ok("POST", "/api/feedback", {
            "account_id": mine[1]["account_id"], "source": "meeting", "kind": "feature_request",
            "text": "Export permissions for the audit team", "importance": "important",
            "request_title": title}, role="csm")
        check(again["request_id"] == rid, "same title, same request", again)
        # Not your account; bad fields; nothing written.
        before = ok("GET", "/api/feedback")["total"]
        expect(403, "POST", "/api/feedback", {"account_id": others[0]["account_id"], "source": "call",
               "kind": "bug", "text": "x", "importance": "nice"}, role="csm")
        expect(422, "POST", "/api/feedback", {"account_id": some, "source": "call", "kind": "wish",
               "text": "x", "importance": "nice"}, role="csm", field="kind")
        expect(422, "POST", "/api/feedback", {"account_id": some, "source": "pigeon",
               "kind": "bug", "text": "x", "importance": "nice"}, role="csm", field="source")
        expect(422, "POST", "/api/feedback", {"account_id": some, "source": "call", "kind": "bug",
               "text": "x", "importance": "nice", "contact_id": "NOPE"}, role="csm",
               field="contact_id")
        expect(422, "POST", "/api/feedback", {"account_id": "NOPE", "source": "call",
               "kind": "bug", "text": "x", "importance": "nice"}, field="account_id")
        expect(404, "POST", "/api/feedback", {"account_id": some, "source": "call", "kind": "bug",
               "text": "x", "importance": "nice", "request_id": 999999})
        check(ok("GET", "/api/feedback")["total"] == before, "refused items wrote nothing")
        expect(422, "GET", "/api/requests?sort=loudness", field="sort")
        expect(422, "GET", "/api/requests?min_arr=lots", field="min_arr")

        # Suggestions: the request with the same words comes first.
        sug = ok("GET", "/api/feedback/suggest?text=export+permissions+auditors", role="csm")
        check(sug["suggestions"] and sug["suggestions"][0]["request_id"] == rid, "suggestion", sug)

        # The figures on the request's page.
        detail = ok("GET", f"/api/requests/{rid}", role="product")
        check(detail["accounts"] == 2 and len(detail["items"]) == 2, "request figures", detail)
        arr = sum(float(accounts[x]["arr"] or 0) for x in (some, mine[1]["account_id"]))
        check(abs(detail["arr"] - arr) < 1e-6, "ARR asking", (detail["arr"], arr))
        check(abs(detail["blocker_arr"] - float(accounts[some]["arr"] or 0)) < 1e-6, "blocker ARR")

        # Merge: a second request with one item moves into the first; nothing is lost.
        other = ok("POST", "/api/requests", {"title": "Auditor exports"}, role="product")
        third = mine[2]["account_id"]
        ok("POST", "/api/feedback", {"account_id": third, "source": "qbr", "kind": "feature_request",
           "text": "Auditors want exports", "importance": "nice",
           "request_id": other["request_id"]}, role="csm")
        merged = ok("POST", f"/api/requests/{other['request_id']}/merge", {"into": rid},
                    role="product")
        check(merged["moved_items"] == 1, "merge moved", merged)
        items = ok("GET", f"/api/feedback?request_id={rid}")["items"]
        check(len(items) == 3, "items after merge", len(items))
        s, j, _ = api("POST", f"/api/requests/{other['request_id']}/merge", {"into": rid},
                      role="product")
        check(s == 409 and j["error"]["field"] == "into", "merging twice", (s, j))
        listed = [r["request_id"] for r in ok("GET", "/api/requests?limit=1000")["requests"]]
        check(other["request_id"] not in listed and rid in listed, "merged request not listed")

        # The status fan-out: 8 clients set "planned" at once; one CTA per account and CSM.
        results = []

        def plan():
            results.append(api("PATCH", f"/api/requests/{rid}", {"status": "planned"},
                               role="product"))

        threads = [threading.Thread(target=plan) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check(all(s == 200 for s, _, _ in results), "concurrent status", [s for s, _, _ in results])
        changed = [j for s, j, _ in results if s == 200 and j.get("changed")]
        check(len(changed) == 1, "exactly one change", len(changed))
        ctas = ok("GET", "/api/ctas?limit=5000", role="admin")["ctas"]
        product = [c for c in ctas if c["type"] == "product_update"]
        asking = sorted({some, mine[1]["account_id"], third})
        check(sorted(c["account_id"] for c in product) == asking, "one CTA per account",
              [c["account_id"] for c in product])
        check(all(c["owner"] == csm_name for c in product), "owned by the CSM")
        first = [c for c in product if c["account_id"] == some]
        name = next(c["name"] for c in contacts if c["contact_id"] == contact)
        check(first and name in first[0]["description"], "the CTA names who asked", first)
        tl = ok("GET", f"/api/accounts/{some}/timeline?type=product_update", role="csm")
        check(len(tl["entries"]) == 1, "timeline entry", tl)
        again = ok("PATCH", f"/api/requests/{rid}", {"status": "planned"}, role="product")
        check(again["changed"] is False, "same status again changes nothing", again)
        check(len([c for c in ok("GET", "/api/ctas?limit=5000", role="admin")["ctas"]
                   if c["type"] == "product_update"]) == 3, "no CTA the second time")
        expect(403, "PATCH", f"/api/requests/{rid}", {"status": "shipped"}, role="csm")
        expect(422, "PATCH", f"/api/requests/{rid}", {"status": "done"}, role="product",
               field="status")
        hooks = ok("GET", "/api/webhooks", role="admin")
        rows = hooks["deliveries"] if isinstance(hooks, dict) else hooks
        fb = [d for d in rows if d["rule"] == "feedback.request_status"]
        check(len(fb) == 1, "one webhook per status change", len(fb))

        # open_blocker_requests: a blocker on an account renewing within 120 days raises the
        # saas rule's CTA after the change; shipping the request resolves it.
        today = datetime.date.fromisoformat(AS_OF)
        renewing = [a for a in mine if a["renewal_date"] and 0 <= (
            datetime.date.fromisoformat(a["renewal_date"]) - today).days <= 120]
        if renewing:
            target = renewing[0]["account_id"]
            blocker = ok("POST", "/api/requests", {"title": "Offline exports"}, role="product")
            ok("POST", "/api/feedback", {"account_id": target, "source": "call",
               "kind": "feature_request", "text": "Without offline exports we cannot renew",
               "importance": "blocker", "request_id": blocker["request_id"]}, role="csm")
            open_ctas = ok("GET", f"/api/ctas?account_id={target}&limit=100", role="admin")["ctas"]
            check(any(c["rule"] == "renewal_with_open_blocker" for c in open_ctas),
                  "renewal_with_open_blocker CTA", [c["rule"] for c in open_ctas])
        else:
            check(False, "an account of the CSM renewing within 120 days")
    if failures:
        sys.exit(f"{len(failures)} failure(s)")
print("feedback_api: ok")
