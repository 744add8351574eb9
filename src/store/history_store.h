// HistoryStore: the durable state of one domain. What the workspace keeps about its own past and
// its people's choices: the definition files as applied, score history and overrides, daily
// summaries, saved views and the rule engine's state (which rules held for which accounts).
// A part of store::Store; failures and transactions as store.h says.
#ifndef TEND_STORE_HISTORY_STORE_H_
#define TEND_STORE_HISTORY_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/history_records.h"

namespace tend::store {

class HistoryStore {
 public:
  virtual ~HistoryStore() = default;

  // ---- Definitions (YAML files as applied) ----
  // Replaces the stored definition files with `files`.
  virtual Status ReplaceDefinitionFiles(const std::vector<DefinitionFileRecord>& files) = 0;
  virtual Result<std::vector<DefinitionFileRecord>> LoadDefinitionFiles() = 0;

  // ---- Score history and overrides ----
  // Upserts by (scorecard, account_id, day).
  virtual Status SaveScoreHistory(const std::vector<ScoreHistoryRecord>& rows) = 0;
  // All accounts' rows of `scorecard` on `day` (measures left empty when !with_measures).
  virtual Result<std::vector<ScoreHistoryRecord>> LoadScoresOnDay(std::string_view scorecard,
                                                                  EpochDay day,
                                                                  bool with_measures) = 0;
  // One account's rows, all scorecards, ordered by scorecard and day.
  virtual Result<std::vector<ScoreHistoryRecord>> LoadAccountHistory(
      std::string_view account_id) = 0;
  virtual Result<int64_t> AddOverride(const OverrideRecord& o) = 0;
  // Every override ever set, oldest first.
  virtual Result<std::vector<OverrideRecord>> LoadOverrides() = 0;

  // The latest day before `day` with stored scores of `scorecard`.
  virtual Result<std::optional<EpochDay>> LatestHistoryDayBefore(std::string_view scorecard,
                                                                 EpochDay day) = 0;

  // Upserts one day's summary; the summaries of `scorecard` from `from_day` on, by day.
  virtual Status SaveDailySummary(const DailySummaryRecord& summary) = 0;
  virtual Result<std::vector<DailySummaryRecord>> LoadDailySummaries(std::string_view scorecard,
                                                                     EpochDay from_day) = 0;

  // A user's saved views (by name), add one, delete one of theirs (kNotFound otherwise).
  virtual Result<std::vector<SavedViewRecord>> ListSavedViews(int64_t user_id) = 0;
  virtual Result<int64_t> InsertSavedView(const SavedViewRecord& view) = 0;
  virtual Status DeleteSavedView(int64_t user_id, int64_t view_id) = 0;

  // ---- Rules ----
  // The (rule, account) pairs whose condition held at the last run.
  virtual Result<std::vector<std::pair<std::string, std::string>>> LoadRuleState() = 0;
  // The same, for some accounts only.
  virtual Result<std::vector<std::pair<std::string, std::string>>> LoadRuleStateOf(
      const std::vector<std::string>& account_ids) = 0;
  virtual Status SetRuleState(std::string_view rule, std::string_view account_id, bool matched,
                              EpochMs since) = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_HISTORY_STORE_H_
