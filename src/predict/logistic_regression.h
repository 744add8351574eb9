// LogisticRegression: the baseline model, an L2-regularised logistic regression written by
// hand and fitted by Newton's method (iteratively reweighted least squares) with step halving.
// Deterministic: no randomness, a fixed iteration order.
//
// Preprocessing is part of the model and learned from the training matrix only: a column's
// missing values (NaN) are imputed with its training median, and every column that had a
// missing value in training gets a 0/1 missing-indicator column; all columns are then
// standardised with the training mean and standard deviation (a constant column is only
// centred). The intercept is not penalised.
//
// A plain value; Predict() is const and may be called from several threads.
#ifndef TEND_PREDICT_LOGISTIC_REGRESSION_H_
#define TEND_PREDICT_LOGISTIC_REGRESSION_H_

#include <span>
#include <vector>

#include "predict/frame.h"

namespace tend::predict {

struct LogRegOptions {
  double l2 = 1.0;  // penalty on the standardised weights: 0.5 * l2 * |w|^2
  int max_iterations = 100;
  double tolerance = 1e-6;  // stop when the largest Newton step is below this
};

class LogisticRegression {
 public:
  // REQUIRES: y.size() == x.rows, y holds 0 and 1.
  static LogisticRegression Fit(const Matrix& x, std::span<const float> y,
                                const LogRegOptions& options = {});
  // The probability of the positive class for each row. REQUIRES: x.cols == the fitted cols.
  std::vector<double> Predict(const Matrix& x) const;

  // Weights on the standardised design (the input columns, then the missing indicators).
  const std::vector<double>& weights() const { return w_; }
  double intercept() const { return b_; }
  int iterations() const { return iterations_; }

 private:
  // The standardised design row of input row `r` into `z`.
  void Design(const float* row, double* z) const;

  size_t cols_ = 0;
  std::vector<double> median_;
  std::vector<int> indicator_of_;     // per input column: its indicator's design index, or -1
  std::vector<double> mean_, scale_;  // per design column
  std::vector<double> w_;
  double b_ = 0;
  int iterations_ = 0;
};

}  // namespace tend::predict

#endif  // TEND_PREDICT_LOGISTIC_REGRESSION_H_
