#include "definitions/activity_types.h"

namespace tend::definitions {

const std::vector<std::string>& ActivityTypes() {
  static const std::vector<std::string> kTypes = {
      "meeting",        "call",          "email",          "qbr",
      "note",           "beta_response", "community_post", "social_mention",
      "reference_call", "case_study",    "speaking",       "advisory_board"};
  return kTypes;
}

uint8_t ParseActivityType(std::string_view s) {
  const auto& types = ActivityTypes();
  for (size_t i = 0; i < types.size(); ++i) {
    if (types[i] == s) return static_cast<uint8_t>(i);
  }
  return 255;
}

}  // namespace tend::definitions
