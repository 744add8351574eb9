"""A real SMTP server for the mail tests (aiosmtpd, Debian's python3-aiosmtpd): listens on
127.0.0.1:PORT and writes every message it accepts to DIR as <n>.eml, with <n>.json beside it
holding the envelope ({"mail_from", "rcpt_tos"}). Recipients whose local part starts with
"reject" are refused with 550 (a permanent failure). Prints "ready" once listening.

Run with Debian's Python, which has aiosmtpd: /usr/bin/python3 smtp_sink.py DIR PORT.
Tests start it through smtp_util.SmtpSink."""
import json, os, sys, threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out, self.n, self.lock = out, 0, threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].startswith("reject"):
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.n += 1
            n = self.n
        base = os.path.join(self.out, f"{os.getpid()}-{n:05d}")
        with open(base + ".json.tmp", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        os.rename(base + ".json.tmp", base + ".json")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK: queued"


def main():
    out, port = sys.argv[1], int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    controller = Controller(Sink(out), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        threading.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
