// Store: a workspace's durable state, made of one narrow interface per domain.
//
// Store inherits AccountStore, UsageStore, HistoryStore, CockpitStore, AdvocacyStore, AuthStore,
// PredictionStore, RevenueStore, FeedbackStore, MailStore and SurveyStore
// (store/<domain>_store.h, records in store/<domain>_records.h) and adds only what spans them: transactions, another
// connection, the schema version and workspace operations. Domain code takes the narrow
// interface it needs (a Store& converts to each); nothing outside store/ builds SQL.
// SqliteStore (sqlite_store.h) is the embedded default, PgStore (pg_store.h) the PostgreSQL
// one; OpenStore (open_store.h) picks one by location. Every method reports failure through
// Status/Result: kInvalidArgument for input that breaks a constraint, kFailedPrecondition for
// a schema the binary cannot use, kInternal for I/O and engine errors.
//
// Transactions: writes outside Begin()/Commit() are committed one by one. Within a
// transaction, reads see the transaction's own writes. A Store is used by one thread at a
// time (the server gives each worker its own connection).
//
// Durability: Commit() returns only after the transaction is in the write-ahead log and
// fsync'ed (SQLite WAL with synchronous=FULL), so a write reported as done survives kill -9
// and, on a disk that honours fsync, power loss.
#ifndef TEND_STORE_STORE_H_
#define TEND_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/account_store.h"
#include "store/advocacy_store.h"
#include "store/auth_store.h"
#include "store/cockpit_store.h"
#include "store/feedback_store.h"
#include "store/history_store.h"
#include "store/mail_store.h"
#include "store/prediction_store.h"
#include "store/revenue_store.h"
#include "store/survey_store.h"
#include "store/usage_store.h"

namespace tend::store {

// Row counts per kind, as `tend stats` prints them.
struct WorkspaceCounts {
  int64_t accounts = 0, contacts = 0, events = 0, surveys = 0, tickets = 0, activities = 0,
          deals = 0;
};

class Store : public AccountStore,
              public UsageStore,
              public HistoryStore,
              public CockpitStore,
              public AdvocacyStore,
              public AuthStore,
              public PredictionStore,
              public RevenueStore,
              public FeedbackStore,
              public MailStore,
              public SurveyStore {
 public:
  ~Store() override = default;

  // The schema version the workspace file is at, and the newest this binary knows.
  virtual int schema_version() const = 0;

  // Opens another connection to the same workspace, for reading on another thread (a
  // snapshot of what is committed when its first read begins).
  virtual Result<std::unique_ptr<Store>> OpenAnother() = 0;

  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  // Undoes everything since Begin(). Safe to call when no transaction is open.
  virtual Status Rollback() = 0;

  // ---- Workspace ----
  // Writes a consistent copy of the workspace to `path` while others keep reading and
  // writing (SQLite's online backup); the file appears complete or not at all.
  virtual Status BackupTo(const std::string& path) = 0;
  // The engine's own consistency check: empty when the file is sound, else its findings.
  virtual Result<std::vector<std::string>> CheckIntegrity() = 0;
  virtual Result<WorkspaceCounts> Counts() = 0;
  virtual Result<std::optional<std::string>> GetMeta(std::string_view key) = 0;
  virtual Status SetMeta(std::string_view key, std::string_view value) = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_STORE_H_
