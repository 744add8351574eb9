#include <gtest/gtest.h>

#include "revenue/account_revenue.h"
#include "revenue/portfolio.h"
#include "revenue/renewals.h"
#include "revenue/retention.h"

namespace tend::revenue {
namespace {

EpochDay D(const char* s) { return *ParseDate(s); }

store::AccountRecord Account(const char* id, const char* segment, std::optional<double> arr = {}) {
  store::AccountRecord a;
  a.account_id = id;
  a.segment = segment;
  a.csm = "Sofia";
  a.arr = arr;
  return a;
}

store::SubscriptionRecord Sub(const char* id, const char* account, const char* product, double arr,
                              const char* start, const char* end, const char* status = "expired") {
  store::SubscriptionRecord s;
  s.subscription_id = id;
  s.account_id = account;
  s.product = product;
  s.arr = arr;
  s.quantity = arr / 100;
  s.start_date = D(start);
  s.end_date = D(end);
  s.status = status;
  return s;
}

// A1 expands at its renewal, A2 churns, A3 contracts, A4 is new, A5 has no subscriptions.
Portfolio Example() {
  std::vector<store::AccountRecord> accounts = {
      Account("A1", "smb"), Account("A2", "smb"), Account("A3", "enterprise"),
      Account("A4", "enterprise"), Account("A5", "", 500)};
  std::vector<store::SubscriptionRecord> subs = {
      Sub("S1", "A1", "platform", 1000, "2024-01-01", "2025-01-01"),
      Sub("S2", "A1", "platform", 1500, "2025-01-01", "2026-01-01", "active"),
      Sub("S3", "A2", "platform", 2000, "2024-06-01", "2025-06-01", "cancelled"),
      Sub("S4", "A3", "platform", 4000, "2024-03-01", "2025-03-01"),
      Sub("S5", "A3", "platform", 3000, "2025-03-01", "2026-03-01", "active"),
      Sub("S6", "A3", "analytics", 500, "2024-03-01", "2026-03-01", "active"),
      Sub("S7", "A4", "platform", 800, "2025-02-01", "2026-02-01", "active")};
  return Portfolio(std::move(accounts), subs, {});
}

TEST(AccountArrTest, CountsEachTermOnItsDaysEndExclusive) {
  Portfolio p = Example();
  const AccountArr& a1 = p.accounts()[0].revenue.arr();
  EXPECT_TRUE(a1.derived());
  EXPECT_DOUBLE_EQ(a1.On(D("2023-12-31")), 0);
  EXPECT_DOUBLE_EQ(a1.On(D("2024-12-31")), 1000);
  EXPECT_DOUBLE_EQ(a1.On(D("2025-01-01")), 1500);
  EXPECT_DOUBLE_EQ(a1.On(D("2026-01-01")), 0);
  ArrBridge b = a1.ChangesBetween(D("2023-12-31"), D("2026-01-01"));
  EXPECT_DOUBLE_EQ(b.new_arr, 1000);
  EXPECT_DOUBLE_EQ(b.expansion, 500);
  EXPECT_DOUBLE_EQ(b.churn, 1500);
  // Without subscriptions the arr column counts.
  const AccountRevenue& a5 = p.accounts()[4].revenue;
  EXPECT_FALSE(a5.arr().derived());
  EXPECT_EQ(a5.Arr(D("2025-01-01")), 500);
  EXPECT_FALSE(a5.SeatsPurchased(D("2025-01-01")).has_value());
}

TEST(AccountRevenueTest, ExpressionValues) {
  Portfolio p = Example();
  const AccountRevenue& a3 = p.accounts()[2].revenue;
  EXPECT_EQ(a3.Arr(D("2025-04-01")), 3500);
  EXPECT_EQ(a3.ArrChange90d(D("2025-04-01")), -1000);
  EXPECT_EQ(a3.SeatsPurchased(D("2025-04-01")), 35);
  EXPECT_DOUBLE_EQ(a3.ContractionArr365d(D("2025-04-01")), 1000);
  EXPECT_DOUBLE_EQ(a3.ExpansionArr365d(D("2025-04-01")), 0);
  auto next = a3.NextRenewal(D("2025-04-01"));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->renewal_date, D("2026-03-01"));
  EXPECT_EQ(next->stage, "upcoming");
  EXPECT_EQ(next->owner, "Sofia");
}

TEST(RenewalsTest, StagesFollowWhatCameAfterTheEndDate) {
  Portfolio p = Example();
  auto stage_of = [&](size_t account, const char* sub) {
    for (const auto& r : p.accounts()[account].revenue.Renewals(D("2025-07-01"))) {
      if (r.subscription_id == sub) return r.stage + "/" + r.forecast;
    }
    return std::string("none");
  };
  EXPECT_EQ(stage_of(0, "S1"), "renewed/commit");
  EXPECT_EQ(stage_of(1, "S3"), "churned/at_risk");
  EXPECT_EQ(stage_of(2, "S4"), "downsell/at_risk");
  EXPECT_EQ(stage_of(0, "S2"), "upcoming/best_case");
  // An edit replaces the fields it sets.
  store::RenewalRecord edit{"S2", "in_progress", "Maya", "at_risk", 1200.0, "", 1};
  auto s = Sub("S2", "A1", "platform", 1500, "2025-01-01", "2026-01-01", "active");
  Renewal r = DeriveRenewal(s, {&s, 1}, &edit, "Sofia", D("2025-07-01"));
  EXPECT_EQ(r.stage, "in_progress");
  EXPECT_EQ(r.owner, "Maya");
  EXPECT_DOUBLE_EQ(r.arr_at_stake, 1200);
  EXPECT_TRUE(r.edited);
  edit.stage = "won";
  Status bad = ValidateRenewalEdit(edit);
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("stage"), std::string::npos);
}

TEST(RetentionTest, TrailingTwelveMonthsFollowsTheDefinitions) {
  Portfolio p = Example();
  // Window (2024-07-01, 2025-07-01]: cohort A1 1000, A2 2000, A3 4500, A5 500 = 8000.
  RetentionFigures f = Retention(p, D("2025-07-01"));
  EXPECT_DOUBLE_EQ(f.starting_arr, 8000);
  EXPECT_DOUBLE_EQ(f.churned_arr, 2000);
  EXPECT_DOUBLE_EQ(f.contraction_arr, 1000);
  EXPECT_DOUBLE_EQ(f.expansion_arr, 500);
  EXPECT_DOUBLE_EQ(f.new_arr, 800);
  EXPECT_DOUBLE_EQ(f.ending_arr, 1500 + 3500 + 800 + 500);
  EXPECT_DOUBLE_EQ(f.grr, 5000.0 / 8000);
  EXPECT_DOUBLE_EQ(f.nrr, 5500.0 / 8000);
  EXPECT_DOUBLE_EQ(f.logo_retention, 3.0 / 4);
  auto by = RetentionBy(p, D("2025-07-01"), GroupBy::kSegment);
  ASSERT_EQ(by.size(), 3u);
  EXPECT_DOUBLE_EQ(by["smb"].starting_arr, 3000);
  EXPECT_DOUBLE_EQ(by["smb"].logo_retention, 0.5);
  EXPECT_DOUBLE_EQ(by["enterprise"].new_arr, 800);
  EXPECT_DOUBLE_EQ(by[std::string(kNoGroup)].grr, 1);
  auto products = RetentionBy(p, D("2025-07-01"), GroupBy::kProduct);
  EXPECT_DOUBLE_EQ(products["analytics"].nrr, 1);
  EXPECT_DOUBLE_EQ(products["platform"].starting_arr, 7000);
  // A month cohort keeps the accounts that started in that month.
  std::vector<store::AccountRecord> accounts = {Account("A1", "smb"), Account("A2", "smb")};
  accounts[0].start_date = D("2024-01-01");
  accounts[1].start_date = D("2024-06-01");
  Portfolio two(accounts, {Sub("S1", "A1", "platform", 1000, "2024-01-01", "2026-01-01"),
                           Sub("S3", "A2", "platform", 2000, "2024-06-01", "2025-06-01")},
                {});
  EXPECT_DOUBLE_EQ(Retention(two, D("2025-07-01"), 365, "2024-06").churned_arr, 2000);
  EXPECT_DOUBLE_EQ(Retention(two, D("2025-07-01"), 365, "2024-01").grr, 1);
  EXPECT_TRUE(IsMonth("2024-06"));
  EXPECT_FALSE(IsMonth("2024-13"));
  // An empty cohort gives zero ratios.
  EXPECT_DOUBLE_EQ(Retention(two, D("2023-01-01")).grr, 0);
  EXPECT_DOUBLE_EQ(Retention(two, D("2023-01-01")).starting_arr, 0);
}

TEST(RetentionTest, TheAccountsBehindEachFigureSumToIt) {
  Portfolio p = Example();
  const EpochDay d = D("2025-07-01");
  RetentionFigures f = Retention(p, d);
  auto sum = [&](Movement m, std::vector<std::string>* ids) {
    double total = 0;
    for (const AccountMovement& a : AccountsMoved(p, d, m)) {
      EXPECT_EQ(a.movement, m);
      total += a.amount;
      ids->push_back(p.accounts()[a.account].account.account_id);
    }
    return total;
  };
  std::vector<std::string> churned, contracted, expanded, added, unchanged;
  EXPECT_DOUBLE_EQ(sum(Movement::kChurned, &churned), f.churned_arr);
  EXPECT_DOUBLE_EQ(sum(Movement::kContraction, &contracted), f.contraction_arr);
  EXPECT_DOUBLE_EQ(sum(Movement::kExpansion, &expanded), f.expansion_arr);
  EXPECT_DOUBLE_EQ(sum(Movement::kNew, &added), f.new_arr);
  sum(Movement::kUnchanged, &unchanged);
  EXPECT_EQ(churned, std::vector<std::string>{"A2"});
  EXPECT_EQ(contracted, std::vector<std::string>{"A3"});
  EXPECT_EQ(expanded, std::vector<std::string>{"A1"});
  EXPECT_EQ(added, std::vector<std::string>{"A4"});
  EXPECT_EQ(unchanged, std::vector<std::string>{"A5"});
  for (std::string_view name : {"new", "expansion", "contraction", "churned", "unchanged"})
    EXPECT_EQ(MovementName(*ParseMovement(name)), name);
  EXPECT_FALSE(ParseMovement("lost").has_value());
}

TEST(PortfolioTest, HistoryLevelsAndBridgeAddUp) {
  Portfolio p = Example();
  auto days = p.History(D("2024-12-30"), D("2025-03-02"));
  ASSERT_EQ(days.size(), 63u);
  for (const auto& d : days) {
    double direct = 0;
    for (const auto& pa : p.accounts()) direct += pa.revenue.arr().On(d.day);
    EXPECT_DOUBLE_EQ(d.arr, direct) << FormatDate(d.day);
  }
  EXPECT_DOUBLE_EQ(days[2].bridge.expansion, 500);  // 2025-01-01
  EXPECT_DOUBLE_EQ(days[33].bridge.new_arr, 800);   // 2025-02-01
}

}  // namespace
}  // namespace tend::revenue
