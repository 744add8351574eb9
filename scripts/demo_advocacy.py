#!/usr/bin/env python3
"""Seeds the demo workspace's advocacy program through the CLI (called by scripts/demo.sh):
members in every tier (with capacity used on the advisory board), invited, paused, retired,
snoozed and dismissed contacts, give-backs in the ledger (two advocates are left with the
extraction warning), asks answered and declined, and reference requests in every state,
three of them open. Usage: demo_advocacy.py TEND DB"""
import datetime, json, subprocess, sys

tend, db = sys.argv[1], sys.argv[2]


def cli(*args, by="demo"):
    p = subprocess.run([tend, "advocacy", *args, "--db", db, "--by", by],
                       capture_output=True, text=True)
    if p.returncode:
        sys.exit(f"demo_advocacy: tend advocacy {' '.join(args)}: {p.stderr.strip()}")
    return p.stdout


today = datetime.date.today()
day = lambda back: (today - datetime.timedelta(days=back)).isoformat()  # noqa: E731
cands = json.loads(cli("candidates", "--limit", "60", "--format", "json"))
ids = [c["contact_id"] for c in cands]
plan = ([("reference_network", "active")] * 14 + [("case_study", "active")] * 4 +
        [("event_speaking", "active")] * 3 + [("advisory_board", "active")] * 9 +
        [("reference_network", "invited")] * 3 + [("reference_network", "paused")] * 2 +
        [("case_study", "retired")])
preferred = {"reference_network": "reference_call", "case_study": "case_study",
             "event_speaking": "speaking", "advisory_board": "advisory_board"}
members = {}
for cid, (tier, status) in zip(ids, plan):
    cli("invite", cid, "--tier", tier, "--note", "promoter with green health")
    if status != "invited":
        cli("set", cid, "--status", "active", "--consent", "yes", "--preferred", preferred[tier])
    if status in ("paused", "retired"):
        cli("set", cid, "--status", status, "--note", "changing roles" if status == "paused"
            else "left the program after the story was published")
    members.setdefault((tier, status), []).append(cid)
rest = ids[len(plan):]
for cid in rest[:2]:
    cli("snooze", cid, "--days", "45", "--reason", "renewal negotiation under way")
for cid in rest[2:4]:
    cli("dismiss", cid, "--reason", "prefers not to be a public reference")

# Give-back: most active members received something in the last two quarters.
kinds = ["early_access", "roadmap_session", "recognition", "honorarium", "referral"]
active = [c for (t, s), cs in members.items() if s == "active" for c in cs]
warned = active[:2]  # asked, nothing given back yet: the extraction warning shows
for k, cid in enumerate(active[2:]):
    cli("ledger", cid, "--direction", "received", "--kind", kinds[k % len(kinds)],
        "--note", "thank-you for the program", "--day", day(20 + 7 * (k % 10)))
    if k % 3 == 0:
        cli("ledger", cid, "--direction", "received", "--kind", "early_access",
            "--note", "early access: AI summaries", "--day", day(10))
for cid in warned:
    tier = next(t for (t, s), cs in members.items() if cid in cs)
    cli("ask", cid, "--activity", preferred[tier], "--note", "customer story for the launch")

# Asks outside requests: a case study accepted, a talk declined.
cs = members[("case_study", "active")]
ask = cli("ask", cs[1], "--activity", "case_study", "--note", "Q1 customer story").split(":")[0].split()[1]
cli("answer", ask, "--accept")
sp = members[("event_speaking", "active")]
ask = cli("ask", sp[0], "--activity", "speaking", "--note", "CS Summit panel").split(":")[0].split()[1]
cli("answer", ask, "--decline", "--reason", "conference clashes with their board meeting")


def request(prospect, industry, segment, region, deadline_days, deal):
    out = cli("request", "create", "--prospect", prospect, "--industry", industry,
              "--segment", segment, "--region", region, "--deal", deal,
              "--deadline", (today + datetime.timedelta(days=deadline_days)).isoformat(),
              by="Sam Sales")
    return out.split()[2]


def first_match(rid):
    for line in cli("request", "match", rid).splitlines()[1:]:
        if line.startswith("excluded"):
            break
        return line.split()[0]
    return None


# Two references done, one accepted, one asked, one waiting for a match.
for n, (prospect, ind, seg, reg, state) in enumerate([
        ("Grasolvo LLC", "financial_services", "enterprise", "emea", "completed"),
        ("Solqua LLC", "healthcare", "mid_market", "na", "completed"),
        ("Brightwave Inc", "retail", "mid_market", "na", "accepted"),
        ("Northwind GmbH", "manufacturing", "enterprise", "emea", "asked"),
        ("Kestrel Labs", "software", "smb", "apac", "requested")]):
    rid = request(prospect, ind, seg, reg, 10 + 5 * n, f"D-DEMO-{n + 1}")
    if state == "requested":
        continue
    who = first_match(rid)
    if not who:
        continue
    cli("request", "ask", rid, "--contact", who)
    if state == "asked":
        continue
    cli("request", "accept", rid)
    if state == "completed":
        cli("request", "complete", rid, "--outcome",
            "great call; the prospect moved to contract review")
print(f"advocacy program: {sum(len(v) for v in members.values())} members in "
      f"{len({t for t, _ in members})} tiers, 5 reference requests")
