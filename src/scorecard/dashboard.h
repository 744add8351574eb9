// The portfolio dashboard read model: the active accounts of a refreshed session counted by
// the main scorecard's color (overall, per segment, per CSM), the ARR at risk, renewals in the
// next 90 days and the week's biggest drops (Portfolio); and the stored inputs beside it, the
// daily-summary trend and the open CTA counts (DashboardTrend, CountCtas), which are read
// from the store outside any session lock.
//
// Threads: ComputePortfolio only reads the session (HealthEngine::Find), so it may run under
// the server's shared lock; the rest are pure functions.
#ifndef TEND_SCORECARD_DASHBOARD_H_
#define TEND_SCORECARD_DASHBOARD_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scorecard/health_session.h"
#include "store/records.h"

namespace tend::scorecard {

// Accounts by color; an account without a score (or with another color) counts as none.
struct ColorCounts {
  int64_t red = 0, yellow = 0, green = 0, none = 0;
  void Add(const std::string& color);
  int64_t total() const { return red + yellow + green + none; }
};

struct PortfolioAccount {
  std::string account_id, name, csm;
  std::string color;  // "none" without a score
  std::optional<double> arr, overall, change_7d;
  std::optional<EpochDay> renewal_date;
  std::optional<int> days_to_renewal;
};

struct Portfolio {
  EpochDay as_of = 0;
  std::string scorecard;  // the main scorecard ("" when none: every account counts as none)
  ColorCounts all;
  std::map<std::string, ColorCounts> by_segment, by_csm;
  double arr_red = 0, arr_yellow = 0, arr_total = 0;
  // Sum of ARR x churn probability, when any account has a prediction.
  std::optional<double> predicted_arr_at_risk;
  // Renewing within 90 days of as_of, soonest first (at most 100), and how many there are.
  std::vector<PortfolioAccount> renewals_90d;
  size_t renewals_90d_total = 0;
  // The 20 biggest 7-day drops of the overall, biggest first.
  std::vector<PortfolioAccount> drops_7d;
};

Portfolio ComputePortfolio(HealthSession& session);

// The days of `summaries` up to `as_of` (LoadDailySummaries gives them from a day on).
std::vector<store::DailySummaryRecord> DashboardTrend(
    std::vector<store::DailySummaryRecord> summaries, EpochDay as_of);

struct CtaTotals {
  std::map<std::string, int64_t> by_type, by_priority;
  int64_t total = 0;
};
CtaTotals CountCtas(const std::vector<store::CtaCount>& counts);

}  // namespace tend::scorecard

#endif  // TEND_SCORECARD_DASHBOARD_H_
