// Plain records of the history store. Applied definitions, score history, overrides, daily
// summaries and saved views (see history_store.h). Text fields that are empty mean "not given" and
// are stored as NULL where the schema allows; dates are epoch days, times epoch ms.
#ifndef TEND_STORE_HISTORY_RECORDS_H_
#define TEND_STORE_HISTORY_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "common/time.h"

namespace tend::store {

// One applied definitions file (YAML), as `tend apply` stored it.
struct DefinitionFileRecord {
  std::string path;
  std::string content;
  EpochMs applied_at = 0;
};

// One account's scorecard result on one day. `measures` is JSON:
// {"<measure>": {"value": <value or null>, "score": <score or null>}, ...}.
struct ScoreHistoryRecord {
  std::string scorecard, account_id;
  EpochDay day;
  std::optional<double> overall;
  std::string color;  // empty when N/A
  std::string measures;
};

// A person's score for a measure of an account, with who, when and why.
struct OverrideRecord {
  int64_t override_id = 0;
  std::string scorecard, measure, account_id;
  std::optional<double> score;  // nullopt clears earlier overrides
  std::string comment, author;
  EpochMs created_at = 0;
};

// One scorecard's summary on one day (score_daily).
struct DailySummaryRecord {
  std::string scorecard;
  EpochDay day = 0;
  int64_t accounts = 0;
  std::optional<double> average;
  int64_t red = 0, yellow = 0, green = 0;
  double arr_red = 0, arr_yellow = 0, arr_total = 0;
};

struct SavedViewRecord {
  int64_t view_id = 0;
  int64_t user_id = 0;
  std::string name, query;
  EpochMs created_at = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_HISTORY_RECORDS_H_
