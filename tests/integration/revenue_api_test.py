#!/usr/bin/env python3
"""The revenue routes: subscriptions and purchases posted to the API (the CSV import's rules,
422 naming the field, nothing stored on error) change the account's ARR and expression
values at once; GET /api/revenue/metrics equals `tend revenue metrics`; renewal edits with
their permissions (CSMs only on their own accounts; viewers and sales never)."""
import json, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import Server, call, make_workspace, setup_users  # noqa: E402

tend, source = sys.argv[1], sys.argv[2]
AS_OF = "2026-11-20"

with tempfile.TemporaryDirectory() as tmp:
    db = make_workspace(tend, tmp)
    # The csm user is the CSM of the first account.
    import csv
    with open(os.path.join(tmp, "data", "accounts.csv"), newline="") as f:
        accounts = list(csv.DictReader(f))
    first = sorted(accounts, key=lambda a: a["account_id"])[0]
    other = next(a for a in accounts if a["csm"] != first["csm"] and a["status"] == "active")
    tokens = setup_users(tend, db, csm_name=first["csm"])
    cli = json.loads(subprocess.run([tend, "revenue", "metrics", "--db", db, "--as-of", AS_OF,
                                     "--by", "segment", "--format", "json"], check=True,
                                    capture_output=True, text=True).stdout)
    with Server(tend, db) as srv:
        url, ops = srv.url, tokens["ops"]
        s, b, _ = call(url, path=f"/api/revenue/metrics?as_of={AS_OF}&by=segment", token=ops)
        assert s == 200 and b["figures"] == cli, (s, b, cli)
        s, b, _ = call(url, path="/api/revenue/metrics?by=planet", token=ops)
        assert s == 422 and b["error"]["field"] == "by", (s, b)
        s, b, _ = call(url, path="/api/revenue/metrics?trend=3", token=tokens["viewer"])
        assert s == 200 and len(b["trend"]) == 3, (s, b)
        s, b, _ = call(url, path="/api/revenue/metrics", token=tokens["sales"])
        assert s == 403, (s, b)

        account = first["account_id"]
        s, before, _ = call(url, path=f"/api/accounts/{account}/revenue", token=ops)
        assert s == 200 and before["derived"], (s, before)
        # Validation: 422 naming the field, nothing stored.
        good = {"subscription_id": "SX1", "account_id": account, "product": "addon",
                "quantity": 5, "arr": 1000, "start_date": "2026-11-01", "end_date": "2027-11-01",
                "status": "active"}
        for change, field in [({"status": "paused"}, "status"), ({"arr": -1}, "arr"),
                              ({"end_date": "2026-10-01"}, "end_date"),
                              ({"account_id": "nobody"}, "account_id"),
                              ({"start_date": "soon"}, "start_date")]:
            s, b, _ = call(url, "POST", "/api/subscriptions", {**good, **change}, token=ops)
            assert s == 422 and b["error"]["field"] == field, (change, s, b)
        s, b, _ = call(url, "POST", "/api/purchases",
                       {"purchase_id": "PX1", "account_id": account, "ts": "2026-11-01T10:00:00Z",
                        "amount": 10, "kind": "gift"}, token=ops)
        assert s == 422 and b["error"]["field"] == "kind", (s, b)
        s, b, _ = call(url, path=f"/api/accounts/{account}/revenue", token=ops)
        assert len(b["subscriptions"]) == len(before["subscriptions"]), "nothing stored"
        # A new add-on adds its ARR at once.
        s, b, _ = call(url, "POST", "/api/subscriptions", good, token=tokens["csm"])
        assert s == 403, (s, b)
        s, b, _ = call(url, "POST", "/api/subscriptions", good, token=ops)
        assert s == 201, (s, b)
        s, after, _ = call(url, path=f"/api/accounts/{account}/revenue", token=ops)
        assert abs(after["arr"] - before["arr"] - 1000) < 1e-6, (before["arr"], after["arr"])
        s, b, _ = call(url, "POST", "/api/purchases",
                       {"purchase_id": "PX1", "account_id": account, "ts": "2026-11-01T10:00:00Z",
                        "product": "addon", "amount": 1000, "kind": "expansion"}, token=ops)
        assert s == 201, (s, b)
        # The rules see the new ARR and seats at once (a preview of a condition naming them).
        s, b, _ = call(url, "POST", "/api/definitions/preview",
                       {"condition": f"account_id = '{account}' AND arr > 0 AND "
                                     "seats_purchased > 0"}, token=ops)
        assert s == 200 and b["matches"] == 1, (s, b)
        values = b["accounts"][0]["values"]
        assert abs(float(values["arr"]) - after["arr"]) < 0.01, (values, after["arr"])
        assert abs(float(values["seats_purchased"]) - after["seats_purchased"]) < 1e-6, values
        assert after["seats_purchased"] == before["seats_purchased"] + 5, (before, after)

        # Renewal edits.
        sub = after["next_renewal"]["subscription_id"]
        s, b, _ = call(url, "PATCH", f"/api/renewals/{sub}", {"forecast": "maybe"}, token=ops)
        assert s == 422 and b["error"]["field"] == "forecast", (s, b)
        s, b, _ = call(url, "PATCH", f"/api/renewals/{sub}", {"stage": "in_progress",
                                                              "forecast": "at_risk",
                                                              "arr_at_stake": 500},
                       token=tokens["csm"])
        assert s == 200 and b["stage"] == "in_progress" and b["arr_at_stake"] == 500, (s, b)
        s, b, _ = call(url, path=f"/api/accounts/{account}/revenue", token=ops)
        assert b["next_renewal"]["forecast"] == "at_risk" and b["next_renewal"]["edited"], b
        s, o, _ = call(url, path=f"/api/accounts/{other['account_id']}/revenue", token=ops)
        if o["next_renewal"]:
            s, b, _ = call(url, "PATCH", f"/api/renewals/{o['next_renewal']['subscription_id']}",
                           {"stage": "renewed"}, token=tokens["csm"])
            assert s == 403, (s, b)
        s, b, _ = call(url, "PATCH", f"/api/renewals/{sub}", {"stage": "renewed"},
                       token=tokens["viewer"])
        assert s == 403, (s, b)
        s, b, _ = call(url, "PATCH", "/api/renewals/nothing", {"stage": "renewed"}, token=ops)
        assert s == 404, (s, b)
        # Renewals due, and the CSM's own.
        s, b, _ = call(url, path="/api/revenue/renewals?within=365&owner=me", token=tokens["csm"])
        assert s == 200 and b["renewals"], (s, b)
        assert all(r["owner"] == first["csm"] for r in b["renewals"]), b

        # The accounts behind each figure sum to it, largest first, with health and CTAs.
        s, m, _ = call(url, path=f"/api/revenue/metrics?as_of={AS_OF}", token=ops)
        f = m["figures"]
        for movement, figure in [("churned", "churned_arr"), ("contraction", "contraction_arr"),
                                 ("expansion", "expansion_arr"), ("new", "new_arr")]:
            s, b, _ = call(url, path=f"/api/revenue/accounts?movement={movement}&as_of={AS_OF}"
                                     "&limit=5000", token=tokens["viewer"])
            assert s == 200 and b["movement"] == movement, (s, b)
            assert abs(b["amount"] - f[figure]) < 0.01, (movement, b["amount"], f[figure])
            assert abs(sum(a["amount"] for a in b["accounts"]) - f[figure]) < 0.01, movement
            assert b["total"] == len(b["accounts"]), b["total"]
            amounts = [a["amount"] for a in b["accounts"]]
            assert amounts == sorted(amounts, reverse=True), movement
            for a in b["accounts"]:
                assert set(a) >= {"account_id", "name", "starting_arr", "ending_arr", "health",
                                  "open_ctas", "ctas", "churned_on"}, a
                if movement == "churned":
                    assert a["ending_arr"] == 0 and a["starting_arr"] > 0, a
        s, b, _ = call(url, path=f"/api/revenue/accounts?movement=churned&as_of={AS_OF}&limit=2",
                       token=ops)
        assert len(b["accounts"]) <= 2 and b["total"] >= len(b["accounts"]), b
        # A churned account shows its last health before it churned, when one was stored.
        churned = [a for a in b["accounts"] if a["churned_on"]]
        for a in churned:
            if a["health"]:
                assert a["health"]["day"] < a["churned_on"], a
        s, b, _ = call(url, path="/api/revenue/accounts?movement=lost", token=ops)
        assert s == 422 and b["error"]["field"] == "movement", (s, b)
        s, b, _ = call(url, path="/api/revenue/accounts?movement=new", token=tokens["sales"])
        assert s == 403, (s, b)

        # A CTA can be about a renewal: it shows on that renewal in the list; the renewal must
        # be one of the account's own subscriptions.
        s, b, _ = call(url, "POST", "/api/ctas",
                       {"account_id": account, "title": "Save the renewal", "renewal_id": sub},
                       token=tokens["csm"])
        assert s == 201 and b["renewal_id"] == sub, (s, b)
        cta_id = b["cta_id"]
        s, o, _ = call(url, path=f"/api/accounts/{other['account_id']}/revenue", token=ops)
        if o["subscriptions"]:
            s, b, _ = call(url, "POST", "/api/ctas",
                           {"account_id": account, "title": "wrong",
                            "renewal_id": o["subscriptions"][0]["subscription_id"]},
                           token=tokens["csm"])
            assert s == 422 and b["error"]["field"] == "renewal_id", (s, b)
        s, b, _ = call(url, path="/api/revenue/renewals?within=3660", token=ops)
        mine = [r for r in b["renewals"] if r["subscription_id"] == sub]
        assert mine and [x["cta_id"] for x in mine[0]["ctas"]] == [cta_id], mine
        assert all("health" in r for r in b["renewals"]), "every renewal has its health"
    print("revenue API: validation, live ARR, metrics = CLI, renewal edits and permissions, "
          "the accounts behind each figure, CTAs about renewals")
