#!/usr/bin/env python3
"""docs/api.md's route list and role matrix match the server's OpenAPI document."""
import os, subprocess, sys

tend, source = sys.argv[1], sys.argv[2]
p = subprocess.run([sys.executable, os.path.join(source, "scripts", "api_reference.py"), tend,
                    "--check"], capture_output=True, text=True)
if p.returncode != 0:
    sys.exit(p.stderr or p.stdout)
print("docs/api.md is current")
