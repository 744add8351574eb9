#!/usr/bin/env python3
"""The voice of the customer from the CLI on a generated workspace (docs/feedback.md):

- every request's ranking figures (`tend feedback requests --format json`) equal an
  independent computation in Python over the generated CSV files and the colors `tend score`
  prints;
- `open_blocker_requests` in a rule condition matches the accounts Python finds;
- a feedback.csv with bad rows is refused with file:line: column messages and nothing
  written;
- merging two requests keeps every item; setting a status makes one product_update CTA per
  active account asking, and setting it again makes none.
"""
import csv, datetime, json, os, subprocess, sys, tempfile

tend, source = sys.argv[1], sys.argv[2]
END = "2026-06-30"
HORIZON = 180


def run(*args, ok=True):
    p = subprocess.run([tend, *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        sys.exit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def day(s):
    return datetime.date.fromisoformat(s) if s else None


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


with tempfile.TemporaryDirectory() as tmp:
    data, db = os.path.join(tmp, "data"), os.path.join(tmp, "tend.db")
    run("generate", "--accounts", "400", "--seed", "20", "--end", END, "--out", data)
    feedback = rows(os.path.join(data, "feedback.csv"))
    assert len(feedback) > 100, f"only {len(feedback)} feedback items generated"
    run("import", "--db", db, data)
    run("init", "--db", db, "--template", "saas")

    # The accounts and their colors, independently of the ranking code.
    accounts = {a["account_id"]: a for a in rows(os.path.join(data, "accounts.csv"))}
    scored = run("score", "--db", db, "--as-of", END, "--format", "csv", "--no-history").stdout
    colors = {r["account_id"]: r["color"] for r in csv.DictReader(scored.splitlines())}
    today = day(END)

    got = json.loads(run("feedback", "requests", "--db", db, "--as-of", END, "--format", "json",
                         "--limit", "0").stdout)
    assert got["as_of"] == END, got["as_of"]
    by_title = {r["title"]: r for r in got["requests"]}
    titles = sorted({f["request"] for f in feedback if f["request"]})
    assert sorted(by_title) == titles, (sorted(by_title), titles)

    def expected(title):
        items = [f for f in feedback if f["request"] == title]
        asking = {}
        contacts = set()
        for f in items:
            a = accounts[f["account_id"]]
            if a["status"] == "churned":
                continue
            e = asking.setdefault(a["account_id"], {"blocker": False})
            e["blocker"] |= f["importance"] == "blocker"
            if f["contact_id"]:
                contacts.add(f["contact_id"])
        x = dict(items=len(items), accounts=len(asking), contacts=len(contacts), arr=0.0,
                 blocker_arr=0.0, renewing_arr=0.0, arr_at_risk=0.0, red=0, yellow=0,
                 segments={})
        for aid, e in asking.items():
            a = accounts[aid]
            arr = float(a["arr"] or 0)
            renewal = day(a["renewal_date"])
            renewing = renewal is not None and 0 <= (renewal - today).days <= HORIZON
            color = colors.get(aid, "")
            x["arr"] += arr
            x["blocker_arr"] += arr if e["blocker"] else 0
            x["renewing_arr"] += arr if renewing else 0
            if color in ("red", "yellow") or (renewing and e["blocker"]):
                x["arr_at_risk"] += arr
            x["red"] += color == "red"
            x["yellow"] += color == "yellow"
            seg = a["segment"] or "(none)"
            x["segments"][seg] = x["segments"].get(seg, 0) + 1
        return x

    checked = 0
    for title in titles:
        want, have = expected(title), by_title[title]
        for k, v in want.items():
            if isinstance(v, float):
                assert close(v, have[k]), f"{title}: {k} is {have[k]}, expected {v}"
            else:
                assert have[k] == v, f"{title}: {k} is {have[k]}, expected {v}"
            checked += 1
    assert any(by_title[t]["arr_at_risk"] > 0 for t in titles), "no ARR at risk at all"
    # The default order: by ARR at risk, highest first.
    risk = [r["arr_at_risk"] for r in got["requests"]]
    assert risk == sorted(risk, reverse=True), risk
    print(f"  ranking: {len(titles)} requests x figures = {checked} values match Python")

    # Filters and sorting.
    top = json.loads(run("feedback", "requests", "--db", db, "--as-of", END, "--format", "json",
                         "--limit", "0", "--sort", "accounts", "--order", "asc",
                         "--min", "accounts=3", "--segment", "enterprise").stdout)["requests"]
    want = sorted((t for t in titles if expected(t)["accounts"] >= 3
                   and "enterprise" in expected(t)["segments"]),
                  key=lambda t: (expected(t)["accounts"], by_title[t]["request_id"]))
    assert [r["title"] for r in top] == want, ([r["title"] for r in top], want)
    bad = run("feedback", "requests", "--db", db, "--sort", "loudness", ok=False)
    assert bad.returncode != 0 and "loudness" in bad.stderr, bad.stderr

    # open_blocker_requests in a rule condition.
    blockers = {f["account_id"] for f in feedback
                if f["request"] and f["importance"] == "blocker"
                and accounts[f["account_id"]]["status"] == "active"}
    p = run("rules", "preview", "--db", db, "--as-of", END, "--format", "csv",
            "open_blocker_requests >= 1").stdout
    matched = {r["account_id"] for r in csv.DictReader(p.splitlines())}
    assert matched == blockers, (sorted(matched ^ blockers))[:10]
    print(f"  open_blocker_requests: {len(matched)} accounts, as Python finds")

    # A bad feedback.csv: every problem named, nothing written.
    before = json.loads(run("feedback", "requests", "--db", db, "--format", "json", "--limit",
                            "0", "--as-of", END).stdout)
    some = next(iter(accounts))
    bad_csv = os.path.join(tmp, "feedback.csv")
    with open(bad_csv, "w") as f:
        f.write("feedback_id,ts,account_id,source,kind,importance,text,request\n"
                f"X1,2026-06-01T10:00:00Z,{some},call,feature_request,blocker,Fine,Brand new\n"
                f"X2,2026-06-01T10:00:00Z,{some},phone,feature_request,blocker,Bad source,\n"
                f"X3,2026-06-01T10:00:00Z,NOPE,call,wish,urgent,Bad kind,\n")
    p = run("import", "--db", db, "feedback", bad_csv, ok=False)
    assert p.returncode != 0
    for needle in (":3: column source:", '"phone" is not one of', ":4: column account_id:",
                   ":4: column kind:", ":4: column importance:"):
        assert needle in p.stderr + p.stdout, (needle, p.stderr)
    after = json.loads(run("feedback", "requests", "--db", db, "--format", "json", "--limit",
                           "0", "--as-of", END).stdout)
    assert after["total"] == before["total"], "a request was created by a refused import"

    # Merge keeps every item.
    first, second = got["requests"][0], got["requests"][1]
    shown = lambda rid: json.loads(run("feedback", "show", str(rid), "--db", db, "--format",
                                       "json", "--as-of", END).stdout)
    n1, n2 = len(shown(first["request_id"])["items"]), len(shown(second["request_id"])["items"])
    run("feedback", "merge", str(second["request_id"]), "--into", str(first["request_id"]),
        "--db", db)
    merged = shown(first["request_id"])
    assert len(merged["items"]) == n1 + n2, (len(merged["items"]), n1, n2)
    assert merged["items"] == sorted(merged["items"], key=lambda i: (i["created_at"], i["item_id"]))
    assert merged["items"] and merged["items"][0]["request_id"] == first["request_id"]
    p = run("feedback", "merge", str(second["request_id"]), "--into", str(first["request_id"]),
            "--db", db, ok=False)
    assert p.returncode != 0 and "already merged" in p.stderr, p.stderr

    # Closing the loop from the CLI: one CTA per active account asking, none the second time.
    active = {a["account_id"] for a in merged["accounts_asking"]}
    out = run("feedback", "status", str(first["request_id"]), "shipped", "--db", db,
              "--by", "pm@example.com").stdout
    assert f"{len(active)} product_update CTAs" in out, (out, len(active))
    out = run("feedback", "status", str(first["request_id"]), "shipped", "--db", db).stdout
    assert "already shipped" in out, out
    ctas = json.loads(run("ctas", "--db", db, "--format", "json").stdout)
    ctas = ctas["ctas"] if isinstance(ctas, dict) else ctas
    product = [c for c in ctas if c["type"] == "product_update"]
    assert sorted(c["account_id"] for c in product) == sorted(active), \
        (len(product), len(active))
    print(f"  merge kept {n1 + n2} items; shipped: {len(product)} CTAs for {len(active)} accounts")

    # Product areas, logging, linking and suggestions from the CLI.
    run("feedback", "areas", "add", "security", "--db", db)
    areas = run("feedback", "areas", "--db", db).stdout.split()
    assert areas == ["security"], areas
    aid = next(a for a in accounts if accounts[a]["status"] == "active")
    p = run("feedback", "log", "--db", db, "--account", aid, "--source", "call", "--kind",
            "feature_request", "--importance", "nice", "--text", "x", "--product-area", "billing",
            ok=False)
    assert p.returncode == 1 and '"billing" is not a product area' in p.stderr, p.stderr
    p = run("feedback", "log", "--db", db, "--account", aid, "--source", "call", "--kind",
            "wish", "--importance", "nice", "--text", "x", ok=False)
    assert p.returncode == 1 and "wish" in p.stderr, p.stderr
    out = run("feedback", "log", "--db", db, "--account", aid, "--source", "call", "--kind",
              "feature_request", "--importance", "blocker", "--text",
              "Okta single sign-on before the security review", "--product-area",
              "security").stdout
    item = int(out.split()[2])
    made = run("feedback", "create", "--db", db, "--title", "Okta SCIM user provisioning",
               "--product-area", "security").stdout
    rid = int(made.split()[1])
    sug = run("feedback", "suggest", "--db", db, "provisioning users from Okta SCIM").stdout
    rows = [l for l in sug.splitlines()[1:] if l.strip() and not set(l.strip()) <= set("-+ |")]
    assert rows and rows[0].split()[0] == str(rid), sug
    run("feedback", "link", str(item), str(rid), "--db", db)
    items = shown(rid)["items"]
    assert [i["item_id"] for i in items] == [item], items
    print("  areas, log (with its errors), suggest and link: ok")
print("feedback: ok")
