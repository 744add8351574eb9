#include "predict/tabular.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "predict/feature_encoder.h"
#include "testutil/testutil.h"

namespace tend::predict {
namespace {

std::vector<std::string> Repeat(std::vector<std::string> pattern, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back(pattern[i % pattern.size()]);
  return out;
}

TEST(InferColumnRoleTest, NumbersWithBlanksAreNumeric) {
  EXPECT_EQ(InferColumnRole(Repeat({"29.85", " ", "1889.5", "", "NA", "-3e2"}, 60)),
            ColumnRole::kNumeric);
  EXPECT_EQ(InferColumnRole(Repeat({"0", "1"}, 60)), ColumnRole::kNumeric);
}

TEST(InferColumnRoleTest, FewTextValuesAreCategorical) {
  EXPECT_EQ(InferColumnRole(Repeat({"Month-to-month", "One year", "Two year", ""}, 400)),
            ColumnRole::kCategorical);
}

TEST(InferColumnRoleTest, DistinctShortTextIsAnIdentifier) {
  std::vector<std::string> ids;
  for (int i = 0; i < 300; ++i) ids.push_back("7590-VH" + std::to_string(i));
  EXPECT_EQ(InferColumnRole(ids), ColumnRole::kIdentifier);
}

TEST(InferColumnRoleTest, LongManyValuedTextIsFreeText) {
  std::vector<std::string> notes;
  for (int i = 0; i < 300; ++i) {
    notes.push_back("The customer called about invoice " + std::to_string(i % 150) +
                    " and asked for a discount on the renewal");
  }
  EXPECT_EQ(InferColumnRole(notes), ColumnRole::kFreeText);
}

TEST(InferColumnRoleTest, OneValueIsConstant) {
  EXPECT_EQ(InferColumnRole(Repeat({"x", ""}, 10)), ColumnRole::kConstant);
}

TEST(ReadLabelledCsvTest, BuildsFeaturesAndLabels) {
  tend::testing::TempDir dir;
  const std::string path = dir.File("predict_tabular.csv");
  std::string csv = "id,Plan Tier,Monthly Usage,Churned?\n";
  for (int i = 0; i < 30; ++i) {
    csv += "c" + std::to_string(i) + "," + (i % 3 ? "pro" : "basic") + "," +
           (i % 7 ? std::to_string(i) : " ") + "," + (i % 4 ? "No" : "Yes") + "\n";
  }
  tend::testing::WriteFile(path, csv);
  auto t = ReadLabelledCsv(path, "id", "Churned?", "");
  ASSERT_OK(t.status());
  EXPECT_EQ(t->positive, "Yes");
  EXPECT_EQ(t->negative, "No");
  ASSERT_EQ(t->frame.columns.size(), 2u);
  EXPECT_EQ(t->frame.columns[0].name, "Plan Tier");
  EXPECT_EQ(t->frame.columns[0].kind, FeatureKind::kCategorical);
  EXPECT_EQ(t->frame.columns[1].kind, FeatureKind::kNumeric);
  EXPECT_TRUE(std::isnan(t->frame.columns[1].num[0]));
  EXPECT_EQ(t->frame.columns[1].num[1], 1.0);
  EXPECT_EQ(t->labels[0], 1.0f);
  EXPECT_EQ(t->labels[1], 0.0f);
  EXPECT_EQ(t->columns[0].role, ColumnRole::kId);

  EXPECT_EQ(ReadLabelledCsv(path, "id", "churn", "").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ReadLabelledCsv(path, "", "id", "").status().id(), "predict.labelClasses");
  EXPECT_EQ(ReadLabelledCsv(path, "", "Monthly Usage", "").status().id(), "predict.blankLabel");
  EXPECT_EQ(ReadLabelledCsv(path, "", "Churned?", "maybe").status().id(),
            "predict.unknownPositive");
}

TEST(FeatureEncoderTest, LevelsComeFromTrainingRowsOnly) {
  Frame f;
  f.rows = 4;
  FrameColumn plan;
  plan.name = "plan";
  plan.kind = FeatureKind::kCategorical;
  plan.cat = {"pro", "basic", "pro", "enterprise"};
  FrameColumn usage;
  usage.name = "usage";
  usage.num = {1, kMissing, 3, 4};
  f.columns = {plan, usage};
  const std::vector<size_t> train = {0, 1, 2};
  const FeatureEncoder enc = FeatureEncoder::Fit(f, train);
  EXPECT_EQ(enc.feature_names(), (std::vector<std::string>{"plan=pro", "plan=basic", "usage"}));
  const Matrix m = enc.TransformAll(f);
  EXPECT_EQ(m.at(3, 0), 0.0f) << "a level unseen in training is all zeros";
  EXPECT_EQ(m.at(3, 1), 0.0f);
  EXPECT_TRUE(std::isnan(m.at(1, 2)));
  auto again = FeatureEncoder::FromJson(enc.ToJson());
  ASSERT_OK(again.status());
  EXPECT_EQ(again->TransformAll(f).data.size(), m.data.size());
  EXPECT_EQ(again->feature_names(), enc.feature_names());
}

}  // namespace
}  // namespace tend::predict
