#!/usr/bin/env bash
# Builds the web app (web/) into build/web, where `tend serve` finds it beside the binary.
# Quick when nothing changed: npm ci runs when the lockfile changed, the Vite build when a
# source file is newer than the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f web/package.json ]; then
  echo "build-web: no web/ app in this checkout"
  exit 0
fi
cd web
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
out=../build/web/index.html
if [ ! -f "$out" ] || [ -n "$(find src index.html vite.config.ts tsconfig.json package.json scripts -newer "$out" 2>/dev/null | head -1)" ]; then
  npm run build
else
  echo "build-web: build/web is up to date"
fi
