#!/usr/bin/env python3
"""The web app and the API under a path prefix in a real browser: `tend serve --base-path
/tend` with the built web app, then web/e2e/basepath.test.mjs (playwright-core and Debian's
chromium) signs in, opens the dashboard, the accounts list and a deep link reloaded afresh,
and checks that no request leaves /tend/. Fails with a clear message when chromium, the built
web app or web/node_modules is missing (make build and scripts/install-deps.sh bring them).

Usage: web_basepath_test.py <tend binary> <source dir>"""
import os, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_util import PASSWORD, Server, make_workspace, run  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
tend, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
build_dir = os.path.dirname(tend)
web_dir, web_src = os.path.join(build_dir, "web"), os.path.join(source, "web")
started = time.monotonic()


def fail(message):
    sys.exit("web_basepath_test: FAILED: " + message)


if not os.path.exists(CHROMIUM):
    fail(f"{CHROMIUM} is missing (scripts/install-deps.sh installs chromium)")
if not os.path.isfile(os.path.join(web_dir, "index.html")):
    fail(f"{web_dir}/index.html is missing: build the web app first (make build)")
if not os.path.isdir(os.path.join(web_src, "node_modules", "playwright-core")):
    fail(f"{web_src}/node_modules is missing: run `npm ci` in web/ (make build does)")
node = shutil.which("node") or fail("node is missing (apt-get install nodejs)")

with tempfile.TemporaryDirectory() as tmp:
    db = make_workspace(tend, tmp, accounts=60, seed=7)
    run(tend, "user", "add", "--db", db, "--email", "admin@example.com", "--name", "Admin User",
        "--role", "admin", input=PASSWORD + "\n")
    artifacts = os.path.join(build_dir, "test-artifacts")
    os.makedirs(artifacts, exist_ok=True)
    with Server(tend, db, "--web-dir", web_dir, "--base-path", "/tend") as server:
        env = dict(os.environ, TEND_URL=server.url + "/tend", TEND_PASSWORD=PASSWORD,
                   TEND_ARTIFACTS=artifacts, CHROMIUM=CHROMIUM,
                   TEND_ADMIN_EMAIL="admin@example.com")
        p = subprocess.run([node, "--test", "--test-reporter=spec",
                            os.path.join(web_src, "e2e", "basepath.test.mjs")],
                           cwd=web_src, env=env, timeout=300)
    if p.returncode != 0:
        fail(f"the browser test under /tend failed (exit {p.returncode}); screenshots in {artifacts}")
print(f"web_basepath_test: passed in {time.monotonic() - started:.1f} s")
