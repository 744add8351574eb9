// PgStore: open and migrate, transactions, metadata, workspace operations.
#include "store/pg_store.h"

#include <unistd.h>

#include "store/pg_migrations.h"
#include "store/pg_rows.h"
#include "store/pg_store_impl.h"

namespace tend::store {

using pg::BindAll;

namespace {

// The transaction-level advisory lock key of migrations ("tend" 0).
constexpr int64_t kMigrateLockKey = 0x74656e6400;

Result<int> ReadPgVersion(PgDb& db) {
  TEND_RETURN_IF_ERROR(db.Exec("CREATE TABLE IF NOT EXISTS tend_schema (version integer NOT NULL); "
                               "INSERT INTO tend_schema (version) SELECT 0 WHERE NOT EXISTS "
                               "(SELECT 1 FROM tend_schema)"));
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db.Prepare("SELECT MAX(version) FROM tend_schema"));
  TEND_ASSIGN_OR_RETURN(int64_t v, pg::FirstInt(s));
  return static_cast<int>(v);
}

Status TooNew(const std::string& url, int version, int latest) {
  return FailedPrecondition("store.schemaTooNew",
                            RedactUrl(url) + ": the workspace's schema is version " +
                                std::to_string(version) + ", newer than this tend supports (" +
                                std::to_string(latest) + "); upgrade tend to open it");
}

}  // namespace

std::string PgBackupAdvice(const std::string& url) {
  return RedactUrl(url) +
         " is a PostgreSQL workspace: back it up with PostgreSQL's tools, pg_dump for a "
         "logical copy (restore with pg_restore or psql), or pg_basebackup with WAL archiving "
         "for point-in-time recovery (PITR); see docs/operations.md";
}

Result<std::unique_ptr<Store>> OpenPgStore(const std::string& url, const OpenOptions& options) {
  TEND_ASSIGN_OR_RETURN(std::unique_ptr<PgDb> db, PgDb::Connect(url));
  const int latest = LatestSchemaVersion();
  if (!options.create) {
    TEND_ASSIGN_OR_RETURN(PgStmt * s, db->Prepare("SELECT (to_regclass('tend_schema') IS NOT "
                                                  "NULL)::int"));
    TEND_ASSIGN_OR_RETURN(int64_t exists, pg::FirstInt(s));
    if (!exists) {
      return NotFound("store.noWorkspace", RedactUrl(url) +
                                               ": no tend workspace in this database (create "
                                               "one with tend init --db URL)");
    }
  }
  // Serialize the check-and-migrate of concurrent first opens.
  TEND_RETURN_IF_ERROR(db->Exec("BEGIN; SELECT pg_advisory_xact_lock(" +
                                std::to_string(kMigrateLockKey) + ")"));
  auto version = ReadPgVersion(*db);
  if (!version.ok()) {
    (void)db->Exec("ROLLBACK");
    return version.status().WithContext(RedactUrl(url));
  }
  int v = *version;
  if (v > latest) {
    (void)db->Exec("ROLLBACK");
    return TooNew(url, v, latest);
  }
  int target = options.max_version >= 0 ? options.max_version : latest;
  if (options.migrate) {
    for (const Migration& m : PgMigrations()) {
      if (m.version <= v || m.version > target) continue;
      Status st = db->Exec(m.sql);
      if (st.ok()) {
        st = db->Exec("UPDATE tend_schema SET version = " + std::to_string(m.version));
      }
      if (!st.ok()) {
        (void)db->Exec("ROLLBACK");
        return st.WithContext(RedactUrl(url) + ": migration " + std::to_string(m.version));
      }
      v = m.version;
    }
  }
  TEND_RETURN_IF_ERROR(db->Exec("COMMIT"));
  return std::unique_ptr<Store>(new PgStore(std::move(db), v, options));
}

Result<std::unique_ptr<PgServeLock>> PgServeLock::Acquire(const std::string& url) {
  TEND_ASSIGN_OR_RETURN(std::unique_ptr<PgDb> db, PgDb::Connect(url));
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db->Prepare("SELECT pg_try_advisory_lock($1)::int"));
  TEND_ASSIGN_OR_RETURN(int64_t got, pg::FirstInt(BindAll(s, kPgServeLockKey)));
  if (got != 1) {
    // The holder named itself in its application_name (below); find it by the lock.
    TEND_ASSIGN_OR_RETURN(
        PgStmt * h,
        db->Prepare("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid "
                    "= l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database()) AND "
                    "((l.classid::bigint << 32) | l.objid::bigint) = $1"));
    TEND_ASSIGN_OR_RETURN(auto holder, pg::One<std::string>(BindAll(h, kPgServeLockKey),
                                                            [](PgStmt* h) { return h->Str(0); }));
    std::string who = "another tend serve";
    if (holder && holder->starts_with("tend serve ")) who += " (" + holder->substr(11) + ")";
    return FailedPrecondition("store.inUse",
                              RedactUrl(url) + " is in use by " + who +
                                  ": one tend serve per workspace; stop that one first (it "
                                  "holds the PostgreSQL advisory lock " +
                                  std::to_string(kPgServeLockKey) + ")");
  }
  TEND_RETURN_IF_ERROR(db->Exec("SET application_name = 'tend serve pid " +
                                std::to_string(static_cast<long>(::getpid())) + "'"));
  return std::unique_ptr<PgServeLock>(new PgServeLock(std::move(db)));
}

PgStore::~PgStore() {
  if (in_txn_) (void)db_->Exec("ROLLBACK");
}

Result<std::unique_ptr<Store>> PgStore::OpenAnother() {
  OpenOptions o = options_;
  o.create = false;
  o.migrate = false;
  return OpenPgStore(db_->url(), o);
}

Status PgStore::Begin() {
  TEND_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  in_txn_ = true;
  db_->SetInTransaction(true);
  return Status::Ok();
}

Status PgStore::Commit() {
  Status st = db_->Exec("COMMIT");
  // A failed COMMIT ended the transaction too (PostgreSQL rolls it back), unless the
  // connection went: then the outcome is unknown and the caller's retry decides.
  in_txn_ = false;
  db_->SetInTransaction(false);
  return st;
}

Status PgStore::Rollback() {
  if (!in_txn_) return Status::Ok();
  in_txn_ = false;
  db_->SetInTransaction(false);
  Status st = db_->Exec("ROLLBACK");
  // A lost connection has no transaction left to roll back.
  return st.id() == "store.connectionLost" ? Status::Ok() : st;
}

Status PgStore::BackupTo(const std::string& path) {
  return FailedPrecondition("store.pgBackup",
                            "cannot write " + path + ": " + PgBackupAdvice(db_->url()));
}

Result<std::vector<std::string>> PgStore::CheckIntegrity() {
  // What the database can say cheaply about itself: indexes left invalid (a failed
  // CREATE INDEX CONCURRENTLY) and the schema's tables all present. pg_amcheck goes further.
  std::vector<std::string> out;
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT indexrelid::regclass::text FROM pg_index "
                                                 "WHERE NOT indisvalid"));
  TEND_ASSIGN_OR_RETURN(auto bad, pg::Rows<std::string>(s, [](PgStmt* s) { return s->Str(0); }));
  for (const std::string& i : bad) out.push_back("index " + i + " is invalid");
  TEND_ASSIGN_OR_RETURN(PgStmt * t, db_->Prepare("SELECT COUNT(*) FROM information_schema.tables "
                                                 "WHERE table_schema = current_schema() AND "
                                                 "table_name = ANY($1::text[])"));
  static const std::vector<std::string> kTables = {"accounts", "contacts", "account_usage",
                                                   "score_history", "ctas", "users",
                                                   "event_journal", "advocates"};
  TEND_ASSIGN_OR_RETURN(int64_t n, pg::FirstInt(BindAll(t, pg::TextArray(kTables))));
  if (n != static_cast<int64_t>(kTables.size())) {
    out.push_back("tables missing from the schema: found " + std::to_string(n) + " of " +
                  std::to_string(kTables.size()));
  }
  return out;
}

Result<WorkspaceCounts> PgStore::Counts() {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s,
      db_->Prepare("SELECT (SELECT COUNT(*) FROM accounts), (SELECT COUNT(*) FROM contacts), "
                   "(SELECT COALESCE(SUM(events), 0) FROM account_usage) + (SELECT "
                   "COUNT(account_id) FROM event_journal), (SELECT COUNT(*) FROM surveys), "
                   "(SELECT COUNT(*) FROM tickets), (SELECT COUNT(*) FROM activities), (SELECT "
                   "COUNT(*) FROM deals)"));
  TEND_ASSIGN_OR_RETURN(auto row, pg::One<WorkspaceCounts>(s, [](PgStmt* s) {
    return WorkspaceCounts{s->Int(0), s->Int(1), s->Int(2), s->Int(3),
                           s->Int(4), s->Int(5), s->Int(6)};
  }));
  return row.value_or(WorkspaceCounts{});
}

Result<std::optional<std::string>> PgStore::GetMeta(std::string_view key) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT value FROM workspace_meta WHERE key = $1"));
  return pg::One<std::string>(BindAll(s, key), [](PgStmt* s) { return s->Str(0); });
}

Status PgStore::SetMeta(std::string_view key, std::string_view value) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("workspace_meta", "key, value", "key")));
  return BindAll(s, key, value)->Run();
}

}  // namespace tend::store
