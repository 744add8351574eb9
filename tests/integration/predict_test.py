#!/usr/bin/env python3
"""tend predict: `eval` on a generic CSV (type inference, errors); `train`, `score` and
`backtest` on a generated workspace; and no value from after a snapshot day reaching its
features. The Telco check is predict_telco_test.py."""
import csv, json, os, random, re, subprocess, sys, tempfile, time

tend, source = sys.argv[1], sys.argv[2]


def run(*args, ok=True):
    p = subprocess.run([tend, *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        sys.exit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def check_generic_csv(tmp):
    """Column names with spaces, blanks in a numeric column, an identifier, free text."""
    rng = random.Random(5)
    rows = []
    for i in range(400):
        plan = rng.choice(["basic", "pro", "enterprise"])
        usage = rng.uniform(0, 100)
        churned = rng.random() < (0.7 if usage < 30 else 0.1) + (0.1 if plan == "basic" else 0)
        rows.append([f"cust-{i:05d}", plan, "" if i % 13 == 0 else f"{usage:.1f}", f"{rng.randint(1, 60)}",
                     f"Customer note number {i}: " + " ".join(rng.choice(["slow", "great", "price", "bug", "support"])
                                                            for _ in range(8)),
                     "yes" if churned else "no"])
    path = os.path.join(tmp, "generic.csv")
    write_csv(path, ["Customer ID", "Plan Tier", "Monthly Usage", "Seats", "Account notes", "Churned?"], rows)
    out = json.loads(run("predict", "eval", "--csv", path, "--id", "Customer ID", "--label", "Churned?",
                         "--format", "json").stdout)
    types = {c["name"]: c["type"] for c in out["columns"]}
    assert types == {"Customer ID": "id", "Plan Tier": "categorical", "Monthly Usage": "numeric",
                     "Seats": "numeric", "Account notes": "free_text", "Churned?": "label"}, types
    assert out["positive"] == "yes", out["positive"]
    for model in ("xgboost_auc", "logreg_auc"):
        assert set(out[model]) == {"mean", "std"}, out[model]
        assert out[model]["mean"] > 0.75, out
    # Without --id, the identifier is still recognised (all distinct) and left out.
    out = json.loads(run("predict", "eval", "--csv", path, "--label", "Churned?", "--format", "json").stdout)
    assert {c["name"]: c["type"] for c in out["columns"]}["Customer ID"] == "identifier", out["columns"]
    # Errors: located messages, exit 3 for a missing column, 1 for a bad label.
    p = run("predict", "eval", "--csv", path, "--label", "churn", ok=False)
    assert p.returncode == 3 and "no label column \"churn\"" in p.stderr, p.stderr
    p = run("predict", "eval", "--csv", path, "--id", "id", "--label", "Churned?", ok=False)
    assert p.returncode == 3 and "no id column" in p.stderr, p.stderr
    p = run("predict", "eval", "--csv", path, "--label", "Plan Tier", ok=False)
    assert p.returncode == 1 and "3 distinct value(s)" in p.stderr, p.stderr
    p = run("predict", "eval", "--csv", path, "--label", "Churned?", "--positive", "maybe", ok=False)
    assert p.returncode == 1 and "--positive \"maybe\"" in p.stderr, p.stderr


def features(db, day):
    rows = list(csv.reader(run("predict", "features", "--db", db, "--as-of", day).stdout.splitlines()))
    return rows[0], {r[0]: r[1:] for r in rows[1:]}


def check_workspace(tmp):
    data, db = os.path.join(tmp, "ws"), os.path.join(tmp, "ws.db")
    run("generate", "--accounts", "600", "--seed", "3", "--end", "2026-10-31", "--out", data)
    run("import", "--db", db, "-q", data)
    run("init", "--db", db, "--template", "saas")

    # Before a model exists, score says so (not found).
    p = run("predict", "score", "--db", db, ok=False)
    assert p.returncode == 3 and "predict train" in p.stderr, p.stderr

    for target in ("churn", "advocate"):
        info = json.loads(run("predict", "train", "--db", db, "--target", target, "--horizon", "90d",
                              "--format", "json").stdout)
        assert info["target"] == target and info["horizon_days"] == 90, info
        assert info["snapshots"] == ["2026-05-04", "2026-06-03", "2026-07-03", "2026-08-02"], info["snapshots"]
        assert "status" not in info["feature_names"] and "churned_on" not in info["feature_names"]
        assert not any(f.startswith(("status", "churned_on")) for f in info["feature_names"]), info["feature_names"]
        m = info["metrics"]
        for model in ("xgboost", "logreg"):
            assert set(m[model + "_auc"]) == {"mean", "std"}
            assert {"roc_auc", "pr_auc", "top_decile_lift", "calibration"} <= set(m[model]), m[model]
            assert len(m[model]["calibration"]) == 10
        print(f"workspace {target}: xgboost ROC AUC {m['xgboost_auc']['mean']:.3f} +- {m['xgboost_auc']['std']:.3f}, "
              f"logreg {m['logreg_auc']['mean']:.3f}; PR AUC {m['xgboost']['pr_auc']:.3f}, "
              f"top-decile lift {m['xgboost']['top_decile_lift']:.2f}")
        assert m["xgboost_auc"]["mean"] > 0.7 and m["logreg_auc"]["mean"] > 0.7, m

        out = run("predict", "score", "--db", db, "--target", target).stdout.splitlines()
        assert out[0] == "account_id,probability,reason_1,reason_2,reason_3", out[0]
        rows = list(csv.reader(out[1:]))
        active = sum(1 for r in csv.DictReader(open(os.path.join(data, "accounts.csv"))) if r["status"] == "active")
        assert len(rows) == active, f"{len(rows)} scored, {active} active"
        probs = [float(r[1]) for r in rows]
        assert all(0 <= x <= 1 for x in probs) and probs == sorted(probs, reverse=True)
        for r in rows[:20]:
            for reason in r[2:5]:
                assert re.fullmatch(r".+ \([+-]\d+\.\d\d\)", reason), reason
        stored = json.loads(run("predict", "score", "--db", db, "--target", target, "--format", "json").stdout)
        assert len(stored["accounts"]) == active and len(stored["accounts"][0]["reasons"]) == 3, stored["accounts"][0]
        # Predictions are names rules and measures can use.
        name = "churn_risk" if target == "churn" else "advocate_propensity"
        top = stored["accounts"][0]
        prev = run("rules", "preview", "--db", db, "--format", "csv", f"{name} >= {top['probability'] - 1e-9}").stdout.splitlines()
        assert prev[0] == f"account_id,{name}", prev[0]
        assert top["account_id"] in {line.split(",")[0] for line in prev[1:]}, prev[:5]

    # Backtest: with 6 months of events, a 60-day horizon leaves three training snapshots.
    bt = json.loads(run("predict", "backtest", "--db", db, "--horizon", "60d", "--format", "json").stdout)
    assert bt["cutoff"] == "2026-09-01" and bt["train_snapshots"][-1] == "2026-07-03", bt
    assert bt["test_positives"] > 0 and bt["xgboost"]["roc_auc"] > 0.6, bt
    print(f"backtest churn 60d: xgboost ROC AUC {bt['xgboost']['roc_auc']:.3f}, logreg {bt['logreg']['roc_auc']:.3f}")
    p = run("predict", "train", "--db", db, "--horizon", "400d", ok=False)
    assert p.returncode == 4 and "no snapshot day" in p.stderr, p.stderr

    # No value from after the snapshot day reaches a feature: add events, surveys, tickets and
    # advocacy activities after T, rebuild the features at T, and get the same ones.
    day = "2026-08-01"
    header, before = features(db, day)
    later_header, later_before = features(db, "2026-10-31")
    accounts = sorted(before)[:40]
    extra = os.path.join(tmp, "extra")
    os.makedirs(extra)
    write_csv(os.path.join(extra, "events.csv"), ["ts", "account_id", "user_id", "event"],
              [[f"2026-08-{d:02d}T10:00:00Z", a, f"{a}_new", "brand_new_feature"]
               for a in accounts for d in range(2, 30, 3)])
    write_csv(os.path.join(extra, "surveys.csv"), ["ts", "account_id", "contact_id", "survey", "score", "comment"],
              [["2026-08-15T10:00:00Z", a, "", "nps", "0", "after T"] for a in accounts])
    write_csv(os.path.join(extra, "tickets.csv"),
              ["ticket_id", "account_id", "opened_at", "closed_at", "priority", "status", "csat"],
              [[f"TX{i}", a, "2026-08-03T09:00:00Z", "", "urgent", "open", ""] for i, a in enumerate(accounts)])
    write_csv(os.path.join(extra, "activities.csv"), ["ts", "account_id", "contact_id", "type", "subject"],
              [["2026-08-20T10:00:00Z", a, "", kind, "after T"] for a in accounts
               for kind in ("meeting", "case_study", "email")])
    for kind in ("events", "surveys", "tickets", "activities"):
        run("import", "--db", db, "-q", kind, os.path.join(extra, kind + ".csv"))
    header2, after = features(db, day)
    assert header2 == header and after == before, "features at T changed after adding data dated after T"
    _, later_after = features(db, "2026-10-31")
    assert later_after != later_before, "the added data should change features at a later day"


def check_long_history(tmp):
    """`tend generate --history-days`: 15 months of events give 13 monthly snapshots at a 90-day
    horizon; out-of-range values are usage errors."""
    data, db = os.path.join(tmp, "long"), os.path.join(tmp, "long.db")
    for bad in ("0", "3661", "x"):
        p = run("generate", "--accounts", "5", "--end", "2026-06-30", "--out", data, "--history-days", bad, ok=False)
        assert p.returncode == 2 and "--history-days" in p.stderr, (bad, p.returncode, p.stderr)
    run("generate", "--accounts", "300", "--seed", "4", "--end", "2026-06-30", "--history-days", "456", "--out", data)
    with open(os.path.join(data, "events.csv")) as f:
        days = {line[:10] for line in f if line[:2] == "20"}
    assert min(days) >= "2025-04-01" and min(days) <= "2025-04-10" and max(days) == "2026-06-30", (min(days), max(days))
    run("import", "--db", db, "-q", data)
    run("init", "--db", db, "--template", "saas")
    info = json.loads(run("predict", "train", "--db", db, "--format", "json").stdout)
    assert len(info["snapshots"]) == 13, info["snapshots"]
    assert info["cv_rows"] == info["rows"] and info["final_rows"] == info["rows"], info
    print(f"long history: {len(info['snapshots'])} snapshots, {info['rows']} rows, "
          f"xgboost ROC AUC {info['metrics']['xgboost_auc']['mean']:.3f}")


with tempfile.TemporaryDirectory() as tmp:
    check_generic_csv(tmp)
    check_workspace(tmp)
    check_long_history(tmp)
print("predict: ok")
