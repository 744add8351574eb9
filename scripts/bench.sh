#!/usr/bin/env bash
# Runs tend's benchmarks and writes their CSV to $BUILD/bench-results.csv (also printed).
# `make bench` builds the `benchmarks` target first; run alone, build it yourself:
#   cmake --build build --target benchmarks && scripts/bench.sh
#
# Environment:
#   BUILD=build            the build directory holding bench/*
#   BENCH_ACCOUNTS=100000  accounts in the generated workspace (10000 for a quick run)
#   BENCH_RUNS=            import runs (default 1) -- score runs are fixed at 1 warm-up + 5
#   BENCH_ONLY=            run only these benchmarks (space-separated: expr import score)
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
ONLY=${BENCH_ONLY:-expr import score}
DATA="$BUILD/bench-data/$ACCOUNTS"
OUT="$BUILD/bench-results.csv"
LOG="$BUILD/bench-results.log"

for b in expr_bench import_bench score_bench; do
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

if has score; then
  run "$BUILD/bench/score_bench" --accounts "$ACCOUNTS" --data "$DATA" \
    --workspace "$DATA/workspace.tend" --sqlite-events "$DATA/plain-events.sqlite"
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
