#include "scorecard/calibration.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace tend::scorecard {
namespace {

TEST(SeparationAuc, PerfectChanceAndTies) {
  std::vector<double> s = {10, 20, 30, 40};
  std::vector<uint8_t> low_churn = {1, 1, 0, 0};
  EXPECT_DOUBLE_EQ(*SeparationAuc(s, low_churn), 1.0);
  std::vector<uint8_t> high_churn = {0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(*SeparationAuc(s, high_churn), 0.0);
  std::vector<double> tied = {5, 5, 5, 5};
  EXPECT_DOUBLE_EQ(*SeparationAuc(tied, low_churn), 0.5);
  std::vector<uint8_t> none = {0, 0, 0, 0};
  EXPECT_FALSE(SeparationAuc(s, none).has_value());
}

// Two measures: the first predicts churn (low score, more churn), the second is noise.
struct Synthetic {
  std::vector<double> x;  // rows x 2, 0..1
  std::vector<uint8_t> y;
};

Synthetic Make(size_t rows, bool shuffle) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> u(0, 1);
  Synthetic d;
  for (size_t r = 0; r < rows; ++r) {
    double signal = u(rng), noise = u(rng);
    d.x.push_back(signal);
    d.x.push_back(noise);
    double p = 1 / (1 + std::exp(-(1.5 - 5 * signal)));
    d.y.push_back(u(rng) < p);
  }
  if (shuffle) std::shuffle(d.y.begin(), d.y.end(), rng);
  return d;
}

TEST(FitNonNegativeRiskWeights, FindsTheSignalAndItsDirection) {
  Synthetic d = Make(4000, false);
  double b = 0;
  std::vector<double> w = FitNonNegativeRiskWeights(d.x, 2, d.y, &b);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_GT(w[0], 3.0);  // the true weight is 5
  EXPECT_LT(w[1], 0.5);  // noise gets (nearly) nothing
  std::vector<double> first;
  for (size_t r = 0; r < d.y.size(); ++r) first.push_back(d.x[r * 2]);
  EXPECT_GT(*SeparationAuc(first, d.y), 0.75);
}

TEST(FitNonNegativeRiskWeights, ShuffledOutcomesHaveNoSignal) {
  Synthetic d = Make(4000, true);
  std::vector<double> first;
  for (size_t r = 0; r < d.y.size(); ++r) first.push_back(d.x[r * 2]);
  double auc = *SeparationAuc(first, d.y);
  EXPECT_GT(auc, 0.45);
  EXPECT_LT(auc, 0.55);
  std::vector<double> w = FitNonNegativeRiskWeights(d.x, 2, d.y, nullptr);
  EXPECT_LT(w[0], 0.5);
}

TEST(FitNonNegativeRiskWeights, NeverNegative) {
  // Here a higher score means more churn: the constrained fit gives it weight 0.
  Synthetic d = Make(2000, false);
  for (double& v : d.x) v = 1 - v;
  std::vector<double> w = FitNonNegativeRiskWeights(d.x, 2, d.y, nullptr);
  EXPECT_EQ(w[0], 0.0);
}

}  // namespace
}  // namespace tend::scorecard
