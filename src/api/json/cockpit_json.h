// JSON forms of the cockpit's records (CTAs, tasks, timeline activities), as the API answers
// them. Pure functions, any thread.
#ifndef TEND_API_JSON_COCKPIT_JSON_H_
#define TEND_API_JSON_COCKPIT_JSON_H_

#include <nlohmann/json.hpp>

#include "store/records.h"

namespace tend::api::json {

nlohmann::json CtaJson(const store::CtaRecord& c);
nlohmann::json TaskJson(const store::TaskRecord& t);
nlohmann::json ActivityJson(const store::ActivityRecord& a);

}  // namespace tend::api::json

#endif  // TEND_API_JSON_COCKPIT_JSON_H_
