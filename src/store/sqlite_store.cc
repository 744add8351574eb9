// SqliteStore: opening a workspace (migrations, pragmas), transactions, the workspace
// operations (backup, integrity, counts, meta), restore and the serve lock. The domain
// interfaces are in sqlite_<domain>_store.cc.
#include "store/sqlite_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "store/migrations.h"
#include "store/sqlite_store_impl.h"

namespace tend::store {

SqliteStore::~SqliteStore() {
  if (in_txn_) (void)db_->Exec("ROLLBACK");
}

Result<std::unique_ptr<Store>> SqliteStore::OpenAnother() {
  OpenOptions o = options_;
  o.create = false;
  o.migrate = false;
  return OpenSqliteStore(db_->path(), o);
}

Status SqliteStore::Begin() {
  TEND_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  in_txn_ = true;
  return Status::Ok();
}

Status SqliteStore::Commit() {
  TEND_RETURN_IF_ERROR(db_->Exec("COMMIT"));
  in_txn_ = false;
  return Status::Ok();
}

Status SqliteStore::Rollback() {
  if (!in_txn_) return Status::Ok();
  in_txn_ = false;
  return db_->Exec("ROLLBACK");
}

int64_t SqliteStore::LastInsertId() const {
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
}

bool SqliteStore::Changed() const { return sqlite3_changes(db_->raw()) > 0; }

Status SqliteStore::BackupTo(const std::string& path) {
  std::string tmp = path + ".partial";
  std::remove(tmp.c_str());
  sqlite3* out = nullptr;
  if (sqlite3_open_v2(tmp.c_str(), &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string msg = out ? sqlite3_errmsg(out) : "cannot open";
    sqlite3_close(out);
    return InvalidArgument("store.backup", tmp + ": " + msg);
  }
  sqlite3_backup* b = sqlite3_backup_init(out, "main", db_->raw(), "main");
  int rc = SQLITE_ERROR;
  if (b) {
    // Pages in steps, so writers on other connections are not held up for the whole copy.
    do {
      rc = sqlite3_backup_step(b, 1024);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
  }
  std::string msg = sqlite3_errmsg(out);
  sqlite3_close(out);
  if (rc != SQLITE_DONE) {
    std::remove(tmp.c_str());
    return Internal("store.backup", "backup to " + path + " failed: " + msg);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Internal("store.backup", "cannot move the backup into place at " + path);
  }
  return Status::Ok();
}

Result<std::vector<std::string>> SqliteStore::CheckIntegrity() {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("PRAGMA integrity_check"));
  std::vector<std::string> out;
  for (;;) {
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    std::string line = s->Str(0);
    if (line != "ok") out.push_back(line);
  }
  return out;
}

Result<WorkspaceCounts> SqliteStore::Counts() {
  WorkspaceCounts c;
  struct Q {
    const char* sql;
    int64_t* out;
  } qs[] = {
      {"SELECT COUNT(*) FROM accounts", &c.accounts},
      {"SELECT COUNT(*) FROM contacts", &c.contacts},
      {"SELECT COALESCE(SUM(events), 0) + (SELECT COUNT(account_id) FROM event_journal) "
       "FROM account_usage",
       &c.events},
      {"SELECT COUNT(*) FROM surveys", &c.surveys},
      {"SELECT COUNT(*) FROM tickets", &c.tickets},
      {"SELECT COUNT(*) FROM activities", &c.activities},
      {"SELECT COUNT(*) FROM deals", &c.deals},
  };
  for (const Q& q : qs) {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(q.sql));
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    *q.out = row ? s->Int(0) : 0;
    s->Reset();
  }
  return c;
}

Result<std::optional<std::string>> SqliteStore::GetMeta(std::string_view key) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("SELECT value FROM workspace_meta WHERE key = ?"));
  s->Bind(1, key);
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  std::optional<std::string> out;
  if (row) out = s->Str(0);
  s->Reset();
  return out;
}

Status SqliteStore::SetMeta(std::string_view key, std::string_view value) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("INSERT INTO workspace_meta (key, value) VALUES (?, ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  return s->Bind(1, key).Bind(2, value).Run();
}

namespace {

Result<int> ReadVersion(SqliteDb& db) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("PRAGMA user_version"));
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  int v = row ? static_cast<int>(s->Int(0)) : 0;
  s->Reset();
  return v;
}

}  // namespace

int LatestSchemaVersion() { return Migrations().back().version; }

namespace {

// Lock files hold "<what> <pid>\n" of the process holding them (serve, restore), so the
// one refused can say who it waits for.
void NoteHolder(int fd, const char* what) {
  std::string note = std::string(what) + " " + std::to_string(static_cast<long>(::getpid())) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, note.data(), note.size(), 0) < 0) {
    // The lock holds without the note; messages then name no process.
  }
}

std::string HolderText(int fd) {
  char buf[64] = {};
  ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string note = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
  size_t sp = note.find(' ');
  long pid = sp == std::string::npos ? 0 : std::strtol(note.c_str() + sp + 1, nullptr, 10);
  std::string what = sp == std::string::npos ? "" : note.substr(0, sp);
  if (what == "restore") return "tend restore (pid " + std::to_string(pid) + ")";
  if (what == "serve" && pid > 0) return "another tend serve (pid " + std::to_string(pid) + ")";
  return "another tend process";
}

}  // namespace

Result<std::unique_ptr<ServeLock>> ServeLock::Acquire(const std::string& path) {
  const std::string lock = path + ".lock";
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Internal("store.lock", lock + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    std::string holder = HolderText(fd);
    ::close(fd);
    return FailedPrecondition("store.inUse",
                              path + " is in use by " + holder +
                                  ": one tend serve per SQLite workspace; stop that one "
                                  "first, or serve another workspace (lock file " +
                                  lock + ")");
  }
  NoteHolder(fd, "serve");
  return std::unique_ptr<ServeLock>(new ServeLock(fd));
}

ServeLock::~ServeLock() {
  if (::ftruncate(fd_, 0) != 0) {
    // A stale note is only read while the lock is held again, which rewrites it.
  }
  ::close(fd_);
}

Status RestoreSqliteStore(const std::string& backup, const std::string& target) {
  // No server may be serving the target: it would go on with the old workspace in memory.
  const std::string lock = target + ".lock";
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Internal("store.lock", lock + ": " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    return FailedPrecondition("store.inUse", target + " is being served by " + HolderText(fd) +
                                                 ": stop the server, then restore");
  }
  NoteHolder(fd, "restore");
  {
    // The backup must be a workspace this binary can open, and sound.
    OpenOptions o;
    o.create = false;
    o.migrate = false;
    TEND_ASSIGN_OR_RETURN(auto check, OpenSqliteStore(backup, o));
    TEND_ASSIGN_OR_RETURN(auto problems, check->CheckIntegrity());
    if (!problems.empty()) {
      return InvalidArgument("store.badBackup",
                             backup + ": the backup is damaged: " + problems.front());
    }
  }
  TEND_ASSIGN_OR_RETURN(auto src, SqliteDb::Open(backup, false));
  TEND_ASSIGN_OR_RETURN(auto dst, SqliteDb::Open(target, true));
  sqlite3_busy_timeout(dst->raw(), 2000);
  sqlite3_backup* b = sqlite3_backup_init(dst->raw(), "main", src->raw(), "main");
  if (!b) return Internal("store.restore", target + ": " + sqlite3_errmsg(dst->raw()));
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    return Status(ErrorCode::kUnavailable, "store.restore",
                  target + ": could not replace the workspace (" + sqlite3_errstr(rc) +
                      "); stop the server using it first");
  }
  return Status::Ok();
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const OpenOptions& options) {
  TEND_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(path, options.create));
  sqlite3_busy_timeout(db->raw(), 10000);
  TEND_RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode = WAL").WithContext(path));
  TEND_RETURN_IF_ERROR(
      db->Exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; "
               "PRAGMA temp_store = MEMORY"));
  TEND_ASSIGN_OR_RETURN(int version, ReadVersion(*db));
  int latest = LatestSchemaVersion();
  if (version > latest) {
    return FailedPrecondition("store.schemaTooNew",
                              path + ": the workspace's schema is version " +
                                  std::to_string(version) + ", newer than this tend supports (" +
                                  std::to_string(latest) + "); upgrade tend to open it");
  }
  int target = options.max_version >= 0 ? options.max_version : latest;
  if (options.migrate) {
    for (const Migration& m : Migrations()) {
      if (m.version <= version || m.version > target) continue;
      TEND_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
      Status st = db->Exec(m.sql);
      if (st.ok()) st = db->Exec("PRAGMA user_version = " + std::to_string(m.version));
      if (!st.ok()) {
        (void)db->Exec("ROLLBACK");
        return st.WithContext(path + ": migration " + std::to_string(m.version));
      }
      TEND_RETURN_IF_ERROR(db->Exec("COMMIT"));
      version = m.version;
    }
  }
  return std::unique_ptr<Store>(new SqliteStore(std::move(db), version, options));
}

}  // namespace tend::store
