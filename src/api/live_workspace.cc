#include "api/live_workspace.h"

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "advocacy/program.h"
#include "common/field_parse.h"
#include "common/json_text.h"
#include "common/time.h"
#include "definitions/activity_types.h"
#include "ingest/event_journal.h"
#include "rules/engine/rule_engine.h"

namespace tend::api {

namespace {

double MsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

const ingest::SegmentTrait* FindTrait(const ingest::SegmentMessage& m, std::string_view key) {
  for (const auto& t : m.traits) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

// Copies the traits Segment group calls commonly carry onto the account record. Returns
// whether anything changed.
bool ApplyGroupTraits(const ingest::SegmentMessage& m, store::AccountRecord* a) {
  bool changed = false;
  auto text = [&](std::string_view key, std::string* field) {
    if (const auto* t = FindTrait(m, key); t && !t->text.empty() && *field != t->text) {
      *field = t->text;
      changed = true;
    }
  };
  text("name", &a->name);
  text("industry", &a->industry);
  text("segment", &a->segment);
  text("region", &a->region);
  text("csm", &a->csm);
  if (const auto* t = FindTrait(m, "arr"); t && t->number && a->arr != t->number) {
    a->arr = t->number;
    changed = true;
  }
  auto date = [&](std::string_view key, std::optional<EpochDay>* field) {
    if (const auto* t = FindTrait(m, key)) {
      if (auto d = ParseDate(t->text); d && *field != d) {
        *field = d;
        changed = true;
      }
    }
  };
  date("renewal_date", &a->renewal_date);
  date("start_date", &a->start_date);
  return changed;
}

bool ApplyIdentifyTraits(const ingest::SegmentMessage& m, store::ContactRecord* c) {
  bool changed = false;
  auto text = [&](std::string_view key, std::string* field) {
    if (const auto* t = FindTrait(m, key); t && !t->text.empty() && *field != t->text) {
      *field = t->text;
      changed = true;
    }
  };
  text("name", &c->name);
  if (c->name.empty()) {
    const auto* first = FindTrait(m, "firstName");
    const auto* last = FindTrait(m, "lastName");
    if (first || last) {
      c->name = (first ? first->text : "") + (first && last ? " " : "") + (last ? last->text : "");
      changed = true;
    }
  }
  text("email", &c->email);
  text("title", &c->title);
  text("seniority", &c->seniority);
  text("role", &c->role);
  return changed;
}

// A held identify's traits as stored (store::HeldIdentifyRecord): [[key, text, number], ...].
std::string EncodeTraits(const std::vector<ingest::SegmentTrait>& traits) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& t : traits) {
    a.push_back({t.key, t.text, t.number ? nlohmann::json(*t.number) : nlohmann::json()});
  }
  return a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<ingest::SegmentTrait> DecodeTraits(const std::string& text) {
  std::vector<ingest::SegmentTrait> out;
  auto a = nlohmann::json::parse(text, nullptr, false);
  if (!a.is_array()) return out;
  for (const auto& e : a) {
    if (!e.is_array() || e.size() != 3 || !e[0].is_string() || !e[1].is_string()) continue;
    ingest::SegmentTrait t{e[0].get<std::string>(), e[1].get<std::string>(), std::nullopt};
    if (e[2].is_number()) t.number = e[2].get<double>();
    out.push_back(std::move(t));
  }
  return out;
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
  // Contacts that changed title or company since (imports): milestones first, so the
  // champion rules see them.
  TEND_RETURN_IF_ERROR(store_->Begin());
  auto milestones = advocacy::ProcessMilestones(*store_, "tend");
  Status ms = milestones.ok() ? store_->Commit() : milestones.status();
  if (!ms.ok()) {
    (void)store_->Rollback();
    return ms;
  }
  TEND_ASSIGN_OR_RETURN(auto session, scorecard::HealthSession::Open(*store_, true));
  TEND_RETURN_IF_ERROR(
      session->Refresh(Today(), save_history && !session->defs().scorecards.empty()));
  std::string main;
  if (auto sc = session->FindScorecard(""); sc.ok()) main = (*sc)->name;
  if (main.empty()) {
    // Make the columns readers look up exist even without a scorecard.
  }
  rules::RuleEngine rules(*session);
  auto rule_start = std::chrono::steady_clock::now();
  TEND_ASSIGN_OR_RETURN(rules::RuleRunReport report, rules.Run("rules"));
  if (metrics_) {
    metrics_->Observe("tend_rule_run_duration_seconds", "Duration of rule runs.",
                      MsSince(rule_start) / 1000);
  }
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
    stream_->Publish("refresh",
                     DumpJson(nlohmann::json{{"as_of", FormatDate(Today())}, {"ms", refresh_ms}}));
  }
  return Status::Ok();
}

std::pair<std::optional<double>, std::string> LiveWorkspace::ScoreOf(size_t i) const {
  if (main_scorecard_.empty()) return {std::nullopt, ""};
  const Column* overall = session_->engine().Find(main_scorecard_ + ".overall");
  const Column* color = session_->engine().Find(main_scorecard_ + ".color");
  std::pair<std::optional<double>, std::string> out;
  if (overall && !overall->IsNull(i)) out.first = overall->num[i];
  if (color && !color->IsNull(i)) out.second = color->text[i];
  return out;
}

void LiveWorkspace::PublishCtas(const std::vector<int64_t>& ids) {
  if (!stream_ || ids.empty()) return;
  for (int64_t id : ids) {
    store::CtaFilter f;
    f.cta_id = id;
    auto rows = store_->ListCtas(f);
    if (!rows.ok() || rows->empty()) continue;
    const auto& c = rows->front();
    stream_->Publish("cta", DumpJson(nlohmann::json{{"cta_id", c.cta_id},
                                                    {"account_id", c.account_id},
                                                    {"rule", c.rule},
                                                    {"type", c.type},
                                                    {"priority", c.priority},
                                                    {"title", c.title},
                                                    {"owner", c.owner}}));
  }
}

Status LiveWorkspace::RescoreRows(const std::vector<size_t>& rows, IngestReport* report) {
  // The exclusive lock is taken here.
  WriterLock l(&mu_);
  scorecard::HealthEngine& engine = session_->engine();
  std::vector<std::pair<std::optional<double>, std::string>> before;
  for (size_t i : rows) before.push_back(ScoreOf(i));
  ++generation_;
  bool full = false;
  for (size_t i : rows) full |= !engine.RefreshAccount(i);
  if (full) {
    engine.Refresh(engine.as_of());
    engine.ApplyPriors();
  }

  rules::RuleEngine rules(*session_);
  auto rule_start = std::chrono::steady_clock::now();
  auto run = rules.RunAccounts(rows, "rules");
  if (metrics_) {
    metrics_->Observe("tend_account_rule_run_duration_seconds",
                      "Duration of rule runs for the accounts an event touched.",
                      MsSince(rule_start) / 1000);
  }
  if (!run.ok()) return run.status();

  std::vector<nlohmann::json> scores;
  for (size_t k = 0; k < rows.size(); ++k) {
    auto after = ScoreOf(rows[k]);
    const std::string& id = session_->data().account(rows[k]).account_id;
    if (after == before[k]) continue;
    nlohmann::json j{{"account_id", id},
                     {"scorecard", main_scorecard_},
                     {"overall", after.first ? nlohmann::json(*after.first) : nullptr},
                     {"color", after.second},
                     {"previous_overall",
                      before[k].first ? nlohmann::json(*before[k].first) : nlohmann::json(nullptr)},
                     {"previous_color", before[k].second}};
    scores.push_back(std::move(j));
  }
  l.Unlock();
  if (stream_) {
    for (const auto& j : scores) stream_->Publish("score", DumpJson(j));
  }
  if (report) report->ctas = run->created_ctas;
  PublishCtas(run->created_ctas);
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
  IngestReport report;
  report.skipped = batch.skipped;
  // 1. Durable: everything in one transaction.
  std::map<std::string, std::vector<store::JournalEvent>> events;  // by account
  std::map<std::string, store::AccountRecord> accounts;            // created or changed
  bool new_accounts = false;
  std::set<std::string> seen_ids;  // message ids within this batch
  const EpochMs now = NowMs();
  auto account_record = [&](const std::string& id) -> store::AccountRecord* {
    if (auto it = accounts.find(id); it != accounts.end()) return &it->second;
    ReaderLock l(&mu_);
    if (auto i = session_->data().Index(id)) {
      return &(accounts[id] = session_->data().account(*i));
    }
    return nullptr;
  };
  std::set<std::string> known;  // accounts seen to exist in this batch
  auto ensure_known = [&](const std::string& id) TEND_REQUIRES(write_mu_) -> Status {
    if (known.count(id) || accounts.count(id)) return Status::Ok();
    bool in_memory;
    {
      ReaderLock l(&mu_);
      in_memory = session_->data().Index(id).has_value();
    }
    if (!in_memory) {
      // Not loaded: new (a Segment groupId tend has not seen), or imported meanwhile by
      // another process; either way the reload after this batch brings it in.
      TEND_RETURN_IF_ERROR(store_->InsertAccountIfMissing(id, id).status());
      new_accounts = true;
    }
    known.insert(id);
    return Status::Ok();
  };
  auto ensure_account = [&](const std::string& id)
                            TEND_REQUIRES(write_mu_) -> Result<store::AccountRecord*> {
    if (auto* a = account_record(id)) return a;
    TEND_ASSIGN_OR_RETURN(bool created, store_->InsertAccountIfMissing(id, id));
    (void)created;
    new_accounts = true;
    store::AccountRecord a;
    a.account_id = id;
    a.name = id;
    return &(accounts[id] = std::move(a));
  };
  auto group_of = [&](const std::string& user) TEND_REQUIRES(write_mu_) -> Result<std::string> {
    if (auto it = user_groups_.find(user); it != user_groups_.end()) return it->second;
    TEND_ASSIGN_OR_RETURN(auto g, store_->GetUserGroup(user));
    if (!g) return std::string();
    user_groups_[user] = *g;
    return *g;
  };
  std::set<std::string> changed_accounts;
  std::vector<std::pair<std::string, std::string>> group_updates;  // user -> account
  std::vector<std::string> milestone_accounts;                     // their champions moved
  // An identify's traits on the user's contact at `account`.
  auto identify = [&](const ingest::SegmentMessage& m, const std::string& account)
                      TEND_REQUIRES(write_mu_) -> Status {
    TEND_RETURN_IF_ERROR(ensure_known(account));
    TEND_ASSIGN_OR_RETURN(auto existing, store_->GetContact(m.user_id));
    store::ContactRecord c = existing ? *existing : store::ContactRecord{};
    c.contact_id = m.user_id;
    bool moved = c.account_id != account;
    c.account_id = account;
    if (ApplyIdentifyTraits(m, &c) || moved || !existing) {
      TEND_RETURN_IF_ERROR(store_->UpsertContact(c));
      ++report.identified;
    }
    return Status::Ok();
  };
  TEND_RETURN_IF_ERROR(store_->Begin());
  auto durable = [&]() TEND_REQUIRES(write_mu_) -> Status {
    report.outcomes.assign(batch.messages.size(), {});
    for (size_t k = 0; k < batch.messages.size(); ++k) {
      const ingest::SegmentMessage& m = batch.messages[k];
      IngestReport::Outcome& outcome = report.outcomes[k];
      if (!m.message_id.empty()) {
        if (!seen_ids.insert(m.message_id).second) {
          ++report.duplicates;
          outcome.what = "duplicate";
          continue;
        }
        TEND_ASSIGN_OR_RETURN(bool fresh, store_->InsertMessageId(m.message_id));
        if (!fresh) {
          ++report.duplicates;
          outcome.what = "duplicate";
          continue;
        }
      }
      std::string account = m.group_id;
      if (m.type == ingest::SegmentType::kGroup) {
        if (account.empty()) {
          ++report.skipped;
          continue;
        }
        TEND_ASSIGN_OR_RETURN(store::AccountRecord * a, ensure_account(account));
        if (ApplyGroupTraits(m, a)) {
          TEND_RETURN_IF_ERROR(store_->UpsertAccount(*a));
          changed_accounts.insert(account);
        }
        ++report.grouped;
        outcome = {account, "grouped"};
        TEND_RETURN_IF_ERROR(store_->SetUserGroup(m.user_id, account));
        group_updates.emplace_back(m.user_id, account);
        user_groups_[m.user_id] = account;
        TEND_ASSIGN_OR_RETURN(auto waiting, store_->AttributeJournal(m.user_id, account));
        for (auto& e : waiting) events[account].push_back(std::move(e));
        // Identify calls that came before this first group call, in their order.
        TEND_ASSIGN_OR_RETURN(auto held, store_->TakeHeldIdentifies(m.user_id));
        for (const auto& h : held) {
          ingest::SegmentMessage im;
          im.type = ingest::SegmentType::kIdentify;
          im.user_id = m.user_id;
          im.ts = h.ts;
          im.traits = DecodeTraits(h.traits);
          TEND_RETURN_IF_ERROR(identify(im, account));
          ++report.released;
        }
        continue;
      }
      if (account.empty()) {
        TEND_ASSIGN_OR_RETURN(account, group_of(m.user_id));
      }
      if (m.type == ingest::SegmentType::kIdentify) {
        if (account.empty()) {
          // A contact needs an account: held until the user's group call names it.
          store::HeldIdentifyRecord h;
          h.user_id = m.user_id;
          h.ts = m.ts;
          h.received_at = now;
          h.traits = EncodeTraits(m.traits);
          TEND_RETURN_IF_ERROR(store_->HoldIdentify(h));
          ++report.held;
          outcome.what = "held";
          continue;
        }
        TEND_RETURN_IF_ERROR(identify(m, account));
        outcome = {account, "identified"};
        continue;
      }
      store::JournalEvent e;
      e.account_id = account;
      e.user_id = m.user_id;
      e.event = m.event;
      e.ts = m.ts;
      if (!account.empty()) TEND_RETURN_IF_ERROR(ensure_known(account));
      TEND_ASSIGN_OR_RETURN(e.seq, store_->AppendJournal(e));
      ++report.accepted;
      outcome = {account, account.empty() ? "unattributed" : "accepted"};
      if (account.empty()) {
        ++report.unattributed;
      } else {
        events[account].push_back(std::move(e));
      }
    }
    if (report.identified > 0) {
      // Contacts whose title or company changed: milestones, and CTAs for champions.
      TEND_ASSIGN_OR_RETURN(milestone_accounts, advocacy::ProcessMilestones(*store_, "segment"));
    }
    return Status::Ok();
  };
  if (Status st = durable(); !st.ok()) {
    (void)store_->Rollback();
    user_groups_.clear();  // may hold this batch's groups
    return st;
  }
  TEND_RETURN_IF_ERROR(store_->Commit());
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

  std::vector<store::ContactChangeRecord> contact_changes;
  if (!milestone_accounts.empty()) {
    TEND_ASSIGN_OR_RETURN(contact_changes, store_->ListContactChanges(false));
  }
  // 2. In memory: new events and account records, then re-score and run the rules.
  std::vector<size_t> rows;
  {
    WriterLock l(&mu_);
    metrics::WorkspaceData& data = session_->data();
    std::set<size_t> touched;
    for (const auto& [account, list] : events) {
      auto i = data.Index(account);
      if (!i) continue;  // a new account: the reload below brings it in
      std::vector<metrics::WorkspaceData::NewEvent> ne;
      ne.reserve(list.size());
      for (const auto& e : list) ne.push_back({e.ts, e.user_id, e.event});
      data.AddEvents(*i, ne);
      touched.insert(*i);
    }
    if (!milestone_accounts.empty()) {
      data.SetChampionMoves(contact_changes);
      for (const auto& id : milestone_accounts) {
        if (auto i = data.Index(id)) touched.insert(*i);
      }
    }
    for (const auto& id : changed_accounts) {
      if (auto i = data.Index(id)) {
        data.SetAccount(*i, accounts[id]);
        touched.insert(*i);
      }
    }
    rows.assign(touched.begin(), touched.end());
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
  if (new_accounts) {
    // New accounts change the dense account index: load everything again (rare), before
    // another writer comes in.
    TEND_RETURN_IF_ERROR(ReloadLocked(false));
  }
  return report;
}

}  // namespace tend::api
