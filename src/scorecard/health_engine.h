// HealthEngine: computes every metric, measure and scorecard of a workspace's definitions
// for all accounts as of a day D, column by column, and re-scores one account after one
// event without touching the others.
//
// Names and their columns (one row per account of WorkspaceData, churned ones included):
//   attributes and metrics by name; for each scorecard S: S.<measure>.value, S.<measure>
//   (score), S.<group>, S.overall (rounded half-up to 2 decimals), S.color,
//   S.overall_change_7d and S.overall_change_30d (from SetPriorOverall).
//
// Refresh() costs O(accounts x definitions + users): it never reads raw events.
// RefreshAccount(i) recomputes row i only (microseconds); it returns false when a
// workspace-wide aggregate changed, in which case the caller runs Refresh().
//
// Not thread-safe. `defs` and `data` must outlive the engine.
#ifndef TEND_SCORECARD_HEALTH_ENGINE_H_
#define TEND_SCORECARD_HEALTH_ENGINE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/column.h"
#include "common/round.h"
#include "definitions/definitions.h"
#include "metrics/metric_eval.h"
#include "metrics/workspace_data.h"
#include "store/records.h"

namespace tend::scorecard {

using ::tend::RoundHalfUp;  // common/round.h

// The score of one value under a scheme (NULL when the value is NULL or matches nothing).
// `expression_score` is used for kExpression and computed by the caller.
std::optional<double> ScoreValue(const Scoring& scoring, const Column& value, size_t row);

class HealthEngine {
 public:
  HealthEngine(const definitions::Definitions& defs, metrics::WorkspaceData& data);
  ~HealthEngine();
  HealthEngine(const HealthEngine&) = delete;
  HealthEngine& operator=(const HealthEngine&) = delete;

  // Active overrides (the latest per account/scorecard/measure wins; a NULL score clears).
  void SetOverrides(const std::vector<store::OverrideRecord>& overrides);
  // The overall of `scorecard` `days_ago` days before D (7 or 30), per account index.
  void SetPriorOverall(const std::string& scorecard, int days_ago, Column prior);

  void Refresh(EpochDay d);
  // Recomputes what depends on the prior overalls (SetPriorOverall) after a Refresh: the
  // trend columns, and everything else too when a definition names a trend.
  void ApplyPriors();
  bool RefreshAccount(size_t i);

  EpochDay as_of() const { return as_of_; }
  // The column of `name`, or nullptr. Attribute columns are built on first use.
  const Column* Get(std::string_view name);
  // The column of `name` if it is built already, else nullptr. Safe to call from several
  // threads while nothing modifies the engine.
  const Column* Find(std::string_view name) const;
  const definitions::Definitions& defs() const { return defs_; }
  metrics::WorkspaceData& data() { return data_; }

  // Builds the history rows of `scorecard` for the accounts `rows` (indexes).
  std::vector<store::ScoreHistoryRecord> HistoryRows(const ScorecardDef& sc,
                                                     const std::vector<size_t>& rows);

 private:
  struct Node;
  void ComputeNode(Node& node, std::optional<size_t> row);
  // A metric node's column for all accounts. Thread-safe for distinct nodes after Prepare.
  Column ComputeMetric(Node& node);
  std::vector<const Column*> Inputs(const rules::expr::Program& p, const Column* value);
  Column& Slot(const std::string& name, ValueType t);

  const definitions::Definitions& defs_;
  metrics::WorkspaceData& data_;
  EpochDay as_of_ = 0;
  std::vector<Node> nodes_;
  std::map<std::string, Column, std::less<>> columns_;
  // (scorecard.measure) -> account index -> override score (nullopt: cleared)
  std::map<std::string, std::map<std::string, std::optional<double>>> overrides_;
  std::map<std::string, Column> prior_;  // "S@7", "S@30"
};

}  // namespace tend::scorecard

#endif  // TEND_SCORECARD_HEALTH_ENGINE_H_
