// Tests for the portfolio dashboard read model (dashboard.h): color counts of active accounts
// overall and per segment and CSM, ARR at risk, renewals within 90 days, 7-day drops, and the
// trend and CTA totals.
#include "scorecard/dashboard.h"

#include <gtest/gtest.h>

#include "testutil/session_fixture.h"

namespace tend::scorecard {
namespace {

constexpr char kAccounts[] =
    "account_id,name,segment,csm,status,arr,renewal_date,usage\n"
    "A1,Zeta Corp,Enterprise,ann,active,5000,2026-10-20,90\n"
    "A2,Alpha,SMB,bob,active,,2027-03-01,10\n"
    "A3,Mid Co,SMB,ann,active,300,2026-10-05,50\n"
    "C1,Gone Ltd,SMB,bob,churned,100,2026-10-02,5\n";

class DashboardTest : public testing::SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    ASSERT_NO_FATAL_FAILURE(ImportAccounts(kAccounts));
  }
};

TEST_F(DashboardTest, CountsActiveAccountsByColorSegmentAndCsm) {
  ASSERT_NO_FATAL_FAILURE(Apply("scorecards:\n  - name: health\n    measures:\n"
                                "      - {name: usage, weight: 1, value: usage}\n"));
  auto s = Session("2026-10-01");
  ASSERT_NE(s, nullptr);
  Portfolio p = ComputePortfolio(*s);
  EXPECT_EQ(p.scorecard, "health");
  EXPECT_EQ(p.all.total(), 3);  // C1 is churned
  EXPECT_EQ(p.all.none, 0);
  ASSERT_EQ(p.by_segment.size(), 2u);
  EXPECT_EQ(p.by_segment["SMB"].total(), 2);
  EXPECT_EQ(p.by_csm["ann"].total(), 2);
  EXPECT_DOUBLE_EQ(p.arr_total, 5300);
  EXPECT_LE(p.arr_red + p.arr_yellow, p.arr_total);
  EXPECT_FALSE(p.predicted_arr_at_risk.has_value());
  // Renewals within 90 days of 2026-10-01, soonest first; A2 renews later.
  ASSERT_EQ(p.renewals_90d.size(), 2u);
  EXPECT_EQ(p.renewals_90d_total, 2u);
  EXPECT_EQ(p.renewals_90d[0].account_id, "A3");
  EXPECT_EQ(p.renewals_90d[0].days_to_renewal, 4);
  EXPECT_EQ(p.renewals_90d[1].account_id, "A1");
  EXPECT_TRUE(p.drops_7d.empty());  // no history: no change
}

TEST_F(DashboardTest, WithoutAScorecardEveryAccountCountsAsNone) {
  ASSERT_NO_FATAL_FAILURE(Apply("metrics:\n  - {name: events_30d, type: event_count, window: 30d}\n"));
  auto s = Session("2026-10-01");
  ASSERT_NE(s, nullptr);
  Portfolio p = ComputePortfolio(*s);
  EXPECT_EQ(p.scorecard, "");
  EXPECT_EQ(p.all.none, 3);
  EXPECT_EQ(p.renewals_90d[0].color, "none");
  EXPECT_FALSE(p.renewals_90d[0].overall.has_value());
}

TEST(DashboardPureTest, TrendStopsAtAsOfAndCtaTotalsSum) {
  std::vector<store::DailySummaryRecord> days(3);
  days[0].day = 10;
  days[1].day = 11;
  days[2].day = 12;
  auto trend = DashboardTrend(days, 11);
  ASSERT_EQ(trend.size(), 2u);
  EXPECT_EQ(trend.back().day, 11);
  auto t = CountCtas({{"risk", "high", 2}, {"risk", "low", 1}, {"activity", "high", 4}});
  EXPECT_EQ(t.total, 7);
  EXPECT_EQ(t.by_type["risk"], 3);
  EXPECT_EQ(t.by_priority["high"], 6);
}

}  // namespace
}  // namespace tend::scorecard
