#include "common/time.h"

#include <gtest/gtest.h>

namespace tend {
namespace {

TEST(TimeTest, DaysFromCivilRoundTrips) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  for (EpochDay d = -800000; d < 800000; d += 997) {
    CivilDate c = CivilFromDays(d);
    EXPECT_EQ(DaysFromCivil(c.year, c.month, c.day), d);
  }
}

TEST(TimeTest, ParsesDatesStrictly) {
  EXPECT_EQ(ParseDate("2026-10-31"), DaysFromCivil(2026, 10, 31));
  EXPECT_EQ(ParseDate("2024-02-29"), DaysFromCivil(2024, 2, 29));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2026-13-01"));
  EXPECT_FALSE(ParseDate("2026-00-10"));
  EXPECT_FALSE(ParseDate("2026-1-01"));
  EXPECT_FALSE(ParseDate(" 2026-01-01"));
  EXPECT_FALSE(ParseDate("2026/01/01"));
  EXPECT_FALSE(ParseDate(""));
}

TEST(TimeTest, ParsesIsoTimesWithOffsets) {
  const EpochMs base = static_cast<EpochMs>(DaysFromCivil(2026, 5, 1)) * kMsPerDay;
  EXPECT_EQ(ParseTime("2026-05-01T13:22:05Z"), base + (13 * 3600 + 22 * 60 + 5) * 1000);
  EXPECT_EQ(ParseTime("2026-05-01T15:22:05+02:00"), base + (13 * 3600 + 22 * 60 + 5) * 1000);
  EXPECT_EQ(ParseTime("2026-05-01T11:22:05-0200"), base + (13 * 3600 + 22 * 60 + 5) * 1000);
  EXPECT_EQ(ParseTime("2026-05-01T13:22:05.250Z"), base + (13 * 3600 + 22 * 60 + 5) * 1000 + 250);
  EXPECT_EQ(ParseTime("2026-05-01T13:22:05.123456Z"),
            base + (13 * 3600 + 22 * 60 + 5) * 1000 + 123);
  EXPECT_EQ(ParseTime("2026-05-01 00:00:00Z"), base);
  EXPECT_EQ(ParseTime("2026-05-01"), base);
  // An offset moves the time across midnight into the previous UTC day.
  EXPECT_EQ(DayOf(*ParseTime("2026-05-01T01:00:00+02:00")), DaysFromCivil(2026, 4, 30));
}

TEST(TimeTest, RejectsMalformedTimes) {
  for (const char* bad :
       {"2026-13-01T00:00:00Z", "2026-05-01T24:00:00Z", "2026-05-01T13:60:00Z",
        "2026-05-01T13:22:05", "2026-05-01T13:22Z", "2026-05-01T13:22:05+2",
        "2026-05-01T13:22:05.Z", "yesterday", "2026-05-01T13:22:05ZZ", "2026-02-30T00:00:00Z"}) {
    EXPECT_FALSE(ParseTime(bad)) << bad;
  }
}

TEST(TimeTest, MidnightBelongsToTheDayItStarts) {
  EXPECT_EQ(DayOf(*ParseTime("2026-10-31T00:00:00Z")), DaysFromCivil(2026, 10, 31));
  EXPECT_EQ(DayOf(*ParseTime("2026-10-30T23:59:59.999Z")), DaysFromCivil(2026, 10, 30));
  EXPECT_EQ(DayOf(-1), -1);
  EXPECT_EQ(DayOf(-kMsPerDay), -1);
}

TEST(TimeTest, FormatsDatesAndTimes) {
  EXPECT_EQ(FormatDate(DaysFromCivil(2026, 1, 5)), "2026-01-05");
  EXPECT_EQ(FormatTime(*ParseTime("2026-05-01T13:22:05Z")), "2026-05-01T13:22:05Z");
  EXPECT_EQ(FormatTime(*ParseTime("2026-05-01T13:22:05.007Z")), "2026-05-01T13:22:05.007Z");
}

}  // namespace
}  // namespace tend
