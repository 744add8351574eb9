#!/usr/bin/env python3
"""kill -9 during an import leaves the workspace exactly as before it (one import command is
one transaction), and what an import reported as done survives kill -9 of later processes."""
import csv, json, os, random, shutil, signal, subprocess, sys, tempfile, time

tend = sys.argv[1]


def stats(db):
    p = subprocess.run([tend, "stats", "--db", db, "--format", "json"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return sum(1 for _ in csv.DictReader(f))


with tempfile.TemporaryDirectory() as tmp:
    data, base = os.path.join(tmp, "data"), os.path.join(tmp, "base.db")
    subprocess.run([tend, "generate", "--accounts", "400", "--seed", "5", "--end", "2026-10-31",
                    "--out", data], check=True, capture_output=True)
    done = subprocess.run([tend, "import", "--db", base, "accounts", os.path.join(data, "accounts.csv")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    before = stats(base)
    assert before["accounts"] == 400 and before["events"] == 0, before
    full = {k: rows(os.path.join(data, k + ".csv")) for k in before}
    rng = random.Random(1)
    killed_midway = finished = 0
    for attempt in range(8):
        db = os.path.join(tmp, f"attempt{attempt}.db")
        shutil.copyfile(base, db)
        p = subprocess.Popen([tend, "import", "--db", db, data], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.005, 0.15))
        p.send_signal(signal.SIGKILL)
        p.wait()
        s = stats(db)
        if s == before:
            killed_midway += 1
        else:
            # The import finished before the kill: all of it is there.
            assert s == full, (s, full)
            finished += 1
    assert killed_midway > 0, "no kill landed during an import; the test proves nothing"
    # An import reported as done survives a kill -9 of the next process writing.
    db = os.path.join(tmp, "final.db")
    shutil.copyfile(base, db)
    p = subprocess.run([tend, "import", "--db", db, data], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    after = stats(db)
    assert after == full, (after, full)
    p = subprocess.Popen([tend, "import", "--db", db, "events", os.path.join(data, "events.csv")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    p.wait()
    s = stats(db)
    assert s["contacts"] == after["contacts"], s
    assert s["events"] in (after["events"], 2 * after["events"]), s
print(f"durability: ok ({killed_midway} imports killed midway left no trace, {finished} finished)")
