// The timeline activity types, in a fixed order: the names activity metrics may filter on
// (`types:` of activity_count and days_since_activity) and people may log.
#ifndef TEND_DEFINITIONS_ACTIVITY_TYPES_H_
#define TEND_DEFINITIONS_ACTIVITY_TYPES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tend::definitions {

// The activity types in a fixed order (their index is metrics::ActivityFact::type).
const std::vector<std::string>& ActivityTypes();
// The index of `s` in ActivityTypes(), or 255.
uint8_t ParseActivityType(std::string_view s);

}  // namespace tend::definitions

#endif  // TEND_DEFINITIONS_ACTIVITY_TYPES_H_
