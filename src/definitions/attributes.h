// The standard account attributes every expression can name, and their columns.
//
//   account_id, name, industry, segment, region, csm, status   text
//   arr              from the subscriptions that count on D when the account has any,
//                    else the arr column (revenue/account_revenue.h)    number
//   start_date, renewal_date, churned_on                        date
//   tenure_days      D - start_date, whole days                 number
//   days_to_renewal  the next subscription end date - D (without subscriptions,
//                    renewal_date - D), whole days                      number
//   arr_change_90d   arr on D - arr on D - 90 (NULL without subscriptions)  number
//   renewal_stage    the stage of the next renewal (upcoming|in_progress|renewed|churned|
//                    downsell), NULL without one                        text
//   seats_purchased  sum of quantity of the subscriptions that count on D  number
//   expansion_arr_365d, contraction_arr_365d  the ARR bridge's expansion / contraction on
//                    the days in (D - 365, D]                           number
//   churn_risk, advocate_propensity  the latest stored predictions (tend predict score),
//                    probabilities 0..1, NULL when never predicted  number
//   active_advocates  the account's active advocates (advocacy program)  number
//   advocacy_tier     the highest tier among them, NULL without any     text
//   days_since_champion_left, days_since_champion_arrived  D - the day a champion (or an
//                    advocate) was found to have left the account / arrived at it from
//                    another; the latest such day on or before D; NULL when none  number
//   open_blocker_requests  requests not shipped, declined or merged that one of the
//                    account's feedback items calls a blocker (docs/feedback.md)  number
// plus each custom attribute of the workspace under its own name and type.
#ifndef TEND_DEFINITIONS_ATTRIBUTES_H_
#define TEND_DEFINITIONS_ATTRIBUTES_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/column.h"
#include "store/records.h"

namespace tend::definitions {

const std::vector<std::pair<std::string, ValueType>>& StandardAttributes();

// The type of a standard or custom attribute, or nullopt.
std::optional<ValueType> AttributeType(std::string_view name,
                                       const std::vector<store::AttributeDef>& custom);

}  // namespace tend::definitions

#endif  // TEND_DEFINITIONS_ATTRIBUTES_H_
