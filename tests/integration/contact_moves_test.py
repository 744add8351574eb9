#!/usr/bin/env python3
"""Company moves without false moves (issue 16, docs/advocacy.md "Milestones").

1. A CRM-shaped workspace where nobody moved: 20,000 contacts drawn from 30 first x 30 last
   names at 1,000 companies, emails `first.last<N>@<company domain>` (N counts that name at the
   company, so "john.sato1@" is at many companies): `tend import` records no company move, and
   none when imported again.
2. The same with an old record marked `left` where the name and local part are at two or more
   other companies (ambiguous): still no move.
3. `tend generate` data: every real mover (a person's two records, the old one `left`) is
   found, from the old account to the new, and nothing else is a move.
With TEND_TEST_STORE=postgres each workspace is a fresh PostgreSQL database.
Usage: contact_moves_test.py <tend binary> <source dir>"""
import csv, os, random, subprocess, sys, tempfile

tend = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

FIRST = ["John", "Mary", "James", "Anna", "Robert", "Linda", "Michael", "Sara", "David", "Emma",
         "Daniel", "Olivia", "Paul", "Nora", "Mark", "Laura", "Peter", "Julia", "Thomas", "Eva",
         "Kenji", "Yuki", "Wei", "Mei", "Ali", "Fatima", "Carlos", "Lucia", "Ivan", "Olga"]
LAST = ["Smith", "Sato", "Muller", "Garcia", "Rossi", "Silva", "Kim", "Chen", "Novak", "Jones",
        "Brown", "Tanaka", "Wang", "Lopez", "Martin", "Dubois", "Schmidt", "Nowak", "Ivanov",
        "Kowalski", "Khan", "Singh", "Patel", "Cohen", "Berg", "Larsen", "Costa", "Moreau",
        "Fischer", "Weber"]


def run(*args):
    p = subprocess.run([tend, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"tend {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p.stdout


def workspace(tmp, name):
    if os.environ.get("TEND_TEST_STORE") == "postgres":
        from pg_util import database_for_this_run
        return database_for_this_run()
    return os.path.join(tmp, name + ".tend")


def company_moves(db):
    """(contact_id, from, to) of each company change, from `tend advocacy milestones`."""
    out = run("advocacy", "milestones", "--db", db)
    moves = []
    for line in out.splitlines():
        cells = line.split()
        if len(cells) >= 5 and cells[2] == "company":
            moves.append((cells[1], cells[3], cells[4]))
    return moves


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def colliding_workspace(data, accounts=1000, contacts=20000, left_ambiguous=False):
    os.makedirs(data, exist_ok=True)
    rng = random.Random(16)
    write_csv(os.path.join(data, "accounts.csv"), ["account_id", "name"],
              [[f"A{a:05d}", f"Company {a}"] for a in range(accounts)])
    rows, at_company, where = [], {}, {}
    for k in range(contacts):
        a = rng.randrange(accounts)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        n = at_company[(a, first, last)] = at_company.get((a, first, last), 0) + 1
        local = f"{first.lower()}.{last.lower()}{n}"
        where.setdefault((first, last, local), set()).add(a)
        rows.append([f"C{k:06d}", f"A{a:05d}", f"{first} {last}", f"{local}@c{a}.example.com",
                     "Manager", "manager", "user", "active"])
    header = ["contact_id", "account_id", "name", "email", "title", "seniority", "role"]
    if left_ambiguous:
        # Some people left, but their name and local part are at two or more other companies.
        header.append("status")
        marked = 0
        for r in rows:
            first, last = r[2].split(" ")
            local = r[3].split("@")[0]
            if len(where[(first, last, local)]) >= 4 and rng.random() < 0.05:
                r[7] = "left"
                marked += 1
        assert marked > 100, marked
    else:
        rows = [r[:7] for r in rows]
    write_csv(os.path.join(data, "contacts.csv"), header, rows)
    return rows


def main():
    failures = []

    def check(ok, what, detail=""):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(f"{what}: {detail}"[:2000])

    with tempfile.TemporaryDirectory() as tmp:
        # 1. Heavy name collisions, nobody moved.
        data = os.path.join(tmp, "crm")
        rows = colliding_workspace(data)
        names = {r[2] for r in rows}
        locals_ = {}
        for r in rows:
            locals_.setdefault((r[2], r[3].split("@")[0]), set()).add(r[1])
        shared = sum(1 for accounts in locals_.values() if len(accounts) >= 2)
        check(len(names) == 900 and shared > 500,
              "the workspace shares names and local parts across companies",
              f"{len(names)} names, {shared} shared (name, local part)")
        db = workspace(tmp, "crm")
        run("import", "--db", db, data)
        moves = company_moves(db)
        check(moves == [], "no company move where nobody moved", moves[:10])
        run("import", "--db", db, data)
        moves = company_moves(db)
        check(moves == [], "none either when the same files are imported again", moves[:10])

        # 2. Old records left, but ambiguous: no move.
        data = os.path.join(tmp, "crm-left")
        colliding_workspace(data, left_ambiguous=True)
        db = workspace(tmp, "crm-left")
        run("import", "--db", db, data)
        moves = company_moves(db)
        check(moves == [], "no move from a record that left when several namesakes match",
              moves[:10])

        # 3. The generator's real movers.
        data = os.path.join(tmp, "gen")
        run("generate", "--accounts", "400", "--seed", "16", "--end", "2026-10-31", "--out", data)
        with open(os.path.join(data, "contacts.csv"), newline="") as f:
            contacts = list(csv.DictReader(f))
        by_person = {}
        for c in contacts:
            by_person.setdefault((c["name"], c["email"].split("@")[0].lower()), []).append(c)
        expected = set()
        for records in by_person.values():
            if len(records) < 2:
                continue
            old = next(c for c in records if c["status"] == "left")
            new = next(c for c in records if c["status"] != "left")
            expected.add((new["contact_id"], old["account_id"], new["account_id"]))
        check(len(expected) >= 4, "the generated workspace has movers", expected)
        db = workspace(tmp, "gen")
        run("import", "--db", db, data)
        moves = company_moves(db)
        check(set(moves) == expected and len(moves) == len(expected),
              f"every real mover found ({len(expected)}), and nothing else",
              f"missing {sorted(expected - set(moves))}, extra {sorted(set(moves) - expected)}")
        run("import", "--db", db, data)
        check(len(company_moves(db)) == len(expected), "importing again finds no move twice")

    if failures:
        sys.exit("contact_moves_test: FAILED:\n" + "\n".join(failures))
    print("contact_moves_test: all passed")


main()
