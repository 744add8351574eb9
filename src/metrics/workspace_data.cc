#include "metrics/workspace_data.h"

#include <algorithm>
#include <cstring>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "definitions/activity_types.h"

namespace tend::metrics {

SurveyType ParseSurveyType(std::string_view s) {
  if (s == "nps") return SurveyType::kNps;
  if (s == "csat") return SurveyType::kCsat;
  if (s == "advocacy_nps") return SurveyType::kAdvocacyNps;
  return SurveyType::kOther;
}

uint8_t ParsePriority(std::string_view s) {
  if (s == "low") return 0;
  if (s == "normal") return 1;
  if (s == "high") return 2;
  if (s == "urgent") return 3;
  return 255;
}

uint8_t ParseContactRole(std::string_view s) {
  if (s == "champion") return 0;
  if (s == "decision_maker") return 1;
  if (s == "user") return 2;
  if (s == "admin") return 3;
  return 255;
}

std::optional<size_t> WorkspaceData::Index(std::string_view account_id) const {
  uint32_t i = index_.Find(account_id);
  if (i == StringIndex::kNotFound) return std::nullopt;
  return i;
}

std::optional<uint32_t> WorkspaceData::EventId(std::string_view name) const {
  uint32_t i = event_index_.Find(name);
  if (i == StringIndex::kNotFound) return std::nullopt;
  return i;
}

uint32_t WorkspaceData::InternEventName(std::string_view name) {
  bool inserted;
  uint32_t id = event_index_.Insert(name, &inserted);
  if (inserted) event_names_.emplace_back(name);
  return id;
}

std::optional<EpochDay> WorkspaceData::LatestEventDay() const {
  std::optional<EpochDay> best;
  for (const UsageView& u : views_) {
    if (auto t = u.last_event()) {
      EpochDay d = DayOf(*t);
      if (!best || d > *best) best = d;
    }
  }
  return best;
}

void WorkspaceData::SetSurveys(size_t i, const std::vector<store::SurveyRecord>& surveys) {
  auto& v = surveys_[i];
  v.clear();
  for (const auto& r : surveys) v.push_back({r.ts, ParseSurveyType(r.survey), r.score});
  std::stable_sort(v.begin(), v.end(),
                   [](const SurveyFact& a, const SurveyFact& b) { return a.ts < b.ts; });
}

void WorkspaceData::SetTickets(size_t i, const std::vector<store::TicketRecord>& tickets) {
  auto& v = tickets_[i];
  v.clear();
  for (const auto& t : tickets) {
    v.push_back({t.opened_at, t.closed_at, ParsePriority(t.priority), t.status == "open", t.csat});
  }
}

void WorkspaceData::AddActivityFact(size_t i, ActivityFact f) {
  auto& v = activities_[i];
  auto at = std::upper_bound(v.begin(), v.end(), f.ts,
                             [](EpochMs ts, const ActivityFact& a) { return ts < a.ts; });
  v.insert(at, f);
}

void WorkspaceData::AddEvent(size_t i, EpochMs ts, std::string_view user_id,
                             std::string_view event) {
  NewEvent e{ts, user_id, event};
  AddEvents(i, std::span<const NewEvent>(&e, 1));
}

void WorkspaceData::AddEvents(size_t i, std::span<const NewEvent> events) {
  auto& c = changed_[i];
  if (!c) {
    c = std::make_unique<Changed>();
    c->usage = AccountUsage::FromView(views_[i]);
  }
  for (const NewEvent& e : events) {
    uint32_t id = InternEventName(e.event);
    c->usage.AddEvent(e.ts, c->usage.FindOrAddUser(e.user_id), id);
  }
  std::string blob = c->usage.Serialize();
  c->blob.assign((blob.size() + 7) / 8, 0);
  std::memcpy(c->blob.data(), blob.data(), blob.size());
  auto view =
      UsageView::Open(std::string_view(reinterpret_cast<const char*>(c->blob.data()), blob.size()));
  TEND_DCHECK(view.ok(), "a freshly encoded usage state does not open");
  views_[i] = *view;
}

Result<WorkspaceData> WorkspaceData::Load(store::Store& store) {
  WorkspaceData w;
  // The usage blobs (most of the bytes) are read on a second connection and thread while
  // this one reads accounts, surveys, tickets and activities.
  TEND_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> reader, store.OpenAnother());
  struct Blob {
    std::string account_id;
    const char* data;
    size_t size;
  };
  std::vector<Blob> blobs;
  Status usage_status, contacts_status;
  std::promise<void> accounts_ready;
  std::shared_future<void> accounts_future = accounts_ready.get_future().share();
  std::thread usage_thread([&] {
    constexpr size_t kBlockWords = (16 << 20) / 8;
    size_t used = kBlockWords;  // words used in the current block
    usage_status = reader->ForEachUsage([&](std::string_view id, std::string_view blob) -> Status {
      size_t words = (blob.size() + 7) / 8;
      uint64_t* dst;
      if (words > kBlockWords) {
        w.blocks_.emplace_back(new uint64_t[words]);
        dst = w.blocks_.back().get();
      } else {
        if (used + words > kBlockWords) {
          w.blocks_.emplace_back(new uint64_t[kBlockWords]);
          used = 0;
        }
        dst = w.blocks_.back().get() + used;
        used += words;
      }
      if (words) dst[words - 1] = 0;
      std::memcpy(dst, blob.data(), blob.size());
      blobs.push_back({std::string(id), reinterpret_cast<const char*>(dst), blob.size()});
      return Status::Ok();
    });
    // Then the contacts' roles, once the accounts are indexed, so the two connections share
    // the reading evenly.
    accounts_future.wait();
    if (w.contact_roles_.size() != w.accounts_.size()) return;  // the facts failed to load
    std::string last_id;
    std::optional<size_t> last;
    contacts_status =
        reader->ForEachContactRole([&](std::string_view account, std::string_view role) {
          if (account != last_id) {
            last_id.assign(account);
            last = w.Index(account);
          }
          if (last) w.contact_roles_[*last].push_back(ParseContactRole(role));
        });
  });
  bool signalled = false;
  auto signal = [&] {
    if (signalled) return;
    signalled = true;
    accounts_ready.set_value();
  };
  Status st = w.LoadFacts(store, signal);
  signal();  // also when LoadFacts failed early: the thread must not wait forever
  usage_thread.join();
  TEND_RETURN_IF_ERROR(st);
  TEND_RETURN_IF_ERROR(contacts_status);
  TEND_RETURN_IF_ERROR(usage_status);
  for (const Blob& b : blobs) {
    auto i = w.Index(b.account_id);
    if (!i) continue;
    TEND_ASSIGN_OR_RETURN(w.views_[*i], UsageView::Open(std::string_view(b.data, b.size)));
    for (const FeatureEntry& f : w.views_[*i].features()) {
      if (f.event_id >= w.event_names_.size()) {
        return DataLoss("metrics.badEventId", "usage state names an unknown event id");
      }
    }
  }
  // Events the server received and has not yet folded into the stored states, grouped by
  // account so each state is encoded once.
  std::unordered_map<size_t, std::vector<store::JournalEvent>> journal;
  TEND_RETURN_IF_ERROR(store.ForEachJournalEvent([&](const store::JournalEvent& e) {
    if (auto i = w.Index(e.account_id)) journal[*i].push_back(e);
    return Status::Ok();
  }, 0));
  for (const auto& [i, list] : journal) {
    std::vector<NewEvent> events;
    events.reserve(list.size());
    for (const auto& e : list) events.push_back({e.ts, e.user_id, e.event});
    w.AddEvents(i, events);
  }
  return w;
}

Status WorkspaceData::LoadFacts(store::Store& store, const std::function<void()>& accounts_ready) {
  WorkspaceData& w = *this;
  TEND_ASSIGN_OR_RETURN(w.accounts_, store.LoadAccounts());
  for (const auto& a : w.accounts_) w.index_.Insert(a.account_id);
  size_t n = w.accounts_.size();
  w.views_.resize(n);
  w.surveys_.resize(n);
  w.tickets_.resize(n);
  w.activities_.resize(n);
  w.contact_roles_.resize(n);
  accounts_ready();
  TEND_RETURN_IF_ERROR(w.LoadRevenue(store));
  TEND_ASSIGN_OR_RETURN(w.attribute_defs_, store.LoadAttributeDefs());
  for (int t = 0; t < 2; ++t) {
    auto loaded = store.LoadLatestPredictions(t == 0 ? "churn" : "advocate");
    if (!loaded.ok() && loaded.status().code() == ErrorCode::kDataLoss) {
      return DataLoss("metrics.badPredictions",
                      "stored predictions are damaged; run tend predict score again");
    }
    TEND_ASSIGN_OR_RETURN(std::optional<store::PredictionSet> set, std::move(loaded));
    if (!set) continue;
    w.predictions_[t].assign(n, std::nullopt);
    for (const store::PredictedAccount& a : set->accounts) {
      if (auto i = w.Index(a.account_id)) w.predictions_[t][*i] = a.probability;
    }
  }
  TEND_ASSIGN_OR_RETURN(auto advocates, store.ListAdvocates());
  w.SetAdvocates(advocates);
  TEND_ASSIGN_OR_RETURN(auto changes, store.ListContactChanges(false));
  w.SetChampionMoves(changes);
  TEND_ASSIGN_OR_RETURN(auto blockers, store.CountOpenBlockerRequests());
  w.SetOpenBlockerRequests(blockers);
  TEND_ASSIGN_OR_RETURN(std::vector<std::string> names, store.LoadEventNames());
  for (const auto& name : names) w.InternEventName(name);
  // Rows come in account order: look each account up once per run.
  std::string last_id;
  std::optional<size_t> last;
  auto index = [&](std::string_view id) {
    if (id != last_id) {
      last_id.assign(id);
      last = w.Index(id);
    }
    return last;
  };
  TEND_RETURN_IF_ERROR(store.ForEachSurveyFact(
      [&](std::string_view account, EpochMs ts, std::string_view survey, double score) {
        if (auto i = index(account)) w.surveys_[*i].push_back({ts, ParseSurveyType(survey), score});
      }));
  TEND_RETURN_IF_ERROR(store.ForEachTicket([&](const store::TicketRecord& t) {
    if (auto i = index(t.account_id)) {
      w.tickets_[*i].push_back(
          {t.opened_at, t.closed_at, ParsePriority(t.priority), t.status == "open", t.csat});
    }
  }));
  TEND_RETURN_IF_ERROR(
      store.ForEachActivityFact([&](std::string_view account, EpochMs ts, std::string_view type) {
        if (auto i = index(account))
          w.activities_[*i].push_back({ts, definitions::ParseActivityType(type)});
      }));
  return Status::Ok();
}

std::string_view WorkspaceData::AdvocacyTierName(uint8_t t) {
  static constexpr std::string_view kNames[] = {"", "reference_network", "case_study",
                                                "event_speaking", "advisory_board"};
  return t < 5 ? kNames[t] : "";
}

Status WorkspaceData::LoadRevenue(store::RevenueStore& store) {
  TEND_ASSIGN_OR_RETURN(auto subscriptions, store.LoadSubscriptions());
  TEND_ASSIGN_OR_RETURN(auto edits, store.LoadRenewals());
  std::vector<std::vector<store::SubscriptionRecord>> by_account(accounts_.size());
  for (auto& s : subscriptions) {
    if (auto i = Index(s.account_id)) by_account[*i].push_back(std::move(s));
  }
  revenue_.clear();
  revenue_.reserve(accounts_.size());
  for (size_t i = 0; i < accounts_.size(); ++i) {
    revenue_.emplace_back(accounts_[i], std::move(by_account[i]), edits);
  }
  return Status::Ok();
}

void WorkspaceData::SetRevenue(size_t i, std::vector<store::SubscriptionRecord> subscriptions,
                               const std::vector<store::RenewalRecord>& edits) {
  revenue_[i] = revenue::AccountRevenue(accounts_[i], std::move(subscriptions), edits);
}

void WorkspaceData::SetAdvocates(const std::vector<store::AdvocateRecord>& advocates) {
  advocacy_.assign(accounts_.size(), Advocacy{});
  for (const auto& a : advocates) {
    if (a.status != "active") continue;
    auto i = Index(a.account_id);
    if (!i) continue;
    Advocacy& x = advocacy_[*i];
    ++x.active;
    for (uint8_t t = 1; t < 5; ++t) {
      if (a.tier == AdvocacyTierName(t)) x.tier = std::max(x.tier, t);
    }
  }
}

std::vector<size_t> WorkspaceData::SetOpenBlockerRequests(
    const std::vector<std::pair<std::string, int64_t>>& counts) {
  std::vector<int64_t> next(accounts_.size(), 0);
  for (const auto& [account_id, n] : counts) {
    if (auto i = Index(account_id)) next[*i] = n;
  }
  std::vector<size_t> changed;
  for (size_t i = 0; i < next.size(); ++i) {
    if (next[i] != open_blocker_requests(i)) changed.push_back(i);
  }
  open_blockers_ = std::move(next);
  return changed;
}

std::optional<EpochDay> WorkspaceData::ChampionMove(size_t i, bool left, EpochDay d) const {
  const auto& m = left ? champion_left_ : champion_arrived_;
  auto it = m.find(i);
  if (it == m.end()) return std::nullopt;
  std::optional<EpochDay> best;
  for (EpochDay x : it->second) {
    if (x <= d && (!best || x > *best)) best = x;
  }
  return best;
}

void WorkspaceData::SetChampionMoves(const std::vector<store::ContactChangeRecord>& changes) {
  champion_left_.clear();
  champion_arrived_.clear();
  for (const auto& c : changes) {
    if (c.kind != "company" || !c.processed || !c.champion) continue;
    if (auto i = Index(c.old_account_id)) champion_left_[*i].push_back(DayOf(c.ts));
    if (auto i = Index(c.new_account_id)) champion_arrived_[*i].push_back(DayOf(c.ts));
  }
}

}  // namespace tend::metrics
