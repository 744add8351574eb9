#include "predict/xgboost_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "predict/evaluation.h"
#include "predict/model_store.h"
#include "testutil/testutil.h"

namespace tend::predict {
namespace {

Matrix ToyData(std::vector<float>* y) {
  Matrix x(400, 3);
  for (size_t i = 0; i < 400; ++i) {
    const float a = static_cast<float>((i * 37) % 100);
    const float b = static_cast<float>((i * 61) % 100);
    x.at(i, 0) = a;
    x.at(i, 1) = i % 11 == 0 ? NAN : b;
    x.at(i, 2) = static_cast<float>(i % 5);
    y->push_back(a > 60 || (b > 80 && a > 30) ? 1.0f : 0.0f);
  }
  return x;
}

TEST(XgbModelTest, LearnsAndContributionsSumToTheMargin) {
  std::vector<float> y;
  const Matrix x = ToyData(&y);
  auto model = XgbModel::TrainWithEarlyStopping(x, y, XgbParams{});
  ASSERT_OK(model.status());
  auto p = model->Predict(x);
  ASSERT_OK(p.status());
  EXPECT_GT(RocAuc(*p, y), 0.95);
  auto c = model->Contributions(x);
  ASSERT_OK(c.status());
  ASSERT_EQ(c->cols, 4u);
  for (size_t r = 0; r < 20; ++r) {
    double margin = 0;
    for (size_t f = 0; f < c->cols; ++f) margin += c->at(r, f);
    EXPECT_NEAR(1.0 / (1.0 + std::exp(-margin)), (*p)[r], 1e-4);
  }
}

TEST(XgbModelTest, ApproximateContributionsSumToTheMarginToo) {
  std::vector<float> y;
  const Matrix x = ToyData(&y);
  auto model = XgbModel::Train(x, y, XgbParams{}, 60);
  ASSERT_OK(model.status());
  auto p = model->Predict(x);
  ASSERT_OK(p.status());
  auto exact = model->Contributions(x);
  auto approx = model->Contributions(x, /*approximate=*/true);
  ASSERT_OK(exact.status());
  ASSERT_OK(approx.status());
  ASSERT_EQ(approx->cols, 4u);
  ASSERT_EQ(approx->rows, x.rows);
  size_t same_top = 0;
  for (size_t r = 0; r < x.rows; ++r) {
    double margin = 0;
    for (size_t f = 0; f < approx->cols; ++f) margin += approx->at(r, f);
    EXPECT_NEAR(1.0 / (1.0 + std::exp(-margin)), (*p)[r], 1e-4);
    auto top = [&](const Matrix& c) {
      size_t best = 0;
      for (size_t f = 1; f < 3; ++f) {
        if (std::abs(c.at(r, f)) > std::abs(c.at(r, best))) best = f;
      }
      return best;
    };
    same_top += top(*exact) == top(*approx);
  }
  EXPECT_GT(same_top, x.rows * 8 / 10) << "the two mostly agree on the largest contribution";
}

TEST(XgbModelTest, SerializeRoundTrips) {
  std::vector<float> y;
  const Matrix x = ToyData(&y);
  auto model = XgbModel::Train(x, y, XgbParams{}, 30);
  ASSERT_OK(model.status());
  auto bytes = model->Serialize();
  ASSERT_OK(bytes.status());
  auto decoded = Base64Decode(Base64Encode(*bytes));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, *bytes);
  auto loaded = XgbModel::Deserialize(*decoded, 1);
  ASSERT_OK(loaded.status());
  EXPECT_EQ(loaded->rounds(), 30);
  EXPECT_EQ(*loaded->Predict(x), *model->Predict(x));
  EXPECT_EQ(XgbModel::Deserialize("not a model", 1).status().code(), ErrorCode::kDataLoss);
}

TEST(Base64Test, KnownVectors) {
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Decode("Zm9vYg==").value(), "foob");
  EXPECT_FALSE(Base64Decode("Zm9").has_value());
  EXPECT_FALSE(Base64Decode("Z!9v").has_value());
}

}  // namespace
}  // namespace tend::predict
