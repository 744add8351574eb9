// The portfolio's retention figures as of a day (docs/revenue.md, "Portfolio figures").
//
// Window: the `window_days` (365: trailing twelve months) ending on the as-of day D; the
// starting day is S = D - window_days. Units are accounts (products: account x product pairs).
// Cohort: the units with ARR(S) > 0.
//   starting_arr     sum over the cohort of ARR(S)
//   churned_arr      sum over the cohort with ARR(D) = 0 of ARR(S)
//   contraction_arr  sum over the cohort with 0 < ARR(D) < ARR(S) of ARR(S) - ARR(D)
//   expansion_arr    sum over the cohort with ARR(D) > ARR(S) of ARR(D) - ARR(S)
//   new_arr          sum over the units with ARR(S) = 0 of ARR(D)
//   ending_arr       sum over all units of ARR(D)
//   grr = (starting - churned - contraction) / starting
//   nrr = (starting - churned - contraction + expansion) / starting
//   logo_retention = cohort units with ARR(D) > 0 / cohort units
// (the three ratios are 0 when the cohort is empty).
#ifndef TEND_REVENUE_RETENTION_H_
#define TEND_REVENUE_RETENTION_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "revenue/portfolio.h"

namespace tend::revenue {

inline constexpr int kRetentionWindowDays = 365;

struct RetentionFigures {
  double grr = 0, nrr = 0, logo_retention = 0;
  double expansion_arr = 0, contraction_arr = 0, churned_arr = 0, new_arr = 0;
  double starting_arr = 0, ending_arr = 0;
  int64_t starting_units = 0, retained_units = 0;
};

enum class GroupBy { kNone, kSegment, kCsm, kRegion, kProduct };
// "segment", "csm", "region", "product"; nullopt otherwise.
std::optional<GroupBy> ParseGroupBy(std::string_view s);

// The label of a group with no value (an empty segment, CSM, region; the product of an
// account's arr column).
inline constexpr std::string_view kNoGroup = "(none)";

// The figures of the whole portfolio, or of the accounts (units) in each group as they are on
// D (key: the group's value). A non-empty `cohort_month` ("YYYY-MM") keeps only the accounts
// whose start_date falls in that month (a month cohort).
RetentionFigures Retention(const Portfolio& portfolio, EpochDay as_of,
                           int window_days = kRetentionWindowDays,
                           std::string_view cohort_month = "");
std::map<std::string, RetentionFigures> RetentionBy(const Portfolio& portfolio, EpochDay as_of,
                                                    GroupBy by,
                                                    int window_days = kRetentionWindowDays,
                                                    std::string_view cohort_month = "");
// How one account's ARR moved over the window, as Retention counts it: kNew (no ARR on S, some
// on D), kChurned (ARR on S, none on D), kContraction / kExpansion (less / more on D than on
// S), kUnchanged. Accounts with no ARR on either day have none.
enum class Movement { kNew, kExpansion, kContraction, kChurned, kUnchanged };
// "new", "expansion", "contraction", "churned", "unchanged"; and back (nullopt otherwise).
std::string_view MovementName(Movement m);
std::optional<Movement> ParseMovement(std::string_view s);

struct AccountMovement {
  size_t account = 0;  // index into portfolio.accounts()
  Movement movement = Movement::kUnchanged;
  double starting_arr = 0, ending_arr = 0;
  // The ARR the movement adds to its figure: new_arr, expansion_arr, contraction_arr or
  // churned_arr (so the accounts of a movement sum to Retention's figure); 0 when unchanged.
  double amount = 0;
};

// The accounts behind the figures of Retention(portfolio, as_of, window_days): those whose
// movement is `movement`, largest amount first (ties by account order).
std::vector<AccountMovement> AccountsMoved(const Portfolio& portfolio, EpochDay as_of,
                                           Movement movement,
                                           int window_days = kRetentionWindowDays);

// Whether `s` is a month "YYYY-MM".
bool IsMonth(std::string_view s);

}  // namespace tend::revenue

#endif  // TEND_REVENUE_RETENTION_H_
