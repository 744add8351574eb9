#!/usr/bin/env bash
# Runs each libFuzzer target for FUZZ_SECONDS (default 60) seconds and prints, per target,
# the inputs executed and the failures found. `make fuzz` builds them first (clang++,
# -DTEND_FUZZ=ON, into build-fuzz/); `make fuzz FUZZ_SECONDS=600` is the nightly-style run.
# To build by hand:
#   CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DTEND_FUZZ=ON && cmake --build build-fuzz --target fuzzers
#
# `fuzz.sh --smoke` (what `make test` runs, through CTest) builds the fuzzers when needed and
# runs each on its seed corpus for FUZZ_SECONDS (default 3) seconds, with a fresh corpus
# directory, so that a crash on a seed or a target that no longer builds fails the tests.
#
# Environment:
#   FUZZ_BUILD=build-fuzz   the build directory
#   FUZZ_SECONDS=60         time per fuzzer
#   FUZZ_TARGETS="csv_reader_fuzz time_fuzz expr_fuzz definitions_fuzz segment_fuzz json_body_fuzz"
#   FUZZ_JOBS=1             libFuzzer -fork workers per target (the machine may be shared)
#
# Corpora grow in $FUZZ_BUILD/corpus/<target>/ (seeded from tests/fuzz/corpus/<name>/, which
# stays read-only); crashing inputs land in $FUZZ_BUILD/artifacts/<target>/. Re-run one with
#   $FUZZ_BUILD/tests/fuzz/<target> $FUZZ_BUILD/artifacts/<target>/crash-...
# Exits non-zero when any fuzzer found a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${FUZZ_BUILD:-build-fuzz}
TARGETS=${FUZZ_TARGETS:-csv_reader_fuzz time_fuzz expr_fuzz definitions_fuzz segment_fuzz json_body_fuzz}
JOBS=${FUZZ_JOBS:-1}
SMOKE=0
if [ "${1:-}" = "--smoke" ]; then
  SMOKE=1
  SECS=${FUZZ_SECONDS:-3}
  if ! command -v clang++ >/dev/null 2>&1; then
    echo "fuzz.sh: clang++ is missing; install it with: scripts/install-deps.sh fuzz" >&2
    exit 1
  fi
  mkdir -p "$BUILD"
  launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  if [ ! -f "$BUILD/build.ninja" ]; then
    CXX=clang++ cmake -S . -B "$BUILD" -G Ninja -DTEND_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      "${launcher[@]}" > "$BUILD/smoke-configure.log" 2>&1 || { cat "$BUILD/smoke-configure.log" >&2; exit 1; }
  fi
  cmake --build "$BUILD" --target fuzzers -j "${FUZZ_BUILD_JOBS:-2}" > "$BUILD/smoke-build.log" 2>&1 ||
    { tail -50 "$BUILD/smoke-build.log" >&2; exit 1; }
else
  SECS=${FUZZ_SECONDS:-60}
fi

failed=()
for target in $TARGETS; do
  bin="$BUILD/tests/fuzz/$target"
  if [ ! -x "$bin" ]; then
    echo "fuzz.sh: $bin is missing; build it with: make fuzz (or cmake --build $BUILD --target fuzzers)" >&2
    exit 1
  fi
  name=${target%_fuzz}
  corpus="$BUILD/corpus/$target"
  [ "$SMOKE" = 1 ] && corpus="$BUILD/smoke-corpus/$target" && rm -rf "$corpus"
  artifacts="$BUILD/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  args=(-max_total_time="$SECS" -artifact_prefix="$artifacts/" -print_final_stats=1 -timeout=10
        -rss_limit_mb=2048 -max_len=65536)
  dict=tests/fuzz/${name%_reader}.dict
  [ -f "$dict" ] && args+=(-dict="$dict")
  [ "$JOBS" -gt 1 ] && args+=(-fork="$JOBS")
  seeds=()
  [ -d "tests/fuzz/corpus/$name" ] && seeds+=("tests/fuzz/corpus/$name")
  echo "fuzz.sh: $target for ${SECS}s (corpus $corpus)" >&2
  if "$bin" "${args[@]}" "$corpus" "${seeds[@]}" 2> "$BUILD/$target.log"; then
    execs=$(grep -E '^stat::number_of_executed_units' "$BUILD/$target.log" | awk '{print $2}')
    rss=$(grep -E '^stat::peak_rss_mb' "$BUILD/$target.log" | awk '{print $2}')
    echo "fuzz.sh: $target: ${execs:-?} execs in ${SECS}s, 0 crashes, peak ${rss:-?} MB; corpus now $(ls "$corpus" | wc -l) inputs" >&2
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
