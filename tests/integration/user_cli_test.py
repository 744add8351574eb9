#!/usr/bin/env python3
"""Users, API tokens and write keys through the CLI: `tend user add` reads the password from
standard input (never the command line), list as JSON, set-role, reset-password, disable;
`tend token create` and `tend writekey add` print a secret of the right shape once, list
shows only its prefix, revoke; error exits for a bad role, a missing or short password, a
duplicate or unknown user. Only hashes reach the workspace file."""
import json, os, re, subprocess, sys, tempfile

tend = sys.argv[1]

TOKEN = re.compile(r"^tend_[a-z2-7]{52}$")
WRITE_KEY = re.compile(r"^tendwk_[a-z2-7]{52}$")


def run(*args, stdin="", ok=True):
    p = subprocess.run([tend, *args], input=stdin, capture_output=True, text=True)
    if ok and p.returncode != 0:
        sys.exit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def expect_fail(code, needle, *args, stdin=""):
    p = run(*args, stdin=stdin, ok=False)
    assert p.returncode == code, f"tend {' '.join(args)}: exit {p.returncode}, expected {code}\n{p.stderr}"
    assert needle in p.stderr, f"tend {' '.join(args)}: {needle!r} not in stderr:\n{p.stderr}"
    return p


def users(db):
    return {u["email"]: u for u in json.loads(run("user", "list", "--db", db, "--format", "json").stdout)}


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "tend.db")

    # Adding users: the password is one line of standard input; the workspace is created.
    out = run("user", "add", "--db", db, "--email", "Ann@Example.com", "--name", "Ann Admin",
              "--role", "admin", stdin="correct horse battery\n").stdout
    assert out == "user ann@example.com added (role admin)\n", out
    run("user", "add", "--db", db, "--email", "bob@example.com", "--name", "Bob", "--role", "viewer",
        stdin="another password\r\n")
    listed = users(db)
    assert list(listed) == ["ann@example.com", "bob@example.com"], listed
    ann = listed["ann@example.com"]
    assert ann["name"] == "Ann Admin" and ann["role"] == "admin" and ann["disabled"] is False, ann
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", ann["created"]), ann
    table = run("user", "list", "--db", db).stdout.splitlines()
    assert table[0].split() == ["email", "name", "role", "disabled", "created"], table
    assert len(table) == 3 and table[2].split()[:3] == ["bob@example.com", "Bob", "viewer"], table

    # Error exits: bad role (before any password is read), missing and short passwords,
    # bad email, duplicate, unknown user, missing flags.
    expect_fail(1, 'role "root" is not one of admin|ops|csm|sales|viewer|product', "user", "add", "--db", db,
                "--email", "carl@example.com", "--name", "Carl", "--role", "root", stdin="long enough\n")
    expect_fail(1, "no password on standard input", "user", "add", "--db", db, "--email",
                "carl@example.com", "--name", "Carl", "--role", "csm")
    expect_fail(1, "no password on standard input", "user", "add", "--db", db, "--email",
                "carl@example.com", "--name", "Carl", "--role", "csm", stdin="\n")
    expect_fail(1, "at least 8 characters", "user", "add", "--db", db, "--email", "carl@example.com",
                "--name", "Carl", "--role", "csm", stdin="short\n")
    expect_fail(1, "is not an email address", "user", "add", "--db", db, "--email", "carl",
                "--name", "Carl", "--role", "csm", stdin="long enough\n")
    expect_fail(1, "exists", "user", "add", "--db", db, "--email", "ANN@example.com", "--name", "Ann",
                "--role", "csm", stdin="long enough\n")
    expect_fail(3, "no user with email nobody@example.com", "user", "set-role", "--db", db,
                "--email", "nobody@example.com", "--role", "csm")
    assert run("user", "add", "--db", db, "--email", "x@example.com", "--role", "csm", ok=False).returncode == 2
    assert list(users(db)) == ["ann@example.com", "bob@example.com"]
    # The password never appears on the command line, so there is no flag for it.
    assert run("user", "add", "--db", db, "--email", "x@example.com", "--name", "X", "--role", "csm",
               "--password", "long enough", ok=False).returncode == 2

    # set-role, reset-password, disable.
    assert "role csm" in run("user", "set-role", "--db", db, "--email", "bob@example.com", "--role", "csm").stdout
    expect_fail(1, 'role "boss"', "user", "set-role", "--db", db, "--email", "bob@example.com", "--role", "boss")
    assert users(db)["bob@example.com"]["role"] == "csm"
    out = run("user", "reset-password", "--db", db, "--email", "bob@example.com", stdin="a new password\n").stdout
    assert "password of bob@example.com reset" in out, out
    expect_fail(1, "at least 8 characters", "user", "reset-password", "--db", db, "--email", "bob@example.com",
                stdin="short\n")
    expect_fail(1, "no password on standard input", "user", "reset-password", "--db", db, "--email",
                "bob@example.com")
    expect_fail(3, "no user", "user", "reset-password", "--db", db, "--email", "nobody@example.com",
                stdin="a new password\n")
    assert users(db)["bob@example.com"]["disabled"] is False
    assert "disabled" in run("user", "disable", "--db", db, "--email", "bob@example.com").stdout
    listed = users(db)
    assert listed["bob@example.com"]["disabled"] is True and listed["ann@example.com"]["disabled"] is False
    assert "yes" in [l for l in run("user", "list", "--db", db).stdout.splitlines() if "bob@" in l][0]

    # API tokens: printed once, alone on stdout; the note goes to stderr.
    p = run("token", "create", "--db", db, "--email", "ann@example.com", "--name", "ci")
    token = p.stdout.strip()
    assert p.stdout == token + "\n" and TOKEN.match(token), p.stdout
    assert "will not be shown again" in p.stderr, p.stderr
    token2 = run("token", "create", "--db", db, "--email", "ann@example.com", "--name", "backup").stdout.strip()
    assert TOKEN.match(token2) and token2 != token
    listing = run("token", "list", "--db", db, "--email", "ann@example.com").stdout
    lines = listing.splitlines()
    assert lines[0].split() == ["id", "name", "prefix", "created", "last_used", "revoked"], listing
    assert token[:12] in listing and token not in listing and len(lines) == 3, listing
    first_id = lines[1].split()[0]
    expect_fail(3, "no API token", "token", "revoke", "--db", db, "--email", "bob@example.com", "--id", first_id)
    assert f"token {first_id} revoked" in run("token", "revoke", "--db", db, "--email", "ann@example.com",
                                              "--id", first_id).stdout
    revoked = run("token", "list", "--db", db, "--email", "ann@example.com").stdout.splitlines()[1].split()
    assert len(revoked) == 5 and revoked[1] == "ci", revoked  # id name prefix created revoked
    expect_fail(3, "no user", "token", "create", "--db", db, "--email", "nobody@example.com", "--name", "x")

    # Write keys.
    p = run("writekey", "add", "--db", db, "--name", "segment prod")
    key = p.stdout.strip()
    assert p.stdout == key + "\n" and WRITE_KEY.match(key), p.stdout
    assert "will not be shown again" in p.stderr, p.stderr
    listing = run("writekey", "list", "--db", db).stdout
    assert listing.splitlines()[0].split() == ["id", "name", "prefix", "kind", "origins", "created",
                                               "revoked"], listing
    assert key[:12] in listing and key not in listing and "segment prod" in listing, listing
    key_id = listing.splitlines()[1].split()[0]
    assert "revoked" in run("writekey", "revoke", "--db", db, "--id", key_id).stdout
    fields = run("writekey", "list", "--db", db).stdout.splitlines()[1].split()
    assert len(fields) == 7 and fields[4] == "server", fields  # id, "segment", "prod", prefix,
    # kind, created, revoked (no origins)
    expect_fail(3, "no write key 999", "writekey", "revoke", "--db", db, "--id", "999")

    # Browser keys: their origins, checked and normalised; set later; server keys again.
    expect_fail(1, '"app.example.com" is not an allowed origin', "writekey", "add", "--db", db,
                "--name", "web", "--origins", "app.example.com")
    p = run("writekey", "add", "--db", db, "--name", "web", "--origins",
            "HTTPS://App.Example.com/, https://*.example.com")
    assert WRITE_KEY.match(p.stdout.strip()), p.stdout
    assert ('browser write key "web" created for https://app.example.com,https://*.example.com'
            in p.stderr), p.stderr
    row = next(line for line in run("writekey", "list", "--db", db).stdout.splitlines()
               if " web " in line)
    assert "browser" in row and "https://app.example.com,https://*.example.com" in row, row
    web_id = row.split()[0]
    out = run("writekey", "set", "--db", db, "--id", web_id, "--origins", "http://localhost:5173").stdout
    assert "may be used from http://localhost:5173" in out, out
    out = run("writekey", "set", "--db", db, "--id", web_id, "--origins", "").stdout
    assert "server key" in out, out
    expect_fail(3, "no write key 999", "writekey", "set", "--db", db, "--id", "999", "--origins", "")

    # The protected traits server keys may set.
    assert run("writekey", "trust", "--db", db).stdout == "trusted traits: none\n"
    assert run("writekey", "trust", "--db", db, "renewal_date,arr").stdout == \
        "trusted traits: arr,renewal_date\n"
    expect_fail(1, '"owner" is not a protected trait', "writekey", "trust", "--db", db, "owner")
    assert run("writekey", "trust", "--db", db).stdout == "trusted traits: arr,renewal_date\n"
    assert run("writekey", "trust", "--db", db, "--none").stdout == "trusted traits: none\n"

    # Listing and revoking need an existing workspace.
    expect_fail(3, "no workspace", "user", "list", "--db", os.path.join(tmp, "none.db"))

    # Only hashes reach the workspace: no secret and no password in the file or its WAL.
    blob = b""
    for name in os.listdir(tmp):
        if name.startswith("tend.db"):
            blob += open(os.path.join(tmp, name), "rb").read()
    for secret in [token, token2, key, "correct horse battery", "a new password"]:
        assert secret.encode() not in blob, f"{secret!r} is stored in the workspace"
print("user_cli: ok")
