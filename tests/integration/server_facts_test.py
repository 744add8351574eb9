#!/usr/bin/env python3
"""Surveys and tickets posted to the API re-score their account at once (no refresh), with
the same validation as the CSV import; and the dashboard and saved views."""
import os, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import Server, call, make_workspace, setup_users  # noqa: E402

tend, source = sys.argv[1], sys.argv[2]


def measure(url, token, account, name):
    status, body, _ = call(url, path=f"/api/accounts/{account}", token=token)
    assert status == 200, (status, body)
    for m in body["scorecards"][0]["measures"]:
        if m["name"] == name:
            return m["value"], m["score"]
    raise SystemExit(f"no measure {name}")


with tempfile.TemporaryDirectory() as tmp:
    db = make_workspace(tend, tmp)
    tokens = setup_users(tend, db)
    with Server(tend, db) as srv:
        url, ops, viewer = srv.url, tokens["ops"], tokens["viewer"]
        _, body, _ = call(url, path="/api/accounts?limit=1&sort=account_id", token=ops)
        account = body["accounts"][0]["account_id"]

        # An NPS response: the nps measure takes it at once (survey_latest within 180 days).
        s, b, _ = call(url, "POST", "/api/surveys", {"account_id": account, "survey": "nps",
                                                     "score": 2, "ts": "2026-11-20T10:00:00Z"},
                       token=ops)
        assert s == 201, (s, b)
        value, _ = measure(url, ops, account, "nps")
        assert value == 2, f"the nps measure is {value} after an NPS of 2"
        s, b, _ = call(url, "POST", "/api/surveys", {"account_id": account, "survey": "nps",
                                                     "score": 10, "ts": "2026-11-20T11:00:00Z"},
                       token=ops)
        assert s == 201, (s, b)
        value, _ = measure(url, ops, account, "nps")
        assert value == 10, f"the nps measure is {value} after an NPS of 10"

        # An urgent open ticket: open_high_tickets counts it at once.
        before, _ = measure(url, ops, account, "support")
        s, b, _ = call(url, "POST", "/api/tickets",
                       {"ticket_id": "T-api-1", "account_id": account, "status": "open",
                        "priority": "urgent", "opened_at": "2026-11-19T09:00:00Z"}, token=ops)
        assert s == 201, (s, b)
        after, _ = measure(url, ops, account, "support")
        assert after == (before or 0) + 1, f"open_tickets {before} -> {after}"
        # Closing it (same ticket_id) takes it away again.
        s, b, _ = call(url, "POST", "/api/tickets",
                       {"ticket_id": "T-api-1", "account_id": account, "status": "closed",
                        "priority": "urgent", "opened_at": "2026-11-19T09:00:00Z",
                        "closed_at": "2026-11-20T09:00:00Z", "csat": 5}, token=ops)
        assert s == 201, (s, b)
        again, _ = measure(url, ops, account, "support")
        assert again == before, f"open_tickets after closing: {again}, expected {before}"

        # Validation: 422 naming the field; nothing stored.
        for body_, field in [({"account_id": account, "survey": "nps", "score": 11}, "score"),
                             ({"account_id": account, "survey": "ces", "score": 3}, "survey"),
                             ({"account_id": "nope", "survey": "nps", "score": 3}, "account_id"),
                             ({"account_id": account, "survey": "nps"}, "score")]:
            s, b, _ = call(url, "POST", "/api/surveys", body_, token=ops)
            assert s == 422 and b["error"]["field"] == field, (body_, s, b)
        for body_, field in [({"ticket_id": "x", "account_id": account, "status": "pending"},
                              "status"),
                             ({"ticket_id": "x", "account_id": account, "status": "open",
                               "closed_at": "2026-11-20T00:00:00Z"}, "closed_at"),
                             ({"ticket_id": "x", "account_id": account, "status": "closed",
                               "csat": 9}, "csat")]:
            s, b, _ = call(url, "POST", "/api/tickets", body_, token=ops)
            assert s == 422 and b["error"]["field"] == field, (body_, s, b)
        s, _, _ = call(url, "POST", "/api/surveys",
                       {"account_id": account, "survey": "nps", "score": 5}, token=viewer)
        assert s == 403, s

        # The dashboard adds up.
        s, d, _ = call(url, path="/api/dashboard", token=viewer)
        assert s == 200, (s, d)
        colors = d["by_color"]
        assert sum(colors.values()) == d["accounts"], d["by_color"]
        assert sum(x["accounts"] for x in d["by_segment"]) == d["accounts"]
        assert sum(x["accounts"] for x in d["by_csm"]) == d["accounts"]
        _, red, _ = call(url, path="/api/accounts?color=red&limit=1", token=viewer)
        assert red["total"] == colors["red"], (red["total"], colors)
        _, ren, _ = call(url, path="/api/accounts?renewal_within_days=90&limit=1", token=viewer)
        assert ren["total"] == d["renewals_90d_total"], (ren["total"], d["renewals_90d_total"])
        assert d["trend"] and d["trend"][-1]["date"] == d["as_of"], d["trend"][-3:]
        assert d["ctas_open"]["total"] == sum(d["ctas_open"]["by_type"].values())

        # Saved views belong to their user.
        s, v, _ = call(url, "POST", "/api/views", {"name": "Red SMB",
                                                   "query": "color=red&segment=smb"}, token=viewer)
        assert s == 201, (s, v)
        _, mine, _ = call(url, path="/api/views", token=viewer)
        _, theirs, _ = call(url, path="/api/views", token=ops)
        assert [x["name"] for x in mine["views"]] == ["Red SMB"] and theirs["views"] == []
        s, _, _ = call(url, "DELETE", f"/api/views/{v['view_id']}", token=ops)
        assert s == 404, s
        s, _, _ = call(url, "DELETE", f"/api/views/{v['view_id']}", token=viewer)
        assert s == 200, s
        s, b, _ = call(url, "POST", "/api/views", {"query": "x"}, token=viewer)
        assert s == 422 and b["error"]["field"] == "name", (s, b)
print("surveys and tickets re-score at once; dashboard and saved views: ok")
