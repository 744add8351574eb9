#include "api/json/account_json.h"

#include "api/json/common_json.h"

namespace tend::api::json {

nlohmann::json AccountListRowJson(const scorecard::AccountListRow& r, bool has_scorecard) {
  const auto& a = r.account;
  nlohmann::json j{
      {"account_id", a.account_id},
      {"name", a.name},
      {"industry", a.industry},
      {"segment", a.segment},
      {"region", a.region},
      {"csm", a.csm},
      {"status", a.status},
      {"arr", OptJson(a.arr)},
      {"start_date", DateJson(a.start_date)},
      {"renewal_date", DateJson(a.renewal_date)},
      {"days_to_renewal",
       r.days_to_renewal ? nlohmann::json(*r.days_to_renewal) : nlohmann::json(nullptr)},
      {"churn_risk", OptJson(r.churn_risk)}};
  j["overall"] = OptJson(r.overall);
  j["color"] = r.color ? nlohmann::json(*r.color) : nlohmann::json(nullptr);
  if (has_scorecard) {
    j["change_7d"] = OptJson(r.change_7d);
    j["change_30d"] = OptJson(r.change_30d);
  }
  return j;
}

nlohmann::json AccountListPageJson(const scorecard::AccountListPage& page) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : page.rows) rows.push_back(AccountListRowJson(r, !page.scorecard.empty()));
  return {{"accounts", rows},
          {"total", page.total},
          {"next_cursor",
           page.next_cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(page.next_cursor)},
          {"as_of", FormatDate(page.as_of)},
          {"scorecard", page.scorecard}};
}

}  // namespace tend::api::json
