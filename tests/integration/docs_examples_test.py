#!/usr/bin/env python3
"""The examples of docs/definitions.md and docs/rules-language.md, run against the real binary.

A runnable example is marked by an HTML comment on the line before it (invisible once the
Markdown is rendered):

  <!-- test: fixture FILE.csv -->         the next fenced block is a CSV file of the fixture
                                          workspace (the test imports them all once)
  <!-- test: valid [name=N] [with=A,B] [file=F.yaml] -->
                                          the next fenced block is YAML that `tend apply` accepts
                                          on the fixture workspace, together with the blocks
                                          named A, B (each its own file); name=N keeps it for later
  <!-- test: invalid [with=A,B] [file=F.yaml] -->
                                          the next fenced block is YAML that `tend apply`
                                          rejects; the fenced block after it is the exact stderr
                                          (file names as F.yaml, default example.yaml)
  <!-- test: expressions [with=A,B] -->   the next fenced block holds one expression per line,
                                          each followed by `-- → VALUE`; VALUE is a literal of the
                                          language (3, 'pear', TRUE, DATE '2026-01-31', NULL);
                                          two or more spaces after it start a free note
  <!-- test: arrows [with=A,B] -->        every `EXPR` → `VALUE` pair on the following lines (up
                                          to the next blank line, e.g. a table) is checked the same
  <!-- test: expression-error [with=A,B] -->
                                          the next fenced block is `L:C: message`, the expression,
                                          and the caret line, exactly as `tend rules preview`
                                          prints the error

Expressions are evaluated for the first account of the fixture's accounts.csv, as of the day
of the fixture's latest event, with the definitions named by with= in force: each becomes an
expression metric `docs_value`, and `tend rules preview` checks `docs_value = VALUE` (numbers:
within 1e-9; NULL: `docs_value IS NULL`), so the type must match too.

Usage: docs_examples_test.py TEND SOURCE_DIR
"""
import csv, os, re, shutil, subprocess, sys, tempfile

tend, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
DOCS = ["docs/definitions.md", "docs/rules-language.md"]

MARK = re.compile(r"^\s*<!--\s*test:\s*([a-z-]+)\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*([\w+-]*)\s*$")
ARROW = re.compile(r"`([^`]+)`\s*→\s*`([^`]+)`")
KINDS = {"fixture", "valid", "invalid", "expressions", "arrows", "expression-error"}


class Example:
    def __init__(self, doc, line, kind, opts, body=None, expected=None, arg=None):
        self.doc, self.line, self.kind, self.opts = doc, line, kind, opts
        self.body, self.expected, self.arg = body, expected, arg

    def where(self):
        return f"{self.doc}:{self.line}"


def read_fence(lines, i, doc, mark_line):
    """The fenced block at or after line i (skipping blank lines and prose): (text, next i)."""
    while i < len(lines) and not FENCE.match(lines[i]):
        i += 1
    if i >= len(lines):
        sys.exit(f"{doc}:{mark_line}: a test marker without a fenced block after it")
    m = FENCE.match(lines[i])
    indent, fence = m.group(1), m.group(2)
    body = []
    i += 1
    while i < len(lines):
        s = lines[i]
        if s.strip() == fence and s.startswith(indent):
            break
        body.append(s[len(indent):] if s.startswith(indent) else s.lstrip())
        i += 1
    else:
        sys.exit(f"{doc}:{mark_line}: unterminated fenced block")
    return "\n".join(body) + "\n", i + 1


def parse_opts(text, doc, line):
    opts = {}
    for tok in text.split():
        if "=" in tok:
            k, v = tok.split("=", 1)
            opts[k] = v
        elif tok:
            opts.setdefault("_args", []).append(tok)
    return opts


def collect(doc):
    path = os.path.join(source, doc)
    lines = open(path, encoding="utf-8").read().split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = MARK.match(lines[i])
        if not m:
            i += 1
            continue
        kind, opts = m.group(1), parse_opts(m.group(2), doc, i + 1)
        line = i + 1
        if kind not in KINDS:
            sys.exit(f"{doc}:{line}: unknown test marker {kind!r}")
        if kind == "arrows":
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            pairs = []
            first = j
            while j < len(lines) and lines[j].strip():
                found = ARROW.findall(lines[j])
                for e, v in found:
                    pairs.append((e, v, j + 1))
                # In a table, every row but the header and the rule needs an example.
                row = lines[j].strip()
                if (not found and row.startswith("|") and j > first
                        and not re.match(r"^\|[\s|:-]+\|$", row)):
                    sys.exit(f"{doc}:{j + 1}: a row of an arrows table without `EXPR` → `VALUE`")
                j += 1
            if not pairs:
                sys.exit(f"{doc}:{line}: an arrows marker with no `EXPR` → `VALUE` after it")
            out.append(Example(doc, line, kind, opts, body=pairs))
            i = j
            continue
        body, j = read_fence(lines, i + 1, doc, line)
        ex = Example(doc, line, kind, opts, body=body)
        if kind == "fixture":
            if not opts.get("_args"):
                sys.exit(f"{doc}:{line}: fixture needs a file name")
            ex.arg = opts["_args"][0]
        if kind == "invalid":
            ex.expected, j = read_fence(lines, j, doc, line)
        out.append(ex)
        i = j
    return out


def run(args, cwd=None):
    return subprocess.run([tend, *args], capture_output=True, text=True, cwd=cwd)


failures = []
checked = {"valid": 0, "invalid": 0, "expression": 0, "expression-error": 0}


def fail(where, msg):
    failures.append(f"{where}: {msg}")


examples = []
for doc in DOCS:
    examples += collect(doc)

named = {}  # name -> YAML text (None when the block itself is rejected)


def with_files(ex):
    """The blocks named by with=, or None (reported) when one of them is rejected."""
    files = {}
    for n in filter(None, ex.opts.get("with", "").split(",")):
        if n not in named:
            sys.exit(f"{ex.where()}: with={n}: no earlier block has name={n}")
        if named[n] is None:
            fail(ex.where(), f"not run: the block named {n} is rejected (see above)")
            return None
        files[n + ".yaml"] = named[n]
    return files


def clean_paths(text):
    return re.sub(r"(?<![\w./])\./", "", text)


def apply_files(tmp, files, dry_run):
    """Writes files to a fresh folder and runs tend apply on it (on the file when alone)."""
    case = tempfile.mkdtemp(dir=tmp)
    for name, text in files.items():
        open(os.path.join(case, name), "w", encoding="utf-8").write(text)
    target = next(iter(files)) if len(files) == 1 else "."
    args = ["apply", "--db", fixture_db] + (["--dry-run"] if dry_run else []) + [target]
    p = run(args, cwd=case)
    shutil.rmtree(case)
    return p


def literal_kind(v):
    v = v.strip()
    if v.upper() == "NULL":
        return "null"
    try:
        float(v)
        return "number"
    except ValueError:
        return "other"


def check_expression(tmp, where, base, expr, value):
    """Evaluates expr for the fixture account with the base definitions; compares with value."""
    checked["expression"] += 1
    indented = "\n".join("      " + l for l in expr.strip().split("\n"))
    metric = f"metrics:\n  - name: docs_value\n    type: expression\n    expr: |-\n{indented}\n"
    files = dict(base)
    files["docs_value.yaml"] = metric
    p = apply_files(tmp, files, dry_run=False)
    if p.returncode != 0:
        fail(where, f"{expr!r} does not compile:\n{clean_paths(p.stderr)}")
        return
    kind = literal_kind(value)
    if kind == "null":
        cond = "docs_value IS NULL"
    elif kind == "number":
        cond = f"abs(docs_value - ({value})) <= 1e-9 * greatest(1, abs({value}))"
    else:
        cond = f"docs_value = {value}"
    cond = f"account_id = '{fixture_account}' AND {cond}"
    p = run(["rules", "preview", "--db", fixture_db, "--format", "csv", cond])
    rows = list(csv.DictReader(p.stdout.splitlines())) if p.returncode == 0 else []
    if p.returncode == 0 and len(rows) == 1:
        return
    shown = run(["rules", "preview", "--db", fixture_db, "--format", "csv",
                 f"account_id = '{fixture_account}' AND (docs_value IS NULL OR TRUE)"])
    got = list(csv.DictReader(shown.stdout.splitlines()))
    got_text = got[0].get("docs_value") if got else "?"
    isnull = run(["rules", "preview", "--db", fixture_db, "--format", "csv",
                  f"account_id = '{fixture_account}' AND docs_value IS NULL"]).stdout
    if len(isnull.splitlines()) > 1:
        got_text = "NULL"
    why = p.stderr.strip().replace("tend: error: ", "")
    fail(where, f"{expr.strip()!r} is {got_text!r} (as preview shows it), documented "
                f"{value!r}" + (f" ({why})" if why else ""))


with tempfile.TemporaryDirectory() as tmp:
    # The fixture workspace.
    data = os.path.join(tmp, "fixture")
    os.mkdir(data)
    fixtures = [e for e in examples if e.kind == "fixture"]
    if not any(e.arg == "accounts.csv" for e in fixtures):
        sys.exit("no <!-- test: fixture accounts.csv --> block in " + ", ".join(DOCS))
    for e in fixtures:
        open(os.path.join(data, e.arg), "w", encoding="utf-8").write(e.body)
    fixture_db = os.path.join(tmp, "fixture.db")
    p = run(["import", "--db", fixture_db, data])
    if p.returncode != 0:
        sys.exit(f"the fixture does not import:\n{p.stdout}{p.stderr}")
    fixture_account = next(csv.DictReader(
        open(os.path.join(data, "accounts.csv"), encoding="utf-8")))["account_id"]

    for ex in examples:
        if ex.kind == "fixture":
            continue
        base = with_files(ex)
        if base is None:
            if "name" in ex.opts:
                named[ex.opts["name"]] = None
            continue
        if ex.kind == "valid":
            checked["valid"] += 1
            files = dict(base)
            files[ex.opts.get("file", "example.yaml")] = ex.body
            p = apply_files(tmp, files, dry_run=True)
            ok = p.returncode == 0
            if not ok:
                fail(ex.where(), f"the YAML example is rejected:\n{clean_paths(p.stderr)}")
            if "name" in ex.opts:
                named[ex.opts["name"]] = ex.body if ok else None
        elif ex.kind == "invalid":
            checked["invalid"] += 1
            files = dict(base)
            files[ex.opts.get("file", "example.yaml")] = ex.body
            p = apply_files(tmp, files, dry_run=True)
            got = clean_paths(p.stderr).strip()
            if p.returncode == 0:
                fail(ex.where(), "the invalid YAML example is accepted")
            elif got != ex.expected.strip():
                fail(ex.where(), f"documented error:\n{ex.expected.strip()}\nactual:\n{got}")
        elif ex.kind == "expressions":
            for k, raw in enumerate(ex.body.split("\n")):
                if not raw.strip() or raw.strip().startswith("--"):
                    continue
                m = re.match(r"^(.*?)\s*--\s*→\s*(.+?)(?:\s{2,}.*)?$", raw)
                if not m:
                    fail(f"{ex.where()} (block line {k + 1})",
                         f"expected `EXPR  -- → VALUE`, got {raw!r}")
                    continue
                check_expression(tmp, f"{ex.where()} (block line {k + 1})", base,
                                 m.group(1), m.group(2))
        elif ex.kind == "arrows":
            for expr, value, line in ex.body:
                check_expression(tmp, f"{ex.doc}:{line}", base, expr, value)
        elif ex.kind == "expression-error":
            checked["expression-error"] += 1
            lines = ex.body.rstrip("\n").split("\n")
            if len(lines) < 2:
                fail(ex.where(), "an expression-error block needs the message and the expression")
                continue
            p = apply_files(tmp, base or {"empty.yaml": "metrics: []\n"}, dry_run=False)
            if p.returncode != 0:
                fail(ex.where(), f"the definitions of with= do not apply:\n{clean_paths(p.stderr)}")
                continue
            p = run(["rules", "preview", "--db", fixture_db, lines[1]])
            got = p.stderr.rstrip("\n")
            want = "tend: error: " + "\n".join(lines)
            if p.returncode == 0 or got.rstrip() != want.rstrip():
                fail(ex.where(), f"documented:\n{want}\nactual (exit {p.returncode}):\n{got}")

    total = sum(checked.values()) + sum(1 for f in failures if ": not run:" in f)
    if failures:
        print("\n\n".join(failures), file=sys.stderr)
        sys.exit(f"\n{len(failures)} of {total} documented example(s) are wrong")
    if checked["valid"] == 0 or checked["expression"] == 0:
        sys.exit(f"too few examples found ({checked}); are the markers intact?")
    print(f"docs examples: {checked['valid']} valid and {checked['invalid']} invalid YAML "
          f"examples, {checked['expression']} expressions, {checked['expression-error']} "
          f"expression errors: all as documented")
