// The subscriptions and purchases of one generated account (subscriptions.csv and
// purchases.csv of `tend generate`), consistent with its accounts.csv row:
//   - annual terms on the account's anniversaries, the first starting on start_date;
//   - the terms of an active account run through the one that holds end_day (ending on its
//     renewal_date, status active; earlier ones expired), and the subscriptions counting on
//     end_day sum to its arr column;
//   - a churned account's last term ends on churned_on (expired when that is an anniversary,
//     cancelled mid-term), so its ARR is 0 from churned_on on;
//   - growing accounts had fewer seats in earlier terms (expansion at renewal) and may buy an
//     add-on product mid-term; at-risk accounts had more seats before their last renewal
//     (contraction);
//   - purchases: new for the first term, renewal for the next ones (the part of the ARR kept),
//     expansion / contraction for the difference, expansion for an add-on, sometimes a
//     one_time onboarding fee and, for a mid-term cancellation, a refund (negative amount).
#ifndef TEND_GENERATE_REVENUE_PLAN_H_
#define TEND_GENERATE_REVENUE_PLAN_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/rng.h"
#include "common/time.h"

namespace tend::generate {

struct RevenueAccount {
  int account = 0;           // index of the account (its rows refer to it)
  int64_t arr_cents = 0;     // the accounts.csv arr
  int users = 1;             // seats of the current (last) term
  int trajectory = 0;        // 0 stable, 1 growing, 2 at risk, 3 churned
  EpochDay churned_on = 0;   // 0: not churned
  EpochDay end_day = 0;      // the last day of data
  // The anniversaries start_date + k years, k = 0, 1, ..., through the first one after the
  // last term (after end_day, or on or after churned_on).
  std::vector<EpochDay> anniversaries;
};

struct PlannedSubscription {
  int account = 0;
  bool add_on = false;  // product "analytics", else "platform"
  int64_t quantity = 0, unit_price_cents = 0, arr_cents = 0;
  EpochDay start = 0, end = 0;
  std::string_view status;
};

struct PlannedPurchase {
  int account = 0;
  bool add_on = false;
  EpochMs ts = 0;
  int64_t amount_cents = 0;  // negative for a refund
  std::string_view kind;
};

// Appends the account's subscriptions and purchases (purchases in time order).
void PlanRevenue(const RevenueAccount& a, Rng& rng, std::vector<PlannedSubscription>* subs,
                 std::vector<PlannedPurchase>* purchases);

}  // namespace tend::generate

#endif  // TEND_GENERATE_REVENUE_PLAN_H_
