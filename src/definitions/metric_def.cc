#include "definitions/metric_def.h"

namespace tend::metrics {

namespace {
struct KindName {
  MetricKind kind;
  std::string_view name;
};
constexpr KindName kKinds[] = {
    {MetricKind::kEventCount, "event_count"},
    {MetricKind::kDistinctUsers, "distinct_users"},
    {MetricKind::kDistinctFeatures, "distinct_features"},
    {MetricKind::kActiveDays, "active_days"},
    {MetricKind::kDaysSinceLastEvent, "days_since_last_event"},
    {MetricKind::kSurveyLatest, "survey_latest"},
    {MetricKind::kSurveyAverage, "survey_average"},
    {MetricKind::kSurveyCount, "survey_count"},
    {MetricKind::kTicketCount, "ticket_count"},
    {MetricKind::kTicketCsatAverage, "ticket_csat_average"},
    {MetricKind::kActivityCount, "activity_count"},
    {MetricKind::kDaysSinceActivity, "days_since_activity"},
    {MetricKind::kContactCount, "contact_count"},
    {MetricKind::kExpression, "expression"},
};
}  // namespace

std::string_view MetricKindName(MetricKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "unknown";
}

bool ParseMetricKind(std::string_view s, MetricKind* kind) {
  for (const auto& k : kKinds) {
    if (k.name == s) {
      *kind = k.kind;
      return true;
    }
  }
  return false;
}

}  // namespace tend::metrics
