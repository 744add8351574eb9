#!/usr/bin/env bash
# Runs tend's benchmarks and writes their CSV to $BUILD/bench-results.csv (also printed).
# `make bench` builds the `benchmarks` target first; run alone, build it yourself:
#   cmake --build build --target benchmarks && scripts/bench.sh
#
# Environment:
#   BUILD=build            the build directory holding bench/*
#   BENCH_ACCOUNTS=100000  accounts in the generated workspace (10000 for a quick run)
#   BENCH_RUNS=            import runs (default 1) -- score runs are fixed at 1 warm-up + 5
#   BENCH_ONLY=            run only these benchmarks (space-separated: expr import contacts score
#                          server predict train); `server` needs the workspace `score` builds
#   BENCH_TRAIN_DIR=/tmp/tend-train-bench  where train_bench caches its workspace (100,000
#                          accounts with 15 months of history: about 1.7 GB, 3 minutes to build)
#
# The generated workspace is kept in $BUILD/bench-data/<accounts>/ and reused: the CSV
# files, the plain SQLite events database (plain-events.sqlite, written by import_bench and
# read by score_bench) and the scored tend workspace (workspace.tend). Delete the folder to
# start afresh. 100,000 accounts need about 10 GB of disk and 20-30 minutes.
#
# Output: one CSV header, then benchmark,variant,rows,seconds,rows_per_sec,peak_rss_mb rows;
# lines starting with '#' are notes (ratios, cross-checks, machine). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
ACCOUNTS=${BENCH_ACCOUNTS:-100000}
RUNS=${BENCH_RUNS:-1}
ONLY=${BENCH_ONLY:-expr import contacts score server predict train}
TRAIN_DIR=${BENCH_TRAIN_DIR:-/tmp/tend-train-bench}
DATA="$BUILD/bench-data/$ACCOUNTS"
OUT="$BUILD/bench-results.csv"
LOG="$BUILD/bench-results.log"

for b in expr_bench import_bench contacts_bench score_bench predict_bench train_bench; do
  if [ ! -x "$BUILD/bench/$b" ]; then
    echo "bench.sh: $BUILD/bench/$b is missing; build it with: cmake --build $BUILD --target benchmarks" >&2
    exit 1
  fi
done
mkdir -p "$BUILD/bench-data"

has() { [[ " $ONLY " == *" $1 "* ]]; }

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
  echo "benchmark,variant,rows,seconds,rows_per_sec,peak_rss_mb"
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+dirty'); $(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p' | head -1); accounts=$ACCOUNTS"
} > "$tmp"
: > "$LOG"

# Appends a benchmark's stdout (minus its header) to the results; stderr goes to the log.
run() {
  echo "bench.sh: $*" >&2
  "$@" 2> >(tee -a "$LOG" >&2) | grep --line-buffered -v '^benchmark,variant,' | tee -a "$tmp"
}

if has import; then
  # The plain SQLite events database is kept for score_bench (it takes minutes to load).
  run "$BUILD/bench/import_bench" --accounts "$ACCOUNTS" --data "$DATA" --runs "$RUNS" \
    --sqlite-out "$DATA/plain-events.sqlite"
fi

if has contacts; then
  # 100,000 contacts whose names collide as a CRM's do (30 x 30 names); nobody moved.
  run "$BUILD/bench/contacts_bench" --contacts 100000 --runs "$RUNS"
fi

if has score; then
  run "$BUILD/bench/score_bench" --accounts "$ACCOUNTS" --data "$DATA" \
    --workspace "$DATA/workspace.tend" --sqlite-events "$DATA/plain-events.sqlite"
fi

if has server; then
  # `tend serve` on a copy of the scored workspace, loaded from outside: paced reads (list
  # and account 360) at 500/s, /v1/batch ingestion (events spread over random accounts, and
  # clustered 50 accounts a batch), single-event latency, and wrk for raw throughput.
  if [ ! -f "$DATA/workspace.tend" ]; then
    echo "bench.sh: server: $DATA/workspace.tend is missing (run the score benchmark first)" >&2
  else
    SDB="$DATA/server.tend"
    cp "$DATA/workspace.tend" "$SDB"
    rm -f "$SDB-wal" "$SDB-shm"
    echo "bench-password" | "$BUILD/tend" user add --db "$SDB" --email bench@example.com \
      --name Bench --role admin >/dev/null
    TOKEN=$("$BUILD/tend" token create --db "$SDB" --email bench@example.com --name bench 2>/dev/null)
    WK=$("$BUILD/tend" writekey add --db "$SDB" --name bench 2>/dev/null)
    sqlite3 "$SDB" "SELECT account_id FROM accounts WHERE status = 'active' ORDER BY random() LIMIT 5000" >"$DATA/server-accounts.txt"
    AS_OF=$(sqlite3 "$SDB" "SELECT date(MAX(day) * 86400, 'unixepoch') FROM score_history")
    PORT=$((20000 + RANDOM % 20000))
    "$BUILD/tend" serve --db "$SDB" --port "$PORT" --as-of "$AS_OF" --quiet >>"$LOG" 2>&1 &
    SPID=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
    URL="http://127.0.0.1:$PORT"
    ACC="$DATA/server-accounts.txt"
    run "$BUILD/bench/server_bench" read --url "$URL" --token "$TOKEN" --rate 500 --seconds 20 --accounts-file "$ACC"
    run "$BUILD/bench/server_bench" latency --url "$URL" --writekey "$WK" --count 500 --rate 50 --accounts-file "$ACC"
    run "$BUILD/bench/server_bench" ingest --url "$URL" --writekey "$WK" --seconds 12 --threads 4 --batch 1000 --batch-accounts 50 --accounts-file "$ACC"
    sleep 20  # let the checkpoint fold the journal
    run "$BUILD/bench/server_bench" ingest --url "$URL" --writekey "$WK" --seconds 12 --threads 4 --batch 1000 --accounts-file "$ACC"
    if command -v wrk >/dev/null; then
      for path in "/api/accounts?limit=50" "/api/accounts/$(head -1 "$ACC")"; do
        echo "bench.sh: wrk $path" >&2
        wrk -t2 -c16 -d10s --latency -H "Authorization: Bearer $TOKEN" "$URL$path" 2>>"$LOG" |
          awk -v p="$path" '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} END {
            printf "server_wrk,%s,,10,%s,\n# wrk %s: %s requests/s, p99 %s (16 connections)\n", p, rps, p, rps, p99}' |
          tee -a "$tmp"
      done
    fi
    kill "$SPID"; wait "$SPID" || true
  fi
fi

if has predict; then
  # Scoring's hot path on a synthetic frame: encode, predict, exact and approximate
  # contributions, reasons in words.
  run "$BUILD/bench/predict_bench" --rows "$ACCOUNTS"
fi

if has train; then
  # tend predict train and score end to end: a workspace with 15 months of history (13
  # monthly snapshots at a 90-day horizon), cached in $TRAIN_DIR; 3 training runs, 5 scorings.
  run "$BUILD/bench/train_bench" --accounts "$ACCOUNTS" --dir "$TRAIN_DIR" --runs 3 --score-runs 5
fi

if has expr; then
  # Google Benchmark's CSV: name,iterations,real_time,cpu_time,time_unit,... -> our columns.
  echo "bench.sh: $BUILD/bench/expr_bench" >&2
  "$BUILD/bench/expr_bench" --benchmark_format=csv 2>>"$LOG" |
    awk -F, '/^"BM_/ {
      name = $1; gsub(/"/, "", name); unit = $5
      s = $3 / (unit == "ns" ? 1e9 : unit == "us" ? 1e6 : unit == "ms" ? 1e3 : 1)
      printf "expr,%s,1,%.9f,%.0f,\n", name, s, (s > 0 ? 1 / s : 0)
    }' | tee -a "$tmp"
fi

mv "$tmp" "$OUT"
trap - EXIT
echo "bench.sh: results in $OUT (progress log: $LOG)" >&2
