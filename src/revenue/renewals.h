// Renewals: every subscription's end date is a renewal (docs/revenue.md, "Renewals").
//
// Derived, as of a day D: the stage is `upcoming` while end_date > D; after it, `renewed` when
// subscriptions of the same account and product starting in [end_date, end_date + 30] carry
// at least its arr, `downsell` when they carry less, `churned` when there are none. The owner
// is the account's CSM, the forecast `commit` for renewed, `at_risk` for churned and downsell
// and `best_case` for upcoming, the ARR at stake the subscription's arr. What people set
// (store::RenewalRecord) replaces each derived field it sets.
#ifndef TEND_REVENUE_RENEWALS_H_
#define TEND_REVENUE_RENEWALS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/records.h"
#include "store/revenue_records.h"

namespace tend::revenue {

inline constexpr int kRenewalGraceDays = 30;

struct Renewal {
  std::string subscription_id, account_id, product;
  EpochDay renewal_date = 0;  // the subscription's end_date
  double arr = 0;             // the subscription's arr
  double renewed_arr = 0;     // arr of the successors (0 before the date)
  std::string stage, owner, forecast;
  double arr_at_stake = 0;
  std::string notes;
  bool edited = false;
};

// The renewal of `subscription` as of `as_of`. `account_subscriptions` are all of the account's
// (the successors are looked for there); `edit` may be null.
Renewal DeriveRenewal(const store::SubscriptionRecord& subscription,
                      std::span<const store::SubscriptionRecord> account_subscriptions,
                      const store::RenewalRecord* edit, std::string_view csm, EpochDay as_of);

// Checks an edit: stage and forecast empty or in their enums, arr_at_stake >= 0. The error's
// field names the bad field (kInvalidArgument, "revenue.badRenewal").
Status ValidateRenewalEdit(const store::RenewalRecord& edit);

bool IsRenewalStage(std::string_view s);
bool IsRenewalForecast(std::string_view s);

}  // namespace tend::revenue

#endif  // TEND_REVENUE_RENEWALS_H_
