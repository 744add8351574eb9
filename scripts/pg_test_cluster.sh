#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, never a system service:
#   pg_test_cluster.sh start DIR   initdb in DIR/data, start on a free port of 127.0.0.1,
#                                  print the URL (also in DIR/url) of its database "tend"
#   pg_test_cluster.sh stop DIR    stop it (immediate: it is throwaway) and remove DIR
# Exits 77 (CTest: skipped) when PostgreSQL's server binaries are absent (install them with
# scripts/install-deps.sh). Settings for tests: fsync off, ICU en-US collation on purpose
# (a text key without COLLATE "C" then sorts differently from SQLite and a test fails).
# As root the server runs as the user postgres (initdb refuses root).
set -euo pipefail
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:?start or stop}
dir=${2:?directory}
as=()
if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); fi
case "$cmd" in
  start)
    if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
      echo "pg_test_cluster: $bin/initdb not found: PostgreSQL 15 is not installed (scripts/install-deps.sh)" >&2
      exit 77
    fi
    if [ -d "$dir/data" ]; then "$0" stop "$dir"; fi  # a cluster left by an interrupted run
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ ${#as[@]} -eq 0 ] || chown postgres "$dir"
    if ! "${as[@]}" "$bin/initdb" -D "$dir/data" -U tend --auth=trust -E UTF8 \
        --locale-provider=icu --icu-locale=en-US --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
      rm -rf "$dir/data"
      "${as[@]}" "$bin/initdb" -D "$dir/data" -U tend --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    for attempt in 1 2 3 4 5; do
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      if "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
          -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
          start >/dev/null 2>&1; then
        "${as[@]}" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U tend -d postgres \
          -c "CREATE DATABASE tend" >/dev/null
        echo "postgres://tend@127.0.0.1:$port/tend" | tee "$dir/url.tmp" >/dev/null
        mv "$dir/url.tmp" "$dir/url"
        cat "$dir/url"
        exit 0
      fi
    done
    cat "$dir/server.log" >&2 || true
    exit 1
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg_test_cluster.sh start|stop DIR" >&2
    exit 2
    ;;
esac
