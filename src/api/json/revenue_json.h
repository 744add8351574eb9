// JSON of the revenue domain (revenue/), shared by the API routes and the CLI.
#ifndef TEND_API_JSON_REVENUE_JSON_H_
#define TEND_API_JSON_REVENUE_JSON_H_

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "revenue/portfolio.h"
#include "revenue/retention.h"

namespace tend::api {

// {"grr", "nrr", "logo_retention", "expansion_arr", "contraction_arr", "churned_arr",
//  "new_arr", "starting_arr", "ending_arr"}: numbers, exactly these keys.
nlohmann::json RetentionJson(const revenue::RetentionFigures& f);
// {value: RetentionJson} per group.
nlohmann::json RetentionByJson(const std::map<std::string, revenue::RetentionFigures>& by);
nlohmann::json SubscriptionJson(const store::SubscriptionRecord& s);
nlohmann::json PurchaseJson(const store::PurchaseRecord& p);
nlohmann::json RenewalJson(const revenue::Renewal& r);
// [{"day", "arr", "new", "expansion", "contraction", "churn"}]
nlohmann::json ArrHistoryJson(const std::vector<revenue::ArrDay>& days);

}  // namespace tend::api

#endif  // TEND_API_JSON_REVENUE_JSON_H_
