// MetricDef: one declared metric, computed per account as of a day D.
//
// Windows: a window of N days is the N whole UTC days ending with D, i.e. the time range
// [D-N+1 00:00Z, D+1 00:00Z); `offset` O shifts it back by O days (the prior period of a
// 30-day window is window 30, offset 30). window 0 means "all time up to D".
#ifndef TEND_DEFINITIONS_METRIC_DEF_H_
#define TEND_DEFINITIONS_METRIC_DEF_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/column.h"

namespace tend::metrics {

enum class MetricKind {
  kEventCount,          // events (optionally only `events`)
  kDistinctUsers,       // users with at least one event
  kDistinctFeatures,    // distinct event names
  kActiveDays,          // days with at least one event
  kDaysSinceLastEvent,  // D - day of the latest event on or before D; NULL without events
  kSurveyLatest,        // latest score of `survey` (ties in time: the higher score)
  kSurveyAverage,       // average score of `survey`
  kSurveyCount,         // responses to `survey`
  kTicketCount,         // tickets by `statuses` (as of D) and `priorities`, opened in window
  kTicketCsatAverage,   // average CSAT of tickets closed in window
  kActivityCount,       // timeline activities of `types`
  kDaysSinceActivity,   // D - day of the latest activity of `types`; NULL when none
  kContactCount,        // contacts of the account, optionally with the given `roles`
  kExpression,          // an expression over other names
};

enum class MetricScope { kAccount, kWorkspace };

struct MetricDef {
  std::string name;
  MetricKind kind = MetricKind::kEventCount;
  MetricScope scope = MetricScope::kAccount;
  int window = 0;                       // days; 0 = all time up to D
  int offset = 0;                       // days
  std::vector<std::string> events;      // kEventCount, kActiveDays: event-name filter
  std::string survey;                   // nps | csat | advocacy_nps
  std::vector<std::string> statuses;    // tickets: open | closed
  std::vector<std::string> priorities;  // tickets: low | normal | high | urgent
  std::vector<std::string> types;       // activity types
  std::vector<std::string> roles;       // contact roles
  std::string expression;               // kExpression
  std::string description;
};

// The YAML spelling of each kind ("event_count", ...), and its inverse.
std::string_view MetricKindName(MetricKind kind);
bool ParseMetricKind(std::string_view s, MetricKind* kind);

}  // namespace tend::metrics

#endif  // TEND_DEFINITIONS_METRIC_DEF_H_
