#include "generate/revenue_plan.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tend::generate {
namespace {

constexpr EpochDay kEnd = DaysFromCivil(2026, 10, 31);

RevenueAccount Account(int trajectory, EpochDay start, EpochDay churned_on = 0) {
  RevenueAccount a;
  a.arr_cents = 12'000'000;
  a.users = 40;
  a.trajectory = trajectory;
  a.churned_on = churned_on;
  a.end_day = kEnd;
  const EpochDay last = churned_on ? churned_on - 1 : kEnd;
  for (int k = 0;; ++k) {
    a.anniversaries.push_back(start + 365 * k);
    if (a.anniversaries.back() > last) break;
  }
  return a;
}

int64_t ArrOn(const std::vector<PlannedSubscription>& subs, EpochDay d) {
  int64_t sum = 0;
  for (const auto& s : subs) {
    if (s.start <= d && d < s.end) sum += s.arr_cents;
  }
  return sum;
}

TEST(RevenuePlanTest, AnActiveAccountsTermsSumToItsArrOnTheLastDay) {
  for (int trajectory : {0, 1, 2}) {
    for (uint64_t seed = 1; seed <= 20; ++seed) {
      Rng rng(seed);
      std::vector<PlannedSubscription> subs;
      std::vector<PlannedPurchase> purchases;
      RevenueAccount a = Account(trajectory, kEnd - 3 * 365 - 100);
      PlanRevenue(a, rng, &subs, &purchases);
      ASSERT_GE(subs.size(), 4u);
      EXPECT_EQ(ArrOn(subs, kEnd), a.arr_cents) << trajectory << " " << seed;
      EXPECT_EQ(subs[3].status, "active");
      EXPECT_EQ(subs[0].status, "expired");
      EXPECT_EQ(purchases.front().kind, "new");
      for (size_t k = 1; k < purchases.size(); ++k) EXPECT_LE(purchases[k - 1].ts, purchases[k].ts);
      for (const auto& p : purchases) EXPECT_LE(p.ts / 86'400'000, kEnd);
    }
  }
}

TEST(RevenuePlanTest, GrowingAccountsExpandAndAtRiskOnesContract) {
  Rng rng(3);
  std::vector<PlannedSubscription> grow, shrink;
  std::vector<PlannedPurchase> gp, sp;
  PlanRevenue(Account(1, kEnd - 2 * 365 - 50), rng, &grow, &gp);
  PlanRevenue(Account(2, kEnd - 2 * 365 - 50), rng, &shrink, &sp);
  EXPECT_LT(grow[0].arr_cents, grow[1].arr_cents);
  EXPECT_GT(shrink[1].arr_cents, shrink[2].arr_cents);
  auto has = [](const std::vector<PlannedPurchase>& p, std::string_view kind) {
    return std::any_of(p.begin(), p.end(), [&](const auto& x) { return x.kind == kind; });
  };
  EXPECT_TRUE(has(gp, "expansion"));
  EXPECT_TRUE(has(sp, "contraction"));
}

TEST(RevenuePlanTest, AChurnedAccountsArrEndsOnChurnedOn) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Rng rng(seed);
    const EpochDay start = kEnd - 3 * 365;
    for (EpochDay churned : {start + 365 * 2, start + 365 * 2 + 100}) {
      std::vector<PlannedSubscription> subs;
      std::vector<PlannedPurchase> purchases;
      PlanRevenue(Account(3, start, churned), rng, &subs, &purchases);
      EXPECT_GT(ArrOn(subs, churned - 1), 0);
      EXPECT_EQ(ArrOn(subs, churned), 0);
      EXPECT_EQ(subs.back().end, churned);
      EXPECT_EQ(subs.back().status, churned == start + 365 * 2 ? "expired" : "cancelled");
    }
  }
}

}  // namespace
}  // namespace tend::generate
