// How metrics match event names: the `events` filter of event_count and active_days, and
// the features distinct_features counts.
//
// Page and screen views are recorded as "Page Viewed <path>" and "Screen Viewed <name>"
// (ingest/segment.h). The family of such a name is "Page Viewed" / "Screen Viewed"; of any
// other name, the name itself. A filter entry matches equal names, the names of its family
// ("Page Viewed" matches every page view), and, when it ends in `*`, every name that starts
// with what comes before it ("Page Viewed /billing*"). distinct_features counts families, so
// visiting ten pages is one feature.
#ifndef TEND_METRICS_EVENT_MATCH_H_
#define TEND_METRICS_EVENT_MATCH_H_

#include <string_view>

namespace tend::metrics {

std::string_view EventFamily(std::string_view name);
// Whether `name` is a family name: "Page Viewed" or "Screen Viewed".
bool IsEventFamily(std::string_view name);
// Whether the filter entry `filter` matches the event `name`.
bool EventMatches(std::string_view filter, std::string_view name);

}  // namespace tend::metrics

#endif  // TEND_METRICS_EVENT_MATCH_H_
