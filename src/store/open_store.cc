#include "store/open_store.h"

#include "store/pg_store.h"

namespace tend::store {

namespace {

template <typename Lock>
class Held final : public ServeGuard {
 public:
  explicit Held(std::unique_ptr<Lock> lock) : lock_(std::move(lock)) {}

 private:
  std::unique_ptr<Lock> lock_;
};

template <typename Lock>
Result<std::unique_ptr<ServeGuard>> Hold(Result<std::unique_ptr<Lock>> lock) {
  if (!lock.ok()) return lock.status();
  return std::unique_ptr<ServeGuard>(new Held<Lock>(std::move(*lock)));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(const std::string& location, const OpenOptions& options) {
  if (IsPostgresUrl(location)) return OpenPgStore(location, options);
  return OpenSqliteStore(location, options);
}

Result<std::unique_ptr<ServeGuard>> AcquireServeLock(const std::string& location) {
  if (IsPostgresUrl(location)) return Hold(PgServeLock::Acquire(location));
  return Hold(ServeLock::Acquire(location));
}

Status RestoreStore(const std::string& backup, const std::string& target) {
  if (IsPostgresUrl(target) || IsPostgresUrl(backup)) {
    const std::string& url = IsPostgresUrl(target) ? target : backup;
    return FailedPrecondition("store.pgBackup",
                              "tend restore works on SQLite workspaces only: " +
                                  PgBackupAdvice(url) +
                                  " (restore a pg_dump with pg_restore, a base backup with "
                                  "PostgreSQL's recovery)");
  }
  return RestoreSqliteStore(backup, target);
}

bool IsPostgresLocation(std::string_view location) { return IsPostgresUrl(location); }

std::string DisplayLocation(const std::string& location) {
  return IsPostgresUrl(location) ? RedactUrl(location) : location;
}

}  // namespace tend::store
