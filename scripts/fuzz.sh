#!/usr/bin/env bash
# Runs each libFuzzer target for FUZZ_SECONDS (default 60) seconds. `make fuzz` builds them
# first (clang++, -DTEND_FUZZ=ON, into build-fuzz/); to build by hand:
#   CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DTEND_FUZZ=ON && cmake --build build-fuzz --target fuzzers
#
# Environment:
#   FUZZ_BUILD=build-fuzz   the build directory
#   FUZZ_SECONDS=60         time per fuzzer
#   FUZZ_TARGETS="csv_reader_fuzz time_fuzz"
#   FUZZ_JOBS=1             libFuzzer -fork workers per target (the machine may be shared)
#
# Corpora grow in $FUZZ_BUILD/corpus/<target>/ (seeded from tests/fuzz/corpus/<name>/, which
# stays read-only); crashing inputs land in $FUZZ_BUILD/artifacts/<target>/. Re-run one with
#   $FUZZ_BUILD/tests/fuzz/<target> $FUZZ_BUILD/artifacts/<target>/crash-...
# Exits non-zero when any fuzzer found a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${FUZZ_BUILD:-build-fuzz}
SECS=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-csv_reader_fuzz time_fuzz}
JOBS=${FUZZ_JOBS:-1}

failed=()
for target in $TARGETS; do
  bin="$BUILD/tests/fuzz/$target"
  if [ ! -x "$bin" ]; then
    echo "fuzz.sh: $bin is missing; build it with: make fuzz (or cmake --build $BUILD --target fuzzers)" >&2
    exit 1
  fi
  name=${target%_fuzz}
  corpus="$BUILD/corpus/$target"
  artifacts="$BUILD/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  args=(-max_total_time="$SECS" -artifact_prefix="$artifacts/" -print_final_stats=1)
  dict=tests/fuzz/${name%_reader}.dict
  [ -f "$dict" ] && args+=(-dict="$dict")
  [ "$JOBS" -gt 1 ] && args+=(-fork="$JOBS")
  seeds=()
  [ -d "tests/fuzz/corpus/$name" ] && seeds+=("tests/fuzz/corpus/$name")
  echo "fuzz.sh: $target for ${SECS}s (corpus $corpus)" >&2
  if "$bin" "${args[@]}" "$corpus" "${seeds[@]}" 2> "$BUILD/$target.log"; then
    grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' "$BUILD/$target.log" | sed "s/^/  $target /" >&2 || true
    echo "fuzz.sh: $target: no failure; corpus now $(ls "$corpus" | wc -l) inputs" >&2
  else
    tail -30 "$BUILD/$target.log" >&2
    echo "fuzz.sh: $target FAILED; inputs in $artifacts/, full log $BUILD/$target.log" >&2
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: failures in: ${failed[*]}" >&2
  exit 1
fi
