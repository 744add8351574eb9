"""PostgreSQL for integration tests: a fresh database on the test cluster (the CTest `pg`
fixture's, from TEND_TEST_PG_FILE, or TEND_TEST_PG), dropped afterwards. Exits 77 (skipped)
when there is no cluster."""
import atexit, contextlib, os, subprocess, sys, uuid


def cluster_url():
    url = os.environ.get("TEND_TEST_PG", "")
    path = os.environ.get("TEND_TEST_PG_FILE", "")
    if not url and path and os.path.exists(path):
        url = open(path).read().strip()
    if not url:
        print("no PostgreSQL test cluster (TEND_TEST_PG_FILE/TEND_TEST_PG): skipped")
        sys.exit(77)
    return url


def psql(url, sql):
    subprocess.run(["psql", "-qAt", url, "-c", sql], check=True, capture_output=True, text=True)


@contextlib.contextmanager
def fresh_database():
    admin = cluster_url()
    name = "tend_it_" + uuid.uuid4().hex[:12]
    psql(admin, f"CREATE DATABASE {name}")
    try:
        yield admin.rsplit("/", 1)[0] + "/" + name
    finally:
        psql(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def database_for_this_run():
    """A fresh database dropped when the test process exits; its URL."""
    admin = cluster_url()
    name = "tend_it_" + uuid.uuid4().hex[:12]
    psql(admin, f"CREATE DATABASE {name}")
    atexit.register(lambda: psql(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    return admin.rsplit("/", 1)[0] + "/" + name
