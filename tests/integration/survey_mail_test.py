#!/usr/bin/env python3
"""Surveys sent and answered in tend, end to end through a real SMTP server (aiosmtpd on
127.0.0.1): a survey defined in YAML is sent to contacts (202, with who was skipped why); the
test opens each delivered mail (personal link, 0-10 one-click links in the HTML, unsubscribe
link and List-Unsubscribe header), follows the ?score=9 link, and the account's nps measure
follows at once; a comment from the page's form; a second answer updates the first; the
results (sent, responses, rate, NPS, promoters/passives/detractors, average); throttling;
unsubscribing (then never sent to); a wrong token, a score out of range and a huge comment
get a clear error and write nothing. Usage: survey_mail_test.py <tend binary> <source dir>"""
import csv, os, re, shutil, subprocess, sys, tempfile, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import Checks, Server, call, make_workspace, setup_users  # noqa: E402
from smtp_util import SmtpSink, require_aiosmtpd  # noqa: E402

tend, source = sys.argv[1], sys.argv[2]
require_aiosmtpd()
check = Checks()
PUBLIC = "https://tend.example.com"

SURVEY = """surveys:
  - name: csat_support
    kind: csat
    subject: "How did we do, {{contact.first_name}}?"
    body: Thanks for working with us.
  - name: nps_q4
    kind: nps
    subject: "{{contact.first_name}}, how are we doing at {{account.name}}?"
    body: |
      Hi {{contact.name}},

      A quick question from your team at Example.
"""


def measure(url, token, account, name):
    s, body, _ = call(url, path=f"/api/accounts/{account}", token=token)
    for m in body["scorecards"][0]["measures"]:
        if m["name"] == name:
            return m["value"]
    raise SystemExit(f"no measure {name}")


def local(link):
    """A link of the mail (under the public URL) on the test's server."""
    check(link.startswith(PUBLIC + "/s/"), "links are absolute under the public URL", link)
    return link[len(PUBLIC):]


def page(url, path, method="GET", form=None):
    raw = urllib.parse.urlencode(form) if form is not None else None
    h = {"Content-Type": "application/x-www-form-urlencoded"} if form is not None else None
    s, text, _ = call(url, method, path, raw=raw, headers=h)
    return s, text


with tempfile.TemporaryDirectory() as tmp:
    db = make_workspace(tend, tmp, accounts=30)
    tokens = setup_users(tend, db)
    ops = tokens["ops"]
    with open(os.path.join(tmp, "data", "contacts.csv")) as f:
        contacts = [r for r in csv.DictReader(f) if r.get("email")]
    # Two contacts of one account, one of another.
    by_account = {}
    for r in contacts:
        by_account.setdefault(r["account_id"], []).append(r)
    pair = next(v for v in by_account.values() if len(v) >= 2)
    account = pair[0]["account_id"]
    c1, c2 = pair[0], pair[1]
    c3 = next(r for r in contacts if r["account_id"] != account)
    # The account a rule sends a survey to: none of the above.
    other = next(a for a, v in by_account.items() if a not in (account, c3["account_id"]))
    with open(os.path.join(tmp, "data", "accounts.csv")) as f:
        other_name = next(r["name"] for r in csv.DictReader(f) if r["account_id"] == other)

    sink = SmtpSink(os.path.join(tmp, "mail")).start()
    try:
        with Server(tend, db, "--smtp-url", sink.url, "--mail-from", "Acme CS <cs@example.com>",
                    "--public-url", PUBLIC, as_of=None) as srv:
            url = srv.url
            s, j, _ = call(url, "GET", "/api/definitions", token=ops)
            files = j["files"] + [{"path": "surveys.yaml", "content": SURVEY}]
            s, j, _ = call(url, "PUT", "/api/definitions", {"files": files}, token=ops)
            check(s == 200, "definitions with a survey apply", j)
            # A bad survey definition: file:line:column diagnostics, nothing applied.
            bad = "surveys:\n  - name: x\n    kind: stars\n    subject: hi {{nope}}\n"
            s, j, _ = call(url, "POST", "/api/definitions/validate",
                           {"files": [{"path": "bad.yaml", "content": bad}]}, token=ops)
            text = str(j)
            check("bad.yaml:3:11" in text and "stars" in text, "a bad kind at its position", j)
            check('missing \\"body\\"' in text or "missing \"body\"" in text, "a missing body", j)
            check("nope" in text, "an unknown template name", j)

            before = measure(url, ops, account, "nps")
            s, j, _ = call(url, "POST", "/api/surveys/nps_q4/send",
                           {"contact_ids": [c1["contact_id"], c2["contact_id"], c3["contact_id"],
                                            "no-such-contact"]}, token=ops)
            check(s == 202 and j["queued"] == 3, "queued three (202)", j)
            check(j["skipped"] == [{"contact_id": "no-such-contact", "reason": "unknown_contact"}],
                  "the unknown contact skipped, saying why", j)
            s, j, _ = call(url, "POST", "/api/surveys/nope/send", {"contact_ids": []}, token=ops)
            check(s == 404, "an unknown survey: 404", j)
            s, j, _ = call(url, "POST", "/api/surveys/nps_q4/send", {"contact_ids": "x"}, token=ops)
            check(s == 422 and j["error"]["field"] == "contact_ids", "contact_ids must be a list", j)
            s, j, _ = call(url, "POST", "/api/surveys/nps_q4/send",
                           {"contact_ids": [c1["contact_id"]]}, token=tokens["viewer"])
            check(s == 403, "viewers do not send surveys", j)

            got = sink.wait_for(3)
            mails = {env["rcpt_tos"][0]: msg for env, msg in got}
            msg = mails[c1["email"].lower()]
            first = c1["name"].split(" ")[0]
            check(msg["Subject"].startswith(first + ", how are we doing at "), "subject rendered",
                  msg["Subject"])
            check(msg["List-Unsubscribe"] and msg["List-Unsubscribe"].startswith("<" + PUBLIC),
                  "List-Unsubscribe header", msg["List-Unsubscribe"])
            check(msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", "one-click unsubscribe")
            text_part, html_part = [p.get_content() for p in msg.iter_parts()]
            check(("Hi " + c1["name"]) in text_part, "the body greets the contact", text_part[:200])
            m = re.search(r"(https://tend\.example\.com/s/[A-Za-z0-9_-]+)\n", text_part)
            check(m is not None, "the personal link in the text part", text_part)
            link = m.group(1)
            scores = re.findall(r'href="(https://tend\.example\.com/s/[^"?]+)\?score=(\d+)"', html_part)
            check([int(n) for _, n in scores] == list(range(11)) and
                  all(l == link for l, _ in scores), "0-10 one-click links in the HTML", scores)
            unsub = re.search(r'href="([^"]+/unsubscribe)"', html_part).group(1)

            # One click on 9: recorded, the account re-scored at once.
            s, html = page(url, local(link) + "?score=9")
            check(s == 200 and "Thank you" in html and 'value="9" checked' in html,
                  "the page thanks and shows the score", (s, html[:300]))
            check('name="viewport"' in html, "the page is made for phones")
            after = measure(url, ops, account, "nps")
            check(after == 9, f"the nps measure follows ({before} -> {after})")
            s, j, _ = call(url, "GET", "/api/surveys/nps_q4/results", token=ops)
            check(s == 200 and (j["sent"], j["responses"], j["promoters"], j["nps"]) == (3, 1, 1, 100.0),
                  "results after one promoter", j)
            check(j["response_rate"] == round(1 / 3, 4) and j["average"] == 9, "rate and average", j)

            # A comment from the form; a second answer within the window updates the first.
            s, html = page(url, local(link), "POST", {"comment": "Support is great"})
            check(s == 200 and "Support is great" in html, "comment recorded", s)
            s, html = page(url, local(link), "POST", {"score": "5", "comment": "Slower lately"})
            check(s == 200, "a second answer", s)
            s, j, _ = call(url, "GET", "/api/surveys/nps_q4/results", token=ops)
            check((j["responses"], j["promoters"], j["detractors"], j["nps"]) == (1, 0, 1, -100.0),
                  "the second answer replaced the first", j)
            check([c["comment"] for c in j["comments"]] == ["Slower lately"] and
                  j["comments"][0]["account_id"] == account, "the comment with its account", j)
            check(measure(url, ops, account, "nps") == 5, "the nps measure follows again")

            # Bad input: a clear error, nothing written.
            s, html = page(url, "/s/not-a-token?score=9")
            check(s == 404 and "not valid" in html, "a wrong token", (s, html[:200]))
            s, html = page(url, "/s/" + "A" * 43 + "?score=9")
            check(s == 404, "an unknown token", s)
            s, html = page(url, local(link) + "?score=11")
            check(s == 422 and "0 to 10" in html, "a score out of range", (s, html[:300]))
            s, html = page(url, local(link) + "?score=nine")
            check(s == 422, "a score that is no number", s)
            s, html = page(url, local(link), "POST", {"score": "8", "comment": "x" * 5000})
            check(s in (413, 422), "a huge comment is refused", s)
            s, j, _ = call(url, "GET", "/api/surveys/nps_q4/results", token=ops)
            check((j["detractors"], j["comments"][0]["comment"]) == (1, "Slower lately"),
                  "nothing was written by bad input", j)

            # Throttled: surveyed within the workspace's days.
            s, j, _ = call(url, "POST", "/api/surveys/nps_q4/send",
                           {"contact_ids": [c1["contact_id"]]}, token=ops)
            check(j == {"queued": 0, "skipped": [{"contact_id": c1["contact_id"],
                                                  "reason": "throttled"}]}, "throttled", j)
            # Unsubscribe (the page's form, or a List-Unsubscribe one-click POST): never again.
            s, html = page(url, local(unsub))
            check(s == 200 and "<form" in html, "the unsubscribe page", s)
            s, html = page(url, local(unsub), "POST", {"List-Unsubscribe": "One-Click"})
            check(s == 200 and "Unsubscribed" in html, "unsubscribed", (s, html[:200]))
            s, j, _ = call(url, "POST", "/api/surveys/nps_q4/send",
                           {"contact_ids": [c1["contact_id"]]}, token=ops)
            check(j["skipped"] == [{"contact_id": c1["contact_id"], "reason": "unsubscribed"}],
                  "unsubscribed before throttled", j)
            n = len(sink.messages())
            time.sleep(1.5)
            check(len(sink.messages()) == n == 3, "no mail beyond the three sent", n)

            # A rule's send_survey action: the account's contacts get the CSAT survey (1-5).
            rule = ("rules:\n  - name: ask_csat\n    when: name = '" + other_name.replace("'", "''") +
                    "'\n    actions:\n      - send_survey: csat_support\n")
            files.append({"path": "survey_rules.yaml", "content": rule})
            s, j, _ = call(url, "PUT", "/api/definitions", {"files": files}, token=ops)
            check(s == 200, "a rule with send_survey applies", j)
            want = sorted(r["email"].lower() for r in by_account[other])
            got = sink.wait_for(3 + len(want))[3:]
            check(sorted(e["rcpt_tos"][0] for e, _ in got) == want,
                  "the rule surveyed the account's contacts", [e for e, _ in got])
            html = [p.get_content() for p in got[0][1].iter_parts()][1]
            check(sorted(set(int(n) for n in re.findall(r"\?score=(\d+)", html))) == [1, 2, 3, 4, 5],
                  "CSAT asks 1 to 5", html[:400])
            s, j, _ = call(url, "GET", "/api/surveys/csat_support/results", token=ops)
            check(j["sent"] == len(want) and j["nps"] is None and j["promoters"] is None,
                  "CSAT results have no NPS", j)

            # In a browser at phone width (web/e2e/survey_page.test.mjs), when there is one.
            web = os.path.join(source, "web")
            if shutil.which("node") and os.path.exists("/usr/bin/chromium") and \
                    os.path.isdir(os.path.join(web, "node_modules", "playwright-core")):
                c4 = next(r for r in contacts
                          if r["account_id"] not in (account, c3["account_id"], other))
                s, j, _ = call(url, "POST", "/api/surveys/nps_q4/send",
                               {"contact_ids": [c4["contact_id"]]}, token=ops)
                msg = sink.wait_for(3 + len(want) + 1)[-1][1]
                link = re.search(r"(https://tend\.example\.com/s/[A-Za-z0-9_-]+)\n",
                                 [p.get_content() for p in msg.iter_parts()][0]).group(1)
                p = subprocess.run(["node", "--test", "e2e/survey_page.test.mjs"], cwd=web,
                                   env=dict(os.environ, TEND_SURVEY_URL=url + local(link)),
                                   capture_output=True, text=True, timeout=120)
                check(p.returncode == 0, "the phone-width browser test", p.stdout[-2000:] + p.stderr[-1000:])
                s, j, _ = call(url, "GET", "/api/surveys/nps_q4/results", token=ops)
                check(any(c["comment"] == "Answered on a phone" and c["score"] == 9
                          for c in j["comments"]), "the browser's answer is in the results", j)
            else:
                print("survey_mail_test: no node/chromium/playwright-core: the browser part is skipped")
    finally:
        sink.stop()

if check.failures:
    sys.exit(f"survey_mail_test: {len(check.failures)} failure(s)")
print("survey_mail_test: ok")
