#!/usr/bin/env python3
"""`tend score calibrate` on a generated workspace, through the CLI and the API.

The generator makes churn follow usage and NPS (its known signal): the calibration must find
it (AUC of the suggested weights well above 0.5, NPS and usage trend higher-is-healthier,
every suggested weight >= 0). With the churn outcomes shuffled between accounts the signal is
gone: the AUC of the current and the suggested weights stays near 0.5. The API route answers
the CLI's JSON for the same options; bad options are errors naming what was expected."""
import csv, json, os, random, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import server_util  # noqa: E402
from server_util import Server, call, setup_users  # noqa: E402

tend = sys.argv[1]
END, AS_OF = "2026-06-30", "2026-06-30"


def run(*args, ok=True):
    return server_util.run(tend, *args, ok=ok)


def workspace(tmp, name, data):
    db = os.path.join(tmp, name + ".db")
    run("import", "--db", db, data)
    run("init", "--db", db, "--template", "saas")
    return db


def calibrate(db, *extra):
    p = run("score", "calibrate", "--db", db, "--horizon", "90d", "--lookback", "60d",
            "--as-of", AS_OF, "--format", "json", *extra)
    return json.loads(p.stdout)


with tempfile.TemporaryDirectory() as tmp:
    data = os.path.join(tmp, "data")
    run("generate", "--accounts", "800", "--seed", "7", "--end", END, "--out", data)
    db = workspace(tmp, "real", data)

    c = calibrate(db)
    for key in ["scorecard", "horizon_days", "as_of", "days", "observations", "outcomes",
                "current", "suggested", "measures", "switches", "suggested_yaml"]:
        assert key in c, key
    assert c["scorecard"] == "health" and c["horizon_days"] == 90 and c["as_of"] == AS_OF, c
    assert c["observations"] > 1000 and c["outcomes"]["churned"] > 50, c["outcomes"]
    cur, sug = c["current"]["auc"], c["suggested"]["auc"]
    assert sug > 0.6 and sug >= cur - 0.005, (cur, sug)
    by = {m["name"]: m for m in c["measures"]}
    assert by["nps"]["direction"] == "higher_is_healthier", by["nps"]
    assert by["usage_trend"]["direction"] == "higher_is_healthier", by["usage_trend"]
    assert all(m["suggested_weight"] >= 0 for m in c["measures"]), c["measures"]
    assert "weight:" in c["suggested_yaml"], c["suggested_yaml"]
    # The suggested scorecard makes red mean more churn than green.
    bands = {b["color"]: b for b in c["suggested"]["bands"]}
    assert bands["red"]["churn_rate"] > bands["green"]["churn_rate"], bands
    # The table names the same figures.
    table = run("score", "calibrate", "--db", db, "--horizon", "90d", "--lookback", "60d",
                "--as-of", AS_OF).stdout
    assert "AUC (churn)" in table and f"{sug:.3f}" in table, table

    # Bad options: exit codes and messages that say what was expected.
    for args, code, words in [(["--horizon", "soon"], 1, "--horizon \"soon\" is not a number of days"),
                              (["--horizon", "3d"], 1, "horizon"),
                              (["--as-of", "30/06/2026"], 1, "--as-of"),
                              (["--scorecard", "nope"], 3, "nope")]:
        p = run("score", "calibrate", "--db", db, *args, ok=False)
        assert p.returncode == code and words in p.stderr, (args, p.returncode, p.stderr)

    # The API answers the CLI's report for the same options; errors name the parameter.
    tokens = setup_users(tend, db)
    with Server(tend, db, as_of=AS_OF) as srv:
        q = f"horizon_days=90&lookback_days=60&as_of={AS_OF}"
        s, b, _ = call(srv.url, path=f"/api/scorecards/health/calibration?{q}",
                       token=tokens["viewer"])
        assert s == 200 and b == c, (s, {k: (b.get(k), c.get(k)) for k in c if b.get(k) != c[k]})
        s, b, _ = call(srv.url, path="/api/scorecards/health/calibration?horizon_days=3",
                       token=tokens["ops"])
        assert s == 422, (s, b)
        s, b, _ = call(srv.url, path="/api/scorecards/health/calibration?step_days=x",
                       token=tokens["ops"])
        assert s == 422 and b["error"]["field"] == "step_days", (s, b)
        s, b, _ = call(srv.url, path="/api/scorecards/nope/calibration", token=tokens["ops"])
        assert s == 404, (s, b)
        s, b, _ = call(srv.url, path="/api/scorecards/health/calibration", token=tokens["sales"])
        assert s == 403, (s, b)

    # Shuffled outcomes: the same accounts and usage, each account's churn (status, churned_on)
    # given to another at random. No signal is left to find.
    path = os.path.join(data, "accounts.csv")
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    outcomes = [(r["status"], r["churned_on"]) for r in rows]
    random.Random(11).shuffle(outcomes)
    for r, (status, churned_on) in zip(rows, outcomes):
        r["status"], r["churned_on"] = status, churned_on
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    shuffled = calibrate(workspace(tmp, "shuffled", data))
    cur, sug = shuffled["current"]["auc"], shuffled["suggested"]["auc"]
    assert 0.4 <= cur <= 0.6 and 0.4 <= sug <= 0.62, (cur, sug)
    print(f"score calibrate: real AUC current {c['current']['auc']:.3f} suggested "
          f"{c['suggested']['auc']:.3f}; shuffled current {cur:.3f} suggested {sug:.3f}; "
          "API = CLI; errors")
