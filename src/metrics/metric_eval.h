// CompiledMetric: a MetricDef resolved against a workspace (event names to ids, type and
// priority sets to masks), computed for one account or for all accounts as of a day D.
//
// Cost per account: O(users + features) for usage metrics, O(facts of the account) for
// surveys, tickets and activities. Never reads raw events. kExpression metrics are
// evaluated by the scorecard environment, not here.
//
// Workspace scope gathers all accounts into one value: sums for counts, the union for
// distinct features and active days, the latest for days-since and latest survey, the mean
// of all values for averages.
//
// Not thread-safe, except as Prepare() says (it re-resolves event names lazily).
#ifndef TEND_METRICS_METRIC_EVAL_H_
#define TEND_METRICS_METRIC_EVAL_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "common/column.h"
#include "definitions/metric_def.h"
#include "metrics/workspace_data.h"

namespace tend::metrics {

// The inclusive day range of a window of `window` days, offset by `offset`, ending with D.
struct DayRange {
  EpochDay lo, hi;
};
DayRange WindowRange(int window, int offset, EpochDay d);

class CompiledMetric {
 public:
  // REQUIRES: def.kind != kExpression.
  CompiledMetric(const MetricDef& def, const WorkspaceData& data);

  // Resolves event names the workspace learned since; after it, Compute/ComputeAll may run
  // concurrently (they only read) until the workspace learns another name.
  void Prepare(const WorkspaceData& data) const { ResolveEvents(data); }

  // The value for account `i` as of day `d`; nullopt is NULL.
  std::optional<double> Compute(const WorkspaceData& data, size_t i, EpochDay d) const;
  // The values of all accounts.
  Column ComputeAll(const WorkspaceData& data, EpochDay d) const;

  const MetricDef& def() const { return def_; }

  // For a workspace-scope kDistinctFeatures metric: which event ids (by id) any account used
  // in the window. The metric's value is the number of them.
  std::vector<uint8_t> WorkspaceFeatures(const WorkspaceData& data, EpochDay d) const;
  // Whether account `i` used, in the window, an event id not in `present`.
  bool AddsFeature(const WorkspaceData& data, size_t i, EpochDay d,
                   const std::vector<uint8_t>& present) const;

 private:
  struct Acc;
  // Adds what account `i` contributes to `acc`; Finish turns it into the value.
  void Gather(const WorkspaceData& data, size_t i, EpochDay d, Acc& acc) const;
  std::optional<double> Finish(const Acc& acc, EpochDay d) const;
  std::optional<double> ComputeWorkspace(const WorkspaceData& data, EpochDay d) const;
  bool Matches(uint32_t event_id) const;
  void ResolveEvents(const WorkspaceData& data) const;

  MetricDef def_;
  // kind's ids: names `events` match, or (distinct_features) each id's family (event_match.h)
  mutable std::vector<uint32_t> event_ids_;
  mutable size_t resolved_names_ = SIZE_MAX;
  bool filter_events_ = false;
  uint32_t type_mask_ = 0;     // activity types (all when the list is empty)
  uint8_t priority_mask_ = 0;  // ticket priorities (all when the list is empty)
  bool want_open_ = true, want_closed_ = true;
  uint8_t survey_ = 0;
  uint8_t role_mask_ = 0;  // contact roles
};

}  // namespace tend::metrics

#endif  // TEND_METRICS_METRIC_EVAL_H_
