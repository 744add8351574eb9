#include "ingest/value_formats.h"

#include <gtest/gtest.h>

namespace tend::ingest {
namespace {

TEST(FormattedNumberTest, ExportsMoneyAndSeparators) {
  EXPECT_EQ(ParseFormattedNumber("$1,234.50"), 1234.5);
  EXPECT_EQ(ParseFormattedNumber("1.234,50 \xE2\x82\xAC"), 1234.5);
  EXPECT_EQ(ParseFormattedNumber("\xE2\x82\xAC 1.234.567"), 1234567);
  EXPECT_EQ(ParseFormattedNumber("1,234"), 1234);
  EXPECT_EQ(ParseFormattedNumber("12,5"), 12.5);
  EXPECT_EQ(ParseFormattedNumber("1 234,5"), 1234.5);
  EXPECT_EQ(ParseFormattedNumber("1\xC2\xA0" "234"), 1234);
  EXPECT_EQ(ParseFormattedNumber("1\xE2\x80\xAF" "234,5"), 1234.5);
  EXPECT_EQ(ParseFormattedNumber("(1,200.00)"), -1200);
  EXPECT_EQ(ParseFormattedNumber("-42"), -42);
  EXPECT_EQ(ParseFormattedNumber("USD 99"), 99);
  EXPECT_EQ(ParseFormattedNumber("45%"), 0.45);
  EXPECT_EQ(ParseFormattedNumber("0.5"), 0.5);
  // An explicit decimal mark decides the ambiguous ones.
  EXPECT_EQ(ParseFormattedNumber("1,234", ','), 1.234);
  EXPECT_EQ(ParseFormattedNumber("1.234", ','), 1234);
  for (const char* bad : {"12k", "n/a", "1.2.3", "", "$", "1,23,4", "1e", "--1", "12 apples"}) {
    EXPECT_FALSE(ParseFormattedNumber(bad).has_value()) << bad;
  }
}

TEST(FormattedBoolTest, TheWordsExportsUse) {
  for (const char* t : {"Yes", "y", "TRUE", "t", "1", "On"}) EXPECT_EQ(ParseFormattedBool(t), true) << t;
  for (const char* f : {"No", "N", "false", "F", "0", "off"}) EXPECT_EQ(ParseFormattedBool(f), false) << f;
  EXPECT_FALSE(ParseFormattedBool("maybe").has_value());
}

TEST(DateTimeFormatTest, PatternsReadDatesAndTimes) {
  auto us = *DateTimeFormat::Parse("MM/DD/YYYY");
  EXPECT_EQ(us.Date("03/15/2026", nullptr), ParseDate("2026-03-15"));
  EXPECT_EQ(us.Date("3/5/2026", nullptr), ParseDate("2026-03-05"));
  EXPECT_FALSE(us.Date("15/03/2026", nullptr).has_value());  // no month 15
  EXPECT_FALSE(us.Date("02/30/2026", nullptr).has_value());
  auto de = *DateTimeFormat::Parse("DD.MM.YYYY");
  EXPECT_EQ(de.Date("15.03.2026", nullptr), ParseDate("2026-03-15"));
  auto full = *DateTimeFormat::Parse("YYYY-MM-DD HH:MM:SS");
  EXPECT_EQ(full.Time("2026-03-15 14:05:09", nullptr), ParseTime("2026-03-15T14:05:09Z"));
  EXPECT_FALSE(full.Time("2026-03-15 14:05", nullptr).has_value());
  auto ms = *DateTimeFormat::Parse("YYYY-MM-DD HH:mm:SS.SSS");
  EXPECT_EQ(ms.Time("2026-03-15 14:05:09.25", nullptr), ParseTime("2026-03-15T14:05:09.250Z"));
  auto zz = *DateTimeFormat::Parse("YYYY-MM-DD HH:MM:SS ZZ");
  EXPECT_EQ(zz.Time("2026-03-09 11:59:05 -0800", nullptr), ParseTime("2026-03-09T19:59:05Z"));
  EXPECT_EQ(zz.Time("2026-03-09 11:59:05 +01:00", nullptr), ParseTime("2026-03-09T10:59:05Z"));
  EXPECT_EQ(zz.Time("2026-03-09 11:59:05 Z", nullptr), ParseTime("2026-03-09T11:59:05Z"));
  auto iso = *DateTimeFormat::Parse("iso8601");
  EXPECT_EQ(iso.Time("2026-03-15T14:05:09+02:00", nullptr), ParseTime("2026-03-15T12:05:09Z"));
  // A date field takes the date as written, in the offset's calendar.
  EXPECT_EQ(iso.Date("2026-03-15T23:30:00-05:00", nullptr), ParseDate("2026-03-15"));
  auto s = *DateTimeFormat::Parse("epoch_s");
  EXPECT_EQ(s.Time("1773583509", nullptr), EpochMs{1773583509000});
  auto m = *DateTimeFormat::Parse("epoch_ms");
  EXPECT_EQ(m.Time("1773583509123", nullptr), EpochMs{1773583509123});
  EXPECT_FALSE(m.Time("soon", nullptr).has_value());
  EXPECT_EQ(DateTimeFormat::Parse("DD/QQ/YYYY").status().id(), "import.badFormat");
  EXPECT_EQ(DateTimeFormat::Parse("HH:MM").status().id(), "import.badFormat");
}

TEST(DateTimeFormatTest, LocalTimesInAZone) {
  auto f = *DateTimeFormat::Parse("YYYY-MM-DD HH:MM:SS");
  auto ny = TimeZone::Find("America/New_York");
  ASSERT_TRUE(ny.ok()) << ny.status().ToString();
  // EST in winter (UTC-5), EDT in summer (UTC-4).
  EXPECT_EQ(f.Time("2026-01-15 09:00:00", ny->get()), ParseTime("2026-01-15T14:00:00Z"));
  EXPECT_EQ(f.Time("2026-07-15 09:00:00", ny->get()), ParseTime("2026-07-15T13:00:00Z"));
  auto plus2 = TimeZone::Find("+02:00");
  ASSERT_TRUE(plus2.ok());
  EXPECT_EQ(f.Time("2026-01-15 09:00:00", plus2->get()), ParseTime("2026-01-15T07:00:00Z"));
  EXPECT_EQ(TimeZone::Find("Mars/Olympus").status().id(), "import.badTimeZone");
  EXPECT_EQ(TimeZone::Find("../../etc/passwd").status().id(), "import.badTimeZone");
}

}  // namespace
}  // namespace tend::ingest
