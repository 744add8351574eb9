// XgbModel: gradient-boosted trees through XGBoost's C API (binary:logistic, hist trees).
//
// Missing values are NaN; XGBoost learns which branch they take. Early stopping never looks
// at data outside the training matrix: TrainWithEarlyStopping() holds out a stratified inner
// split of the training rows, finds the best number of rounds on it (ROC AUC), then trains
// on all the training rows for that many rounds.
//
// Failures (Status): kInternal "predict.xgboost" with XGBoost's last error message;
// kDataLoss "predict.badModel" when stored bytes do not load.
//
// Owns its booster handle (move-only). Not thread-safe.
#ifndef TEND_PREDICT_XGBOOST_MODEL_H_
#define TEND_PREDICT_XGBOOST_MODEL_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "predict/frame.h"

namespace tend::predict {

struct XgbParams {
  double eta = 0.04;
  int max_depth = 3;
  double subsample = 0.8;
  double colsample_bytree = 0.8;
  double min_child_weight = 3;
  double lambda = 1;
  int nthread = 2;
  uint64_t seed = 0;
  // Early stopping: rounds at most, patience, and the share of training rows held out. A
  // round counts as better when its held-out ROC AUC beats the best by more than min_gain.
  int max_rounds = 800;
  int patience = 60;
  double inner_fraction = 0.2;
  int min_rounds = 50;
  double min_gain = 1e-6;

  // The settings for training on `rows` rows: these defaults up to kLargeTrainingRows; from
  // there a larger learning rate (eta 0.1), patience 30 and min_gain 1e-4, so a large training
  // set reaches its plateau in a few hundred rounds instead of the 800 allowed (on 100,000
  // rows of a workspace, 0.04 was still gaining 1e-6 of AUC a round after 800 rounds).
  static XgbParams ForRows(size_t rows);
};

inline constexpr size_t kLargeTrainingRows = 50000;

class XgbModel {
 public:
  XgbModel(XgbModel&&) noexcept = default;
  XgbModel& operator=(XgbModel&&) noexcept = default;
  ~XgbModel();

  // Trains `rounds` rounds on all rows. REQUIRES: y.size() == x.rows, y holds 0 and 1.
  static Result<XgbModel> Train(const Matrix& x, std::span<const float> y, const XgbParams& params,
                                int rounds);
  // Early stopping on an inner split of (x, y), then Train() on all of it (see file comment).
  static Result<XgbModel> TrainWithEarlyStopping(const Matrix& x, std::span<const float> y,
                                                 const XgbParams& params);
  // Loads bytes from Serialize().
  static Result<XgbModel> Deserialize(std::string_view bytes, int nthread);

  // Probabilities of the positive class, one per row.
  Result<std::vector<double>> Predict(const Matrix& x) const;
  // Per-feature contributions in log-odds: rows x (cols + 1), the last column being the
  // bias; each row sums to the row's log-odds. Exact: SHAP values (TreeSHAP, about 60 us a
  // row for a 250-round depth-3 model on 2 cores, through XGBoost). Approximate: Saabas's
  // method, the values of XGBoost's `approx_contribs` (each split on the row's path credits
  // its feature with the change in the node's mean value), computed here from the model's
  // JSON on two threads: about the cost of a prediction.
  Result<Matrix> Contributions(const Matrix& x, bool approximate = false) const;
  // The model in XGBoost's UBJSON format.
  Result<std::string> Serialize() const;

  int rounds() const { return rounds_; }

 private:
  struct BoosterDeleter {
    void operator()(void* handle) const;
  };
  XgbModel() = default;
  std::unique_ptr<void, BoosterDeleter> booster_;
  int rounds_ = 0;
};

}  // namespace tend::predict

#endif  // TEND_PREDICT_XGBOOST_MODEL_H_
