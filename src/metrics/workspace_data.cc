#include "metrics/workspace_data.h"

#include <algorithm>

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

const std::vector<std::string>& ActivityTypes() {
  static const std::vector<std::string> kTypes = {
      "meeting",        "call",           "email",      "qbr",
      "note",           "beta_response",  "community_post", "social_mention",
      "reference_call", "case_study",     "speaking",   "advisory_board"};
  return kTypes;
}

uint8_t ParseActivityType(std::string_view s) {
  const auto& types = ActivityTypes();
  for (size_t i = 0; i < types.size(); ++i) {
    if (types[i] == s) return static_cast<uint8_t>(i);
  }
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
  if (inserted) {
    event_names_.emplace_back(name);
    feature_days_.emplace_back();
  }
  return id;
}

std::optional<EpochDay> WorkspaceData::LatestEventDay() const {
  std::optional<EpochDay> best;
  for (const AccountUsage& u : usage_) {
    if (auto t = u.last_event()) {
      EpochDay d = DayOf(*t);
      if (!best || d > *best) best = d;
    }
  }
  return best;
}

void WorkspaceData::AddEvent(size_t i, EpochMs ts, std::string_view user_id,
                             std::string_view event) {
  uint32_t e = InternEventName(event);
  AccountUsage& u = usage_[i];
  u.AddEvent(ts, u.FindOrAddUser(user_id), e);
  feature_days_[e].Set(DayOf(ts));
  workspace_totals_.Add(DayOf(ts));
}

Result<WorkspaceData> WorkspaceData::Load(store::Store& store) {
  WorkspaceData w;
  TEND_ASSIGN_OR_RETURN(w.accounts_, store.LoadAccounts());
  for (const auto& a : w.accounts_) w.index_.Insert(a.account_id);
  size_t n = w.accounts_.size();
  w.usage_.resize(n);
  w.surveys_.resize(n);
  w.tickets_.resize(n);
  w.activities_.resize(n);
  TEND_ASSIGN_OR_RETURN(w.attribute_defs_, store.LoadAttributeDefs());
  TEND_ASSIGN_OR_RETURN(std::vector<std::string> names, store.LoadEventNames());
  for (const auto& name : names) w.InternEventName(name);
  TEND_RETURN_IF_ERROR(store.ForEachUsage([&w](std::string_view id, std::string_view blob) -> Status {
    auto i = w.Index(id);
    if (!i) return Status::Ok();
    TEND_ASSIGN_OR_RETURN(w.usage_[*i], AccountUsage::Deserialize(blob));
    return Status::Ok();
  }));
  for (const AccountUsage& u : w.usage_) {
    for (const DayCount& e : u.totals().entries()) w.workspace_totals_.Add(e.day, e.count);
    for (const FeatureUsage& f : u.features()) {
      if (f.event_id >= w.feature_days_.size()) {
        return DataLoss("metrics.badEventId", "usage state names an unknown event id");
      }
      for (const DayCount& e : f.days.entries()) w.feature_days_[f.event_id].Set(e.day);
    }
  }
  TEND_ASSIGN_OR_RETURN(auto surveys, store.LoadSurveys());
  for (const auto& s : surveys) {
    if (auto i = w.Index(s.account_id)) {
      w.surveys_[*i].push_back({s.ts, ParseSurveyType(s.survey), s.score});
    }
  }
  TEND_RETURN_IF_ERROR(store.ForEachTicket([&w](const store::TicketRecord& t) {
    if (auto i = w.Index(t.account_id)) {
      w.tickets_[*i].push_back({t.opened_at, t.closed_at, ParsePriority(t.priority),
                                t.status == "open", t.csat});
    }
  }));
  TEND_RETURN_IF_ERROR(store.ForEachActivityFact(
      [&w](std::string_view account, EpochMs ts, std::string_view type) {
        if (auto i = w.Index(account)) w.activities_[*i].push_back({ts, ParseActivityType(type)});
      }));
  for (auto& list : w.activities_) {
    std::sort(list.begin(), list.end(),
              [](const ActivityFact& a, const ActivityFact& b) { return a.ts < b.ts; });
  }
  return w;
}

}  // namespace tend::metrics
