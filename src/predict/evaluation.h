// Evaluation of binary classifiers: ROC AUC, PR AUC (average precision), lift in the top
// decile, calibration by decile, and stratified k-fold assignment. Pure functions over
// scores and 0/1 labels; deterministic.
#ifndef TEND_PREDICT_EVALUATION_H_
#define TEND_PREDICT_EVALUATION_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tend::predict {

// The area under the ROC curve: the probability that a random positive scores above a random
// negative, ties counting one half (Mann-Whitney). NaN when a class is absent.
double RocAuc(std::span<const double> scores, std::span<const float> labels);
// Average precision (the PR AUC as scikit-learn computes it; tied scores form one step).
// NaN when there is no positive.
double AveragePrecision(std::span<const double> scores, std::span<const float> labels);
// The positive rate among the 10% highest scores over the overall positive rate. NaN when
// there is no positive.
double TopDecileLift(std::span<const double> scores, std::span<const float> labels);

struct CalibrationBin {
  size_t count = 0;
  double mean_predicted = 0, observed_rate = 0;
};
// Rows sorted by score and cut into `bins` groups of (nearly) equal size, lowest first.
std::vector<CalibrationBin> Calibration(std::span<const double> scores,
                                        std::span<const float> labels, int bins = 10);

// The fold (0..k-1) of each row for stratified k-fold cross-validation: each class is shuffled
// with `seed` and dealt round-robin, so every fold has nearly the same share of positives.
// With `groups` (one id per row), whole groups are dealt instead (a group is positive when
// any of its rows is), so no group is in two folds. REQUIRES: k >= 2.
std::vector<int> StratifiedFolds(std::span<const float> labels, int k, uint64_t seed,
                                 std::span<const std::string> groups = {});

// A seeded sample of about `max_rows` of the rows, for cross-validating very large training
// sets: whole groups are taken (with `groups`, one id per row; else single rows), positive
// units (a group with any positive row) and negative ones at the same rate, so the sample
// keeps the positive rate and no group is split. Returns the chosen row indexes in ascending
// order: every row when there are at most `max_rows` (or max_rows is 0).
std::vector<size_t> SampleRows(std::span<const float> labels, size_t max_rows, uint64_t seed,
                               std::span<const std::string> groups = {});

struct MeanStd {
  double mean = 0, std = 0;  // std: sample standard deviation (n - 1); 0 for one value
};
MeanStd Summarize(std::span<const double> values);

}  // namespace tend::predict

#endif  // TEND_PREDICT_EVALUATION_H_
