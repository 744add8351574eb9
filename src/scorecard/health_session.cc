#include "scorecard/health_session.h"

#include <array>
#include <thread>

namespace tend::scorecard {

Result<definitions::Definitions> LoadDefinitions(store::Store& store, bool allow_empty) {
  TEND_ASSIGN_OR_RETURN(auto records, store.LoadDefinitionFiles());
  if (records.empty() && !allow_empty) {
    return FailedPrecondition("scorecard.noDefinitions",
                              "no definitions in this workspace: apply some first (tend apply "
                              "FILE.yaml, or tend init --template saas)");
  }
  std::vector<definitions::DefinitionFile> files;
  for (auto& r : records) files.push_back({r.path, r.content});
  TEND_ASSIGN_OR_RETURN(auto attrs, store.LoadAttributeDefs());
  auto compiled = definitions::Compile(std::move(files), attrs);
  if (auto* errors = std::get_if<std::vector<std::string>>(&compiled)) {
    std::string msg = "the stored definitions no longer compile:";
    for (const auto& e : *errors) msg += "\n  " + e;
    return InvalidArgument("scorecard.staleDefinitions", msg);
  }
  return std::get<definitions::Definitions>(std::move(compiled));
}

Result<std::unique_ptr<HealthSession>> HealthSession::Open(store::Store& store,
                                                           bool allow_empty) {
  std::unique_ptr<HealthSession> s(new HealthSession(store));
  TEND_ASSIGN_OR_RETURN(auto defs, LoadDefinitions(store, allow_empty));
  s->defs_ = std::make_unique<definitions::Definitions>(std::move(defs));
  TEND_ASSIGN_OR_RETURN(auto data, metrics::WorkspaceData::Load(store));
  s->data_ = std::make_unique<metrics::WorkspaceData>(std::move(data));
  s->engine_ = std::make_unique<HealthEngine>(*s->defs_, *s->data_);
  return s;
}

Result<const ScorecardDef*> HealthSession::FindScorecard(std::string_view name) const {
  if (defs_->scorecards.empty()) {
    return NotFound("scorecard.none", "the definitions declare no scorecard");
  }
  if (name.empty()) {
    if (const auto* h = defs_->FindScorecard("health")) return h;
    return &defs_->scorecards.front();
  }
  if (const auto* s = defs_->FindScorecard(name)) return s;
  std::string names;
  for (const auto& s : defs_->scorecards) names += (names.empty() ? "" : ", ") + s.name;
  return NotFound("scorecard.unknown",
                  "no scorecard named \"" + std::string(name) + "\" (there is " + names + ")");
}

std::vector<size_t> HealthSession::ActiveAccounts() const {
  std::vector<size_t> out;
  for (size_t i = 0; i < data_->size(); ++i) {
    if (data_->account(i).status == "active") out.push_back(i);
  }
  return out;
}

Status HealthSession::Refresh(std::optional<EpochDay> as_of, bool save_history) {
  EpochDay d;
  if (as_of) {
    d = *as_of;
  } else if (auto latest = data_->LatestEventDay()) {
    d = *latest;
  } else {
    d = DayOf(NowMs());
  }
  // The history this refresh needs (the overall 7 and 30 days before, for trends; the last
  // stored colors, for color changes) is read on a second connection while the engine
  // computes; the trend columns are filled in afterwards.
  struct Reads {
    std::vector<std::array<std::vector<store::ScoreHistoryRecord>, 2>> prior;  // per scorecard
    std::vector<store::ScoreHistoryRecord> prev_colors;
    Status status;
  } reads;
  std::string main_name;
  if (auto main = FindScorecard(""); main.ok()) main_name = (*main)->name;
  TEND_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> reader, store_.OpenAnother());
  std::thread history_thread([&] {
    auto run = [&]() -> Status {
      for (const auto& sc : defs_->scorecards) {
        auto& pair = reads.prior.emplace_back();
        for (int k = 0; k < 2; ++k) {
          TEND_ASSIGN_OR_RETURN(pair[k], reader->LoadScoresOnDay(sc.name, d - (k ? 30 : 7), false));
        }
      }
      if (!main_name.empty()) {
        TEND_ASSIGN_OR_RETURN(auto prev_day, reader->LatestHistoryDayBefore(main_name, d));
        if (prev_day) {
          TEND_ASSIGN_OR_RETURN(reads.prev_colors,
                                reader->LoadScoresOnDay(main_name, *prev_day, false));
        }
      }
      return Status::Ok();
    };
    reads.status = run();
  });
  auto overrides = store_.LoadOverrides();
  if (overrides.ok()) {
    engine_->SetOverrides(*overrides);
    engine_->Refresh(d);
  }
  history_thread.join();
  TEND_RETURN_IF_ERROR(overrides.status());
  TEND_RETURN_IF_ERROR(reads.status);
  for (size_t k = 0; k < defs_->scorecards.size(); ++k) {
    for (int j = 0; j < 2; ++j) {
      Column prior(ValueType::kNumber, data_->size());
      for (const auto& r : reads.prior[k][j]) {
        auto i = data_->Index(r.account_id);
        if (i && r.overall) prior.SetNum(*i, *r.overall);
      }
      engine_->SetPriorOverall(defs_->scorecards[k].name, j ? 30 : 7, std::move(prior));
    }
  }
  engine_->ApplyPriors();
  prev_colors_ = std::move(reads.prev_colors);
  return save_history ? SaveHistory() : Status::Ok();
}

Status HealthSession::SaveHistory() {
  const EpochDay d = engine_->as_of();
  std::vector<size_t> active = ActiveAccounts();
  // Color changes since the last stored day go on the timeline (default scorecard only).
  std::vector<store::ActivityRecord> changes;
  if (auto main = FindScorecard(""); main.ok()) {
    const ScorecardDef& sc = **main;
    const Column* color = engine_->Get(sc.name + ".color");
    for (const auto& r : prev_colors_) {
      auto i = data_->Index(r.account_id);
      if (!i || r.color.empty() || color->IsNull(*i) || color->text[*i] == r.color) continue;
      if (data_->account(*i).status != "active") continue;
      store::ActivityRecord a;
      a.ts = static_cast<EpochMs>(d) * kMsPerDay;
      a.account_id = r.account_id;
      a.type = "color_change";
      a.subject = sc.label + " turned " + color->text[*i] + " (was " + r.color + ")";
      a.author = "tend";
      a.source = "system";
      changes.push_back(std::move(a));
    }
  }
  // The rows (JSON per account) are built on two threads; writing is one transaction.
  std::vector<std::vector<store::ScoreHistoryRecord>> rows;
  for (const auto& sc : defs_->scorecards) {
    size_t half = active.size() / 2;
    std::vector<size_t> first(active.begin(), active.begin() + static_cast<ptrdiff_t>(half));
    std::vector<size_t> second(active.begin() + static_cast<ptrdiff_t>(half), active.end());
    std::vector<store::ScoreHistoryRecord> tail;
    std::thread worker([&] { tail = engine_->HistoryRows(sc, second); });
    auto head = engine_->HistoryRows(sc, first);
    worker.join();
    head.insert(head.end(), std::make_move_iterator(tail.begin()),
                std::make_move_iterator(tail.end()));
    rows.push_back(std::move(head));
  }
  TEND_RETURN_IF_ERROR(store_.Begin());
  auto fail = [&](Status st) {
    (void)store_.Rollback();
    return st;
  };
  for (const auto& a : changes) {
    if (auto id = store_.UpsertActivity(a); !id.ok()) return fail(id.status());
  }
  for (const auto& r : rows) {
    if (Status st = store_.SaveScoreHistory(r); !st.ok()) return fail(st);
  }
  // The day's summary per scorecard (the dashboard's trends).
  for (const auto& r : rows) {
    if (r.empty()) continue;
    store::DailySummaryRecord sum;
    sum.scorecard = r.front().scorecard;
    sum.day = d;
    double total = 0;
    int64_t with_overall = 0;
    for (const auto& h : r) {
      ++sum.accounts;
      if (h.overall) {
        total += *h.overall;
        ++with_overall;
      }
      double arr = 0;
      if (auto i = data_->Index(h.account_id)) arr = data_->account(*i).arr.value_or(0);
      sum.arr_total += arr;
      if (h.color == "red") {
        ++sum.red;
        sum.arr_red += arr;
      } else if (h.color == "yellow") {
        ++sum.yellow;
        sum.arr_yellow += arr;
      } else if (h.color == "green") {
        ++sum.green;
      }
    }
    if (with_overall) sum.average = total / static_cast<double>(with_overall);
    if (Status st = store_.SaveDailySummary(sum); !st.ok()) return fail(st);
  }
  if (Status st = store_.SetMeta("last_refresh_day", std::to_string(d)); !st.ok()) return fail(st);
  if (Status st = store_.SetMeta("last_refresh_at", std::to_string(NowMs())); !st.ok())
    return fail(st);
  return store_.Commit();
}

}  // namespace tend::scorecard
