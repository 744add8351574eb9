#!/usr/bin/env python3
"""Segment's analytics.js (@segment/analytics-next from npm, bundled with esbuild: no CDN) in
Debian's chromium, on a page served from one origin (a small static server on a free port),
sending to `tend serve` on another: identify, group, page and track land on the right account
with their properties, the snippet of docs/getting-started.md works as written, a key that
does not allow the page's origin is refused (and counted in /metrics), a page of an origin no
key allows fails the preflight, and leaving a page still delivers its last event. The browser
part is tests/segment/browser.test.mjs (node:test + playwright-core).

Usage: segment_browser_test.py <tend binary> <source dir>"""
import datetime, http.server, os, re, shutil, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import Server, call, make_workspace, run, setup_users  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
tend, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
started = time.monotonic()
CLIENT_FILES = ("package.json", "package-lock.json", "send.mjs", "browser.test.mjs",
                "bundle.mjs", "variant.js", "app.html")
NEEDED = ("@segment/analytics-next", "esbuild", "playwright-core")


def fail(message):
    sys.exit("segment_browser_test: FAILED: " + message)


if not os.path.exists(CHROMIUM):
    fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
         "(scripts/install-deps.sh installs it: apt-get install chromium)")
for tool in ("node", "npm"):
    if not shutil.which(tool):
        fail(f"`{tool}` is missing (scripts/install-deps.sh installs nodejs and npm)")


def client_dir(tmp):
    """tests/segment when its node_modules has what the test needs; else a copy in `tmp`
    after npm ci."""
    here = os.path.join(source, "tests", "segment")
    if all(os.path.isdir(os.path.join(here, "node_modules", p)) for p in NEEDED):
        return here
    copy = os.path.join(tmp, "segment")
    os.makedirs(copy)
    for f in CLIENT_FILES:
        shutil.copy(os.path.join(here, f), copy)
    t = time.monotonic()
    p = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=copy, capture_output=True,
                       text=True, timeout=300)
    if p.returncode != 0:
        fail(f"npm ci failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    print(f"npm ci: {time.monotonic() - t:.1f} s")
    return copy


def docs_snippet():
    """The analytics.js block of docs/getting-started.md: the fenced block after the line
    that says this test bundles it."""
    with open(os.path.join(source, "docs", "getting-started.md")) as f:
        lines = f.read().split("\n")
    mark = next((i for i, l in enumerate(lines)
                 if "tested: tests/integration/segment_browser_test.py" in l), None)
    if mark is None or not lines[mark + 1].startswith("```js"):
        fail("docs/getting-started.md has no analytics.js block marked as tested by this test")
    end = next(i for i in range(mark + 2, len(lines)) if lines[i].startswith("```"))
    return "\n".join(lines[mark + 2:end]) + "\n"


def as_written(snippet, key, host):
    """The snippet with the placeholders a reader replaces: the key, the host, the scheme."""
    for placeholder, value in [("'tendwk_...'", repr(key)),
                               ("'tend.acme.example/v1'", repr(host + "/v1")),
                               ("protocol: 'https'", "protocol: 'http'")]:
        if snippet.count(placeholder) != 1:
            fail(f"the snippet of docs/getting-started.md should hold {placeholder} once")
        snippet = snippet.replace(placeholder, value)
    return snippet


def static_site(root, app_html):
    """A static server on a free port of 127.0.0.1: files of `root` by name, app_html for
    every other path. Returns (server, origin)."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            name = self.path.split("?")[0].lstrip("/")
            path = os.path.join(root, name)
            if name and "/" not in name and os.path.isfile(path):
                ctype = "text/javascript" if name.endswith(".js") else "application/octet-stream"
            else:
                path, ctype = app_html, "text/html; charset=utf-8"
            with open(path, "rb") as f:
                body = f.read()
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


with tempfile.TemporaryDirectory() as tmp:
    # analytics.js stamps events with the real time: the workspace ends, and scores, today.
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    db = make_workspace(tend, tmp, end=today)
    tokens = setup_users(tend, db)
    client = client_dir(tmp)
    site_dir = os.path.join(tmp, "site")
    os.makedirs(site_dir)
    app_html = os.path.join(client, "app.html")
    site, site_origin = static_site(site_dir, app_html)
    other, other_origin = static_site(site_dir, app_html)
    web_key = run(tend, "writekey", "add", "--db", db, "--name", "web", "--origins",
                  site_origin).stdout.strip()
    other_key = run(tend, "writekey", "add", "--db", db, "--name", "other", "--origins",
                    "https://elsewhere.example").stdout.strip()
    listing = run(tend, "writekey", "list", "--db", db).stdout
    if "browser" not in listing or site_origin not in listing:
        fail(f"tend writekey list does not show the browser key:\n{listing}")
    try:
        with Server(tend, db, as_of=today) as s:
            host = s.url.split("://")[1]
            status, accounts, _ = call(s.url, path="/api/accounts?limit=5", token=tokens["admin"])
            if status != 200:
                fail(f"GET /api/accounts: {status} {accounts}")
            account = accounts["accounts"][2]["account_id"]
            entry = os.path.join(tmp, "docs-entry.js")
            with open(entry, "w") as f:
                f.write(as_written(docs_snippet(), web_key, host))
            t = time.monotonic()
            for src, out, name in [(entry, "docs.js", "tendDocs"),
                                   (os.path.join(client, "variant.js"), "variant.js",
                                    "tendVariant")]:
                p = subprocess.run(["node", os.path.join(client, "bundle.mjs"), src,
                                    os.path.join(site_dir, out), name], cwd=client,
                                   capture_output=True, text=True, timeout=120)
                if p.returncode != 0:
                    fail(f"bundling {src} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
            bundle_s = time.monotonic() - t
            env = dict(os.environ, TEND_URL=s.url, TEND_TOKEN=tokens["admin"], SITE=site_origin,
                       OTHER_SITE=other_origin, ACCOUNT=account, WEB_KEY=web_key,
                       OTHER_KEY=other_key, CHROMIUM=CHROMIUM)
            t = time.monotonic()
            p = subprocess.run(["node", "--test", "--test-reporter=spec", "--test-concurrency=1",
                                os.path.join(client, "browser.test.mjs")], cwd=client, env=env,
                               timeout=300)
            browser_s = time.monotonic() - t
            if p.returncode != 0:
                fail(f"the analytics.js browser tests failed (exit {p.returncode})")
    finally:
        site.shutdown()
        other.shutdown()

print(f"segment_browser_test: passed in {time.monotonic() - started:.1f} s (bundles "
      f"{bundle_s:.1f} s, browser {browser_s:.1f} s)")
