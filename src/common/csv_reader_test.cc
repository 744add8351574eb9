#include "common/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testutil/testutil.h"

namespace tend {
namespace {

using Records = std::vector<std::vector<std::string>>;

Records ReadAll(CsvReader& r, std::vector<int64_t>* lines = nullptr) {
  Records out;
  while (r.Next()) {
    out.emplace_back(r.fields().begin(), r.fields().end());
    if (lines) lines->push_back(r.line());
  }
  return out;
}

Records Parse(const std::string& text, std::vector<int64_t>* lines = nullptr) {
  auto r = CsvReader::FromString(text, "t.csv");
  Records out = ReadAll(*r, lines);
  EXPECT_TRUE(r->status().ok()) << r->status().ToString();
  return out;
}

// Issue 17, item 6: bytes that are not UTF-8 are found per record and field, and reading
// goes on (the importer rejects the row naming its column).
TEST(CsvReaderTest, ReportsTheFieldHoldingInvalidUtf8) {
  auto r = CsvReader::FromString(
      "a,b,c\nok,M\xFCller,x\n\"q\"\"\",\"\xC3\",z\nfine,G\xC3\xBCnter,y\n", "t.csv");
  ASSERT_TRUE(r->Next());
  EXPECT_FALSE(r->bad_utf8());
  ASSERT_TRUE(r->Next());
  ASSERT_TRUE(r->bad_utf8());
  EXPECT_EQ(r->bad_utf8()->field, 1u);
  EXPECT_EQ(r->bad_utf8()->message, "invalid UTF-8 at byte 2 (0xFC)");
  ASSERT_TRUE(r->Next());
  ASSERT_TRUE(r->bad_utf8());
  EXPECT_EQ(r->bad_utf8()->field, 1u);  // the quoted field, counted after unquoting
  EXPECT_EQ(r->bad_utf8()->message, "invalid UTF-8 at byte 1 (0xC3)");
  ASSERT_TRUE(r->Next());
  EXPECT_FALSE(r->bad_utf8());
  EXPECT_FALSE(r->Next());
  EXPECT_TRUE(r->status().ok());
}

TEST(CsvReaderTest, ReadsPlainRecords) {
  EXPECT_EQ(Parse("a,b,c\n1,2,3\n"), (Records{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(CsvReaderTest, HandlesQuotedCommasQuotesAndNewlines) {
  std::vector<int64_t> lines;
  Records r = Parse(
      "id,name\n1,\"Lopez, & Partners\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,x\n", &lines);
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[1][1], "Lopez, & Partners");
  EXPECT_EQ(r[2][1], "say \"hi\"");
  EXPECT_EQ(r[3][1], "two\nlines");
  EXPECT_EQ(r[4][1], "x");
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 2, 3, 4, 6}));
}

TEST(CsvReaderTest, HandlesCrlfBomAndMissingFinalNewline) {
  EXPECT_EQ(Parse("\xEF\xBB\xBF"
                  "a,b\r\n1,\"x\"\r\n2,y"),
            (Records{{"a", "b"}, {"1", "x"}, {"2", "y"}}));
}

TEST(CsvReaderTest, KeepsEmptyFieldsAndSkipsBlankLines) {
  EXPECT_EQ(Parse("a,b,c\n,,\n\n1,,\"\"\n\r\n"),
            (Records{{"a", "b", "c"}, {"", "", ""}, {"1", "", ""}}));
}

TEST(CsvReaderTest, KeepsUtf8) {
  EXPECT_EQ(Parse("n\nMüller\nO'Brien\n"), (Records{{"n"}, {"Müller"}, {"O'Brien"}}));
}

TEST(CsvReaderTest, ReportsUnterminatedQuote) {
  auto r = CsvReader::FromString("a,b\n1,\"open\n2,3\n", "t.csv");
  ReadAll(*r);
  EXPECT_FALSE(r->status().ok());
  EXPECT_EQ(r->status().message(),
            "t.csv:2: quoted field is not closed before the end of the file");
}

TEST(CsvReaderTest, ReportsTextAfterClosingQuote) {
  auto r = CsvReader::FromString("a,b\n1,\"x\"y\n", "t.csv");
  ReadAll(*r);
  EXPECT_EQ(r->status().message(),
            "t.csv:2: unexpected character after a closing quote in field 2");
}

TEST(CsvReaderTest, StreamsRecordsLargerThanOneChunkAcrossRefills) {
  testing::TempDir dir;
  std::string big(3 << 20, 'x');
  std::string text = "a,b\n";
  for (int i = 0; i < 50000; ++i)
    text += std::to_string(i) + ",\"q,\"\"" + std::to_string(i) + "\"\n";
  text += "big,\"" + big + "\n" + big + "\"\n";
  testing::WriteFile(dir.File("f.csv"), text);
  auto r = CsvReader::Open(dir.File("f.csv"));
  ASSERT_TRUE(r.ok());
  std::vector<int64_t> lines;
  Records recs = ReadAll(**r, &lines);
  ASSERT_TRUE((*r)->status().ok()) << (*r)->status().ToString();
  ASSERT_EQ(recs.size(), 50002u);
  EXPECT_EQ(recs[12345][1], "q,\"12344");
  EXPECT_EQ(recs.back()[1], big + "\n" + big);
  EXPECT_EQ(lines.back(), 50002);
}

TEST(CsvReaderTest, MissingFileIsNotFound) {
  auto r = CsvReader::Open("/nonexistent/x.csv");
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace tend

namespace tend {
namespace {

TEST(CsvReaderTest, RawKeepsTheRecordAsWrittenWhenFieldsAreQuoted) {
  auto r = CsvReader::FromString("a,b,c\nx,\"q \"\"y\"\"\",z\n", "t.csv");
  ASSERT_TRUE(r->Next());
  ASSERT_TRUE(r->Next());
  EXPECT_EQ(r->fields()[1], "q \"y\"");
  EXPECT_EQ(r->raw(), "x,\"q \"\"y\"\"\",z");
}

}  // namespace
}  // namespace tend
