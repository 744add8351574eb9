#!/usr/bin/env python3
"""End to end: generate a small workspace, import it, check `tend stats` against the files;
re-import (entities unchanged, events appended); apply the example definitions and score."""
import csv, json, os, subprocess, sys, tempfile

tend, source = sys.argv[1], sys.argv[2]


def run(*args, ok=True):
    p = subprocess.run([tend, *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        sys.exit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def records(path):
    with open(path, newline="", encoding="utf-8") as f:
        return sum(1 for _ in csv.DictReader(f))


with tempfile.TemporaryDirectory() as tmp:
    data, db = os.path.join(tmp, "data"), os.path.join(tmp, "tend.db")
    run("generate", "--accounts", "150", "--seed", "11", "--end", "2026-10-31", "--out", data)
    run("import", "--db", db, data)
    stats = json.loads(run("stats", "--db", db, "--format", "json").stdout)
    assert list(stats) == ["accounts", "contacts", "events", "surveys", "tickets", "activities", "deals"], stats
    for kind in stats:
        want = records(os.path.join(data, kind + ".csv"))
        assert stats[kind] == want, f"{kind}: stats says {stats[kind]}, the file has {want} rows"
    # Importing again: entities are upserted (unchanged), events appended.
    run("import", "--db", db, data)
    again = json.loads(run("stats", "--db", db, "--format", "json").stdout)
    for kind in stats:
        want = stats[kind] * (2 if kind == "events" else 1)
        assert again[kind] == want, f"re-import: {kind} is {again[kind]}, expected {want}"
    # Definitions and scores.
    run("apply", "--db", db, os.path.join(source, "examples", "benchmark.yaml"))
    out = run("score", "--db", db, "--as-of", "2026-10-31", "--format", "csv").stdout.splitlines()
    header = out[0].split(",")
    assert header[:3] == ["account_id", "overall", "color"], header
    active = sum(1 for r in csv.DictReader(open(os.path.join(data, "accounts.csv"))) if r["status"] == "active")
    assert len(out) - 1 == active, f"{len(out) - 1} scored rows, {active} active accounts"
    hist = run("history", "--db", db, "--account", out[1].split(",")[0], "--format", "csv").stdout
    assert "2026-10-31" in hist, hist
    # Unknown command, bad flags: usage errors (exit 2).
    assert run("frobnicate", ok=False).returncode == 2
    assert run("score", "--format", "xml", ok=False).returncode == 2
print("end to end: ok")
