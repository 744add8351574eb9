// Opening a workspace wherever it lives: a path is a SQLite file (sqlite_store.h), a
// postgres:// or postgresql:// URL a PostgreSQL database (pg_store.h). Commands open
// workspaces only through these, so every command works on both stores.
#ifndef TEND_STORE_OPEN_STORE_H_
#define TEND_STORE_OPEN_STORE_H_

#include <memory>
#include <string>

#include "common/result.h"
#include "store/sqlite_store.h"
#include "store/store.h"

namespace tend::store {

// Opens the workspace at `location` (a SQLite path or a PostgreSQL URL).
Result<std::unique_ptr<Store>> OpenStore(const std::string& location,
                                         const OpenOptions& options = {});

// Held by `tend serve` while it serves `location`: ServeLock's file lock on SQLite, a session
// advisory lock on PostgreSQL (PgServeLock). kFailedPrecondition ("store.inUse") when another
// server holds the workspace.
class ServeGuard {
 public:
  virtual ~ServeGuard() = default;
};
Result<std::unique_ptr<ServeGuard>> AcquireServeLock(const std::string& location);

// RestoreSqliteStore for a SQLite target; for a PostgreSQL target (or backup) a
// kFailedPrecondition ("store.pgBackup") naming pg_restore/PITR instead.
Status RestoreStore(const std::string& backup, const std::string& target);

// Whether `location` is a PostgreSQL URL (postgres:// or postgresql://).
bool IsPostgresLocation(std::string_view location);

// The location as it may be shown: a URL without its password.
std::string DisplayLocation(const std::string& location);

}  // namespace tend::store

#endif  // TEND_STORE_OPEN_STORE_H_
