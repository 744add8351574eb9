#include "common/clock.h"

#include <gtest/gtest.h>

namespace tend {
namespace {

TEST(ClockTest, FakeClockStandsStillUntilMoved) {
  FakeClock clock(1000);
  EXPECT_EQ(clock.NowMs(), 1000);
  EXPECT_EQ(clock.NowMs(), 1000);
  clock.Advance(250);
  EXPECT_EQ(clock.NowMs(), 1250);
  clock.Set(42);
  EXPECT_EQ(clock.NowMs(), 42);
}

TEST(ClockTest, DefaultClockIsTheWallClock) {
  const EpochMs before = NowMs();
  const EpochMs now = DefaultClock().NowMs();
  EXPECT_GE(now, before);
  EXPECT_LE(now, NowMs());
}

}  // namespace
}  // namespace tend
