#!/usr/bin/env python3
"""tend backup while the server ingests, tend restore, and tend doctor: the restored copy
holds exactly what was committed when the backup ran, and scores the same."""
import json, os, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import Server, call, make_workspace, run  # noqa: E402

tend, source = sys.argv[1], sys.argv[2]


def stats(db):
    return json.loads(run(tend, "stats", "--db", db, "--format", "json").stdout)


def scores(db):
    return run(tend, "score", "--db", db, "--as-of", "2026-11-20", "--no-history", "--format",
               "csv").stdout


with tempfile.TemporaryDirectory() as tmp:
    db = make_workspace(tend, tmp)
    key = run(tend, "writekey", "add", "--db", db, "--name", "t").stdout.strip()
    with Server(tend, db) as srv:
        _, body, _ = call(srv.url, "POST", "/v1/track", basic=key,
                          body={"userId": "x", "event": "warm-up"})
        stop = threading.Event()
        sent = [0]

        def sender():
            n = 0
            while not stop.is_set():
                batch = [{"type": "track", "userId": f"u{n}-{i}", "event": "Report Exported",
                          "messageId": f"bk-{n}-{i}", "timestamp": "2026-11-20T10:00:00Z",
                          "context": {"groupId": "A0000001"}} for i in range(50)]
                status, _, _ = call(srv.url, "POST", "/v1/batch", basic=key,
                                    body={"batch": batch})
                assert status == 200, status
                n += 1
                sent[0] = n * 50

        t = threading.Thread(target=sender)
        t.start()
        time.sleep(1.0)
        # A backup while the server writes: consistent (integrity check), and complete.
        hot = os.path.join(tmp, "hot.tend")
        out = run(tend, "backup", "--db", db, "--out", hot).stdout
        assert "backed up" in out, out
        time.sleep(0.5)
        stop.set()
        t.join()
        assert sent[0] > 0
        doc = json.loads(run(tend, "doctor", "--db", hot, "--format", "json").stdout)
        assert doc["ok"], doc
        levels = {c["name"]: c["level"] for c in doc["checks"]}
        assert levels["integrity"] == "ok" and levels["definitions"] == "ok", levels
        # Backups never overwrite by accident.
        p = run(tend, "backup", "--db", db, "--out", hot, ok=False)
        assert p.returncode != 0 and "--force" in p.stderr, p.stderr
        # No restore over a workspace that is being served (the server would go on with the
        # old one in memory): exit 4, nothing replaced.
        p = run(tend, "restore", "--db", db, "--from", hot, "--force", ok=False)
        assert p.returncode == 4 and "stop the server" in p.stderr, (p.returncode, p.stderr)
    # The server stopped: a backup now, restored elsewhere, equals the original.
    cold = os.path.join(tmp, "cold.tend")
    run(tend, "backup", "--db", db, "--out", cold)
    restored = os.path.join(tmp, "restored.tend")
    run(tend, "restore", "--db", restored, "--from", cold)
    assert stats(restored) == stats(db), (stats(restored), stats(db))
    assert scores(restored) == scores(db), "the restored workspace scores differently"
    # The hot backup holds a prefix of what was sent (whole batches only).
    assert stats(hot)["events"] <= stats(db)["events"], "the hot backup has more than the end"
    # Restore refuses to overwrite without --force, and refuses files that are not workspaces.
    p = run(tend, "restore", "--db", restored, "--from", cold, ok=False)
    assert p.returncode != 0 and "--force" in p.stderr, p.stderr
    junk = os.path.join(tmp, "junk.tend")
    open(junk, "w").write("not a workspace")
    p = run(tend, "restore", "--db", os.path.join(tmp, "x.tend"), "--from", junk, ok=False)
    assert p.returncode != 0, p.stdout
    # Doctor on the original: ok; as a table too.
    assert run(tend, "doctor", "--db", db).returncode == 0
print("backup while serving, restore, doctor: ok")
