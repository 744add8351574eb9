#!/usr/bin/env python3
"""Rules end to end through the CLI: `tend rules preview` (CSV header, JSON, table, errors),
`tend rules run` with a webhook to a local receiver that fails once (delivered on the quick
retry), a receiver that is down (kept pending with its error, visible in `tend webhooks list`),
idempotent re-runs, `tend rules firings`, auto_close when the as-of day moves on, and
definition errors from `tend apply` with file:line:column."""
import csv, io, json, os, re, subprocess, sys, tempfile, threading
from http.server import BaseHTTPRequestHandler, HTTPServer

tend = sys.argv[1]


def run(*args, ok=True):
    p = subprocess.run([tend, *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        sys.exit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


class Hook(BaseHTTPRequestHandler):
    bodies, fail_first, seen = [], 1, 0

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Hook.seen += 1
        Hook.bodies.append(body.decode())
        code = 500 if Hook.seen <= Hook.fail_first else 200
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Hook)
threading.Thread(target=server.serve_forever, daemon=True).start()
hook_url = f"http://127.0.0.1:{server.server_port}/hook"

# Placeholders: HOOK (the receiver), FIRST (the account with the lowest health), DEAD (a port
# nobody listens on), WINDOW (days).
RULES = """
  - name: lowest
    when: account_id = 'FIRST' AND health.overall < 101
    actions:
      - webhook: {url: "HOOK", text: "{{account.name}} is {{health.color}} ({{health.overall}})"}
      - webhook: {url: "HOOK", format: slack, text: "*{{account.name}}* is {{health.color}}"}
  - name: down_hook
    when: account_id = 'FIRST'
    actions:
      - webhook: {url: "http://127.0.0.1:DEAD/x"}
  - name: renewal_window
    when: days_to_renewal BETWEEN 0 AND WINDOW
    auto_close: true
    actions:
      - cta: {type: lifecycle, title: "Renewal in {{days_to_renewal}} days", playbook: renewal_save}
"""

with tempfile.TemporaryDirectory() as tmp:
    data, db = os.path.join(tmp, "data"), os.path.join(tmp, "tend.db")
    run("generate", "--accounts", "40", "--seed", "9", "--end", "2026-06-30", "--out", data)
    run("import", "--db", db, data)
    saas = os.path.join(tmp, "saas.yaml")
    run("init", "--db", db, "--template", "saas", "--write", saas)

    # Preview: CSV with a header row, account_id first; JSON; the table's count line.
    cond = "health.overall < 60 AND days_to_renewal > 0"
    out = run("rules", "preview", "--db", db, "--as-of", "2026-06-30", "--format", "csv", cond).stdout
    lines = out.splitlines()
    assert lines[0] == "account_id,health.overall,days_to_renewal", lines[:1]
    rows = list(csv.DictReader(io.StringIO(out)))
    assert all(float(r["health.overall"]) < 60 and float(r["days_to_renewal"]) > 0 for r in rows), rows
    js = json.loads(run("rules", "preview", "--db", db, "--as-of", "2026-06-30", "--format", "json", cond).stdout)
    assert [j["account_id"] for j in js] == [r["account_id"] for r in rows]
    table = run("rules", "preview", "--db", db, "--as-of", "2026-06-30", cond).stdout
    assert f"{len(rows)} active account(s) match" in table, table
    bad = run("rules", "preview", "--db", db, "nope > 1", ok=False)
    assert bad.returncode == 1 and "nope" in bad.stderr, bad.stderr
    bad = run("rules", "preview", "--db", db, "health.overall + 1", ok=False)
    assert bad.returncode == 1 and "must be true or false" in bad.stderr, bad.stderr
    assert run("rules", "preview", "--db", db, "--as-of", "2026-02-30", "health.overall > 0", ok=False).returncode == 1
    assert run("rules", "preview", "--db", db, "--format", "xml", "true", ok=False).returncode == 2

    # Custom rules beside the template: webhooks and an auto_close CTA.
    scored = run("rules", "preview", "--db", db, "--as-of", "2026-06-30", "--format", "csv",
                 "health.overall >= 0").stdout.splitlines()[1:]
    first = min(scored, key=lambda l: float(l.split(",")[1])).split(",")[0]  # the lowest health
    dead_sock = __import__("socket").socket()
    dead_sock.bind(("127.0.0.1", 0))
    dead = dead_sock.getsockname()[1]  # bound, never listening: connections are refused
    yaml = open(saas).read() + (RULES.replace("HOOK", hook_url).replace("FIRST", first)
                                  .replace("DEAD", str(dead)).replace("WINDOW", "400"))
    rules_yaml = os.path.join(tmp, "rules.yaml")
    open(rules_yaml, "w").write(yaml)
    run("apply", "--db", db, rules_yaml)

    out = run("rules", "run", "--db", db, "--as-of", "2026-06-30").stdout
    assert "3 webhook(s) queued" in out, out
    # The local receiver fails the first POST: the quick retry delivers it. The dead one is retried later.
    assert "webhooks: 2 delivered, 1 will be retried, 0 failed" in out, out
    assert Hook.seen == 3, Hook.seen
    payload = json.loads(Hook.bodies[-2])
    assert payload["rule"] == "lowest" and payload["account_id"] == first, payload
    assert payload["as_of"] == "2026-06-30" and payload["values"]["account_id"] == first, payload
    assert set(payload["values"]) == {"account_id", "health.overall"}, payload
    assert re.fullmatch(r".+ is (red|yellow|green) \(\d+(\.\d+)?\)", payload["message"]), payload
    assert list(json.loads(Hook.bodies[-1])) == ["text"], Hook.bodies[-1]

    listing = run("webhooks", "--db", db, "list").stdout
    head = listing.splitlines()[0].split()
    assert head == ["id", "created", "rule", "account_id", "url", "status", "attempts", "last_error"], head
    assert listing.count("delivered") == 2, listing
    pending = [l for l in listing.splitlines() if "down_hook" in l]
    assert len(pending) == 1 and " pending " in pending[0] and "no answer" in pending[0], listing
    assert run("webhooks", "--db", db, "list", "--status", "failed").stdout.count("down_hook") == 0

    # Idempotent: nothing new, no webhook sent again.
    again = run("rules", "run", "--db", db, "--as-of", "2026-06-30").stdout
    assert "0 firing(s): 0 CTA(s) created, 0 closed" in again and "0 webhook(s) queued" in again, again
    assert Hook.seen == 3

    # Firings: one line per firing, with the values that made the condition true.
    fir = run("rules", "firings", "--db", db, "--account", first).stdout
    assert "lowest" in fir and f'"account_id":"{first}"' in fir, fir
    all_firings = run("rules", "firings", "--db", db, "--limit", "100000").stdout.splitlines()[1:]
    before = len(all_firings)

    # auto_close: a year later every renewal window closes (renewal dates have passed or moved).
    win = [l for l in run("ctas", "--db", db, "--rule", "renewal_window", "--format", "csv").stdout.splitlines()[1:]]
    assert win, "no renewal_window CTA"
    later = run("rules", "run", "--db", db, "--as-of", "2028-06-30").stdout
    closed = int(re.search(r"(\d+) closed", later).group(1))
    assert closed >= 1, later
    json_all = json.loads(run("ctas", "--db", db, "--status", "closed", "--format", "json").stdout)
    assert sum(1 for c in json_all if c["rule"] == "renewal_window" and c["close_reason"] == "resolved_by_rule") >= 1

    # Definition errors: exit 1, each error as file:line:column on stderr, nothing applied.
    broken = os.path.join(tmp, "broken.yaml")
    open(broken, "w").write(yaml + "  - name: broken\n    when: arr + 1\n    actions:\n"
                                   "      - cta: {type: danger, title: \"{{nope}}\", playbook: missing}\n")
    p = run("apply", "--db", db, broken, ok=False)
    assert p.returncode == 1, p
    n = yaml.count("\n") + 1
    for needle in [f"broken.yaml:{n + 1}:11: rule broken: type error: a condition must be true or false, not number",
                   f'broken.yaml:{n + 3}:21: rule broken: cta: type "danger" is not one of',
                   f'rule broken: cta: unknown name "nope" in {{{{...}}}}',
                   f'rule broken: cta: unknown playbook "missing"']:
        assert needle in p.stderr, f"{needle!r} not in:\n{p.stderr}"
    # Nothing was applied: the rules in force still run and raise nothing new.
    assert "0 CTA(s) created" in run("rules", "run", "--db", db, "--as-of", "2028-06-30").stdout
server.shutdown()
print("rules: ok")
