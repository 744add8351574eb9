"""Helpers for the tests that run `tend serve`: a small workspace, a server on a free port
of 127.0.0.1 (started and stopped by the test), users of every role, and HTTP calls with the
standard library only."""
import base64, json, os, re, signal, subprocess, time, urllib.error, urllib.request

ROLES = ["admin", "ops", "csm", "sales", "viewer", "product"]
PASSWORD = "correct horse battery"


def run(tend, *args, ok=True, input=None):
    p = subprocess.run([tend, *args], capture_output=True, text=True, input=input)
    if ok and p.returncode != 0:
        raise SystemExit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def make_workspace(tend, tmp, accounts=120, end="2026-11-20", seed=5):
    """Generates, imports and installs the saas template; returns the workspace path (with
    TEND_TEST_STORE=postgres: the URL of a fresh PostgreSQL database, see pg_util.py)."""
    data, db = os.path.join(tmp, "data"), os.path.join(tmp, "tend.db")
    if os.environ.get("TEND_TEST_STORE") == "postgres":
        from pg_util import database_for_this_run
        db = database_for_this_run()
    run(tend, "generate", "--accounts", str(accounts), "--seed", str(seed), "--end", end,
        "--out", data)
    run(tend, "import", "--db", db, data)
    run(tend, "init", "--db", db, "--template", "saas")
    return db


class Server:
    """`tend serve` on a free port. Use as a context manager; .url, .setup_token."""

    def __init__(self, tend, db, *extra, as_of="2026-11-20"):
        self.tend, self.db, self.extra, self.as_of = tend, db, list(extra), as_of
        self.proc = None

    def start(self):
        args = [self.tend, "serve", "--db", self.db, "--port", "0", "--quiet"]
        if self.as_of:
            args += ["--as-of", self.as_of]
        self.proc = subprocess.Popen(args + self.extra, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.setup_token = None
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit("tend serve exited early:\n" + self.proc.stderr.read())
            m = re.search(r"on (https?://[0-9.]+:\d+)", line)
            if m:
                self.url = m.group(1)
                break
        return self

    def read_setup_token(self):
        for _ in range(5):
            line = self.proc.stdout.readline()
            m = re.search(r"token=(setup_[a-z0-9]+)", line)
            if m:
                return m.group(1)
        return None

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def call(url, method="GET", path="/", body=None, token=None, headers=None, raw=None,
         basic=None, cookie=None, timeout=30):
    """Returns (status, parsed JSON or text, response headers)."""
    h = dict(headers or {})
    data = None
    if raw is not None:
        data = raw if isinstance(raw, bytes) else raw.encode()
    elif body is not None:
        data = json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    if token:
        h["Authorization"] = "Bearer " + token
    if basic is not None:
        h["Authorization"] = "Basic " + base64.b64encode((basic + ":").encode()).decode()
    if cookie:
        h["Cookie"] = cookie
    req = urllib.request.Request(url + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, text, rh = r.status, r.read().decode(), r.headers
    except urllib.error.HTTPError as e:
        status, text, rh = e.code, e.read().decode(), e.headers
    try:
        return status, json.loads(text), rh
    except ValueError:
        return status, text, rh


class Checks:
    """A check that records a failure and goes on (printing it), for tests that report every
    failed expectation at the end: `check = Checks()`, `check(cond, what, detail)`, then
    `check.failures`."""

    def __init__(self):
        self.failures = []

    def __call__(self, cond, what, detail=None):
        if not cond:
            self.failures.append(what + (f": {detail}" if detail is not None else ""))
            print("FAIL:", self.failures[-1])


def setup_users(tend, db, csm_name="Csm User"):
    """Creates one user per role with the CLI and an API token for each; returns
    {role: token}. Emails are <role>@example.com, the password PASSWORD. Pass the name of a
    CSM of the workspace's accounts as `csm_name` so the csm user owns accounts."""
    tokens = {}
    for role in ROLES:
        email = f"{role}@example.com"
        name = csm_name if role == "csm" else role.capitalize() + " User"
        run(tend, "user", "add", "--db", db, "--email", email, "--name", name, "--role", role,
            input=PASSWORD + "\n")
        tokens[role] = run(tend, "token", "create", "--db", db, "--email", email, "--name",
                           "test").stdout.strip()
    return tokens
