#!/usr/bin/env python3
"""tend predict eval on the public IBM Telco customer churn data (../shared/data): both
models must reach a mean 5-fold ROC AUC of 0.84. Without the data the test exits 77, which
CTest reports as skipped (SKIP_RETURN_CODE)."""
import json, os, subprocess, sys, time

tend, source = sys.argv[1], sys.argv[2]
SKIPPED = 77


def run(*args):
    p = subprocess.run([tend, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def check_telco():
    data = os.path.normpath(os.path.join(source, "..", "shared", "data", "telco-customer-churn.csv"))
    if not os.path.exists(data):
        print(f"telco: SKIPPED ({data} is absent; it comes with ../shared beside the project)")
        sys.exit(SKIPPED)
    start = time.time()
    out = json.loads(run("predict", "eval", "--csv", data, "--id", "customerID", "--label", "Churn",
                         "--positive", "Yes", "--folds", "5", "--format", "json").stdout)
    took = time.time() - start
    types = {c["name"]: c["type"] for c in out["columns"]}
    assert types["customerID"] == "id" and types["TotalCharges"] == "numeric", types
    assert types["SeniorCitizen"] == "numeric" and types["Contract"] == "categorical", types
    assert out["rows"] == 7043 and out["positives"] == 1869, out
    xgb, logreg = out["xgboost_auc"], out["logreg_auc"]
    print(f"telco: xgboost ROC AUC {xgb['mean']:.4f} +- {xgb['std']:.4f}, "
          f"logreg {logreg['mean']:.4f} +- {logreg['std']:.4f} ({took:.1f} s)")
    assert xgb["mean"] >= 0.84, f"xgboost mean ROC AUC {xgb['mean']:.4f} < 0.84"
    assert logreg["mean"] >= 0.84, f"logreg mean ROC AUC {logreg['mean']:.4f} < 0.84"


check_telco()
print("predict telco: ok")
