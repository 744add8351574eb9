// SqliteStore: the embedded default Store, one SQLite file per workspace.
//
// Open() applies pending migrations (each in its own transaction) and refuses a file whose
// schema is newer than this binary knows (kFailedPrecondition, "store.schemaTooNew"). The
// connection runs in WAL mode with synchronous=FULL and foreign keys on.
#ifndef TEND_STORE_SQLITE_STORE_H_
#define TEND_STORE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "common/clock.h"
#include "common/result.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace tend::store {

struct OpenOptions {
  bool create = true;    // create the file when missing
  bool migrate = true;   // apply pending migrations
  int max_version = -1;  // for tests: migrate only up to this version (-1: all)
  // What UpsertContact records as contact changes (see account_store.h); tend sets
  // advocacy::DecideContactChanges. Empty: none are recorded.
  ContactChangeRule contact_changes;
  // Stamps what the store times itself (contact changes); nullptr: DefaultClock(). Must
  // outlive the store and the connections OpenAnother opens.
  const Clock* clock = nullptr;
};

// Opens the workspace at `path`.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const OpenOptions& options = {});

// Replaces the workspace at `target` with a copy of the workspace file `backup` (checked
// first: a SQLite workspace whose schema this binary can open). The target must not be in
// use by a server. kInvalidArgument for a file that is not a workspace.
// Fails with kFailedPrecondition ("store.inUse") while a `tend serve` holds the workspace
// (ServeLock), since the server would go on with what it has in memory.
Status RestoreSqliteStore(const std::string& backup, const std::string& target);

// Held by `tend serve` for as long as it serves the workspace at `path`: an exclusive
// advisory lock (flock) on the file `path` + ".lock", which also holds "serve <pid>". A
// second `tend serve` of the same workspace, and `tend restore`, are refused while it is held
// (kFailedPrecondition, "store.inUse", naming the process): each server keeps the workspace in
// memory, so two would answer from two different states.
class ServeLock {
 public:
  static Result<std::unique_ptr<ServeLock>> Acquire(const std::string& path);
  ~ServeLock();
  ServeLock(const ServeLock&) = delete;
  ServeLock& operator=(const ServeLock&) = delete;

 private:
  explicit ServeLock(int fd) : fd_(fd) {}
  int fd_;
};

// The newest schema version this binary knows.
int LatestSchemaVersion();

}  // namespace tend::store

#endif  // TEND_STORE_SQLITE_STORE_H_
