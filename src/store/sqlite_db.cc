#include "store/sqlite_db.h"

namespace tend::store {

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(s_);
  std::string msg = sqlite3_errmsg(db);
  std::string sql = sqlite3_sql(s_) ? sqlite3_sql(s_) : "";
  if (rc == SQLITE_CONSTRAINT || (rc & 0xff) == SQLITE_CONSTRAINT) {
    return InvalidArgument("store.constraint", msg);
  }
  if ((rc & 0xff) == SQLITE_BUSY) {
    return Status(ErrorCode::kUnavailable, "store.busy", "the workspace is busy: " + msg);
  }
  return Internal("store.sqlite", msg + " (in: " + sql.substr(0, 80) + ")");
}

Status Stmt::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    if (rc == SQLITE_CANTOPEN && !create) {
      return NotFound("store.noWorkspace", path + ": no workspace here (" + msg + ")");
    }
    return Internal("store.cannotOpen", path + ": " + msg);
  }
  return std::unique_ptr<SqliteDb>(new SqliteDb(db, path));
}

SqliteDb::~SqliteDb() {
  cache_.clear();
  sqlite3_close(db_);
}

Status SqliteDb::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    if ((rc & 0xff) == SQLITE_NOTADB) {
      return FailedPrecondition("store.notAWorkspace",
                                path_ + ": not a tend workspace (" + msg + ")");
    }
    if ((rc & 0xff) == SQLITE_BUSY) {
      return Status(ErrorCode::kUnavailable, "store.busy", "the workspace is busy: " + msg);
    }
    return Internal("store.sqlite", msg);
  }
  return Status::Ok();
}

Result<Stmt*> SqliteDb::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return &it->second->Reset();
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &s, nullptr);
  if (rc != SQLITE_OK) return Error("prepare: " + sql.substr(0, 80));
  auto [pos, _] = cache_.emplace(sql, std::make_unique<Stmt>(s));
  return pos->second.get();
}

Status SqliteDb::Error(std::string_view context) const {
  return Internal("store.sqlite", std::string(context) + ": " + sqlite3_errmsg(db_));
}

}  // namespace tend::store
