// HealthSession: a workspace loaded for scoring: its compiled definitions, its data in
// memory and a HealthEngine over them. What `tend score`, `tend rules` and the server use.
//
// Failures (Status): kFailedPrecondition "scorecard.noDefinitions" when nothing was applied;
// kInvalidArgument when the stored definitions no longer compile against the workspace
// (e.g. a custom attribute they name was never imported); store errors as they come.
#ifndef TEND_SCORECARD_HEALTH_SESSION_H_
#define TEND_SCORECARD_HEALTH_SESSION_H_

#include <memory>
#include <optional>

#include "common/result.h"
#include "definitions/definitions.h"
#include "metrics/workspace_data.h"
#include "scorecard/health_engine.h"
#include "store/store.h"

namespace tend::scorecard {

// Loads and compiles the definitions stored in the workspace.
Result<definitions::Definitions> LoadDefinitions(store::Store& store, bool allow_empty = false);

class HealthSession {
 public:
  // With `allow_empty`, a workspace without definitions opens too (no scorecards, no rules),
  // as the server needs.
  static Result<std::unique_ptr<HealthSession>> Open(store::Store& store,
                                                     bool allow_empty = false);

  // Refreshes all accounts as of `as_of` (default: the day of the latest event, else today),
  // reading the overall 7 and 30 days earlier from history for the trends. With
  // `save_history`, stores each active account's result for that day.
  Status Refresh(std::optional<EpochDay> as_of, bool save_history);
  // Stores the last refresh's results in the history (what Refresh does with save_history),
  // with timeline entries for color changes. REQUIRES: Refresh ran (with save_history false,
  // the color changes are not known and none are logged). Reads the engine's columns only,
  // so a caller may print results on another thread meanwhile.
  Status SaveHistory();

  // The scorecard named `name`, or the default one (named "health", else the first).
  Result<const ScorecardDef*> FindScorecard(std::string_view name) const;
  // Indexes of the accounts whose status is active, in account_id order.
  std::vector<size_t> ActiveAccounts() const;

  HealthEngine& engine() { return *engine_; }
  const definitions::Definitions& defs() const { return *defs_; }
  metrics::WorkspaceData& data() { return *data_; }
  store::Store& store() { return store_; }

 private:
  explicit HealthSession(store::Store& store) : store_(store) {}
  store::Store& store_;
  std::unique_ptr<definitions::Definitions> defs_;
  std::unique_ptr<metrics::WorkspaceData> data_;
  std::unique_ptr<HealthEngine> engine_;
  std::vector<store::ScoreHistoryRecord> prev_colors_;  // the last stored day's colors
};

}  // namespace tend::scorecard

#endif  // TEND_SCORECARD_HEALTH_SESSION_H_
