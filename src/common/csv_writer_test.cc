#include "common/csv_writer.h"

#include <gtest/gtest.h>

namespace tend {
namespace {

TEST(CsvWriterTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
}

TEST(CsvWriterTest, AlwaysQuotes) {
  EXPECT_EQ(CsvField("plain", CsvQuote::kAlways), "\"plain\"");
  EXPECT_EQ(CsvField("", CsvQuote::kAlways), "\"\"");
  std::string out = "x,";
  AppendCsvField(&out, "a\"b", CsvQuote::kAlways);
  EXPECT_EQ(out, "x,\"a\"\"b\"");
}

}  // namespace
}  // namespace tend
