// Calibration: does a scorecard's health predict what happened next? It replays the scorecard
// as of past days, pairs each account's health on a day with its outcome within a horizon
// (churned, contracted, expanded, renewed), and reports how well the overall score and each
// measure separate the accounts that churned from those that stayed. It then suggests weights
// (a logistic regression over the measures' scores, constrained so that a higher score never
// means more risk) and evaluates the suggested scorecard on the same history.
//
// Definitions (docs/revenue.md, "Does the health score predict renewals?"):
//  - Sample days: every `step_days` days going back from as_of - horizon to
//    as_of - horizon - lookback. On each, the current definitions are evaluated as of that day
//    (the HealthEngine is as-of correct); an observation is an account that had started and
//    had not churned by then and has an overall score.
//  - Outcomes of an observation on day t, within (t, t + horizon]: churned (churned_on in it),
//    contracted (the ARR bridge shows a contraction or churn in it), expanded (an expansion),
//    renewed (a subscription ended in it and the account did not churn).
//  - AUC: the Mann-Whitney probability that a random account that did not churn has a higher
//    score than a random one that did (ties count half). 1 is perfect, 0.5 is chance.
//  - Bands: the churn rate per color; deciles: observations ordered by overall, lowest first,
//    in ten equal parts; lift = the decile's churn rate / the overall churn rate.
//  - Suggested weights: P(churn) = 1 / (1 + exp(-(b - sum_k w_k s_k / 100))), w_k >= 0, fitted
//    by projected (accelerated) gradient descent on the log-loss with a small L2 penalty; a
//    missing score is imputed with the measure's mean. The weights are scaled to the sum of the
//    current weights and rounded to one decimal. Manual measures and measures scored in fewer
//    than 5% of the observations keep their weight.
//
// Nothing is stored: the result says what would change, and CS Ops applies it as a
// definitions change.
//
// Failures: kNotFound "scorecard.unknown" / "scorecard.none"; kInvalidArgument
// "calibrate.badOptions";
// kFailedPrecondition "calibrate.noHistory" (no sample day with observations, or no churn
// among them); store and definition errors as HealthSession::Open gives them.
#ifndef TEND_SCORECARD_CALIBRATION_H_
#define TEND_SCORECARD_CALIBRATION_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/store.h"

namespace tend::scorecard {

struct CalibrationOptions {
  std::string scorecard;          // empty: the default scorecard
  int horizon_days = 90;          // 7 .. 730
  int step_days = 7;              // 1 .. 90
  int lookback_days = 90;         // 0 .. 1825: how far before as_of - horizon to sample
  std::optional<EpochDay> as_of;  // the last day outcomes are known; default the latest event
};

struct BandRate {
  std::string color;
  int64_t observations = 0, churned = 0;
  double churn_rate = 0;
};

struct DecileRate {
  int decile = 0;  // 1 = the lowest scores
  int64_t observations = 0, churned = 0;
  double min_overall = 0, max_overall = 0, churn_rate = 0, lift = 0;
};

// How one scorecard (current or suggested) did on the history.
struct ScorecardPerformance {
  std::optional<double> auc;                       // churn
  std::optional<double> auc_churn_or_contraction;  // churn or contraction
  std::vector<BandRate> bands;                     // in the scorecard's band order
  std::vector<DecileRate> deciles;
};

struct MeasureCalibration {
  std::string name;
  double weight = 0, suggested_weight = 0;
  int64_t observations = 0;  // observations where the measure had a score
  std::optional<double> auc;
  // "higher_is_healthier" (auc >= 0.55), "higher_is_riskier" (auc <= 0.45), "no_signal",
  // or "not_enough_data".
  std::string direction;
  bool fitted = false;  // false: kept its weight (manual or not enough data)
};

struct ColorSwitch {
  std::string account_id, from, to;
  std::optional<double> overall, suggested_overall;
};

struct Calibration {
  std::string scorecard;
  int horizon_days = 0, step_days = 0;
  EpochDay as_of = 0;
  std::vector<EpochDay> days;  // the sample days, oldest first
  int64_t observations = 0, churned = 0, contracted = 0, expanded = 0, renewed = 0;
  ScorecardPerformance current, suggested;
  std::vector<MeasureCalibration> measures;  // in the scorecard's order
  // Accounts active on as_of whose color the suggested weights would change, by account_id.
  std::vector<ColorSwitch> switches;
  int64_t accounts_scored = 0;  // active accounts with an overall on as_of
  std::string suggested_yaml;   // the measures' weights as a definitions snippet
};

Result<Calibration> CalibrateScorecard(store::Store& store, const CalibrationOptions& options);

// The building blocks, exposed for tests.
// AUC of `score` for `positive` (higher score = less likely positive); nullopt without both
// classes. REQUIRES: equal sizes.
std::optional<double> SeparationAuc(std::span<const double> score,
                                    std::span<const uint8_t> positive);
// Non-negative risk weights w (and intercept) of P(y) = sigmoid(b - x.w); `x` is row-major
// rows x cols, values about 0..1.
std::vector<double> FitNonNegativeRiskWeights(std::span<const double> x, size_t cols,
                                              std::span<const uint8_t> y, double* intercept);

}  // namespace tend::scorecard

#endif  // TEND_SCORECARD_CALIBRATION_H_
