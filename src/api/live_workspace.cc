#include "api/live_workspace.h"

#include <chrono>

#include "advocacy/program.h"
#include "api/json/stream_json.h"
#include "common/json_text.h"
#include "common/time.h"
#include "definitions/activity_types.h"
#include "ingest/event_journal.h"
#include "rules/engine/run_pipeline.h"

namespace tend::api {

namespace {

double MsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

Result<std::unique_ptr<LiveWorkspace>> LiveWorkspace::Open(std::unique_ptr<store::Store> store,
                                                           MetricsRegistry* metrics,
                                                           EventStream* stream, Options options) {
  std::unique_ptr<LiveWorkspace> w(new LiveWorkspace(std::move(store), metrics, stream, options));
  TEND_RETURN_IF_ERROR(w->Reload(true));
  return w;
}

EpochDay LiveWorkspace::Today() const { return options_.as_of ? *options_.as_of : DayOf(NowMs()); }

EpochDay LiveWorkspace::as_of() const {
  ReaderLock l(&mu_);
  return session_ ? session_->engine().as_of() : Today();
}

Status LiveWorkspace::Reload(bool save_history) {
  MutexLock w(&write_mu_);
  return ReloadLocked(save_history);
}

Status LiveWorkspace::ReloadLocked(bool save_history) {
  auto start = std::chrono::steady_clock::now();
  rules::PipelineOptions options;
  options.milestones_actor = "tend";
  options.allow_empty = true;
  options.as_of = Today();
  options.save_history = save_history;
  TEND_ASSIGN_OR_RETURN(rules::PipelineResult run, rules::RunPipeline(*store_, options));
  std::unique_ptr<scorecard::HealthSession> session = std::move(run.session);
  const rules::RuleRunReport& report = run.rules;
  if (metrics_) {
    metrics_->Observe("tend_rule_run_duration_seconds", "Duration of rule runs.",
                      run.rules_ms / 1000);
  }
  std::string main;
  if (auto sc = session->FindScorecard(""); sc.ok()) main = (*sc)->name;
  const size_t accounts = session->data().size();
  {
    WriterLock l(&mu_);
    session_ = std::move(session);
    main_scorecard_ = main;
    ++generation_;
  }
  // Request threads read these without a lock: atomics.
  const double refresh_ms = MsSince(start);
  last_refresh_ms_ = refresh_ms;
  last_refresh_at_ = NowMs();
  if (metrics_) {
    metrics_->Observe("tend_refresh_duration_seconds", "Duration of full refreshes.",
                      refresh_ms / 1000);
  }
  if (options_.on_refresh) {
    options_.on_refresh(Today(), accounts, refresh_ms,
                        static_cast<int>(report.created_ctas.size()));
  }
  PublishCtas(report.created_ctas);
  if (stream_) {
    stream_->Publish("refresh", DumpJson(json::RefreshEventJson(Today(), refresh_ms)));
  }
  return Status::Ok();
}

void LiveWorkspace::PublishCtas(const std::vector<int64_t>& ids) {
  if (!stream_ || ids.empty()) return;
  for (int64_t id : ids) {
    store::CtaFilter f;
    f.cta_id = id;
    auto rows = store_->ListCtas(f);
    if (!rows.ok() || rows->empty()) continue;
    stream_->Publish("cta", DumpJson(json::CtaEventJson(rows->front())));
  }
}

Status LiveWorkspace::RescoreRows(const std::vector<size_t>& rows, IngestReport* report) {
  WriterLock l(&mu_);
  ++generation_;
  auto rescored = rules::RescoreAccounts(*session_, main_scorecard_, rows);
  if (metrics_ && rescored.ok()) {
    metrics_->Observe("tend_account_rule_run_duration_seconds",
                      "Duration of rule runs for the accounts an event touched.",
                      rescored->rules_ms / 1000);
  }
  l.Unlock();
  if (!rescored.ok()) return rescored.status();
  if (stream_) {
    for (const auto& change : rescored->changes) {
      stream_->Publish("score", DumpJson(json::ScoreEventJson(change)));
    }
  }
  if (report) report->ctas = rescored->rules.created_ctas;
  PublishCtas(rescored->rules.created_ctas);
  return Status::Ok();
}

Status LiveWorkspace::FactsChanged(const std::string& account_id) {
  MutexLock w(&write_mu_);
  TEND_ASSIGN_OR_RETURN(auto surveys, store_->ListSurveys(account_id));
  TEND_ASSIGN_OR_RETURN(auto tickets, store_->ListTickets(account_id));
  std::optional<size_t> i;
  {
    WriterLock l(&mu_);
    i = session_->data().Index(account_id);
    if (!i) return Status::Ok();
    session_->data().SetSurveys(*i, surveys);
    session_->data().SetTickets(*i, tickets);
  }
  return RescoreRows({*i}, nullptr);
}

Status LiveWorkspace::RevenueChanged(const std::string& account_id) {
  MutexLock w(&write_mu_);
  TEND_ASSIGN_OR_RETURN(auto subscriptions, store_->ListSubscriptions(account_id));
  TEND_ASSIGN_OR_RETURN(auto edits, store_->LoadRenewals());
  std::optional<size_t> i;
  {
    WriterLock l(&mu_);
    i = session_->data().Index(account_id);
    if (!i) return Status::Ok();
    session_->data().SetRevenue(*i, std::move(subscriptions), edits);
  }
  return RescoreRows({*i}, nullptr);
}

Status LiveWorkspace::AdvocatesChanged(const std::string& account_id) {
  MutexLock w(&write_mu_);
  TEND_ASSIGN_OR_RETURN(auto advocates, store_->ListAdvocates());
  std::optional<size_t> i;
  {
    WriterLock l(&mu_);
    session_->data().SetAdvocates(advocates);
    i = session_->data().Index(account_id);
    if (!i) return Status::Ok();
  }
  return RescoreRows({*i}, nullptr);
}

Status LiveWorkspace::FeedbackChanged() {
  MutexLock w(&write_mu_);
  TEND_ASSIGN_OR_RETURN(auto counts, store_->CountOpenBlockerRequests());
  std::vector<size_t> rows;
  {
    WriterLock l(&mu_);
    rows = session_->data().SetOpenBlockerRequests(counts);
  }
  if (rows.empty()) return Status::Ok();
  return RescoreRows(rows, nullptr);
}

Status LiveWorkspace::ActivityLogged(const std::string& account_id, EpochMs ts,
                                     const std::string& type) {
  MutexLock w(&write_mu_);
  std::optional<size_t> i;
  {
    WriterLock l(&mu_);
    i = session_->data().Index(account_id);
    if (!i) return Status::Ok();
    session_->data().AddActivityFact(*i, {ts, definitions::ParseActivityType(type)});
  }
  return RescoreRows({*i}, nullptr);
}

Result<rules::Preview> LiveWorkspace::PreviewCondition(const std::string& condition) {
  WriterLock l(&mu_);
  rules::RuleEngine rules(*session_);
  return rules.PreviewCondition(condition);
}

Result<int64_t> LiveWorkspace::Checkpoint() {
  // In chunks, letting ingestion in between: each chunk is one short write transaction.
  constexpr int64_t kChunk = 20000;
  int64_t total = 0;
  for (;;) {
    MutexLock w(&write_mu_);
    TEND_ASSIGN_OR_RETURN(int64_t n, ingest::CheckpointJournal(*store_, kChunk));
    total += n;
    if (n == 0) return total;
  }
}

Result<IngestReport> LiveWorkspace::Ingest(const ingest::SegmentBatch& batch) {
  MutexLock w(&write_mu_);
  auto t0 = std::chrono::steady_clock::now();
  // 1. Durable: one transaction (ingest/segment_apply.h).
  ingest::SegmentApplier::Lookups lookups;
  lookups.loaded_account = [this](const std::string& id) -> std::optional<store::AccountRecord> {
    ReaderLock l(&mu_);
    if (auto i = session_->data().Index(id)) return session_->data().account(*i);
    return std::nullopt;
  };
  lookups.is_loaded = [this](const std::string& id) {
    ReaderLock l(&mu_);
    return session_->data().Index(id).has_value();
  };
  lookups.on_contacts_changed = [](store::Store& s) {
    return advocacy::ProcessMilestones(s, "segment");
  };
  TEND_ASSIGN_OR_RETURN(ingest::AppliedBatch applied,
                        applier_.Apply(*store_, batch, lookups, NowMs()));
  IngestReport& report = applied.report;
  auto t_commit = std::chrono::steady_clock::now();
  if (metrics_) {
    metrics_->Add("tend_events_ingested_total", "Events received through /v1/*.", report.accepted);
    if (report.duplicates)
      metrics_->Add("tend_events_duplicate_total", "Events skipped as duplicates.",
                    report.duplicates);
    if (report.held)
      metrics_->Add("tend_identifies_held_total",
                    "Segment identify calls held until the user's group call.", report.held);
  }
  // 2. In memory: new events and account records (metrics), then re-score and run the rules.
  std::vector<size_t> rows;
  {
    WriterLock l(&mu_);
    rows = ingest::ApplyToData(applied, session_->data());
  }
  auto t_mem = std::chrono::steady_clock::now();
  if (!rows.empty()) TEND_RETURN_IF_ERROR(RescoreRows(rows, &report));
  if (metrics_) {
    metrics_->Observe("tend_ingest_durable_seconds",
                      "Time to make an ingested batch durable (journal write and fsync).",
                      std::chrono::duration<double>(t_commit - t0).count());
    metrics_->Observe(
        "tend_ingest_rescore_seconds",
        "Time to re-score the accounts of an ingested batch and run their rules.",
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t_mem).count());
  }
  if (applied.new_accounts) {
    // New accounts change the dense account index: load everything again (rare), before
    // another writer comes in.
    TEND_RETURN_IF_ERROR(ReloadLocked(false));
  }
  return std::move(report);
}

}  // namespace tend::api
