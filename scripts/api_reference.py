#!/usr/bin/env python3
"""Writes the generated part of docs/api.md (the route list and the role matrix) from the
OpenAPI document the server serves (`tend serve --print-openapi`).

    scripts/api_reference.py build/tend            # rewrite docs/api.md in place
    scripts/api_reference.py build/tend --check    # exit 1 when docs/api.md is stale
"""
import json, os, subprocess, sys

BEGIN, END = "<!-- BEGIN GENERATED: scripts/api_reference.py -->", "<!-- END GENERATED -->"
ROLES = ["admin", "ops", "csm", "sales", "viewer", "product"]


def render(doc):
    out = ["| Method | Path | What | " + " | ".join(ROLES) + " |",
           "|---|---|---|" + "---|" * len(ROLES)]
    tags = {}
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            tags.setdefault(op["tags"][0], []).append((path, method, op))
    lines = []
    for tag in sorted(tags):
        for path, method, op in sorted(tags[tag], key=lambda t: (t[0], t[1])):
            roles = op.get("x-roles")
            if roles == ["public"]:
                cells = ["public"] + [""] * (len(ROLES) - 1)
            elif roles is None:
                cells = ["write key"] + [""] * (len(ROLES) - 1)
            else:
                cells = ["yes" if r in roles else "403" for r in ROLES]
            query = [p["name"] for p in op.get("parameters", []) if p["in"] == "query"]
            what = op["summary"] + (f" (query: {', '.join(query)})" if query else "")
            lines.append(f"| {method.upper()} | `{path}` | {what} | " + " | ".join(cells) + " |")
    out += lines
    return "\n".join(out) + "\n"


def main():
    tend = sys.argv[1]
    check = "--check" in sys.argv
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    doc = json.loads(subprocess.run([tend, "serve", "--print-openapi"], check=True,
                                    capture_output=True, text=True).stdout)
    path = os.path.join(root, "docs", "api.md")
    text = open(path, encoding="utf-8").read()
    a, b = text.index(BEGIN) + len(BEGIN), text.index(END)
    new = text[:a] + "\n" + render(doc) + text[b:]
    if check:
        if new != text:
            sys.exit("docs/api.md is stale: run scripts/api_reference.py build/tend")
        return
    open(path, "w", encoding="utf-8").write(new)


if __name__ == "__main__":
    main()
