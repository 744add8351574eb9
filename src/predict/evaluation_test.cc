#include "predict/evaluation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace tend::predict {
namespace {

TEST(RocAucTest, PerfectReversedAndRandomRankings) {
  const std::vector<float> y = {0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(RocAuc(std::vector<double>{0.1, 0.2, 0.8, 0.9}, y), 1.0);
  EXPECT_DOUBLE_EQ(RocAuc(std::vector<double>{0.9, 0.8, 0.2, 0.1}, y), 0.0);
  EXPECT_DOUBLE_EQ(RocAuc(std::vector<double>{0.5, 0.5, 0.5, 0.5}, y), 0.5);
}

TEST(RocAucTest, MatchesPairCountingWithTies) {
  // Pairs (pos, neg): 0.8>0.3, 0.8>0.5, 0.5=0.5 (half), 0.5>0.3 -> 3.5 / 4.
  const std::vector<double> s = {0.3, 0.5, 0.5, 0.8};
  const std::vector<float> y = {0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(RocAuc(s, y), 3.5 / 4);
}

TEST(RocAucTest, OneClassIsNaN) {
  EXPECT_TRUE(std::isnan(RocAuc(std::vector<double>{0.1, 0.2}, std::vector<float>{1, 1})));
}

TEST(AveragePrecisionTest, PerfectAndInterleaved) {
  EXPECT_DOUBLE_EQ(
      AveragePrecision(std::vector<double>{0.9, 0.8, 0.1}, std::vector<float>{1, 1, 0}), 1.0);
  // Ranked: pos, neg, pos -> (1/1 + 2/3) / 2.
  EXPECT_DOUBLE_EQ(
      AveragePrecision(std::vector<double>{0.9, 0.8, 0.7}, std::vector<float>{1, 0, 1}),
      (1.0 + 2.0 / 3.0) / 2);
}

TEST(TopDecileLiftTest, AllPositivesOnTop) {
  std::vector<double> s;
  std::vector<float> y;
  for (int i = 0; i < 100; ++i) {
    s.push_back(i);
    y.push_back(i >= 90 ? 1.0f : 0.0f);  // the top 10 are the 10 positives
  }
  EXPECT_DOUBLE_EQ(TopDecileLift(s, y), 10.0);
}

TEST(CalibrationTest, TenEqualBinsLowestFirst) {
  std::vector<double> s;
  std::vector<float> y;
  for (int i = 0; i < 100; ++i) {
    s.push_back(i / 100.0);
    y.push_back(i % 2 ? 1.0f : 0.0f);
  }
  auto bins = Calibration(s, y, 10);
  ASSERT_EQ(bins.size(), 10u);
  EXPECT_EQ(bins[0].count, 10u);
  EXPECT_NEAR(bins[0].mean_predicted, 0.045, 1e-12);
  EXPECT_NEAR(bins[9].mean_predicted, 0.945, 1e-12);
  EXPECT_DOUBLE_EQ(bins[3].observed_rate, 0.5);
}

TEST(StratifiedFoldsTest, EveryFoldGetsItsShareOfPositives) {
  std::vector<float> y(103, 0.0f);
  for (int i = 0; i < 23; ++i) y[i * 4] = 1.0f;
  const auto fold = StratifiedFolds(y, 5, 7);
  int pos[5] = {}, all[5] = {};
  for (size_t r = 0; r < y.size(); ++r) {
    ASSERT_GE(fold[r], 0);
    ASSERT_LT(fold[r], 5);
    ++all[fold[r]];
    pos[fold[r]] += y[r] > 0.5f;
  }
  for (int f = 0; f < 5; ++f) {
    EXPECT_GE(pos[f], 4);
    EXPECT_LE(pos[f], 5);
    EXPECT_GE(all[f], 20);
    EXPECT_LE(all[f], 21);
  }
  EXPECT_EQ(StratifiedFolds(y, 5, 7), fold) << "deterministic for a seed";
  EXPECT_NE(StratifiedFolds(y, 5, 8), fold) << "another seed deals differently";
}

TEST(StratifiedFoldsTest, GroupsStayInOneFold) {
  std::vector<float> y;
  std::vector<std::string> groups;
  for (int g = 0; g < 40; ++g) {
    for (int k = 0; k < 3; ++k) {
      groups.push_back("A" + std::to_string(g));
      y.push_back(g % 4 == 0 && k == 2 ? 1.0f : 0.0f);
    }
  }
  const auto fold = StratifiedFolds(y, 5, 1, groups);
  for (size_t r = 0; r < y.size(); r += 3) {
    EXPECT_EQ(fold[r], fold[r + 1]);
    EXPECT_EQ(fold[r], fold[r + 2]);
  }
  std::set<int> positive_folds;
  for (size_t r = 0; r < y.size(); ++r) {
    if (y[r] > 0.5f) positive_folds.insert(fold[r]);
  }
  EXPECT_EQ(positive_folds.size(), 5u) << "the 10 positive groups are spread over the folds";
}

TEST(SampleRowsTest, AllRowsWhenSmallEnough) {
  const std::vector<float> y = {0, 1, 0, 0, 1};
  EXPECT_EQ(SampleRows(y, 5, 1), (std::vector<size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(SampleRows(y, 0, 1), (std::vector<size_t>{0, 1, 2, 3, 4})) << "0 means no limit";
}

TEST(SampleRowsTest, WholeGroupsAtTheSameRatePerClass) {
  // 1,000 groups of 4 rows; every 10th group has one positive row.
  std::vector<float> y;
  std::vector<std::string> groups;
  for (int g = 0; g < 1000; ++g) {
    for (int k = 0; k < 4; ++k) {
      groups.push_back("A" + std::to_string(g));
      y.push_back(g % 10 == 0 && k == 3 ? 1.0f : 0.0f);
    }
  }
  const std::vector<size_t> rows = SampleRows(y, 800, 3, groups);
  EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end()));
  EXPECT_EQ(rows.size(), 800u) << "200 of the 1,000 groups";
  std::map<std::string, int> per_group;
  size_t positives = 0;
  for (size_t r : rows) {
    ++per_group[groups[r]];
    positives += y[r] > 0.5f;
  }
  for (const auto& [g, n] : per_group) EXPECT_EQ(n, 4) << g << " is taken whole";
  EXPECT_EQ(positives, 20u) << "20 of the 100 positive groups: the positive rate is kept";
  EXPECT_EQ(SampleRows(y, 800, 3, groups), rows) << "deterministic for a seed";
  EXPECT_NE(SampleRows(y, 800, 4, groups), rows) << "another seed samples differently";
}

TEST(SummarizeTest, SampleStandardDeviation) {
  const MeanStd m = Summarize(std::vector<double>{1, 2, 3, 4});
  EXPECT_DOUBLE_EQ(m.mean, 2.5);
  EXPECT_NEAR(m.std, std::sqrt(5.0 / 3.0), 1e-12);
}

}  // namespace
}  // namespace tend::predict
