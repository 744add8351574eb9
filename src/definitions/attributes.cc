#include "definitions/attributes.h"

namespace tend::definitions {

const std::vector<std::pair<std::string, ValueType>>& StandardAttributes() {
  static const std::vector<std::pair<std::string, ValueType>> kAttrs = {
      {"account_id", ValueType::kText},
      {"name", ValueType::kText},
      {"industry", ValueType::kText},
      {"segment", ValueType::kText},
      {"region", ValueType::kText},
      {"csm", ValueType::kText},
      {"status", ValueType::kText},
      {"arr", ValueType::kNumber},
      {"start_date", ValueType::kDate},
      {"renewal_date", ValueType::kDate},
      {"churned_on", ValueType::kDate},
      {"tenure_days", ValueType::kNumber},
      {"days_to_renewal", ValueType::kNumber},
      {"churn_risk", ValueType::kNumber},
      {"advocate_propensity", ValueType::kNumber},
      {"active_advocates", ValueType::kNumber},
      {"advocacy_tier", ValueType::kText},
      {"days_since_champion_left", ValueType::kNumber},
      {"days_since_champion_arrived", ValueType::kNumber},
      // Revenue (revenue/account_revenue.h).
      {"arr_change_90d", ValueType::kNumber},
      {"renewal_stage", ValueType::kText},
      {"seats_purchased", ValueType::kNumber},
      {"expansion_arr_365d", ValueType::kNumber},
      {"contraction_arr_365d", ValueType::kNumber},
      // Feedback (feedback/account_facts.h).
      {"open_blocker_requests", ValueType::kNumber}};
  return kAttrs;
}

std::optional<ValueType> AttributeType(std::string_view name,
                                       const std::vector<store::AttributeDef>& custom) {
  for (const auto& [n, t] : StandardAttributes()) {
    if (n == name) return t;
  }
  for (const auto& d : custom) {
    if (d.name == name) return d.type;
  }
  return std::nullopt;
}

}  // namespace tend::definitions
