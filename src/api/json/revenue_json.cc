#include "api/json/revenue_json.h"

#include "common/time.h"

namespace tend::api {

nlohmann::json RetentionJson(const revenue::RetentionFigures& f) {
  return {{"grr", f.grr},
          {"nrr", f.nrr},
          {"logo_retention", f.logo_retention},
          {"expansion_arr", f.expansion_arr},
          {"contraction_arr", f.contraction_arr},
          {"churned_arr", f.churned_arr},
          {"new_arr", f.new_arr},
          {"starting_arr", f.starting_arr},
          {"ending_arr", f.ending_arr}};
}

nlohmann::json RetentionByJson(const std::map<std::string, revenue::RetentionFigures>& by) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [k, f] : by) out[k] = RetentionJson(f);
  return out;
}

nlohmann::json SubscriptionJson(const store::SubscriptionRecord& s) {
  return {{"subscription_id", s.subscription_id},
          {"account_id", s.account_id},
          {"product", s.product},
          {"plan", s.plan},
          {"quantity", s.quantity},
          {"unit_price", s.unit_price ? nlohmann::json(*s.unit_price) : nlohmann::json(nullptr)},
          {"arr", s.arr},
          {"start_date", FormatDate(s.start_date)},
          {"end_date", FormatDate(s.end_date)},
          {"status", s.status}};
}

nlohmann::json PurchaseJson(const store::PurchaseRecord& p) {
  return {{"purchase_id", p.purchase_id}, {"account_id", p.account_id},
          {"ts", FormatTime(p.ts)},       {"product", p.product},
          {"amount", p.amount},           {"kind", p.kind}};
}

nlohmann::json RenewalJson(const revenue::Renewal& r) {
  return {{"subscription_id", r.subscription_id},
          {"account_id", r.account_id},
          {"product", r.product},
          {"renewal_date", FormatDate(r.renewal_date)},
          {"arr", r.arr},
          {"renewed_arr", r.renewed_arr},
          {"stage", r.stage},
          {"owner", r.owner},
          {"forecast", r.forecast},
          {"arr_at_stake", r.arr_at_stake},
          {"notes", r.notes},
          {"edited", r.edited}};
}

nlohmann::json ArrHistoryJson(const std::vector<revenue::ArrDay>& days) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : days) {
    out.push_back({{"day", FormatDate(d.day)},
                   {"arr", d.arr},
                   {"new", d.bridge.new_arr},
                   {"expansion", d.bridge.expansion},
                   {"contraction", d.bridge.contraction},
                   {"churn", d.bridge.churn}});
  }
  return out;
}

}  // namespace tend::api
