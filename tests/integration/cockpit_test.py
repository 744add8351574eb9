#!/usr/bin/env python3
"""The cockpit end to end through the CLI, on a generated workspace with the saas template:
rules run twice (the second creates nothing), `tend ctas` CSV/JSON, the CTA lifecycle
(show/start/comment/assign/snooze/close) and its error exits, playbook tasks, success plans
from templates with objective statuses, and the timeline (logged and system entries)."""
import csv, io, json, os, re, subprocess, sys, tempfile

tend = sys.argv[1]

CTAS_HEADER = "cta_id,account_id,rule,type,priority,title,owner,status,due"


def run(*args, ok=True):
    p = subprocess.run([tend, *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        sys.exit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def expect_fail(code, needle, *args):
    p = run(*args, ok=False)
    assert p.returncode == code, f"tend {' '.join(args)}: exit {p.returncode}, expected {code}\n{p.stderr}"
    assert needle in p.stderr, f"tend {' '.join(args)}: {needle!r} not in stderr:\n{p.stderr}"
    return p


def ctas(db, *extra):
    out = run("ctas", "--db", db, "--format", "csv", *extra).stdout
    lines = out.splitlines()
    assert lines and lines[0] == CTAS_HEADER, f"ctas CSV header: {lines[:1]}"
    return list(csv.DictReader(io.StringIO(out)))


def run_summary(out):
    m = re.search(r"(\d+) firing\(s\): (\d+) CTA\(s\) created, (\d+) closed", out)
    assert m, out
    return tuple(int(x) for x in m.groups())


with tempfile.TemporaryDirectory() as tmp:
    data, db = os.path.join(tmp, "data"), os.path.join(tmp, "tend.db")
    run("generate", "--accounts", "60", "--seed", "5", "--end", "2026-06-30", "--out", data)
    run("import", "--db", db, data)
    out = run("init", "--db", db, "--template", "saas").stdout
    assert "installed template saas" in out and "11 rules" in out and "9 playbooks" in out, out

    # Playbooks: the eight the saas template ships, with their tasks.
    pb = run("playbooks", "--db", db).stdout
    for name in ["advocacy_evaluation", "usage_drop", "detractor_recovery", "escalation",
                 "champion_change", "red_account", "renewal_save", "onboarding_rescue"]:
        assert re.search(rf"^{name}  \(", pb, re.M), f"playbook {name} missing:\n{pb}"
    assert "success plan template onboarding" in pb, pb

    # Rules: the first run raises CTAs, the second creates nothing.
    first = run("rules", "run", "--db", db, "--as-of", "2026-06-30").stdout
    fired, created, closed = run_summary(first)
    assert created > 0 and fired >= created, first
    second = run("rules", "run", "--db", db, "--as-of", "2026-06-30").stdout
    assert run_summary(second) == (0, 0, 0), second
    rows = ctas(db)
    assert len(rows) == created, f"{len(rows)} CTAs listed, {created} created"
    assert len({(r["rule"], r["account_id"]) for r in rows}) == len(rows), "two open CTAs for one rule and account"
    accounts = {r["account_id"]: r for r in csv.DictReader(open(os.path.join(data, "accounts.csv")))}
    for r in rows:
        assert r["owner"] == accounts[r["account_id"]]["csm"], r
        assert r["status"] == "open" and r["due"] >= "2026-06-30", r
        assert accounts[r["account_id"]]["status"] == "active", r
        assert "{{" not in r["title"], r
    as_json = json.loads(run("ctas", "--db", db, "--format", "json").stdout)
    assert [str(j["cta_id"]) for j in as_json] == [r["cta_id"] for r in rows]
    assert all(j["playbook"] for j in as_json), "every saas CTA has a playbook"

    # The CTA lifecycle.
    cta = rows[0]
    cid, acc = cta["cta_id"], cta["account_id"]
    show = run("cta", "show", "--db", db, cid).stdout
    assert f"CTA {cid}  {cta['title']}" in show and f"rule {cta['rule']}" in show, show
    task_ids = re.findall(r"^  \[ \] (\d+) ", show, re.M)
    assert len(task_ids) >= 2, show
    run("cta", "start", "--db", db, cid, "--by", "tester")
    assert [r["status"] for r in ctas(db) if r["cta_id"] == cid] == ["in_progress"]
    assert cid not in [r["cta_id"] for r in ctas(db, "--status", "open")]
    run("cta", "comment", "--db", db, cid, "--text", "Called the champion", "--by", "tester")
    run("cta", "assign", "--db", db, cid, "--owner", "zed", "--by", "tester")
    run("cta", "snooze", "--db", db, cid, "--until", "2026-07-15", "--by", "zed")
    run("task", "done", "--db", db, task_ids[0], "--by", "zed")
    run("task", "assign", "--db", db, task_ids[1], "--owner", "amy", "--by", "zed")
    run("task", "note", "--db", db, task_ids[1], "--text", "waiting on legal", "--by", "zed")
    show = run("cta", "show", "--db", db, cid).stdout
    assert "owner zed" in show and "snoozed until 2026-07-15" in show, show
    assert re.search(rf"^  \[x\] {task_ids[0]} ", show, re.M), show
    assert "(amy, due" in show and "note: waiting on legal" in show, show
    # Rules do not raise a snoozed CTA again.
    assert run_summary(run("rules", "run", "--db", db, "--as-of", "2026-06-30").stdout)[1] == 0
    run("cta", "close", "--db", db, cid, "--reason", "success", "--comment", "renewed", "--by", "zed")
    show = run("cta", "show", "--db", db, cid).stdout
    assert "closed: success" in show, show
    kinds = [l.split()[2] for l in show.split("history:\n", 1)[1].splitlines() if l.strip()]
    assert kinds == ["created", "status", "comment", "reassigned", "snoozed", "task", "task", "task", "closed"], kinds

    # Error exits: closed twice (4), bad reason (1), unknown CTA (3), unknown task (3).
    expect_fail(4, "already closed", "cta", "close", "--db", db, cid, "--reason", "success")
    other = rows[1]["cta_id"]
    expect_fail(1, 'close reason "won" is not one of success|lost|no_action|duplicate|resolved_by_rule',
                "cta", "close", "--db", db, other, "--reason", "won")
    assert [r["status"] for r in ctas(db) if r["cta_id"] == other] == ["open"]
    expect_fail(3, "no CTA 99999", "cta", "close", "--db", db, "99999", "--reason", "success")
    expect_fail(3, "no CTA 99999", "cta", "show", "--db", db, "99999")
    expect_fail(3, "no task 99999", "task", "done", "--db", db, "99999")
    expect_fail(4, "is closed", "cta", "start", "--db", db, cid)
    expect_fail(1, "is not a date", "cta", "snooze", "--db", db, other, "--until", "soon")
    assert run("cta", "close", "--db", db, other, ok=False).returncode == 2  # --reason is required

    # A closed CTA comes back at the next run while its condition holds (rule_engine.h).
    fired, created, _ = run_summary(run("rules", "run", "--db", db, "--as-of", "2026-06-30").stdout)
    assert created == 1, (fired, created)
    assert len([r for r in ctas(db, "--status", "all") if r["rule"] == cta["rule"] and r["account_id"] == acc]) == 2

    # A CTA by hand, with a playbook.
    out = run("cta", "create", "--db", db, "--account", acc, "--title", "Intro the new VP",
              "--type", "expansion", "--priority", "low", "--playbook", "champion_change", "--due", "2026-07-31").stdout
    manual = re.search(r"created CTA (\d+)", out).group(1)
    m = [r for r in ctas(db) if r["cta_id"] == manual][0]
    assert m["rule"] == "" and m["owner"] == accounts[acc]["csm"] and m["due"] == "2026-07-31", m
    expect_fail(3, 'no playbook "nope"', "cta", "create", "--db", db, "--account", acc, "--title", "x", "--playbook", "nope")
    expect_fail(3, "no account", "cta", "create", "--db", db, "--account", "NOPE", "--title", "x")

    # Success plans.
    out = run("plans", "--db", db, "--account", acc).stdout
    plans_before = out.count("plan ")
    out = run("plans", "--db", db, "--account", acc, "--create", "onboarding", "--by", "tester").stdout
    assert "created success plan" in out and "Technical setup complete" in out and "Kick-off call" in out, out
    obj = re.search(r"objective (\d+)  Technical setup complete  \[not_started, due (\S+)\]", out)
    assert obj, out
    run("plans", "--db", db, "--objective", obj.group(1), "--status", "at_risk")
    assert "Technical setup complete  [at_risk" in run("plans", "--db", db, "--account", acc).stdout
    expect_fail(1, 'objective status "late" is not one of not_started|on_track|at_risk|done',
                "plans", "--db", db, "--objective", obj.group(1), "--status", "late")
    expect_fail(3, 'no success plan template "nope"', "plans", "--db", db, "--account", acc, "--create", "nope")
    expect_fail(3, "no objective 99999", "plans", "--db", db, "--objective", "99999", "--status", "done")
    expect_fail(3, "no account", "plans", "--db", db, "--account", "NOPE")

    # The timeline: a logged meeting, and the system entries of the CTAs and the plan.
    run("timeline", "--db", db, "--account", acc, "--log", "meeting", "--subject", "Kickoff with the VP",
        "--notes", "went well", "--by", "tester")
    tl = run("timeline", "--db", db, "--account", acc).stdout
    assert tl.splitlines()[0].split() == ["when", "type", "subject", "author", "contact", "source"], tl
    for needle in ["Kickoff with the VP", "cta_opened", "cta_closed", "plan_created", "Success plan: Onboarding",
                   f"{cta['title']} (success)"]:
        assert needle in tl, f"{needle!r} not on the timeline:\n{tl}"
    meetings = run("timeline", "--db", db, "--account", acc, "--type", "meeting").stdout
    assert "Kickoff with the VP" in meetings and "cta_opened" not in meetings, meetings
    expect_fail(1, '--log "party" is not one of', "timeline", "--db", db, "--account", acc, "--log", "party")
    expect_fail(3, "no account", "timeline", "--db", db, "--account", "NOPE")
print("cockpit: ok")
