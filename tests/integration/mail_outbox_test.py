#!/usr/bin/env python3
"""Outgoing mail through a real SMTP server (aiosmtpd on 127.0.0.1, started here): a test
message queued through the API arrives as multipart/alternative (text and HTML) with its
headers; the outbox shows it sent. With the SMTP server down a message stays queued with
its error and is sent once the server is back (nothing lost, retried with backoff); a 550
refusal fails at once and shows in the outbox; failed mail can be put back in the queue;
only ops and admins see the outbox. The settings are checked before serving.
Usage: mail_outbox_test.py <tend binary> <source dir>"""
import os, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import Checks, Server, call, make_workspace, run, setup_users  # noqa: E402
from smtp_util import SmtpSink, free_port, require_aiosmtpd  # noqa: E402

tend = sys.argv[1]
require_aiosmtpd()
check = Checks()


def outbox(url, token, status=""):
    s, j, _ = call(url, "GET", "/api/admin/outbox" + (f"?status={status}" if status else ""),
                   token=token)
    if s != 200:
        raise SystemExit(f"GET /api/admin/outbox: {s} {j}")
    return j


def wait_mail(url, token, mail_id, cond, what, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for m in outbox(url, token)["mail"]:
            if m["mail_id"] == mail_id and cond(m):
                return m
        time.sleep(0.2)
    raise SystemExit(f"mail {mail_id}: {what} did not happen within {timeout} s: "
                     f"{[m for m in outbox(url, token)['mail'] if m['mail_id'] == mail_id]}")


with tempfile.TemporaryDirectory() as tmp:
    db = make_workspace(tend, tmp, accounts=20)
    tokens = setup_users(tend, db)
    admin = tokens["admin"]

    # Settings are checked before anything is served, and the password never shown.
    for args, msg_id in ((["--smtp-url", "http://mail:25", "--mail-from", "cs@example.com"],
                          "--smtp-url http://mail:25: the scheme"),
                         (["--smtp-url", "smtp://bob:hunter2@mail:99999", "--mail-from",
                           "cs@example.com"], "smtp://bob:***@mail:99999: the port"),
                         (["--smtp-url", "smtp://mail:25"], "needs --mail-from"),
                         (["--mail-from", "Tend <not an address>"], "--mail-from:"),
                         (["--public-url", "tend.example.com"], "--public-url:")):
        p = run(tend, "serve", "--db", db, "--check-config", *args, ok=False)
        check(p.returncode != 0 and msg_id in p.stdout + p.stderr,
              f"--check-config {args}: expected {msg_id!r}", p.stdout + p.stderr)
        check("hunter2" not in p.stdout + p.stderr, "the SMTP password is never printed")

    sink = SmtpSink(os.path.join(tmp, "mail")).start()
    try:
        with Server(tend, db, "--smtp-url", sink.url, "--mail-from", "Tend CS <cs@example.com>",
                    "--public-url", "http://tend.example.com") as srv:
            url = srv.url
            # Only admins send test mail; only ops and admins see the outbox.
            for role, want in (("csm", 403), ("viewer", 403), ("ops", 403)):
                s, j, _ = call(url, "POST", "/api/admin/mail/test", {"to": "x@example.com"},
                               token=tokens[role])
                check(s == want, f"test mail as {role}: {s}", j)
            for role, want in (("csm", 403), ("sales", 403), ("ops", 200)):
                s, j, _ = call(url, "GET", "/api/admin/outbox", token=tokens[role])
                check(s == want, f"outbox as {role}: {s}", j)
            s, j, _ = call(url, "POST", "/api/admin/mail/test", {"to": "not-an-address"},
                           token=admin)
            check(s == 422 and j["error"]["field"] == "to", "a bad address is refused", j)
            s, j, _ = call(url, "GET", "/api/admin/outbox?status=lost", token=admin)
            check(s == 422, "an unknown status filter is refused", j)
            check(outbox(url, admin)["counts"] == {"queued": 0, "sent": 0, "failed": 0},
                  "nothing queued by refused requests")

            # A message arrives, with both parts and its headers.
            s, j, _ = call(url, "POST", "/api/admin/mail/test", {"to": "ann@example.com"},
                           token=admin)
            check(s == 202 and j.get("mail_id"), "test mail queued (202)", j)
            first = j["mail_id"]
            (env, msg), = sink.wait_for(1)
            check(env["mail_from"] == "cs@example.com", "envelope sender", env)
            check(env["rcpt_tos"] == ["ann@example.com"], "envelope recipient", env)
            check(msg["From"] == "Tend CS <cs@example.com>", "From header", msg["From"])
            check(msg["To"] == "ann@example.com", "To header", msg["To"])
            check(msg["Subject"] == "tend: test message", "Subject", msg["Subject"])
            check(msg["Message-ID"].startswith(f"<tend.{first}.") and
                  msg["Message-ID"].endswith("@example.com>"), "Message-ID", msg["Message-ID"])
            check(msg["Date"] is not None and msg["MIME-Version"] == "1.0", "Date, MIME-Version")
            check(msg.get_content_type() == "multipart/alternative", "multipart/alternative",
                  msg.get_content_type())
            parts = [p for p in msg.iter_parts()]
            check([p.get_content_type() for p in parts] == ["text/plain", "text/html"],
                  "a text part, then an HTML part", [p.get_content_type() for p in parts])
            check("outgoing mail works" in parts[0].get_content(), "the text part's content")
            check("<b>tend</b>" in parts[1].get_content(), "the HTML part's content")
            check(all(p["Content-Transfer-Encoding"] == "quoted-printable" for p in parts),
                  "quoted-printable parts")
            m = wait_mail(url, admin, first, lambda m: m["status"] == "sent", "sent")
            check(m["attempts"] == 1 and m["sent_at"] and m["last_error"] == "",
                  "sent on the first attempt", m)
            check(outbox(url, admin)["smtp_configured"] is True, "smtp_configured")

            # The SMTP server goes down: the message waits, with its error, and goes once it
            # is back.
            sink.stop()
            s, j, _ = call(url, "POST", "/api/admin/mail/test", {"to": "bob@example.com"},
                           token=admin)
            second = j["mail_id"]
            m = wait_mail(url, admin, second, lambda m: m["last_error"] != "", "a failed attempt")
            check(m["status"] == "queued" and m["next_attempt_at"], "still queued, retry due", m)
            check("127.0.0.1" in m["last_error"], "the error names the server", m["last_error"])
            sink.start()
            m = wait_mail(url, admin, second, lambda m: m["status"] == "sent", "sent after the "
                          "server came back", timeout=40)
            check(m["attempts"] >= 2, "retried", m)
            got = sink.wait_for(2)
            check([e["rcpt_tos"] for e, _ in got] == [["ann@example.com"], ["bob@example.com"]],
                  "each message once", [e for e, _ in got])

            # A permanent refusal fails at once, kept with the server's answer.
            s, j, _ = call(url, "POST", "/api/admin/mail/test", {"to": "reject-me@example.com"},
                           token=admin)
            third = j["mail_id"]
            m = wait_mail(url, admin, third, lambda m: m["status"] == "failed", "failed")
            check(m["attempts"] == 1 and "550" in m["last_error"], "a 550 fails at once", m)
            failed = outbox(url, admin, "failed")
            check([x["mail_id"] for x in failed["mail"]] == [third], "the failed filter", failed)
            check(failed["counts"] == {"queued": 0, "sent": 2, "failed": 1}, "counts", failed)
            s, j, _ = call(url, "POST", "/api/admin/outbox/retry", token=tokens["ops"])
            check(s == 200 and j == {"requeued": 1}, "failed mail back in the queue", j)
            m = wait_mail(url, admin, third, lambda m: m["status"] == "failed", "failed again")
            check(m["attempts"] == 1, "attempts counted anew", m)
    finally:
        sink.stop()

    # Without an SMTP server a test message is refused, saying why.
    with Server(tend, db) as srv:
        s, j, _ = call(srv.url, "POST", "/api/admin/mail/test", {"to": "ann@example.com"},
                       token=admin)
        check(s == 409 and j["error"]["code"] == "mail.notConfigured", "no SMTP: 409", j)

if check.failures:
    sys.exit(f"mail_outbox_test: {len(check.failures)} failure(s)")
print("mail_outbox_test: ok")
