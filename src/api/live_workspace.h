// LiveWorkspace: the server's always-current view of a workspace: its data and scores in
// memory (a scorecard::HealthSession), kept up to date event by event.
//
// Ingest() is one straight line down the pipeline: the batch is made durable first
// (ingest::SegmentApplier: message-id dedup, the event journal, contacts and accounts from
// identify/group traits, champion milestones: one transaction, fsync'ed), then applied in
// memory (ingest::ApplyToData: each touched account's usage state gets the events), the
// touched accounts are re-scored alone and their rules run (rules::RescoreAccounts:
// HealthEngine::RefreshAccount, RuleEngine::RunAccounts), and changed scores and new CTAs
// are published on the EventStream (api/json/stream_json.h). LiveWorkspace itself only
// locks, measures and publishes. Reload() rebuilds everything from the store with
// rules::RunPipeline (after imports, definition changes, and once a day to roll the windows
// forward, storing that day's history).
// Checkpoint() folds the journal into the stored usage states (ingest/event_journal.h).
//
// Threads: readers call Read(), which holds a shared lock; writers (Ingest, Reload,
// Checkpoint, FactsChanged, ActivityLogged) are serialised among themselves and hold the exclusive
// lock only while they change memory, never while they wait for the disk. The main store connection
// is used only by writers. The members say which mutex guards them, and clang checks every use
// (common/thread_annotations.h; the `thread_safety` test).
#ifndef TEND_API_LIVE_WORKSPACE_H_
#define TEND_API_LIVE_WORKSPACE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/event_stream.h"
#include "api/metrics_registry.h"
#include "api/read_cache.h"
#include "common/result.h"
#include "common/thread_annotations.h"
#include "ingest/segment.h"
#include "ingest/segment_apply.h"
#include "rules/engine/rule_engine.h"
#include "scorecard/health_session.h"
#include "store/store.h"

namespace tend::api {

using IngestReport = ingest::IngestReport;

class LiveWorkspace {
 public:
  struct Options {
    // The day scores are computed as of; default: today (UTC), rolled forward daily.
    std::optional<EpochDay> as_of;
    // Told about each full refresh: the day, accounts, milliseconds, CTAs created.
    std::function<void(EpochDay, size_t, double, int)> on_refresh;
  };

  // Opens the workspace (it may have no definitions yet) and runs a first Reload.
  static Result<std::unique_ptr<LiveWorkspace>> Open(std::unique_ptr<store::Store> store,
                                                     MetricsRegistry* metrics, EventStream* stream,
                                                     Options options);

  Result<IngestReport> Ingest(const ingest::SegmentBatch& batch) TEND_EXCLUDES(write_mu_, mu_);

  // Reloads from the store, refreshes every account, stores the day's history when
  // `save_history`, and runs every rule.
  Status Reload(bool save_history) TEND_EXCLUDES(write_mu_, mu_);
  Result<int64_t> Checkpoint() TEND_EXCLUDES(write_mu_);
  // An account's surveys or tickets changed in the store: reads them again and re-scores it.
  Status FactsChanged(const std::string& account_id) TEND_EXCLUDES(write_mu_, mu_);
  // Re-reads an account's subscriptions and renewal edits (revenue/) and re-scores it.
  Status RevenueChanged(const std::string& account_id) TEND_EXCLUDES(write_mu_, mu_);
  // An advocate of the account changed status or tier: reads the program's advocates again
  // (active_advocates, advocacy_tier) and re-scores the account.
  Status AdvocatesChanged(const std::string& account_id) TEND_EXCLUDES(write_mu_, mu_);
  // Feedback items or requests changed: reads open_blocker_requests again and re-scores the
  // accounts whose count changed.
  Status FeedbackChanged() TEND_EXCLUDES(write_mu_, mu_);
  // A person logged an activity: adds it to the account's facts and re-scores the account.
  Status ActivityLogged(const std::string& account_id, EpochMs ts, const std::string& type)
      TEND_EXCLUDES(write_mu_, mu_);

  // Calls `fn` with the session under a shared lock. `fn` must only read: use
  // HealthEngine::Find (not Get) and WorkspaceData's accessors.
  template <typename F>
  auto Read(F&& fn) TEND_EXCLUDES(mu_) {
    ReaderLock l(&mu_);
    return fn(*session_);
  }

  // The accounts a rule condition matches now (nothing is changed). Takes the exclusive lock:
  // evaluating may build attribute columns.
  Result<rules::Preview> PreviewCondition(const std::string& condition) TEND_EXCLUDES(mu_);

  // Changes whenever accounts, scores or data in memory change (caches key on it).
  uint64_t generation() const { return generation_.load(); }

  // When the last Reload finished, and how long it took (any thread, no lock: atomics).
  EpochMs last_refresh_at() const { return last_refresh_at_.load(); }
  double last_refresh_ms() const { return last_refresh_ms_.load(); }
  EpochDay as_of() const TEND_EXCLUDES(mu_);

  // The cache of this workspace's expensive read models (api/read_cache.h): entries key on
  // generation(); any thread.
  ReadCache& read_cache() { return read_cache_; }

 private:
  LiveWorkspace(std::unique_ptr<store::Store> store, MetricsRegistry* metrics, EventStream* stream,
                Options options)
      : store_(std::move(store)), metrics_(metrics), stream_(stream), options_(options) {}
  EpochDay Today() const;
  // Reload() with write_mu_ already held (Ingest reloads after new accounts without letting
  // another writer in between).
  Status ReloadLocked(bool save_history) TEND_REQUIRES(write_mu_) TEND_EXCLUDES(mu_);
  // Re-scores accounts `rows` and runs their rules; publishes what changed.
  Status RescoreRows(const std::vector<size_t>& rows, IngestReport* report)
      TEND_REQUIRES(write_mu_) TEND_EXCLUDES(mu_);
  void PublishCtas(const std::vector<int64_t>& ids) TEND_REQUIRES(write_mu_);

  // Writers hold write_mu_ throughout, and mu_ exclusively while they change memory; readers
  // hold mu_ shared.
  Mutex write_mu_;
  mutable SharedMutex mu_;
  std::unique_ptr<store::Store> store_ TEND_PT_GUARDED_BY(write_mu_);  // the writers' connection
  MetricsRegistry* metrics_;
  EventStream* stream_;
  Options options_;
  std::unique_ptr<scorecard::HealthSession> session_ TEND_GUARDED_BY(mu_);
  std::string main_scorecard_ TEND_GUARDED_BY(mu_);
  // The durable half of ingestion (it caches segment_user_groups).
  ingest::SegmentApplier applier_ TEND_GUARDED_BY(write_mu_);
  std::atomic<uint64_t> generation_{0};
  ReadCache read_cache_;
  std::atomic<EpochMs> last_refresh_at_{0};
  std::atomic<double> last_refresh_ms_{0};
};

}  // namespace tend::api

#endif  // TEND_API_LIVE_WORKSPACE_H_
