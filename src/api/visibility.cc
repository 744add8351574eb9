#include "api/visibility.h"

#include "api/route.h"

namespace tend::api {

Access PartAccess(Part part) {
  switch (part) {
    case Part::kCtas:
    case Part::kTimeline:
    case Part::kPlans:
      return Access::kReader;
  }
  return Access::kAdmin;
}

bool MaySee(auth::Role role, Part part) { return Allowed(PartAccess(part), role); }

bool MaySeeEvent(auth::Role role, std::string_view kind) {
  if (kind == "cta" || kind == "cta_updated") return MaySee(role, Part::kCtas);
  return true;
}

}  // namespace tend::api
