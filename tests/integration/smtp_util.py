"""The SMTP side of the mail tests: SmtpSink starts smtp_sink.py (aiosmtpd) with Debian's
Python on a port of 127.0.0.1 and reads the messages it received, parsed with the standard
library's email package. Tests exit 77 (skipped) when aiosmtpd is missing."""
import email, email.policy, glob, json, os, socket, subprocess, sys, time

SYSTEM_PYTHON = "/usr/bin/python3"
HERE = os.path.dirname(os.path.abspath(__file__))


def require_aiosmtpd():
    ok = os.path.exists(SYSTEM_PYTHON) and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import aiosmtpd"], capture_output=True).returncode == 0
    if not ok:
        print("skipped: /usr/bin/python3 has no aiosmtpd (Debian: python3-aiosmtpd)")
        sys.exit(77)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpSink:
    """aiosmtpd on 127.0.0.1:port writing each message to `out`. start()/stop() may be
    called again (a server that is down, then up)."""

    def __init__(self, out, port=None):
        self.out, self.port, self.proc = out, port or free_port(), None
        os.makedirs(out, exist_ok=True)

    def start(self):
        self.proc = subprocess.Popen([SYSTEM_PYTHON, os.path.join(HERE, "smtp_sink.py"), self.out,
                                      str(self.port)], stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "ready" not in line:
            raise SystemExit("smtp_sink did not start")
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def messages(self):
        """[(envelope dict, email.message.EmailMessage)] in the order received."""
        out = []
        for path in sorted(glob.glob(os.path.join(self.out, "*.eml"))):
            with open(path[:-4] + ".json") as f:
                env = json.load(f)
            with open(path, "rb") as f:
                out.append((env, email.message_from_binary_file(f, policy=email.policy.default)))
        return out

    def wait_for(self, count, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            got = self.messages()
            if len(got) >= count:
                return got
            time.sleep(0.1)
        raise SystemExit(f"expected {count} message(s), the SMTP server has {len(self.messages())}")

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
