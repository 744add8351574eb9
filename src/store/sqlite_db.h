// Thin RAII wrappers over the SQLite C API, used only inside store/ (SqliteStore and its
// tests). Errors come back as Status with the statement's SQL for context.
#ifndef TEND_STORE_SQLITE_DB_H_
#define TEND_STORE_SQLITE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/status.h"
#include "store/stmt_values.h"

namespace tend::store {

// A prepared statement. Bind with 1-based indexes; Step() returns true while rows come.
class Stmt : public StmtValues<Stmt> {
 public:
  using StmtValues<Stmt>::Bind;
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    return *this;
  }
  Stmt& Bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // Binds text without copying it. REQUIRES: `v` outlives the statement's next Step/Reset.
  Stmt& BindStatic(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
  }
  Stmt& BindBlob(int i, std::string_view v) {
    sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Stmt& BindNull(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  // Runs one step. Returns true when a row is available, false when done.
  Result<bool> Step();
  // Runs to completion, ignoring rows.
  Status Run();

  bool IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  double Double(int col) const { return sqlite3_column_double(s_, col); }
  std::string_view Text(int col) const {
    const unsigned char* p = sqlite3_column_text(s_, col);
    return p ? std::string_view(reinterpret_cast<const char*>(p),
                                static_cast<size_t>(sqlite3_column_bytes(s_, col)))
             : std::string_view();
  }
  std::string_view Blob(int col) const {
    const void* p = sqlite3_column_blob(s_, col);
    return p ? std::string_view(static_cast<const char*>(p),
                                static_cast<size_t>(sqlite3_column_bytes(s_, col)))
             : std::string_view();
  }

 private:
  sqlite3_stmt* s_;
};

// A connection with a cache of prepared statements.
class SqliteDb {
 public:
  // Opens (creating when asked) the file at `path`.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path, bool create);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Executes one or more statements without results.
  Status Exec(std::string_view sql);
  // A cached prepared statement, reset and with cleared bindings.
  Result<Stmt*> Prepare(const std::string& sql);
  // The last error as a Status naming `context`.
  Status Error(std::string_view context) const;
  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::map<std::string, std::unique_ptr<Stmt>, std::less<>> cache_;
};

}  // namespace tend::store

#endif  // TEND_STORE_SQLITE_DB_H_
