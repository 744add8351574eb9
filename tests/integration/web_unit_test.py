#!/usr/bin/env python3
"""The web app's unit tests: runs `npm test` (Vitest: the *.test.ts files beside the code in
web/src/) in <source dir>/web and exits with its status. Needs no server and no browser;
fails with a clear message when web/node_modules (or Vitest in it) is missing.

Usage: web_unit_test.py <tend binary> <source dir>"""
import os, shutil, subprocess, sys, time

if len(sys.argv) != 3:
    sys.exit("usage: web_unit_test.py <tend binary> <source dir>")
web_src = os.path.join(os.path.abspath(sys.argv[2]), "web")
started = time.monotonic()


def fail(message):
    sys.exit("web_unit_test: FAILED: " + message)


if not os.path.isfile(os.path.join(web_src, "package.json")):
    fail(f"{web_src}/package.json is missing: no web app in this checkout")
if not os.path.isdir(os.path.join(web_src, "node_modules")):
    fail(f"{web_src}/node_modules is missing: run make build (it runs `npm ci` in web/)")
if not os.path.isdir(os.path.join(web_src, "node_modules", "vitest")):
    fail(f"{web_src}/node_modules has no vitest (installed before it was added): run make build "
         "(it runs `npm ci` in web/ when the lockfile changed)")
npm = shutil.which("npm")
if not npm:
    fail("npm is missing (scripts/install-deps.sh installs nodejs)")

env = dict(os.environ)
if not sys.stdout.isatty():
    env.setdefault("NO_COLOR", "1")  # plain text in CTest's log
try:
    p = subprocess.run([npm, "test"], cwd=web_src, env=env, timeout=240)
except subprocess.TimeoutExpired:
    fail("`npm test` did not finish in 240 s")
if p.returncode != 0:
    print(f"web_unit_test: FAILED: `npm test` in {web_src} exited with {p.returncode}",
          file=sys.stderr)
    sys.exit(p.returncode)
print(f"web_unit_test: passed in {time.monotonic() - started:.1f} s")
