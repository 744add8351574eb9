#!/usr/bin/env python3
"""The import command's contract: located errors on stderr, non-zero exit, nothing written;
--skip-bad writes the rejects; a newer workspace is refused."""
import json, os, sqlite3, subprocess, sys, tempfile

tend = sys.argv[1]


def run(*args):
    return subprocess.run([tend, *args], capture_output=True, text=True)


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "tend.db")
    d = os.path.join(tmp, "in")
    os.mkdir(d)
    open(os.path.join(d, "accounts.csv"), "w").write("account_id,name\nA1,\"Lopez, Inc\"\n")
    rows = ["ts,account_id,user_id,event"] + ["2026-10-01T10:00:00Z,A1,u1,login"] * 5
    rows.insert(3, "2026-13-01,A1,u1,login")
    open(os.path.join(d, "events.csv"), "w").write("\n".join(rows) + "\n")
    p = run("import", "--db", db, d)
    assert p.returncode == 1, p
    assert 'events.csv:4: column ts: "2026-13-01" is not an ISO-8601 time' in p.stderr, p.stderr
    assert "nothing was written" in p.stderr, p.stderr
    stats = json.loads(run("stats", "--db", db, "--format", "json").stdout)
    assert stats["accounts"] == 0 and stats["events"] == 0, stats
    rejects = os.path.join(tmp, "rejects.csv")
    p = run("import", "--db", db, "--skip-bad", rejects, d)
    assert p.returncode == 0, p.stderr
    stats = json.loads(run("stats", "--db", db, "--format", "json").stdout)
    assert stats["accounts"] == 1 and stats["events"] == 5, stats
    assert "2026-13-01" in open(rejects).read()
    # Unknown kind, missing file.
    assert run("import", "--db", db, "widgets", "x.csv").returncode == 1
    assert run("import", "--db", db, "events", os.path.join(tmp, "nope.csv")).returncode == 3
    # A workspace from a newer tend is refused with a clear message.
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 999")
    con.close()
    p = run("stats", "--db", db)
    assert p.returncode == 4 and "newer than this tend supports" in p.stderr, p.stderr
print("import errors: ok")
