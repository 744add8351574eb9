#include "api/json/calibration_json.h"

#include "api/json/common_json.h"

namespace tend::api::json {

nlohmann::json PerformanceJson(const scorecard::ScorecardPerformance& p) {
  nlohmann::json bands = nlohmann::json::array(), deciles = nlohmann::json::array();
  for (const auto& b : p.bands)
    bands.push_back({{"color", b.color},
                     {"observations", b.observations},
                     {"churned", b.churned},
                     {"churn_rate", b.churn_rate}});
  for (const auto& d : p.deciles)
    deciles.push_back({{"decile", d.decile},
                       {"observations", d.observations},
                       {"churned", d.churned},
                       {"min_overall", d.min_overall},
                       {"max_overall", d.max_overall},
                       {"churn_rate", d.churn_rate},
                       {"lift", d.lift}});
  return {{"auc", OptJson(p.auc)},
          {"auc_churn_or_contraction", OptJson(p.auc_churn_or_contraction)},
          {"bands", bands},
          {"deciles", deciles}};
}

nlohmann::json CalibrationJson(const scorecard::Calibration& c) {
  nlohmann::json days = nlohmann::json::array(), measures = nlohmann::json::array(),
                 switches = nlohmann::json::array();
  for (EpochDay d : c.days) days.push_back(FormatDate(d));
  for (const auto& m : c.measures)
    measures.push_back({{"name", m.name},
                        {"weight", m.weight},
                        {"suggested_weight", m.suggested_weight},
                        {"observations", m.observations},
                        {"auc", OptJson(m.auc)},
                        {"direction", m.direction},
                        {"fitted", m.fitted}});
  for (const auto& s : c.switches)
    switches.push_back({{"account_id", s.account_id},
                        {"from", s.from},
                        {"to", s.to},
                        {"overall", OptJson(s.overall)},
                        {"suggested_overall", OptJson(s.suggested_overall)}});
  return {{"scorecard", c.scorecard},
          {"horizon_days", c.horizon_days},
          {"step_days", c.step_days},
          {"as_of", FormatDate(c.as_of)},
          {"days", days},
          {"observations", c.observations},
          {"outcomes",
           {{"churned", c.churned},
            {"contracted", c.contracted},
            {"expanded", c.expanded},
            {"renewed", c.renewed}}},
          {"current", PerformanceJson(c.current)},
          {"suggested", PerformanceJson(c.suggested)},
          {"measures", measures},
          {"accounts_scored", c.accounts_scored},
          {"switches", switches},
          {"suggested_yaml", c.suggested_yaml}};
}

}  // namespace tend::api::json
