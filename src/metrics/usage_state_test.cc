#include "metrics/usage_state.h"

#include <gtest/gtest.h>

namespace tend::metrics {
namespace {

TEST(DayBitsTest, CountsAndFindsAcrossWords) {
  DayBits b;
  for (EpochDay d : {20000, 20063, 20064, 20130, 19990}) b.Set(d);
  EXPECT_EQ(b.Count(19990, 20130), 5);
  EXPECT_EQ(b.Count(20001, 20063), 1);
  EXPECT_TRUE(b.Any(20064, 20064));
  EXPECT_FALSE(b.Any(20065, 20129));
  EXPECT_EQ(b.LastOnOrBefore(20129), 20064);
  EXPECT_EQ(b.LastOnOrBefore(19989), std::nullopt);
}

TEST(DaySeriesTest, SumsWindowsAndAcceptsOutOfOrderDays) {
  DaySeries s;
  s.Add(10);
  s.Add(10);
  s.Add(12, 3);
  s.Add(5);
  s.Add(11);
  EXPECT_EQ(s.Sum(5, 12), 7u);
  EXPECT_EQ(s.Sum(11, 11), 1u);
  EXPECT_EQ(s.DaysWithAny(6, 12), 3);
  EXPECT_EQ(s.LastOnOrBefore(9), 5);
}

TEST(AccountUsageTest, SerializesRoundTrip) {
  AccountUsage a;
  uint32_t u0 = a.FindOrAddUser("u0"), u1 = a.FindOrAddUser("u1");
  a.AddEvent(100 * kMsPerDay + 5, u0, 3);
  a.AddEvent(101 * kMsPerDay, u1, 4);
  a.AddEvent(99 * kMsPerDay, u1, 3);
  auto b = AccountUsage::Deserialize(a.Serialize());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->events(), 3u);
  EXPECT_EQ(b->last_event(), 101 * kMsPerDay);
  EXPECT_EQ(b->users().size(), 2u);
  EXPECT_EQ(b->users()[1].days.Count(0, 200), 2);
  EXPECT_EQ(b->totals().Sum(0, 200), 3u);
  EXPECT_EQ(b->features().size(), 2u);
  EXPECT_EQ(b->Serialize(), a.Serialize());
}

TEST(AccountUsageTest, RejectsDamagedBlob) {
  AccountUsage a;
  a.AddEvent(0, a.FindOrAddUser("u"), 0);
  std::string blob = a.Serialize();
  EXPECT_EQ(AccountUsage::Deserialize(blob.substr(0, blob.size() - 3)).status().code(),
            ErrorCode::kDataLoss);
  EXPECT_FALSE(AccountUsage::Deserialize("").ok());
}

}  // namespace
}  // namespace tend::metrics
