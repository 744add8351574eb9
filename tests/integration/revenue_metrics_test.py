#!/usr/bin/env python3
"""`tend revenue metrics --format json` against an independent computation from the CSV files
of a generated workspace (docs/revenue.md's definitions), on several as-of days, for the
portfolio and by segment, region and product; and the generated subscriptions follow their
accounts (ARR on the last day = the arr column; churned accounts at 0 from churned_on).
Usage: revenue_metrics_test.py <tend binary> <source dir>"""
import csv, datetime, json, os, subprocess, sys, tempfile

tend = os.path.abspath(sys.argv[1])
END = "2026-11-30"
KEYS = ["grr", "nrr", "logo_retention", "expansion_arr", "contraction_arr", "churned_arr",
        "new_arr", "starting_arr", "ending_arr"]


def run(*args):
    p = subprocess.run([tend, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p.stdout


def day(s):
    return (datetime.date.fromisoformat(s) - datetime.date(1970, 1, 1)).days


def rows(folder, name):
    with open(os.path.join(folder, name), newline="") as f:
        return list(csv.DictReader(f))


def units(accounts, subs, by):
    """{unit: (group, arr_on(d))}: accounts, or (account, product) pairs."""
    terms = {}
    for s in subs:
        terms.setdefault(s["account_id"], []).append(
            (s["product"], float(s["arr"]), day(s["start_date"]), day(s["end_date"])))
    out = {}
    for a in accounts:
        aid = a["account_id"]
        if aid in terms:
            mine = terms[aid]
        elif a["arr"] and float(a["arr"]) > 0:
            lo = day(a["start_date"]) if a["start_date"] else -10**9
            hi = day(a["churned_on"]) if a["churned_on"] else 10**9
            mine = [("", float(a["arr"]), lo, hi)]
        else:
            mine = []
        if by == "product":
            for p in sorted({t[0] for t in mine}):
                ts = [t for t in mine if t[0] == p]
                out[(aid, p)] = (p or "(none)", ts)
        else:
            g = (a.get(by) or "(none)") if by else ""
            out[aid] = (g, mine)
    return out


def arr_on(ts, d):
    return sum(arr for _, arr, lo, hi in ts if lo <= d < hi)


def expected(accounts, subs, as_of, by):
    D = day(as_of)
    S = D - 365
    groups = {}
    for g, ts in units(accounts, subs, by).values():
        f = groups.setdefault(g, {k: 0.0 for k in KEYS} | {"n": 0, "kept": 0})
        s, e = arr_on(ts, S), arr_on(ts, D)
        f["ending_arr"] += e
        if s <= 0:
            f["new_arr"] += e
            continue
        f["starting_arr"] += s
        f["n"] += 1
        if e <= 0:
            f["churned_arr"] += s
            continue
        f["kept"] += 1
        if e < s:
            f["contraction_arr"] += s - e
        if e > s:
            f["expansion_arr"] += e - s
    for f in groups.values():
        if f["starting_arr"] > 0:
            kept = f["starting_arr"] - f["churned_arr"] - f["contraction_arr"]
            f["grr"] = kept / f["starting_arr"]
            f["nrr"] = (kept + f["expansion_arr"]) / f["starting_arr"]
            f["logo_retention"] = f["kept"] / f["n"]
    return {g: {k: f[k] for k in KEYS} for g, f in groups.items()}


def same(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


with tempfile.TemporaryDirectory() as tmp:
    data = os.path.join(tmp, "data")
    db = os.path.join(tmp, "tend.db")
    run("generate", "--accounts", "300", "--seed", "7", "--end", END, "--out", data)
    run("import", data, "--db", db)
    accounts, subs = rows(data, "accounts.csv"), rows(data, "subscriptions.csv")
    purchases = rows(data, "purchases.csv")
    if not subs or not purchases:
        sys.exit("revenue_metrics_test: FAILED: no subscriptions or purchases generated")
    # The generated files follow the accounts.
    by_id = {a["account_id"]: a for a in accounts}
    u = units(accounts, subs, None)
    for aid, (_, ts) in u.items():
        a = by_id[aid]
        if a["status"] == "active":
            if abs(arr_on(ts, day(END)) - float(a["arr"])) > 0.011:
                sys.exit(f"revenue_metrics_test: FAILED: {aid} ARR on {END} is "
                         f"{arr_on(ts, day(END))}, its arr column {a['arr']}")
        else:
            c = day(a["churned_on"])
            if arr_on(ts, c) != 0 or arr_on(ts, c - 1) <= 0:
                sys.exit(f"revenue_metrics_test: FAILED: {aid} churned on {a['churned_on']} but "
                         "its subscriptions do not end then")
    kinds = {p["kind"] for p in purchases}
    for k in ("new", "renewal", "expansion", "contraction"):
        if k not in kinds:
            sys.exit(f"revenue_metrics_test: FAILED: no {k} purchase generated")
    checked = 0
    for as_of in ["2025-06-30", "2026-01-15", "2026-09-01", END]:
        for by in [None, "segment", "region", "product"]:
            args = ["revenue", "metrics", "--db", db, "--as-of", as_of, "--format", "json"]
            if by:
                args += ["--by", by]
            got = json.loads(run(*args))
            want = expected(accounts, subs, as_of, by)
            if not by:
                got = {"": got}
            if sorted(got) != sorted(want):
                sys.exit(f"revenue_metrics_test: FAILED: {as_of} by {by}: groups {sorted(got)} "
                         f"!= {sorted(want)}")
            for g, f in want.items():
                if sorted(got[g]) != sorted(KEYS):
                    sys.exit(f"revenue_metrics_test: FAILED: keys {sorted(got[g])}")
                for k in KEYS:
                    if not same(got[g][k], f[k]):
                        sys.exit(f"revenue_metrics_test: FAILED: {as_of} by {by} {g!r} {k}: "
                                 f"tend {got[g][k]} != {f[k]}")
                checked += 1
    # Month cohorts: the accounts that started in a month.
    months = sorted({a["start_date"][:7] for a in accounts})
    for month in months[len(months) // 3::max(1, len(months) // 4)][:3]:
        cohort = [a for a in accounts if a["start_date"][:7] == month]
        got = json.loads(run("revenue", "metrics", "--db", db, "--as-of", END, "--cohort", month,
                             "--format", "json"))
        want = expected(cohort, subs, END, None)[""]
        for k in KEYS:
            if not same(got[k], want[k]):
                sys.exit(f"revenue_metrics_test: FAILED: cohort {month} {k}: tend {got[k]} != "
                         f"{want[k]}")
        checked += 1
    print(f"revenue metrics match the independent computation ({checked} figure sets)")
