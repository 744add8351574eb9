#include "metrics/event_match.h"

namespace tend::metrics {

namespace {
constexpr std::string_view kFamilies[] = {"Page Viewed", "Screen Viewed"};
}  // namespace

bool IsEventFamily(std::string_view name) { return name == kFamilies[0] || name == kFamilies[1]; }

std::string_view EventFamily(std::string_view name) {
  for (std::string_view family : kFamilies) {
    if (name.size() > family.size() && name.starts_with(family) && name[family.size()] == ' ') {
      return family;
    }
  }
  return name;
}

bool EventMatches(std::string_view filter, std::string_view name) {
  if (filter == name) return true;
  if (!filter.empty() && filter.back() == '*') {
    return name.starts_with(filter.substr(0, filter.size() - 1));
  }
  return EventFamily(name) == filter;
}

}  // namespace tend::metrics
