#!/usr/bin/env python3
"""A node heals when it loses its PostgreSQL connections (docs/operations.md, "Readiness").

`tend serve` on PostgreSQL: every server connection is ended (pg_terminate_backend, as an
administrator, a failover or a proxy would); the next reads and writes reconnect and succeed
without a restart, and /readyz says ready. While the database refuses connections /readyz
answers 503 with the reason (a load balancer takes the node out) and the API answers 503, and
once it accepts them again the node is ready by itself. /healthz (liveness) stays 200."""
import os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ["TEND_TEST_STORE"] = "postgres"
from pg_util import cluster_url, psql  # noqa: E402
from server_util import Server, call, make_workspace, setup_users  # noqa: E402
import tempfile  # noqa: E402

tend = sys.argv[1]
admin = cluster_url()


def terminate(db_name):
    psql(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{db_name}' AND pid <> pg_backend_pid()")


with tempfile.TemporaryDirectory() as tmp:
    db = make_workspace(tend, tmp, accounts=30)
    name = db.rsplit("/", 1)[1]
    tokens = setup_users(tend, db)
    with Server(tend, db) as srv:
        url, ops = srv.url, tokens["ops"]
        s, b, _ = call(url, path="/readyz")
        assert s == 200 and b["status"] == "ready", (s, b)
        s, before, _ = call(url, path="/api/accounts?limit=5", token=ops)
        assert s == 200, (s, before)

        terminate(name)
        # Reads and writes after the connections ended: each reconnects once, transparently.
        s, b, _ = call(url, path="/api/accounts?limit=5", token=ops)
        assert s == 200 and b["total"] == before["total"], (s, b)
        account = before["accounts"][0]["account_id"]
        terminate(name)
        s, b, _ = call(url, "POST", "/api/ctas", {"account_id": account, "title": "after a reconnect"},
                       token=tokens["admin"])
        assert s == 201, (s, b)
        s, b, _ = call(url, path="/readyz")
        assert s == 200, (s, b)
        terminate(name)
        s, b, _ = call(url, path=f"/api/accounts/{account}", token=ops)
        assert s == 200, (s, b)

        # The database refuses connections: not ready (503, with the reason), still alive.
        psql(admin, f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
        try:
            terminate(name)
            s, b, _ = call(url, path="/readyz")
            assert s == 503 and b["status"] == "unavailable" and "PostgreSQL" in b["reason"], (s, b)
            s, b, _ = call(url, path="/healthz")
            assert s == 200, (s, b)
            s, b, _ = call(url, path="/api/accounts?limit=5", token=ops)
            assert s == 503, (s, b)
        finally:
            psql(admin, f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
        deadline = time.time() + 10
        while True:
            s, b, _ = call(url, path="/readyz")
            if s == 200 or time.time() > deadline:
                break
            time.sleep(0.2)
        assert s == 200, (s, b)
        s, b, _ = call(url, path="/api/accounts?limit=5", token=ops)
        assert s == 200 and b["total"] == before["total"], (s, b)
print("pg reconnect: reads heal after the connections end; /readyz 503 while the database "
      "refuses, 200 again after; /healthz stays 200")
