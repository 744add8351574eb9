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
// Two forms: AccountUsage is the mutable form (import, new events); the stored blob is a
// flat, 8-byte-aligned layout that UsageView reads in place, without decoding, so loading a
// workspace for scoring is a copy of bytes and a refresh touches only the bytes it needs.
// Serialize() writes the blob; UsageView::Open and AccountUsage::Deserialize read it and
// report damage through the Status channel (kDataLoss).
#ifndef TEND_METRICS_USAGE_STATE_H_
#define TEND_METRICS_USAGE_STATE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace tend::metrics {

class UsageView;

struct DayCount {
  EpochDay day;
  uint32_t count;
};

// Queries over a sorted run of (day, count) entries.
uint64_t SeriesSum(std::span<const DayCount> e, EpochDay lo, EpochDay hi);
int SeriesDaysWithAny(std::span<const DayCount> e, EpochDay lo, EpochDay hi);
bool SeriesAny(std::span<const DayCount> e, EpochDay lo, EpochDay hi);
std::optional<EpochDay> SeriesLastOnOrBefore(std::span<const DayCount> e, EpochDay d);

// Queries over a day bitmap of `n` 64-day words starting at word `first_word`
// (word w covers days [64w, 64w + 63]).
bool BitsAny(int32_t first_word, const uint64_t* words, size_t n, EpochDay lo, EpochDay hi);
int BitsCount(int32_t first_word, const uint64_t* words, size_t n, EpochDay lo, EpochDay hi);

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
  // Adds `event_id` as a new feature and returns its index, without searching.
  // REQUIRES: event_id is not among features() (the caller keeps its own index).
  uint32_t AppendFeature(uint32_t event_id);
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
  static AccountUsage FromView(const UsageView& view);

 private:
  std::vector<UserUsage> users_;
  std::vector<FeatureUsage> features_;
  uint32_t last_feature_ = 0;  // a cache for Feature(): consecutive events often repeat it
  DaySeries totals_;
  uint64_t events_ = 0;
  EpochMs last_event_ms_ = 0;
};

struct FeatureEntry {
  uint32_t event_id;
  uint32_t offset;  // index of the first entry in the feature entries
  uint32_t count;   // number of entries
  uint32_t reserved;
};

// A read-only view of a stored usage blob. The blob must be 8-byte aligned and outlive the
// view. All accessors are O(1); queries cost what they read.
class UsageView {
 public:
  friend class AccountUsage;
  UsageView() = default;  // an account without events
  // Checks the blob's layout. kDataLoss when it is damaged; kInvalidArgument when misaligned.
  static Result<UsageView> Open(std::string_view blob);

  uint64_t events() const { return events_; }
  std::optional<EpochMs> last_event() const {
    return events_ ? std::optional<EpochMs>(last_event_ms_) : std::nullopt;
  }
  std::span<const DayCount> totals() const { return {totals_, n_totals_}; }
  std::span<const FeatureEntry> features() const { return {features_, n_features_}; }
  std::span<const DayCount> feature_days(const FeatureEntry& f) const {
    return {feature_entries_ + f.offset, f.count};
  }
  size_t users() const { return n_users_; }
  // Whether user `u` was active on a day in lo..hi.
  bool UserActive(size_t u, EpochDay lo, EpochDay hi) const {
    return BitsAny(user_first_word_, user_bits_ + u * user_words_, user_words_, lo, hi);
  }
  std::string_view user_id(size_t u) const {
    return {user_ids_ + user_offsets_[u], user_offsets_[u + 1] - user_offsets_[u]};
  }

 private:
  uint64_t events_ = 0;
  EpochMs last_event_ms_ = 0;
  const DayCount* totals_ = nullptr;
  size_t n_totals_ = 0;
  const FeatureEntry* features_ = nullptr;
  size_t n_features_ = 0;
  const DayCount* feature_entries_ = nullptr;
  size_t n_users_ = 0;
  int32_t user_first_word_ = 0;
  size_t user_words_ = 0;
  const uint64_t* user_bits_ = nullptr;
  const uint32_t* user_offsets_ = nullptr;
  const char* user_ids_ = nullptr;
};

}  // namespace tend::metrics

#endif  // TEND_METRICS_USAGE_STATE_H_
