#!/usr/bin/env python3
"""Parity of the two stores: generate one workspace, import the same CSV files into a SQLite
workspace and into a PostgreSQL database, and compare what every command prints, byte for
byte: stats, score, rules run, ctas, advocacy metrics, revenue metrics/arr/renewals, feedback
requests/show, history, timeline, rules firings, doctor's counts. Also `--db` from TEND_DB, backup/restore refusals and the serve lock on
PostgreSQL.

The PostgreSQL cluster is the CTest fixture's (TEND_TEST_PG_FILE) or TEND_TEST_PG; without one
the test exits 77 (skipped)."""
import json, os, re, subprocess, sys, tempfile, time

tend, source = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.dirname(__file__))
from pg_util import fresh_database  # noqa: E402


def run(*args, ok=True, env=None):
    p = subprocess.run([tend, *args], capture_output=True, text=True, env=env)
    if ok and p.returncode != 0:
        sys.exit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


with tempfile.TemporaryDirectory() as tmp, fresh_database() as url:
    data, lite = os.path.join(tmp, "data"), os.path.join(tmp, "tend.db")
    run("generate", "--accounts", "120", "--seed", "7", "--end", "2026-10-31", "--out", data)
    timings = {}
    for db in (lite, url):
        t = time.monotonic()
        run("import", "--db", db, data)
        timings[db] = time.monotonic() - t
        run("apply", "--db", db, os.path.join(source, "examples", "benchmark.yaml"))
    first = json.loads(run("score", "--db", lite, "--as-of", "2026-10-31", "--format", "json").stdout)
    some = first[0]["account_id"] if isinstance(first, list) else None
    commands = [
        ["stats", "--format", "json"],
        ["score", "--as-of", "2026-10-31", "--format", "csv"],
        ["score", "--as-of", "2026-10-30", "--format", "json"],
        ["rules", "run", "--as-of", "2026-10-31"],
        ["ctas", "--format", "csv"],
        ["ctas", "--format", "json"],
        ["rules", "firings"],
        ["advocacy", "metrics", "--format", "json"],
        ["advocacy", "candidates"],
        # Revenue (migration 8) and the voice of the customer (migration 9).
        ["revenue", "metrics", "--as-of", "2026-10-31", "--format", "json"],
        ["revenue", "metrics", "--as-of", "2026-10-31", "--by", "segment"],
        ["revenue", "arr", "--from", "2026-09-01", "--to", "2026-10-31", "--format", "json"],
        ["revenue", "renewals", "--as-of", "2026-10-31", "--within", "365", "--format", "json"],
        ["feedback", "requests", "--as-of", "2026-10-31", "--limit", "0", "--format", "json"],
        ["feedback", "requests", "--as-of", "2026-10-31", "--sort", "title"],
        ["feedback", "show", "1", "--as-of", "2026-10-31", "--format", "json"],
    ]
    if some:
        commands += [["history", "--account", some, "--format", "csv"],
                     ["timeline", "--account", some]]
    checked = 0
    today = time.strftime("%Y-%m-%d", time.gmtime())

    def untimed(text):
        """Durations and the wall-clock times of this run (created_at of new CTAs) are all
        that may differ; the data's own times end 2026-10-31."""
        text = re.sub(r"\d+(\.\d+)? ms\b", "N ms", text)
        return re.sub(today + r"T[0-9:.]+Z", "NOW", text)

    for cmd in commands:
        a = untimed(run(*cmd, "--db", lite).stdout)
        b = untimed(run(*cmd, "--db", url).stdout)
        assert a == b, (f"`tend {' '.join(cmd)}` differs between SQLite and PostgreSQL:\n"
                        f"--- sqlite\n{a[:3000]}\n--- postgres\n{b[:3000]}")
        assert a.strip(), f"`tend {' '.join(cmd)}` printed nothing"
        checked += 1
    # TEND_DB selects PostgreSQL as --db does.
    env = dict(os.environ, TEND_DB=url)
    assert run("stats", "--format", "json", env=env).stdout == run("stats", "--db", lite, "--format", "json").stdout
    # doctor checks the PostgreSQL workspace.
    doc = json.loads(run("doctor", "--db", url, "--format", "json").stdout)
    names = {c["name"]: c for c in doc["checks"]}
    assert names["store"]["detail"].startswith("PostgreSQL"), names["store"]
    assert names["integrity"]["level"] == "ok", names["integrity"]
    assert "120 accounts" in names["counts"]["detail"], names["counts"]
    # backup and restore say what to use instead.
    b = run("backup", "--db", url, "--out", os.path.join(tmp, "b.db"), ok=False)
    assert b.returncode == 4 and "pg_dump" in b.stderr and "PITR" in b.stderr, b.stderr
    assert not os.path.exists(os.path.join(tmp, "b.db"))
    r = run("restore", "--db", url, "--from", lite, ok=False)
    assert r.returncode == 4 and "pg_restore" in r.stderr, r.stderr
    # A password in the URL never shows.
    bad = url.replace("tend@", "tend:s3cret@").rsplit(":", 1)[0] + ":1/none"
    p = run("stats", "--db", bad, ok=False)
    assert p.returncode != 0 and "s3cret" not in p.stderr and "***" in p.stderr, p.stderr
print(f"pg parity: ok ({checked} commands byte for byte; import "
      f"{timings[lite]:.2f}s SQLite, {timings[url]:.2f}s PostgreSQL)")
