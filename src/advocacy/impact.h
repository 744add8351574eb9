// Advocacy and health: does taking part in advocacy go with healthier accounts? Compares the
// change in an account's overall health in the `window` days after its first advocacy
// activity (within the stored score history) with the change, over the same days, of similar
// accounts without advocacy activities: same segment, same color on the starting day, no
// advocacy activity in the year before nor during the window. Each treated account is
// compared with the mean of its own similar accounts, so the control mean is matched, not
// the whole portfolio's.
//
// Windows end at the last stored day when the history is shorter; treated accounts need at
// least 14 days of history after the activity.
#ifndef TEND_ADVOCACY_IMPACT_H_
#define TEND_ADVOCACY_IMPACT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "common/result.h"
#include "store/store.h"

namespace tend::advocacy {

// {"window_days", "from", "to", "treated": {"accounts", "mean_change"}, "control": {...},
//  "difference", "by_segment": [...]} (docs/advocacy.md).
Result<nlohmann::json> HealthImpact(store::Store& store, const std::string& scorecard,
                                    int window_days = 90);

}  // namespace tend::advocacy

#endif  // TEND_ADVOCACY_IMPACT_H_
