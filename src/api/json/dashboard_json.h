// JSON form of the portfolio dashboard (scorecard/dashboard.h) as GET /api/dashboard answers
// it. Pure functions, any thread.
#ifndef TEND_API_JSON_DASHBOARD_JSON_H_
#define TEND_API_JSON_DASHBOARD_JSON_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "scorecard/dashboard.h"

namespace tend::api::json {

// {as_of, scorecard, accounts, by_color, by_segment, by_csm, arr_at_risk,
// predicted_arr_at_risk, renewals_90d, renewals_90d_total, drops_7d, trend, ctas_open}.
nlohmann::json DashboardJson(const scorecard::Portfolio& p,
                             const std::vector<store::DailySummaryRecord>& trend,
                             const scorecard::CtaTotals& ctas);

}  // namespace tend::api::json

#endif  // TEND_API_JSON_DASHBOARD_JSON_H_
