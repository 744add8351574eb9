// WorkspaceData: everything the metrics engine reads, loaded from the Store once and held
// in compact per-account form (usage states, survey/ticket/activity lists), indexed by a
// dense account index (accounts sorted by account_id).
//
// Usage states stay in their stored form: the blobs are copied into one aligned arena and
// read through UsageView, so loading costs a copy of bytes, not a decode. Raw events are
// never read (they live folded into usage states), except the server's journal of events
// not yet folded (store::JournalEvent), which Load() replays. AddEvent() keeps a loaded instance
// current when one event arrives: the account gets a mutable copy, re-encoded per event.
#ifndef TEND_METRICS_WORKSPACE_DATA_H_
#define TEND_METRICS_WORKSPACE_DATA_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "common/string_index.h"
#include "metrics/usage_state.h"
#include "revenue/account_revenue.h"
#include "store/store.h"

namespace tend::metrics {

enum class SurveyType : uint8_t { kNps, kCsat, kAdvocacyNps, kOther };
SurveyType ParseSurveyType(std::string_view s);

struct SurveyFact {
  EpochMs ts;
  SurveyType survey;
  double score;
};

struct TicketFact {
  std::optional<EpochMs> opened_at, closed_at;
  uint8_t priority;  // 0 low, 1 normal, 2 high, 3 urgent, 255 unknown
  bool open;         // status == open
  std::optional<double> csat;
};
uint8_t ParsePriority(std::string_view s);

struct ActivityFact {
  EpochMs ts;
  uint8_t type;  // index into definitions::ActivityTypes()
};

// champion 0, decision_maker 1, user 2, admin 3; anything else 255.
uint8_t ParseContactRole(std::string_view s);

class WorkspaceData {
 public:
  static Result<WorkspaceData> Load(store::Store& store);

  size_t size() const { return accounts_.size(); }
  const store::AccountRecord& account(size_t i) const { return accounts_[i]; }
  const UsageView& usage(size_t i) const { return views_[i]; }
  const std::vector<SurveyFact>& surveys(size_t i) const { return surveys_[i]; }
  const std::vector<TicketFact>& tickets(size_t i) const { return tickets_[i]; }
  const std::vector<ActivityFact>& activities(size_t i) const { return activities_[i]; }
  // The roles of the account's contacts, as ContactRole codes.
  const std::vector<uint8_t>& contact_roles(size_t i) const { return contact_roles_[i]; }
  const std::vector<store::AttributeDef>& attribute_defs() const { return attribute_defs_; }
  const std::vector<std::string>& event_names() const { return event_names_; }
  // The id of an event name, or nullopt when the workspace never saw it.
  std::optional<uint32_t> EventId(std::string_view name) const;
  uint32_t InternEventName(std::string_view name);

  // The latest stored prediction for account `i`: target 0 churn, 1 advocate (the
  // workspace_meta keys "predictions.churn" / "predictions.advocate" that `tend predict
  // score` writes: {"accounts": [{"account_id", "probability"}, ...]}).
  std::optional<double> Prediction(int target, size_t i) const {
    const auto& v = predictions_[target];
    return i < v.size() ? v[i] : std::nullopt;
  }

  // The account's place in the advocacy program: active advocates, and the highest tier among
  // them (0 none, 1 reference_network, 2 case_study, 3 event_speaking, 4 advisory_board).
  struct Advocacy {
    uint16_t active = 0;
    uint8_t tier = 0;
  };
  Advocacy advocacy(size_t i) const { return i < advocacy_.size() ? advocacy_[i] : Advocacy{}; }
  // Recomputes every account's Advocacy from the program's records.
  void SetAdvocates(const std::vector<store::AdvocateRecord>& advocates);
  // The name of tier code `t` ("" for 0).
  static std::string_view AdvocacyTierName(uint8_t t);

  // Champions moving: the days a champion left account `i` (left == true) or arrived at it
  // (from processed, champion company moves in Store::ListContactChanges). The latest such
  // day on or before `d`, or nullopt.
  std::optional<EpochDay> ChampionMove(size_t i, bool left, EpochDay d) const;
  // Replaces the champion moves with those in `changes`.
  void SetChampionMoves(const std::vector<store::ContactChangeRecord>& changes);

  // The account's revenue facts (subscriptions, derived ARR, renewals; revenue/).
  const revenue::AccountRevenue& revenue(size_t i) const { return revenue_[i]; }
  // Replaces account `i`'s revenue facts (from RevenueStore::ListSubscriptions / LoadRenewals).
  void SetRevenue(size_t i, std::vector<store::SubscriptionRecord> subscriptions,
                  const std::vector<store::RenewalRecord>& edits);
  // The number of open requests account `i` called a blocker (open_blocker_requests).
  int64_t open_blocker_requests(size_t i) const {
    return i < open_blockers_.size() ? open_blockers_[i] : 0;
  }
  // Replaces those counts with `counts` (Store::CountOpenBlockerRequests); returns the
  // accounts whose count changed.
  std::vector<size_t> SetOpenBlockerRequests(
      const std::vector<std::pair<std::string, int64_t>>& counts);

  // The dense index of `account_id`, or nullopt.
  std::optional<size_t> Index(std::string_view account_id) const;

  // The day of the latest event in the workspace; nullopt when there are no events.
  std::optional<EpochDay> LatestEventDay() const;

  // Replaces account `i`'s surveys or tickets (from Store::ListSurveys / ListTickets).
  void SetSurveys(size_t i, const std::vector<store::SurveyRecord>& surveys);
  void SetTickets(size_t i, const std::vector<store::TicketRecord>& tickets);
  // Adds an activity to account `i`'s facts (kept in time order).
  void AddActivityFact(size_t i, ActivityFact f);
  // Replaces the record of account `i` (same account_id).
  void SetAccount(size_t i, store::AccountRecord record) { accounts_[i] = std::move(record); }

  // Records one event for account `i` in its usage state. O(size of the account's state).
  void AddEvent(size_t i, EpochMs ts, std::string_view user_id, std::string_view event);
  struct NewEvent {
    EpochMs ts;
    std::string_view user_id, event;
  };
  // Records several events of account `i`, encoding its state once.
  void AddEvents(size_t i, std::span<const NewEvent> events);

 private:
  // Loads everything but the usage states and contact roles; calls `accounts_ready` as soon
  // as the accounts are indexed.
  Status LoadFacts(store::Store& store, const std::function<void()>& accounts_ready);
  // Loads every account's subscriptions and renewal edits into revenue_.
  Status LoadRevenue(store::RevenueStore& store);

  std::vector<store::AccountRecord> accounts_;
  StringIndex index_;
  // The stored blobs, 8-byte aligned, in blocks that never move once filled.
  std::vector<std::unique_ptr<uint64_t[]>> blocks_;
  std::vector<UsageView> views_;
  // Accounts changed since loading: their mutable state and its encoding.
  struct Changed {
    AccountUsage usage;
    std::vector<uint64_t> blob;
  };
  std::unordered_map<size_t, std::unique_ptr<Changed>> changed_;
  std::vector<std::vector<SurveyFact>> surveys_;
  std::vector<std::vector<TicketFact>> tickets_;
  std::vector<std::vector<ActivityFact>> activities_;
  std::vector<std::vector<uint8_t>> contact_roles_;
  std::vector<std::optional<double>> predictions_[2];
  std::vector<Advocacy> advocacy_;
  std::vector<int64_t> open_blockers_;
  std::unordered_map<size_t, std::vector<EpochDay>> champion_left_, champion_arrived_;
  std::vector<revenue::AccountRevenue> revenue_;
  std::vector<store::AttributeDef> attribute_defs_;
  std::vector<std::string> event_names_;
  StringIndex event_index_;
};

}  // namespace tend::metrics

#endif  // TEND_METRICS_WORKSPACE_DATA_H_
