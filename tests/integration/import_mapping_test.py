#!/usr/bin/env python3
"""Mapped imports (docs/formats.md, "Mapped imports"): every preset imports its sample export
(tests/data/presets, shaped like the tool's own export: headers, quoting, byte-order marks,
date and money formats) with the values converted; a dry run shows the rows as tend sees them
and writes nothing; bad values, bad mappings and unknown references are errors that name the
source file, line and column, and nothing is written unless --skip-bad; a folder mapping
imports several files."""
import os, shutil, sqlite3, subprocess, sys, tempfile

tend, source = sys.argv[1], sys.argv[2]
samples = os.path.join(source, "tests", "data", "presets")


def run(*args, ok=True):
    p = subprocess.run([tend, *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        sys.exit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def rows(db, sql):
    with sqlite3.connect(db) as c:
        return c.execute(sql).fetchall()


with tempfile.TemporaryDirectory() as tmp:
    listed = run("import", "--list-presets").stdout
    for name in ["salesforce-accounts", "salesforce-contacts", "hubspot-companies",
                 "hubspot-contacts", "zendesk-tickets", "delighted-nps"]:
        assert name in listed, (name, listed)

    # Salesforce: the report's customers, dates MM/DD/YYYY, money "$12,500,000.00", N/A.
    sf = os.path.join(tmp, "sf.db")
    run("init", "--db", sf)
    dry = run("import", "--db", sf, "--preset", "salesforce-accounts",
              os.path.join(samples, "salesforce-accounts.csv"), "--dry-run")
    assert "nothing was written" in dry.stdout and "2023-03-15" in dry.stdout, dry.stdout
    assert "status: active 3, churned 1" in dry.stdout, dry.stdout
    assert rows(sf, "SELECT COUNT(*) FROM accounts") == [(0,)], "a dry run writes nothing"
    run("import", "--db", sf, "--preset", "salesforce-accounts",
        os.path.join(samples, "salesforce-accounts.csv"))
    got = rows(sf, "SELECT account_id, name, status, start_date, region, csm FROM accounts "
                   "ORDER BY account_id")
    assert len(got) == 4 and "0015g00000AbCdGAA1" not in [g[0] for g in got], got  # the prospect
    acme = [g for g in got if g[1] == "Acme Corporation"][0]
    assert acme[2] == "active" and acme[4] == "United States" and acme[5] == "Maria Lopez", acme
    assert acme[3] == 19431, acme  # 2023-03-15 as an epoch day
    assert [g[2] for g in got if g[1] == "Umbrella Corp"] == ["churned"], got
    revenue = dict(rows(sf, "SELECT account_id, num FROM account_attributes "
                            "WHERE name = 'annual_revenue'"))
    assert revenue["0015g00000AbCdEAA1"] == 12500000 and revenue["0015g00000AbCdIAA1"] is None, revenue
    run("import", "--db", sf, "--preset", "salesforce-contacts",
        os.path.join(samples, "salesforce-contacts.csv"))
    assert rows(sf, "SELECT name FROM contacts WHERE contact_id = '0035g00000XyZ01AAA'") == \
        [("Wile Coyote",)]

    # HubSpot, Zendesk, Delighted into one workspace, in dependency order.
    hs = os.path.join(tmp, "hs.db")
    run("init", "--db", hs)
    for preset in ["hubspot-companies", "hubspot-contacts", "zendesk-tickets", "delighted-nps"]:
        run("import", "--db", hs, "--preset", preset, os.path.join(samples, preset + ".csv"))
    assert rows(hs, "SELECT COUNT(*) FROM accounts") == [(4,)]  # the lead is left out
    emp = dict(rows(hs, "SELECT account_id, num FROM account_attributes WHERE name = 'employees'"))
    assert emp["9012345672"] == 1200, emp  # "1,200"
    tickets = {t[0]: t for t in rows(hs, "SELECT ticket_id, status, priority, opened_at, closed_at, "
                                         "csat FROM tickets")}
    # 2026-03-09 11:59:05 -0800 is 19:59:05Z; pending is open; "good" is a CSAT of 5.
    assert tickets["4711"][1:] == ("closed", "high", 1773086345000, 1773161112000, 5), tickets["4711"]
    assert tickets["4713"][1] == "open" and tickets["4713"][5] is None, tickets["4713"]
    assert tickets["4714"][5] == 1, tickets["4714"]
    surveys = sorted(rows(hs, "SELECT account_id, survey, score, comment FROM surveys"))
    assert surveys[1] == ("9012345672", "nps", 3, 'Too slow; "exports" keep failing'), surveys

    # Bad values: every problem names the source file, line and column; nothing is written.
    bad = os.path.join(tmp, "hubspot-companies.csv")
    with open(os.path.join(samples, "hubspot-companies.csv"), encoding="utf-8-sig") as f:
        text = f.read()
    text = text.replace('"2,500,000"', "12k").replace("2021-06-30 08:15", "30/06/2021")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(text)
    fresh = os.path.join(tmp, "fresh.db")
    run("init", "--db", fresh)
    p = run("import", "--db", fresh, "--preset", "hubspot-companies", bad, ok=False)
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert 'hubspot-companies.csv:2: column "Annual Revenue" (annual_revenue): "12k" is not a number' \
        in p.stderr, p.stderr
    assert 'hubspot-companies.csv:5: column "Create Date" (start_date): "30/06/2021" is not a date ' \
        "(expected YYYY-MM-DD HH:MM)" in p.stderr, p.stderr
    assert rows(fresh, "SELECT COUNT(*) FROM accounts") == [(0,)], "nothing written"
    rejects = os.path.join(tmp, "rejects.csv")
    p = run("import", "--db", fresh, "--preset", "hubspot-companies", bad, "--skip-bad", rejects)
    assert rows(fresh, "SELECT COUNT(*) FROM accounts") == [(2,)], "the valid rows"
    with open(rejects) as f:
        assert f.read().count("hubspot-companies.csv") == 2

    # An unknown reference, found by the importer, names the source line (the quoted subject
    # spans two lines, so source and tend lines differ) and the source column.
    tk = os.path.join(tmp, "zendesk-tickets.csv")
    with open(os.path.join(samples, "zendesk-tickets.csv")) as f:
        lines = f.read().splitlines()
    lines[1] = lines[1].replace('"Export to PDF fails, ""timeout"""', '"Export to PDF\nfails"')
    lines[2] = lines[2].replace("9012345672", "999")
    with open(tk, "w") as f:
        f.write("\n".join(lines) + "\n")
    p = run("import", "--db", hs, "--preset", "zendesk-tickets", tk, ok=False)
    assert 'zendesk-tickets.csv:4: column "Organization" (account_id): unknown account "999"' \
        in p.stderr, p.stderr

    # Mapping errors say where in the mapping, and what was expected.
    bad_map = os.path.join(tmp, "map.yaml")
    with open(bad_map, "w") as f:
        f.write("kind: tickets\ncolumns:\n  ticket_id: Id\n  opened_at: {column: Created, format: \"DD/QQ\"}\n")
    p = run("import", "--db", hs, "--map", bad_map, "tickets", tk, ok=False)
    assert p.returncode != 0 and f"{bad_map}:4:40: columns: opened_at: format" in p.stderr, p.stderr
    p = run("import", "--db", hs, "--preset", "nope", tk, ok=False)
    assert p.returncode != 0 and "no preset \"nope\"" in p.stderr, p.stderr
    p = run("import", "--db", hs, "--preset", "zendesk-tickets", "accounts", tk, ok=False)
    assert p.returncode != 0 and "maps no accounts" in p.stderr, p.stderr

    # A folder mapping: each file of the folder with its own mapping, in dependency order.
    folder = os.path.join(tmp, "export")
    os.mkdir(folder)
    shutil.copy(os.path.join(samples, "hubspot-companies.csv"), os.path.join(folder, "companies.csv"))
    with open(os.path.join(folder, "tickets.csv"), "w") as f:
        f.write("Ticket,Company,State,Opened\nT1,9012345671,open,15.03.2026 09:00\n")
    folder_map = os.path.join(tmp, "folder.yaml")
    with open(folder_map, "w") as f:
        f.write("files:\n"
                "  - kind: tickets\n    file: tickets.csv\n    timezone: Europe/Berlin\n"
                "    columns: {ticket_id: Ticket, account_id: Company, status: State,\n"
                "              opened_at: {column: Opened, format: \"DD.MM.YYYY HH:MM\"}}\n"
                "  - kind: accounts\n    file: companies.csv\n"
                "    columns: {account_id: Record ID, name: Company name}\n")
    fd = os.path.join(tmp, "folder.db")
    run("init", "--db", fd)
    run("import", "--db", fd, "--map", folder_map, folder)
    assert rows(fd, "SELECT opened_at FROM tickets") == [(1773561600000,)]  # 08:00Z (CET, +01:00)
    assert rows(fd, "SELECT COUNT(*) FROM accounts") == [(5,)]
    # Segment archives: JSON Lines (and gzip), attributed by context.groupId or the user's
    # group call; problems at their lines; duplicates by messageId.
    import gzip, json
    msgs = [
        {"type": "track", "messageId": "m1", "userId": "u1", "event": "Report Exported",
         "timestamp": "2026-03-01T10:00:00Z", "context": {"groupId": "9012345671"},
         "properties": {"format": "pdf"}},
        {"type": "group", "userId": "u2", "groupId": "9012345672"},
        None,
        {"type": "page", "messageId": "m2", "userId": "u2", "properties": {"path": "/p/123"},
         "timestamp": "2026-03-01T11:00:00Z"},
        {"type": "identify", "userId": "u2", "traits": {"email": "a@b.example"}},
        {"type": "track", "messageId": "m3", "userId": "u3", "event": "Login",
         "timestamp": "2026-03-02T11:00:00Z"},
        {"type": "track", "messageId": "m1", "userId": "u1", "event": "Report Exported",
         "timestamp": "2026-03-01T10:00:00Z", "context": {"groupId": "9012345671"}},
    ]
    text = "\n".join("" if m is None else json.dumps(m) for m in msgs) + "\n{broken\n"
    archive = os.path.join(tmp, "events.jsonl.gz")
    with gzip.open(archive, "wt") as f:
        f.write(text)
    p = run("import", "--db", hs, "events", archive, ok=False)
    assert p.returncode == 1, p
    assert "events.jsonl.gz:6: column context.groupId (account_id): no account" in p.stderr, p.stderr
    assert "events.jsonl.gz:8: " in p.stderr, p.stderr
    before = rows(hs, "SELECT COUNT(*) FROM event_message_ids")
    p = run("import", "--db", hs, "events", archive, "--skip-bad", rejects)
    assert "2 imported, 1 duplicates skipped, 2 rejected" in p.stdout, p.stdout
    assert rows(hs, "SELECT COUNT(*) FROM event_message_ids")[0][0] == before[0][0] + 2
    names = {n for (n,) in rows(hs, "SELECT name FROM event_names")}
    assert {"Report Exported", "Page Viewed /p/:id"} <= names, names
print("mapped imports: 6 presets, dry run, value and reference errors at source lines and "
      "columns, --skip-bad, mapping errors, folder mapping, Segment archives (JSON Lines, gzip)")
