#!/usr/bin/env python3
"""`tend advocacy metrics --format json` against an independent computation of the issue's
exact definitions, on the reference workload (../shared/conformance/data) for several as-of
days, and on asks recorded through the CLI (participation rate by activity).
Usage: advocacy_metrics_test.py <tend binary> <source dir>"""
import csv, datetime, json, os, subprocess, sys, tempfile

tend, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
data = os.path.join(os.path.dirname(source), "shared", "conformance", "data")
if not os.path.isdir(data):
    sys.exit(f"advocacy_metrics_test: FAILED: {data} is missing (../shared beside the clone)")
ADVOCACY = ["reference_call", "case_study", "speaking", "advisory_board"]
KEYS = ["advocacy_nps", "participation_rate", "advocate_renewal_rate", "influenced_deals",
        "influenced_amount", "influenced_share"]


def day_of(ts):
    t = datetime.datetime.fromisoformat(ts.replace("Z", "+00:00"))
    if t.tzinfo is None:
        t = t.replace(tzinfo=datetime.timezone.utc)
    return (t - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)).days


def date_day(s):
    return (datetime.date.fromisoformat(s) - datetime.date(1970, 1, 1)).days


def rows(name):
    with open(os.path.join(data, name), newline="") as f:
        return list(csv.DictReader(f))


surveys, activities, deals = rows("surveys.csv"), rows("activities.csv"), rows("deals.csv")


def expected(d):
    lo = d - 364
    latest, anon = {}, 0
    for s in surveys:
        if s["survey"] != "advocacy_nps" or not lo <= day_of(s["ts"]) <= d:
            continue
        t = datetime.datetime.fromisoformat(s["ts"].replace("Z", "+00:00")).timestamp()
        key = s["contact_id"] or f"#{(anon := anon + 1)}"
        v = (t, float(s["score"]))
        if key not in latest or v > latest[key]:
            latest[key] = v
    n = len(latest)
    nps = None
    if n:
        prom = sum(1 for _, sc in latest.values() if sc >= 9)
        det = sum(1 for _, sc in latest.values() if sc <= 6)
        nps = 100.0 * (prom - det) / n
    before, during = set(), set()
    for a in activities:
        if a["type"] not in ADVOCACY or not a["contact_id"]:
            continue
        x = day_of(a["ts"])
        if d - 729 <= x <= d - 365:
            before.add(a["contact_id"])
        if lo <= x <= d:
            during.add(a["contact_id"])
    renewal = len(before & during) / len(before) if before else None
    won = [x for x in deals if x["stage"] == "won" and x["closed_at"]
           and lo <= date_day(x["closed_at"]) <= d]
    amount = lambda x: float(x["amount"] or 0)  # noqa: E731
    infl = [x for x in won if x["reference_contact_id"]]
    total = sum(amount(x) for x in won)
    return {"advocacy_nps": nps, "advocate_renewal_rate": renewal,
            "influenced_deals": len(infl), "influenced_amount": sum(amount(x) for x in infl),
            "influenced_share": (sum(amount(x) for x in infl) / total) if won and total else None}


def tend_json(*args):
    p = subprocess.run([tend, *args], capture_output=True, text=True)
    if p.returncode:
        sys.exit(f"advocacy_metrics_test: FAILED: tend {' '.join(args)}: {p.stderr}")
    return json.loads(p.stdout) if p.stdout.lstrip().startswith(("{", "[")) else p.stdout


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < 1e-9


bad = []
with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "t.db")
    subprocess.run([tend, "import", "--db", db, data, "--quiet"], check=True,
                   capture_output=True)
    checked = 0
    for as_of in ["2026-10-31", "2026-06-30", "2025-12-31", "2025-11-15", "2027-06-30"]:
        got = tend_json("advocacy", "metrics", "--db", db, "--as-of", as_of, "--format", "json")
        want = expected(date_day(as_of))
        if sorted(got) != sorted(KEYS):
            bad.append(f"{as_of}: keys {sorted(got)}, expected exactly {sorted(KEYS)}")
        for k, v in want.items():
            if not same(got.get(k), v):
                bad.append(f"{as_of}: {k} = {got.get(k)}, expected {v}")
        if got["participation_rate"] != {t: None for t in ADVOCACY}:
            bad.append(f"{as_of}: participation without asks: {got['participation_rate']}")
        checked += 1
        print(f"  {as_of}: " + ", ".join(f"{k} {got[k]}" for k in KEYS if k != "participation_rate"))

    # Participation: asks through the CLI, as of today.
    subprocess.run([tend, "init", "--db", db, "--template", "saas"], check=True,
                   capture_output=True)
    contacts = rows("contacts.csv")[:3]
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    for c in contacts:
        tend_json("advocacy", "invite", c["contact_id"], "--db", db, "--tier", "case_study")
        tend_json("advocacy", "set", c["contact_id"], "--db", db, "--status", "active",
                  "--consent", "yes")
    asks = []
    for c, act in zip(contacts, ["reference_call", "reference_call", "speaking"]):
        out = tend_json("advocacy", "ask", c["contact_id"], "--db", db, "--activity", act)
        asks.append(out.split(":")[0].split()[1])
    tend_json("advocacy", "answer", asks[0], "--db", db, "--accept")
    tend_json("advocacy", "complete", asks[0], "--db", db, "--outcome", "fine")
    tend_json("advocacy", "answer", asks[1], "--db", db, "--decline", "--reason", "busy")
    got = tend_json("advocacy", "metrics", "--db", db, "--as-of", today, "--format", "json")
    want = {"reference_call": 0.5, "speaking": 0.0, "case_study": None, "advisory_board": None}
    if got["participation_rate"] != want:
        bad.append(f"participation {got['participation_rate']}, expected {want}")
    p = subprocess.run([tend, "advocacy", "answer", asks[0], "--db", db, "--accept"],
                       capture_output=True, text=True)
    if p.returncode == 0 or "not waiting" not in p.stderr:
        bad.append(f"answering a completed ask again: {p.returncode} {p.stderr}")

for b in bad:
    print("FAIL:", b)
if bad:
    sys.exit(f"advocacy_metrics_test: {len(bad)} failure(s)")
print(f"advocacy_metrics_test: passed ({checked} as-of days on the reference workload, "
      "participation from CLI asks)")
