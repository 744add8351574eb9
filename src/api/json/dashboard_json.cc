#include "api/json/dashboard_json.h"

#include "api/json/common_json.h"

namespace tend::api::json {

namespace {

nlohmann::json CountsJson(const scorecard::ColorCounts& n) {
  return {{"red", n.red}, {"yellow", n.yellow}, {"green", n.green}, {"none", n.none}};
}

nlohmann::json GroupsJson(const std::map<std::string, scorecard::ColorCounts>& groups,
                          const char* key) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, n] : groups) {
    auto j = CountsJson(n);
    j[key] = name;
    j["accounts"] = n.total();
    out.push_back(j);
  }
  return out;
}

}  // namespace

nlohmann::json DashboardJson(const scorecard::Portfolio& p,
                             const std::vector<store::DailySummaryRecord>& trend,
                             const scorecard::CtaTotals& ctas) {
  nlohmann::json ren = nlohmann::json::array();
  for (const auto& a : p.renewals_90d) {
    ren.push_back({{"account_id", a.account_id},
                   {"name", a.name},
                   {"renewal_date", FormatDate(*a.renewal_date)},
                   {"days_to_renewal", *a.days_to_renewal},
                   {"arr", OptJson(a.arr)},
                   {"overall", OptJson(a.overall)},
                   {"color", a.color},
                   {"csm", a.csm}});
  }
  nlohmann::json drops = nlohmann::json::array();
  for (const auto& a : p.drops_7d) {
    drops.push_back({{"account_id", a.account_id},
                     {"name", a.name},
                     {"overall", OptJson(a.overall)},
                     {"change_7d", OptJson(a.change_7d)},
                     {"color", a.color},
                     {"csm", a.csm}});
  }
  nlohmann::json days = nlohmann::json::array();
  for (const auto& d : trend) {
    days.push_back({{"date", FormatDate(d.day)},
                    {"average", OptJson(d.average)},
                    {"accounts", d.accounts},
                    {"red", d.red},
                    {"yellow", d.yellow},
                    {"green", d.green},
                    {"arr_red", d.arr_red},
                    {"arr_yellow", d.arr_yellow}});
  }
  nlohmann::json by_type = nlohmann::json::object(), by_priority = nlohmann::json::object();
  for (const auto& [k, n] : ctas.by_type) by_type[k] = n;
  for (const auto& [k, n] : ctas.by_priority) by_priority[k] = n;
  return {{"as_of", FormatDate(p.as_of)},
          {"scorecard", p.scorecard},
          {"accounts", p.all.total()},
          {"by_color", CountsJson(p.all)},
          {"by_segment", GroupsJson(p.by_segment, "segment")},
          {"by_csm", GroupsJson(p.by_csm, "csm")},
          {"arr_at_risk", {{"red", p.arr_red}, {"yellow", p.arr_yellow}, {"total_arr", p.arr_total}}},
          {"predicted_arr_at_risk", OptJson(p.predicted_arr_at_risk)},
          {"renewals_90d", ren},
          {"renewals_90d_total", p.renewals_90d_total},
          {"drops_7d", drops},
          {"trend", days},
          {"ctas_open", {{"by_type", by_type}, {"by_priority", by_priority}, {"total", ctas.total}}}};
}

}  // namespace tend::api::json
