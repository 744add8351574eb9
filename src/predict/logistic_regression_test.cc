#include "predict/logistic_regression.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "predict/evaluation.h"

namespace tend::predict {
namespace {

TEST(LogisticRegressionTest, SeparatesASeparableToySet) {
  // y = 1 exactly when x0 + x1 > 1; a missing value in x1 now and then.
  Matrix x(200, 2);
  std::vector<float> y;
  for (size_t i = 0; i < 200; ++i) {
    const float a = static_cast<float>((i * 37) % 100) / 100.0f;
    const float b = static_cast<float>((i * 61) % 100) / 100.0f;
    x.at(i, 0) = a;
    x.at(i, 1) = i % 17 == 0 ? NAN : b;
    y.push_back(a + b > 1.0f ? 1.0f : 0.0f);
  }
  const LogisticRegression m = LogisticRegression::Fit(x, y, {.l2 = 0.1});
  const std::vector<double> p = m.Predict(x);
  EXPECT_GT(RocAuc(p, y), 0.97);
  EXPECT_EQ(m.weights().size(), 3u) << "two columns and one missing indicator";
  EXPECT_GT(m.weights()[0], 0);
  EXPECT_GT(m.weights()[1], 0);
  Matrix probe(1, 2);
  probe.at(0, 0) = 0.95f;
  probe.at(0, 1) = 0.9f;
  EXPECT_GT(m.Predict(probe)[0], 0.9);
  probe.at(0, 0) = 0.05f;
  probe.at(0, 1) = 0.1f;
  EXPECT_LT(m.Predict(probe)[0], 0.1);
}

TEST(LogisticRegressionTest, DeterministicAndFinite) {
  Matrix x(50, 1);
  std::vector<float> y;
  for (size_t i = 0; i < 50; ++i) {
    x.at(i, 0) = static_cast<float>(i);
    y.push_back(i >= 25 ? 1.0f : 0.0f);  // perfectly separable: L2 keeps weights finite
  }
  const auto a = LogisticRegression::Fit(x, y);
  const auto b = LogisticRegression::Fit(x, y);
  EXPECT_EQ(a.weights(), b.weights());
  EXPECT_TRUE(std::isfinite(a.weights()[0]));
  EXPECT_EQ(a.Predict(x), b.Predict(x));
}

}  // namespace
}  // namespace tend::predict
