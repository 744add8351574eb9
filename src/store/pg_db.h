// Thin RAII wrappers over libpq, used only inside store/ (PgStore and its tests). They mirror
// sqlite_db.h so both stores read alike: a connection with a cache of prepared statements,
// 1-based parameters ($1, $2, ...), results read by column.
//
// Values travel as text except blobs (BindBlob), which are sent as binary bytea and read back
// with Blob(). Doubles are sent with 17 significant digits and read back exactly (PostgreSQL
// prints the shortest text that round-trips), so a value stored and loaded is the same bits.
//
// Errors come back as Status by SQLSTATE (see PgError):
//   23505 unique violation        kInvalidArgument "store.unique"  (IsUniqueViolation)
//   other 23xxx (FK, NOT NULL...) kInvalidArgument "store.constraint"
//   40001 serialization failure   kUnavailable     "store.serialization"   (IsRetryable)
//   40P01 deadlock                kUnavailable     "store.deadlock"        (IsRetryable)
//   08xxx, 57P0x, a dead socket   kUnavailable     "store.connectionLost"
//   anything else                 kInternal        "store.postgres"
// each with the server's message and the start of the statement.
#ifndef TEND_STORE_PG_DB_H_
#define TEND_STORE_PG_DB_H_

#include <libpq-fe.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/stmt_values.h"

namespace tend::store {

class PgDb;

// A prepared statement and the result of its last execution. Bind with 1-based indexes (an
// index not bound is NULL); Step() executes on its first call, then returns true while rows
// come. Text()/Blob() views stay valid until the next Reset/Step past the end/Prepare.
class PgStmt : public StmtValues<PgStmt> {
 public:
  using StmtValues<PgStmt>::Bind;
  PgStmt(PgDb* db, std::string name, std::string sql)
      : db_(db), name_(std::move(name)), sql_(std::move(sql)) {}
  ~PgStmt() { Clear(); }
  PgStmt(const PgStmt&) = delete;
  PgStmt& operator=(const PgStmt&) = delete;

  PgStmt& Reset();
  PgStmt& Bind(int i, std::string_view v) { return Set(i, v, false); }
  PgStmt& BindStatic(int i, std::string_view v) { return Set(i, v, false); }
  PgStmt& BindBlob(int i, std::string_view v) { return Set(i, v, true); }
  PgStmt& Bind(int i, int64_t v) { return Set(i, std::to_string(v), false); }
  PgStmt& Bind(int i, double v);
  PgStmt& BindNull(int i);
  // Runs the statement (on the first call) and moves to the next row: true while one is there.
  Result<bool> Step();
  // Runs to completion, ignoring rows.
  Status Run();
  // Rows inserted, updated or deleted by the last execution (PQcmdTuples).
  int64_t Affected() const;

  bool IsNull(int col) const { return PQgetisnull(res_, row_, col) != 0; }
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string_view Text(int col) const {
    return std::string_view(PQgetvalue(res_, row_, col),
                            static_cast<size_t>(PQgetlength(res_, row_, col)));
  }
  // A bytea column, decoded.
  std::string_view Blob(int col);

 private:
  friend class PgDb;
  PgStmt& Set(int i, std::string_view v, bool binary);
  void Clear();
  Status Execute();
  Status ExecuteOnce();

  PgDb* db_;
  std::string name_;
  std::string sql_;
  bool prepared_ = false;
  std::vector<std::string> values_;
  std::vector<char> null_;
  std::vector<int> binary_;
  PGresult* res_ = nullptr;
  int row_ = -1;
  std::string blob_;
};

// One connection to a PostgreSQL database.
class PgDb {
 public:
  // Connects with a libpq URL (postgres://USER[:PASS]@HOST:PORT/DBNAME, or postgresql://);
  // without a password in the URL libpq takes PGPASSWORD or ~/.pgpass. kUnavailable when the
  // server cannot be reached or refuses the login, naming the URL without its password.
  static Result<std::unique_ptr<PgDb>> Connect(const std::string& url);
  ~PgDb();
  PgDb(const PgDb&) = delete;
  PgDb& operator=(const PgDb&) = delete;

  // Executes one or more statements without parameters or results.
  Status Exec(std::string_view sql);
  // Connection loss: outside a transaction, a statement that finds the connection lost (the
  // server restarted, an administrator or a proxy ended the session) reconnects and runs once
  // more, so a node heals without a restart; inside one it fails (kUnavailable
  // "store.connectionLost") and the transaction is gone: the caller rolls back and retries.
  // The store tells which with SetInTransaction.
  void SetInTransaction(bool open) { in_txn_ = open; }
  // Reconnects when the connection is bad: re-runs the session settings and forgets which
  // statements were prepared. kUnavailable when the server cannot be reached.
  Status EnsureConnected();
  // A cached prepared statement, reset and with cleared bindings. `sql` uses $1, $2, ...
  Result<PgStmt*> Prepare(const std::string& sql);
  // The Status for a failed result (nullptr: the connection's own error), naming `sql`.
  Status Error(const PGresult* res, std::string_view sql) const;
  PGconn* raw() const { return conn_; }
  const std::string& url() const { return url_; }

 private:
  PgDb(PGconn* conn, std::string url) : conn_(conn), url_(std::move(url)) {}
  friend class PgStmt;  // reads in_txn_ to decide whether a lost connection may be retried
  // The session settings every connection gets (Connect and EnsureConnected).
  Status Configure();

  PGconn* conn_;
  std::string url_;
  bool in_txn_ = false;
  std::map<std::string, std::unique_ptr<PgStmt>, std::less<>> cache_;
};

// Whether a store Status is a unique violation, or a failure worth retrying the whole
// transaction for (serialization failure, deadlock).
bool IsUniqueViolation(const Status& st);
bool IsRetryable(const Status& st);

// Whether `location` names a PostgreSQL database (postgres:// or postgresql://), and the
// URL with any password replaced by "***" (for messages and logs).
bool IsPostgresUrl(std::string_view location);
std::string RedactUrl(std::string_view url);

}  // namespace tend::store

#endif  // TEND_STORE_PG_DB_H_
