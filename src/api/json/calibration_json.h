// JSON of a scorecard calibration (scorecard/calibration.h), shared by
// GET /api/scorecards/{name}/calibration and `tend score calibrate --format json`.
#ifndef TEND_API_JSON_CALIBRATION_JSON_H_
#define TEND_API_JSON_CALIBRATION_JSON_H_

#include <nlohmann/json.hpp>

#include "scorecard/calibration.h"

namespace tend::api::json {

// {"auc", "auc_churn_or_contraction", "bands": [{"color", "observations", "churned",
//  "churn_rate"}], "deciles": [{"decile", "observations", "churned", "min_overall",
//  "max_overall", "churn_rate", "lift"}]}; an AUC is null when it cannot be computed.
nlohmann::json PerformanceJson(const scorecard::ScorecardPerformance& p);
// {"scorecard", "horizon_days", "step_days", "as_of", "days", "observations", "outcomes":
//  {"churned", "contracted", "expanded", "renewed"}, "current", "suggested" (PerformanceJson),
//  "measures": [{"name", "weight", "suggested_weight", "observations", "auc", "direction",
//  "fitted"}], "accounts_scored", "switches": [{"account_id", "from", "to", "overall",
//  "suggested_overall"}], "suggested_yaml"}.
nlohmann::json CalibrationJson(const scorecard::Calibration& c);

}  // namespace tend::api::json

#endif  // TEND_API_JSON_CALIBRATION_JSON_H_
