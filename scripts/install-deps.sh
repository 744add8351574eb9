#!/usr/bin/env bash
# Installs the Debian packages tend needs. Idempotent: quick when everything is present.
set -euo pipefail
pkgs=(
  g++ cmake ninja-build pkg-config python3 sqlite3
  libsqlite3-dev libcpp-httplib-dev nlohmann-json3-dev libsimdjson-dev libyaml-cpp-dev
  libcli11-dev libspdlog-dev libfmt-dev libsodium-dev libxgboost-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs openssl chromium
  clang
  postgresql libpq-dev
  libabsl-dev tzdata zlib1g-dev
  libcurl4-openssl-dev python3-aiosmtpd
)
# npm: Debian's package, unless the Node.js installed already brings its own (NodeSource's
# nodejs does, and then conflicts with Debian's npm).
if ! command -v npm >/dev/null 2>&1; then pkgs+=(npm); fi
# systemd: tests/integration/deploy_test.py checks deploy/tend.service with
# `systemd-analyze verify`. Installed only where Debian offers the package (apt-cache knows
# it); without it that check is skipped and the test says so. Nothing is started: the
# package only brings the tools.
if apt-cache show systemd >/dev/null 2>&1; then pkgs+=(systemd); fi
# postgresql, libpq-dev: the PostgreSQL store (libpq) and the throwaway clusters its tests start
# (initdb/pg_ctl from /usr/lib/postgresql/15/bin; no system service is needed).
# libabsl-dev, tzdata: named time zones in mapped imports (absl::TimeZone reads
# /usr/share/zoneinfo); zlib1g-dev: gzip-compressed Segment archives (.jsonl.gz).
# libcurl4-openssl-dev: outgoing mail over SMTP (src/mail); python3-aiosmtpd: the SMTP server
# the mail tests start on 127.0.0.1 (run with /usr/bin/python3, Debian's Python).
# clang: the thread_safety test (-Wthread-safety). `install-deps.sh fuzz` adds libFuzzer.
if [ "${1:-}" = "fuzz" ]; then pkgs+=(libclang-rt-14-dev); fi
# `install-deps.sh bench` adds wrk (HTTP load for the server benchmarks).
if [ "${1:-}" = "bench" ]; then pkgs+=(wrk); fi
# Inputs that are not packages: tests that need them exit 77 (CTest: skipped) without them.
here=$(cd "$(dirname "$0")/.." && pwd)
for input in data/telco-customer-churn.csv conformance/check.sh; do
  [ -e "$here/../shared/$input" ] || echo "install-deps: ../shared/$input is absent: its test will be skipped"
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
