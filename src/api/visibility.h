// What each role sees inside responses: one rule for every route and stream message.
//
// The route table's Access says who may call a route. Some routes also carry parts that have
// routes of their own: the account 360 holds the account's CTAs, timeline and success plans,
// and the event stream carries new and changed CTAs. Each such part is shown only to the
// roles its own route admits (PartAccess), so no role reads through one route what another
// refuses it (a sales user gets 403 from GET /api/ctas, so no CTA in the 360 or the stream).
// The direct routes are registered with PartAccess too: changing who sees a part is one
// line here. docs/api.md ("What each role sees") has the table.
#ifndef TEND_API_VISIBILITY_H_
#define TEND_API_VISIBILITY_H_

#include <string_view>

#include "auth/auth.h"

namespace tend::api {

enum class Access;

enum class Part {
  kCtas,      // GET /api/ctas, /api/ctas/{id}; the 360's "ctas"; stream "cta", "cta_updated"
  kTimeline,  // GET /api/accounts/{id}/timeline; the 360's "timeline"
  kPlans,     // GET /api/accounts/{id}/plans; the 360's "plans"
};

// The access of the part's own routes.
Access PartAccess(Part part);
bool MaySee(auth::Role role, Part part);
// Whether `role` may receive stream events of `kind` (events without a part: everyone).
bool MaySeeEvent(auth::Role role, std::string_view kind);

}  // namespace tend::api

#endif  // TEND_API_VISIBILITY_H_
