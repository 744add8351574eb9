#!/usr/bin/env python3
"""The `layers` test: every `#include "..."` in src/ must stay inside the folder's allowed
dependencies (src/layers.txt), so the pipeline has no include that points up or sideways.

usage: check_layers.py [SOURCE_DIR]      (default: the project root above this script)

Exits 0 when every include is allowed, 1 with one line per offending include (file:line, what
it includes, what the folder may include), 2 when the table itself is malformed."""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def fail_table(path, lineno, message):
    sys.exit(f"{path}:{lineno}: {message}")


def read_table(path):
    """(rows in order: {folder: [deps]}, extra folders tests may include)."""
    rows, tests = {}, []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if ":" not in line:
                fail_table(path, lineno, f"expected `folder: dep ...`, got {line!r}")
            folder, deps = line.split(":", 1)
            folder, deps = folder.strip(), deps.split()
            for d in deps:
                if d not in rows:
                    fail_table(path, lineno, f"{folder} names {d}, which is not a row above it "
                               "(a folder may only depend on folders below it)")
            if folder == "tests":
                tests = deps
            elif folder in rows:
                fail_table(path, lineno, f"{folder} has two rows")
            else:
                rows[folder] = deps
    return rows, tests


def closure(rows, folders):
    out, todo = set(), list(folders)
    while todo:
        f = todo.pop()
        if f not in out:
            out.add(f)
            todo.extend(rows[f])
    return out


def folder_of(rows, rel):
    """The row owning src-relative path `rel` (the longest folder prefix), or None."""
    best = None
    for folder in rows:
        if rel.startswith(folder + "/") and (best is None or len(folder) > len(best)):
            best = folder
    return best


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))
    src = os.path.join(root, "src")
    table = os.path.join(src, "layers.txt")
    rows, test_extra = read_table(table)
    allowed = {f: closure(rows, [f]) for f in rows}
    problems, files = [], 0
    for d, _, names in sorted(os.walk(src)):
        for name in sorted(names):
            if not name.endswith((".h", ".cc")):
                continue
            path = os.path.join(d, name)
            rel = os.path.relpath(path, src)
            folder = folder_of(rows, rel)
            if folder is None:
                problems.append(f"src/{rel}: its folder has no row in src/layers.txt")
                continue
            files += 1
            ok = allowed[folder]
            is_test = name.endswith(("_test.cc", "_bench.cc", "_fuzz.cc"))
            if is_test:
                ok = ok | closure(rows, test_extra)
            with open(path, encoding="utf-8") as f:
                for lineno, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    inc = m.group(1)
                    if not os.path.exists(os.path.join(src, inc)):
                        continue  # not a src/ header (tests/testutil, generated files)
                    target = folder_of(rows, inc)
                    if target is None or target in ok:
                        continue
                    may = ", ".join(sorted(ok - {folder})) or "nothing else"
                    problems.append(f"src/{rel}:{lineno}: {folder} includes {inc} ({target}); "
                                    f"{folder}{' tests' if is_test else ''} may include only "
                                    f"{folder} and {may} (src/layers.txt)")
    for p in problems:
        print(p)
    if problems:
        print(f"layers: FAILED: {len(problems)} include(s) against src/layers.txt")
        return 1
    print(f"layers: ok ({files} files, {len(rows)} folders, every include points down the "
          "pipeline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
