// JSON forms of the account read models (scorecard/account_list.h) as the API answers them.
// Pure functions, any thread.
#ifndef TEND_API_JSON_ACCOUNT_JSON_H_
#define TEND_API_JSON_ACCOUNT_JSON_H_

#include <nlohmann/json.hpp>

#include "scorecard/account_list.h"

namespace tend::api::json {

// {account_id, name, industry, segment, region, csm, status, arr, start_date, renewal_date,
// days_to_renewal, churn_risk, overall, color, and with a scorecard change_7d, change_30d}.
nlohmann::json AccountListRowJson(const scorecard::AccountListRow& r, bool has_scorecard);
// {accounts: [row], total, next_cursor (null on the last page), as_of, scorecard}.
nlohmann::json AccountListPageJson(const scorecard::AccountListPage& page);

}  // namespace tend::api::json

#endif  // TEND_API_JSON_ACCOUNT_JSON_H_
