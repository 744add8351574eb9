#!/usr/bin/env bash
# Runs the reference workload (../shared/conformance/check.sh) against a build. Without it
# beside the project, exits 77: CTest reports the test as skipped (SKIP_RETURN_CODE).
# usage: run.sh SOURCE_DIR PATH/TO/tend
set -u
source_dir=$1 tend=$2
check=$source_dir/../shared/conformance/check.sh
if [ ! -x "$check" ]; then
  echo "conformance: SKIPPED ($check is absent; it comes with ../shared beside the project)"
  exit 77
fi
cd "$source_dir" && exec "$check" "$tend" "$source_dir/examples/benchmark.yaml"
