#!/usr/bin/env python3
"""The `thread_safety` test: compiles every source that uses the lock annotations of
common/thread_annotations.h (the .cc, or its own header, includes it) with
`clang++ -fsyntax-only -Wthread-safety -Werror=thread-safety`, using the flags CMake recorded
in compile_commands.json. Only a syntax pass over those few files, not a second build.

usage: check_thread_safety.py BUILD/compile_commands.json SOURCE_DIR

Exits 0 when clang proves every annotated lock rule, 1 with clang's messages when it cannot,
77 (CTest: skipped) without clang++ (scripts/install-deps.sh installs it)."""
import json
import os
import shlex
import shutil
import subprocess
import sys
import time

HEADER = '#include "common/thread_annotations.h"'
FLAGS = ["-fsyntax-only", "-Wthread-safety", "-Wthread-safety-beta", "-Werror=thread-safety"]


def annotated_sources(src):
    out = []
    for d, _, names in sorted(os.walk(src)):
        for name in sorted(names):
            if not name.endswith(".cc") or name.endswith(("_test.cc", "_bench.cc", "_fuzz.cc")):
                continue
            path = os.path.join(d, name)
            own_header = path[:-3] + ".h"
            for p in (path, own_header):
                if os.path.exists(p) and HEADER in open(p, encoding="utf-8").read():
                    out.append(path)
                    break
    return out


def clang_command(entry, clang):
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    if os.path.basename(args[0]) in ("ccache", "sccache"):
        args = args[1:]  # a compiler launcher, then the compiler
    out, skip = [clang], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MT", "-MF", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith(("-W", "-o")):
            continue
        out.append(a)
    return out + FLAGS


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    db_path, source = sys.argv[1], os.path.abspath(sys.argv[2])
    clang = shutil.which("clang++")
    if not clang:
        print("thread_safety: SKIPPED (no clang++; scripts/install-deps.sh installs clang)")
        return 77
    with open(db_path, encoding="utf-8") as f:
        entries = {os.path.realpath(e["file"]): e for e in json.load(f)}
    files = annotated_sources(os.path.join(source, "src"))
    if not files:
        print(f"thread_safety: FAILED: no source under {source}/src includes {HEADER}")
        return 1
    failed = []
    started = time.monotonic()
    for path in files:
        entry = entries.get(os.path.realpath(path))
        if entry is None:
            failed.append(path)
            print(f"thread_safety: {path} is not in {db_path} (configure again)")
            continue
        p = subprocess.run(clang_command(entry, clang), cwd=entry["directory"],
                           capture_output=True, text=True)
        if p.returncode != 0:
            failed.append(path)
            print(p.stdout + p.stderr)
    rel = [os.path.relpath(p, source) for p in files]
    if failed:
        print(f"thread_safety: FAILED in {len(failed)} of {len(files)} file(s): "
              f"{', '.join(os.path.relpath(p, source) for p in failed)}")
        return 1
    print(f"thread_safety: ok ({', '.join(rel)}; clang -Werror=thread-safety, "
          f"{time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
