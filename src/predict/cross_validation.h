// Cross-validation of both models (XGBoost and the logistic-regression baseline) on a Frame.
//
// Stratified k-fold (grouped when groups are given, so one account's snapshots stay in one
// fold). Everything learned from data is learned inside each training fold: the categorical
// levels (FeatureEncoder), the logistic regression's medians, indicators and standardisation,
// and XGBoost's number of rounds (early stopping on an inner split of the training fold).
// The test fold is only predicted. The folds run two at a time on two threads, each
// single-threaded (XgbParams::nthread is set to 1); results do not depend on the scheduling.
//
// Very large training sets are cross-validated on a sample (CvOptions::max_rows): whole
// groups, positive and negative ones at the same rate (SampleRows), so the estimate stays
// honest while the time stays bounded; CvResult::rows says which rows.
//
// Failures (Status): kInvalidArgument "predict.tooFewExamples" when a class has fewer rows
// (or groups) than folds; XGBoost failures as XgbModel reports them.
#ifndef TEND_PREDICT_CROSS_VALIDATION_H_
#define TEND_PREDICT_CROSS_VALIDATION_H_

#include <cstdint>
#include <optional>
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
  std::optional<XgbParams> xgb;  // default: XgbParams::ForRows(each training fold's rows)
  LogRegOptions logreg;
  std::span<const std::string> groups;  // empty: rows are independent
  // At most about this many rows are cross-validated (0: all of them); see the file comment.
  size_t max_rows = 0;
};

struct CvResult {
  std::vector<size_t> rows;   // the rows cross-validated, ascending (all rows unless sampled)
  std::vector<float> labels;  // their labels
  std::vector<double> xgb_auc, logreg_auc;  // per fold
  std::vector<double> xgb_oof, logreg_oof;  // out-of-fold probability per row of `rows`
  std::vector<int> xgb_rounds;              // per fold
  double seconds = 0;                       // wall time of the folds
  // Time spent on each model, summed over the folds (encoding counted with XGBoost); the
  // folds run two at a time, so the sums exceed the wall time.
  double xgb_seconds = 0, logreg_seconds = 0;
};

Result<CvResult> CrossValidate(const Frame& frame, std::span<const float> labels,
                               const CvOptions& options);

}  // namespace tend::predict

#endif  // TEND_PREDICT_CROSS_VALIDATION_H_
