#!/usr/bin/env python3
"""The advocacy program through the API (docs/advocacy.md): the candidates queue and its
reasons, invite/snooze/dismiss, the advocate lifecycle with consent and tier capacity, asks
and the quarterly cap, reference requests from sales with matching and its exclusions
(recency, red accounts, risk CTAs), the give-back ledger and the extraction warning, the
program dashboard, milestones from a contact moving company (Segment identify), and field
errors. Usage: advocacy_api_test.py <tend binary> <source dir>"""
import collections, csv, os, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import Checks, Server, call, make_workspace, run, setup_users  # noqa: E402

tend = sys.argv[1]
check = Checks()
failures = check.failures


def api(method, path, body=None, role="ops"):
    return call(url, method, path, body, token=tokens[role])


def ok(method, path, body=None, role="ops", want=(200, 201)):
    s, j, _ = api(method, path, body, role)
    if s not in want:
        raise SystemExit(f"{method} {path} as {role}: {s} {j}")
    return j


with tempfile.TemporaryDirectory() as tmp:
    db = make_workspace(tend, tmp, accounts=200, seed=5)
    with open(os.path.join(tmp, "data", "accounts.csv"), newline="") as f:
        accounts = list(csv.DictReader(f))
    csm_name = collections.Counter(a["csm"] for a in accounts if a["status"] == "active"
                                   ).most_common(1)[0][0]
    tokens = setup_users(tend, db, csm_name=csm_name)
    run(tend, "rules", "run", "--db", db, "--as-of", "2026-11-20")
    with Server(tend, db) as srv:
        url = srv.url

        # 1. The candidates queue: ranked, with reasons that add up to the score.
        q = ok("GET", "/api/advocacy/candidates?limit=500")
        cands = q["candidates"]
        check(len(cands) >= 5, "the queue has candidates", len(cands))
        scores = [c["score"] for c in cands]
        check(scores == sorted(scores, reverse=True), "the queue is ranked by score")
        check(all(c["score"] >= q["min_score"] for c in cands), "every candidate meets min_score")
        for c in cands[:20]:
            total = sum(r["points"] for r in c["reasons"])
            check(abs(min(100, max(0, total)) - c["score"]) < 1e-6,
                  f"{c['contact_id']}: reasons add up to the score", (total, c["score"]))
            check(all(r["text"] for r in c["reasons"]), "each reason says why in words")
        print(f"  candidates: {q['total']} ranked; top {cands[0]['name']} {cands[0]['score']}: "
              + "; ".join(r["text"] for r in cands[0]["reasons"][:3]))

        # 2. Invite, snooze, dismiss; each leaves the queue.
        first, second, third = cands[0], cands[1], cands[2]
        s, j, _ = api("POST", f"/api/advocacy/candidates/{first['contact_id']}/invite",
                      {"tier": "gold"})
        check(s == 422 and j["error"]["field"] == "tier", "an unknown tier is a field error", j)
        a = ok("POST", f"/api/advocacy/candidates/{first['contact_id']}/invite",
               {"tier": "reference_network", "note": "top promoter"})
        check(a["status"] == "invited" and a["tier"] == "reference_network", "invited", a)
        s, j, _ = api("POST", f"/api/advocacy/candidates/{second['contact_id']}/snooze",
                      {"days": 30})
        check(s == 422 and j["error"]["field"] == "reason", "snooze needs a reason", j)
        ok("POST", f"/api/advocacy/candidates/{second['contact_id']}/snooze",
           {"days": 30, "reason": "on holiday"})
        ok("POST", f"/api/advocacy/candidates/{third['contact_id']}/dismiss",
           {"reason": "asked not to be contacted"})
        ids = {c["contact_id"] for c in ok("GET", "/api/advocacy/candidates?limit=500")["candidates"]}
        check(not ids & {first["contact_id"], second["contact_id"], third["contact_id"]},
              "invited, snoozed and dismissed contacts leave the queue")

        # 3. The lifecycle: consent before active; forbidden moves; capacity.
        cid = first["contact_id"]
        s, j, _ = api("PATCH", f"/api/advocacy/advocates/{cid}", {"status": "active"})
        check(s == 409 and "consent" in j["error"]["message"], "active needs consent", j)
        a = ok("PATCH", f"/api/advocacy/advocates/{cid}",
               {"status": "active", "consent": True, "preferred": ["reference_call"]})
        check(a["status"] == "active" and a["consent"] and a["consent_at"], "active with consent", a)
        s, j, _ = api("PATCH", f"/api/advocacy/advocates/{cid}", {"status": "invited"})
        check(s == 409, "active -> invited is not a move", (s, j))
        s, j, _ = api("PATCH", f"/api/advocacy/advocates/{cid}", {"preferred": ["golf"]})
        check(s == 422 and j["error"]["field"] == "preferred", "unknown preferred activity", j)
        s, j, _ = api("PUT", "/api/advocacy/settings",
                      {"tiers": [{"tier": "advisory_board", "capacity": 0}]})
        check(s == 422 and j["error"]["field"] == "tiers[0].capacity", "capacity below 1", j)
        ok("PUT", "/api/advocacy/settings",
           {"tiers": [{"tier": "advisory_board", "capacity": 1, "min_members": 1}]})
        rest = [c for c in ok("GET", "/api/advocacy/candidates?limit=500")["candidates"]]
        ok("POST", f"/api/advocacy/candidates/{rest[0]['contact_id']}/invite",
           {"tier": "advisory_board"})
        s, j, _ = api("POST", f"/api/advocacy/candidates/{rest[1]['contact_id']}/invite",
                      {"tier": "advisory_board"})
        check(s == 409 and "full" in j["error"]["message"], "a full tier refuses invites", j)
        s, j, _ = api("PUT", "/api/advocacy/settings", {"recency_days": 30}, role="csm")
        check(s == 403, "only ops change settings", s)

        # More reference-network advocates, active with consent.
        network = [cid]
        for c in rest[1:9]:
            ok("POST", f"/api/advocacy/candidates/{c['contact_id']}/invite",
               {"tier": "reference_network"})
            ok("PATCH", f"/api/advocacy/advocates/{c['contact_id']}",
               {"status": "active", "consent": True})
            network.append(c["contact_id"])
        advs = ok("GET", "/api/advocacy/advocates?tier=reference_network&status=active")["advocates"]
        check({a["contact_id"] for a in advs} == set(network), "advocates by tier and status",
              len(advs))

        # 4. A reference request from sales, matched, asked, accepted, completed.
        ind = advs[0]["account_id"]
        acct = next(a for a in accounts if a["account_id"] == ind)
        s, j, _ = api("POST", "/api/advocacy/requests", {"prospect": "Umbrella"}, role="sales")
        check(s == 422 and j["error"]["field"] == "deadline", "a request needs a deadline", j)
        s, j, _ = api("POST", "/api/advocacy/requests",
                      {"prospect": "Umbrella", "deadline": "someday"}, role="sales")
        check(s == 422 and j["error"]["field"] == "deadline", "a bad deadline", j)
        r = ok("POST", "/api/advocacy/requests",
               {"prospect": "Umbrella Corp", "deal_id": "D-1", "industry": acct["industry"],
                "segment": acct["segment"], "region": acct["region"], "deadline": "2026-12-31"},
               role="sales")
        check(r["status"] == "requested" and r["requested_by"] == "Sales User", "requested", r)
        rid = r["request_id"]
        s, _, _ = api("POST", f"/api/advocacy/requests/{rid}/ask", {"contact_id": cid}, role="sales")
        check(s == 403, "sales does not ask advocates themselves", s)
        d = ok("GET", f"/api/advocacy/requests/{rid}", role="sales")
        check(d["matches"], "the request has matches", d)
        fits = [m["fit"] for m in d["matches"]]
        check(fits == sorted(fits, reverse=True), "matches are ranked by fit")
        best = d["matches"][0]
        check(any("industry" in why for why in best["reasons"]), "the best match says why",
              best["reasons"])
        s, j, _ = api("POST", f"/api/advocacy/requests/{rid}/complete", {"outcome": "x"},
                      role="sales")
        check(s == 409, "a request cannot complete before it is accepted", (s, j))
        r = ok("POST", f"/api/advocacy/requests/{rid}/ask", {"contact_id": best["contact_id"]})
        check(r["status"] == "asked" and r["contact_id"] == best["contact_id"], "asked", r)
        r = ok("POST", f"/api/advocacy/requests/{rid}/accept", {})
        check(r["status"] == "accepted", "accepted", r)
        r = ok("POST", f"/api/advocacy/requests/{rid}/complete", {"outcome": "deal progressed"},
               role="sales")
        check(r["status"] == "completed" and r["outcome"] == "deal progressed", "completed", r)
        prof = ok("GET", f"/api/advocacy/advocates/{best['contact_id']}")
        check(prof["asks_this_quarter"] == 1, "the ask counts for the advocate", prof)
        check(any(e["kind"] == "reference_call" and e["source"] == "ask" for e in prof["ledger"]),
              "the reference call is in the ledger", prof["ledger"][:3])
        tl = ok("GET", f"/api/accounts/{best['account_id']}/timeline?limit=50")
        subjects = [e["subject"] for e in tl["entries"]]
        check(any("Reference request" in (x or "") or "reference_call" in (x or "")
                  for x in subjects), "the steps are on the timeline", subjects[:8])

        # 5. Matching exclusions: asked recently; red account; open risk CTA.
        r2 = ok("POST", "/api/advocacy/requests",
                {"prospect": "Initech", "deadline": "2026-12-31"}, role="sales")
        d2 = ok("GET", f"/api/advocacy/requests/{r2['request_id']}")
        why = {e["contact_id"]: e["reason"] for e in d2["excluded"]}
        check("asked today" in why.get(best["contact_id"], ""), "an advocate asked today is excluded",
              why)
        check(best["contact_id"] not in {m["contact_id"] for m in d2["matches"]},
              "and not proposed")
        s, j, _ = api("POST", f"/api/advocacy/requests/{r2['request_id']}/ask",
                      {"contact_id": best["contact_id"]})
        check(s == 409 and j["error"]["field"] == "contact_id", "asking an excluded one fails", j)
        reds = [a for a in ok("GET", "/api/accounts?color=red&limit=50")["accounts"]]
        red_contact = None
        for a in reds:
            cs = ok("GET", f"/api/accounts/{a['account_id']}/contacts")
            cs = cs.get("contacts", cs) if isinstance(cs, dict) else cs
            if cs:
                red_contact = cs[0]["contact_id"]
                break
        if red_contact:
            ok("POST", f"/api/advocacy/candidates/{red_contact}/invite",
               {"tier": "reference_network"})
            ok("PATCH", f"/api/advocacy/advocates/{red_contact}",
               {"status": "active", "consent": True})
            d2 = ok("GET", f"/api/advocacy/requests/{r2['request_id']}")
            why = {e["contact_id"]: e["reason"] for e in d2["excluded"]}
            check("red" in why.get(red_contact, "") or "risk CTA" in why.get(red_contact, ""),
                  "an advocate on a red account is excluded", why.get(red_contact))
        # An open risk CTA on a matched advocate's account excludes them.
        risky = d2["matches"][-1]
        ok("POST", "/api/ctas", {"account_id": risky["account_id"], "type": "risk",
                                 "title": "Escalation open"}, role="admin")
        d2 = ok("GET", f"/api/advocacy/requests/{r2['request_id']}")
        why = {e["contact_id"]: e["reason"] for e in d2["excluded"]}
        check(why.get(risky["contact_id"]) == "open risk CTA: Escalation open",
              "an advocate whose account has an open risk CTA is excluded", why)
        # Declined, then asked again with another advocate.
        other = d2["matches"][0]["contact_id"]
        ok("POST", f"/api/advocacy/requests/{r2['request_id']}/ask", {"contact_id": other})
        r = ok("POST", f"/api/advocacy/requests/{r2['request_id']}/decline", {"reason": "busy"})
        check(r["status"] == "declined", "declined", r)
        d2 = ok("GET", f"/api/advocacy/requests/{r2['request_id']}")
        r = ok("POST", f"/api/advocacy/requests/{r2['request_id']}/ask",
               {"contact_id": d2["matches"][0]["contact_id"]})
        check(r["status"] == "asked", "a declined request can be asked again", r)
        r = ok("POST", f"/api/advocacy/requests/{r2['request_id']}/cancel", {}, role="sales")
        check(r["status"] == "cancelled", "cancelled", r)

        # 6. Asks, the quarterly cap and the extraction warning.
        fresh = [a for a in ok("GET", "/api/advocacy/advocates?status=active")["advocates"]
                 if a["asks_this_quarter"] == 0 and a["tier"] == "reference_network"]
        x = fresh[0]["contact_id"]
        a1 = ok("POST", f"/api/advocacy/advocates/{x}/asks", {"activity": "reference_call"})
        ok("POST", f"/api/advocacy/asks/{a1['ask_id']}/accept", {})
        ok("POST", f"/api/advocacy/asks/{a1['ask_id']}/complete", {"outcome": "great call"})
        a2 = ok("POST", f"/api/advocacy/advocates/{x}/asks", {"activity": "case_study"})
        s, j, _ = api("POST", f"/api/advocacy/asks/{a2['ask_id']}/decline", {})
        check(s == 422 and j["error"]["field"] == "reason", "a decline needs a reason", j)
        ok("POST", f"/api/advocacy/asks/{a2['ask_id']}/decline", {"reason": "no time"})
        s, j, _ = api("POST", f"/api/advocacy/advocates/{x}/asks", {"activity": "speaking"})
        check(s == 409 and "cap" in j["error"]["message"], "the quarterly cap holds", j)
        prof = ok("GET", f"/api/advocacy/advocates/{x}")
        check(prof["extraction_warning"] and prof["balance"]["warning"],
              "asks without give-back raise the extraction warning", prof["balance"])
        s, j, _ = api("POST", f"/api/advocacy/advocates/{x}/ledger",
                      {"direction": "received", "kind": "reference_call"})
        check(s == 422 and j["error"]["field"] == "kind", "give-back kinds are checked", j)
        ok("POST", f"/api/advocacy/advocates/{x}/ledger",
           {"direction": "received", "kind": "roadmap_session", "note": "Q1 roadmap preview"})
        ok("POST", f"/api/advocacy/advocates/{x}/ledger",
           {"direction": "received", "kind": "early_access", "units": 3})
        prof = ok("GET", f"/api/advocacy/advocates/{x}")
        check(not prof["extraction_warning"], "give-back clears the warning", prof["balance"])
        check(prof["balance"]["received"] == 5 and prof["balance"]["gave"] == 4,
              "the balance adds up (asks 1 + 3; received 2 + 3)", prof["balance"])
        check(prof["propensity"]["reasons"], "the profile shows the propensity's reasons")

        # 7. The program dashboard.
        p = ok("GET", "/api/advocacy/program")
        m = p["metrics"]
        for k in ["advocacy_nps", "participation_rate", "advocate_renewal_rate",
                  "influenced_deals", "influenced_amount", "influenced_share"]:
            check(k in m, f"program metrics have {k}")
        check(m["participation_rate"]["reference_call"] is not None, "reference calls were asked")
        check(abs(m["participation_rate"]["case_study"] - 0.0) < 1e-9, "the case study was declined",
              m["participation_rate"])
        tiers = {t["tier"]: t for t in p["tiers"]}
        check(tiers["reference_network"]["active"] == len(network) + (1 if red_contact else 0),
              "tier counts", tiers["reference_network"])
        check(tiers["advisory_board"]["invited"] == 1 and tiers["advisory_board"]["capacity"] == 1,
              "advisory board capacity", tiers["advisory_board"])
        check(p["requests"]["completed"] == 1 and p["requests"]["cancelled"] == 1,
              "requests by status", p["requests"])
        check(len(p["trend"]) == 7, "a seven-point trend", len(p["trend"]))
        check(p["funnel"]["candidates"] > 0, "the funnel counts candidates", p["funnel"])
        check(p["burnout"]["decline_rate"] is not None, "burnout: decline rate", p["burnout"])
        imp = ok("GET", "/api/advocacy/impact")
        check("treated" in imp and "control" in imp, "the impact view answers", imp)

        # Advocacy in health scoring: the program is visible to expressions and measures.
        active_accounts = {a["account_id"] for a in
                           ok("GET", "/api/advocacy/advocates?status=active")["advocates"]}
        prev = ok("POST", "/api/definitions/preview",
                  {"condition": "active_advocates >= 1 AND advocacy_tier = 'reference_network'"})
        matched = {r["account_id"] for r in prev["accounts"]}
        check(matched and matched <= active_accounts,
              "active_advocates and advocacy_tier are attributes", (matched, active_accounts))

    # 8. A champion moves company (Segment identify with another groupId). The server runs as
    # of today here: the move happens now.
    with Server(tend, db, as_of=None) as srv:
        url = srv.url
        wk = run(tend, "writekey", "add", "--db", db, "--name", "t").stdout.strip().split()[-1]
        contacts = list(csv.DictReader(open(os.path.join(tmp, "data", "contacts.csv"),
                                            newline="")))
        champ = next(c for c in contacts if c["role"] == "champion" and
                     next(a for a in accounts if a["account_id"] == c["account_id"])["status"]
                     == "active")
        target = next(a["account_id"] for a in accounts
                      if a["status"] == "active" and a["account_id"] != champ["account_id"])
        s, j, _ = call(url, "POST", "/v1/identify",
                       {"userId": champ["contact_id"], "context": {"groupId": target},
                        "traits": {"title": "VP Customer Success"}}, basic=wk)
        check(s == 200, "identify accepted", (s, j))
        ctas = ok("GET", f"/api/ctas?account_id={champ['account_id']}")["ctas"]
        check(any(c["rule"] == "champion_moved_away" and c["type"] == "risk" for c in ctas),
              "a champion leaving raises a risk CTA on the old account (template rule)",
              [(c["rule"], c["title"]) for c in ctas])
        ctas = ok("GET", f"/api/ctas?account_id={target}")["ctas"]
        check(any(c["rule"] == "former_champion_arrived" and c["type"] == "opportunity"
                  for c in ctas), "and an opportunity CTA where they arrive",
              [(c["rule"], c["title"]) for c in ctas])
        prof = ok("GET", f"/api/advocacy/advocates/{champ['contact_id']}")
        check(prof["milestones"] and prof["milestones"][0]["kind"] == "company_move",
              "the move is a milestone on the profile", prof["milestones"])

    # 9. The CLI reads the same program.
    out = run(tend, "advocacy", "metrics", "--db", db, "--as-of", "2026-11-20", "--format",
              "json").stdout
    import json
    mj = json.loads(out)
    check(set(["advocacy_nps", "participation_rate", "advocate_renewal_rate", "influenced_deals",
               "influenced_amount", "influenced_share"]) <= set(mj), "CLI metrics keys", mj.keys())

if failures:
    sys.exit(f"advocacy_api_test: {len(failures)} failure(s)")
print("advocacy_api_test: passed")
