// The compact, incremental product-usage state of one account.
//
// tend does not keep one row per raw event. Each account keeps, per UTC day:
//   - the number of events in total and per event name (DaySeries: sorted (day, count)),
//   - for each user, a bitmap of the days on which the user was active (DayBits),
//   - the time of its latest event.
// That answers every windowed usage metric exactly (event counts, distinct users, distinct
// features, active days, days since last event) for any window of whole days, costs O(1) to
// update per event (events arrive mostly in time order), and costs O(users + features) per
// account to evaluate, independent of how many raw events there were.
//
// Serialize()/Deserialize() give the stored form (a little-endian binary blob with a
// version byte); Deserialize reports damage through the Status channel (kDataLoss).
#ifndef TEND_METRICS_USAGE_STATE_H_
#define TEND_METRICS_USAGE_STATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace tend::metrics {

struct DayCount {
  EpochDay day;
  uint32_t count;
};

// Event counts per day, sorted by day, one entry per day with a count above zero.
class DaySeries {
 public:
  // Adds `n` events on `day`. O(1) when `day` is not before the last day present.
  void Add(EpochDay day, uint32_t n = 1);
  // Total count on days lo..hi (inclusive).
  uint64_t Sum(EpochDay lo, EpochDay hi) const;
  // Number of days in lo..hi with at least one event.
  int DaysWithAny(EpochDay lo, EpochDay hi) const;
  bool Any(EpochDay lo, EpochDay hi) const;
  // The latest day with events on or before `d`.
  std::optional<EpochDay> LastOnOrBefore(EpochDay d) const;
  bool empty() const { return entries_.empty(); }
  const std::vector<DayCount>& entries() const { return entries_; }
  std::vector<DayCount>& mutable_entries() { return entries_; }

 private:
  // Index of the first entry with day >= d.
  size_t LowerBound(EpochDay d) const;
  std::vector<DayCount> entries_;
};

// A set of days as a bitmap of 64-day words; word w covers days [64w, 64w + 63].
class DayBits {
 public:
  void Set(EpochDay day);
  bool Any(EpochDay lo, EpochDay hi) const;
  int Count(EpochDay lo, EpochDay hi) const;
  // The latest day in the set on or before `d`.
  std::optional<EpochDay> LastOnOrBefore(EpochDay d) const;
  bool empty() const { return words_.empty(); }
  int32_t first_word() const { return first_word_; }
  const std::vector<uint64_t>& words() const { return words_; }
  void Assign(int32_t first_word, std::vector<uint64_t> words) {
    first_word_ = first_word;
    words_ = std::move(words);
  }

 private:
  int32_t first_word_ = 0;
  std::vector<uint64_t> words_;
};

struct UserUsage {
  std::string user_id;
  DayBits days;
};

struct FeatureUsage {
  uint32_t event_id;  // id in the workspace's event-name dictionary
  DaySeries days;
};

class AccountUsage {
 public:
  // Records one event. `user_slot` is the index of the user in users() (see FindOrAddUser).
  void AddEvent(EpochMs ts, uint32_t user_slot, uint32_t event_id);
  // The index of `user_id` in users(), adding it when absent. O(users) the first time it is
  // called on an account (it builds no index: accounts have few users, and the importer keeps
  // its own index across accounts).
  uint32_t FindOrAddUser(std::string_view user_id);
  uint32_t AddUser(std::string_view user_id);
  FeatureUsage& Feature(uint32_t event_id);
  // The index of `event_id` in features(), adding it when absent.
  uint32_t FeatureIndex(uint32_t event_id);
  // Records one event by the indexes of its user and feature (the bulk importer's path).
  void AddEventAt(EpochMs ts, uint32_t user_slot, uint32_t feature_index);

  const std::vector<UserUsage>& users() const { return users_; }
  const std::vector<FeatureUsage>& features() const { return features_; }
  const DaySeries& totals() const { return totals_; }
  uint64_t events() const { return events_; }
  // The latest event's time; nullopt when there are no events.
  std::optional<EpochMs> last_event() const {
    return events_ ? std::optional<EpochMs>(last_event_ms_) : std::nullopt;
  }

  std::string Serialize() const;
  static Result<AccountUsage> Deserialize(std::string_view blob);

 private:
  std::vector<UserUsage> users_;
  std::vector<FeatureUsage> features_;
  uint32_t last_feature_ = 0;  // a cache for Feature(): consecutive events often repeat it
  DaySeries totals_;
  uint64_t events_ = 0;
  EpochMs last_event_ms_ = 0;
};

}  // namespace tend::metrics

#endif  // TEND_METRICS_USAGE_STATE_H_
