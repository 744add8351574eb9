// PgStore: the PostgreSQL Store, for a workspace in a PostgreSQL database (libpq URL
// postgres://USER[:PASS]@HOST:PORT/DBNAME or postgresql://...; without a password libpq reads
// PGPASSWORD or ~/.pgpass).
//
// OpenPgStore() creates the schema and applies pending migrations (pg_migrations.h) under a
// transaction-level advisory lock, so concurrent first opens migrate once; the schema version
// lives in the table tend_schema (one row) and has the meaning of SQLite's user_version. A
// newer schema is refused with kFailedPrecondition "store.schemaTooNew", as on SQLite.
//
// Durability: Commit() returns once PostgreSQL has committed (synchronous_commit as the
// server is configured; on by default: flushed to its WAL). Backups are PostgreSQL's own
// (pg_dump, pg_basebackup and WAL archiving): BackupTo() refuses with a message naming them.
#ifndef TEND_STORE_PG_STORE_H_
#define TEND_STORE_PG_STORE_H_

#include <memory>
#include <string>

#include "common/result.h"
#include "store/pg_db.h"
#include "store/sqlite_store.h"
#include "store/store.h"

namespace tend::store {

Result<std::unique_ptr<Store>> OpenPgStore(const std::string& url, const OpenOptions& options = {});

// The advisory-lock key `tend serve` holds on a PostgreSQL workspace (a session lock on its
// own connection, pg_try_advisory_lock), released when the process ends or its connection
// drops. A second single-node `tend serve` of the same database is refused while it is held.
inline constexpr int64_t kPgServeLockKey = 0x74656e6401;  // "tend" 1

// Held by `tend serve` while it serves the database at `url`: kFailedPrecondition
// ("store.inUse") when another server holds it.
class PgServeLock {
 public:
  static Result<std::unique_ptr<PgServeLock>> Acquire(const std::string& url);

 private:
  explicit PgServeLock(std::unique_ptr<PgDb> db) : db_(std::move(db)) {}
  std::unique_ptr<PgDb> db_;
};

// The message BackupTo/restore give on PostgreSQL: what to use instead.
std::string PgBackupAdvice(const std::string& url);

}  // namespace tend::store

#endif  // TEND_STORE_PG_STORE_H_
