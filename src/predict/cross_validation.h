// Cross-validation of both models (XGBoost and the logistic-regression baseline) on a Frame.
//
// Stratified k-fold (grouped when groups are given, so one account's snapshots stay in one
// fold). Everything learned from data is learned inside each training fold: the categorical
// levels (FeatureEncoder), the logistic regression's medians, indicators and standardisation,
// and XGBoost's number of rounds (early stopping on an inner split of the training fold).
// The test fold is only predicted.
//
// Failures (Status): kInvalidArgument "predict.tooFewExamples" when a class has fewer rows
// (or groups) than folds; XGBoost failures as XgbModel reports them.
#ifndef TEND_PREDICT_CROSS_VALIDATION_H_
#define TEND_PREDICT_CROSS_VALIDATION_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "predict/frame.h"
#include "predict/logistic_regression.h"
#include "predict/xgboost_model.h"

namespace tend::predict {

struct CvOptions {
  int folds = 5;
  uint64_t seed = 0;
  XgbParams xgb;
  LogRegOptions logreg;
  std::span<const std::string> groups;  // empty: rows are independent
};

struct CvResult {
  std::vector<double> xgb_auc, logreg_auc;  // per fold
  std::vector<double> xgb_oof, logreg_oof;  // out-of-fold probability per row
  std::vector<int> xgb_rounds;              // per fold
};

Result<CvResult> CrossValidate(const Frame& frame, std::span<const float> labels,
                               const CvOptions& options);

}  // namespace tend::predict

#endif  // TEND_PREDICT_CROSS_VALIDATION_H_
