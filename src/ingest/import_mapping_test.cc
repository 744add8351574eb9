#include "ingest/import_mapping.h"

#include <gtest/gtest.h>

namespace tend::ingest {
namespace {

ImportMapping Parse(const std::string& yaml) {
  auto m = ParseImportMapping(yaml, "map.yaml");
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? *m : ImportMapping{};
}

std::string ParseError(const std::string& yaml) {
  auto m = ParseImportMapping(yaml, "map.yaml");
  EXPECT_FALSE(m.ok());
  return m.ok() ? "" : m.status().message();
}

MappedFile Apply(const ImportMapping& m, std::string csv, std::vector<std::string>* ignored = nullptr) {
  auto reader = CsvReader::FromString(std::move(csv), "export.csv");
  auto out = ApplyMapping(m.files.at(0), *reader, ignored);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : MappedFile{};
}

constexpr char kAccounts[] = R"y(kind: accounts
columns:
  account_id: Account ID
  arr: {column: "ARR (USD)", format: number}
  start_date: {column: Customer Since, format: "MM/DD/YYYY"}
  status: {column: Lifecycle Stage, values: {Customer: active, Former Customer: churned}}
  region: {value: emea}
  name: {concat: [First, Last], separator: " "}
  vip: {column: VIP, format: bool}
)y";

TEST(ImportMappingTest, FillsTendFieldsFromTheSourceColumns) {
  ImportMapping m = Parse(kAccounts);
  MappedFile f = Apply(m,
                       "Account ID,ARR (USD),Customer Since,Lifecycle Stage,First,Last,VIP,Seats\n"
                       "A1,\"$1,234.50\",3/15/2024,Customer,Ann,Lee,Yes,25\n"
                       "A2,N/A,12/01/2023,former customer,Bo,,No,-\n");
  EXPECT_EQ(f.header, (std::vector<std::string>{"account_id", "arr", "start_date", "status",
                                                "region", "name", "vip", "Seats"}));
  ASSERT_EQ(f.first_rows.size(), 2u);
  EXPECT_EQ(f.first_rows[0], (std::vector<std::string>{"A1", "1234.5", "2024-03-15", "active",
                                                       "emea", "Ann Lee", "true", "25"}));
  // Empty markers, a case-insensitive value map, a concat with a missing part.
  EXPECT_EQ(f.first_rows[1], (std::vector<std::string>{"A2", "", "2023-12-01", "churned", "emea",
                                                       "Bo", "false", ""}));
  EXPECT_EQ(f.value_counts["status"]["active"], 1);
  EXPECT_EQ(f.value_counts["status"]["churned"], 1);
  EXPECT_TRUE(f.row_problems.empty());
  EXPECT_EQ(f.labels["arr"], "\"ARR (USD)\" (arr)");
  EXPECT_EQ(f.SourceLine(2), 2);
  EXPECT_EQ(f.SourceLine(3), 3);
}

TEST(ImportMappingTest, ValueProblemsAreRowsWithTheSourceLine) {
  ImportMapping m = Parse(kAccounts);
  MappedFile f = Apply(m,
                       "Account ID,ARR (USD),Customer Since,Lifecycle Stage,First,Last,VIP\n"
                       "A1,12k,2024-03-15,Customer,\"Ann\nMarie\",Lee,maybe\n"
                       "A2,100,1/2/2024,Customer,Bo,Yu,no\n");
  ASSERT_EQ(f.row_problems.size(), 1u);
  const auto& p = f.row_problems.at(0);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0], (std::pair<std::string, std::string>{"arr", "\"12k\" is not a number"}));
  EXPECT_EQ(p[1].second, "\"2024-03-15\" is not a date (expected MM/DD/YYYY)");
  EXPECT_EQ(p[2].second, "\"maybe\" is not a yes/no value");
  // The second source row starts on line 4 (the first spans two lines).
  ASSERT_EQ(f.source_lines.size(), 2u);
  EXPECT_EQ(f.source_lines[1], 4);
  EXPECT_EQ(f.SourceLine(f.canonical_lines[1]), 4);
}

TEST(ImportMappingTest, OnlyKeepsTheRowsNamed) {
  ImportMapping m = Parse(R"y(kind: accounts
only: {column: Type, values: [Customer]}
columns: {account_id: Id}
)y");
  MappedFile f = Apply(m, "Id,Type\nA1,Customer\nA2,Prospect\nA3,customer\n");
  EXPECT_EQ(f.rows, 2);
  EXPECT_EQ(f.skipped, 1);
}

TEST(ImportMappingTest, OtherKindsListTheColumnsTheyDrop) {
  ImportMapping m = Parse("kind: tickets\ncolumns: {ticket_id: Id, account_id: Org, status: State}\n");
  std::vector<std::string> ignored;
  MappedFile f = Apply(m, "Id,Org,State,Subject\n1,A1,open,Help\n", &ignored);
  EXPECT_EQ(ignored, std::vector<std::string>{"Subject"});
  EXPECT_EQ(f.header, (std::vector<std::string>{"ticket_id", "account_id", "status"}));
}

TEST(ImportMappingTest, AFileWithoutTheMappedColumnsIsRefusedAsAWhole) {
  ImportMapping m = Parse(kAccounts);
  auto reader = CsvReader::FromString("Account,ARR (USD)\nA1,1\n", "export.csv");
  auto out = ApplyMapping(m.files[0], *reader, nullptr);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("export.csv:1: column \"Account ID\" of the mapping "
                                        "(account_id, map.yaml:3:15) is not in the file"),
            std::string::npos)
      << out.status().message();
  // A required field with neither a mapping nor a column of its name.
  ImportMapping t = Parse("kind: tickets\ncolumns: {ticket_id: Id}\n");
  reader = CsvReader::FromString("Id,Status\n1,open\n", "export.csv");
  out = ApplyMapping(t.files[0], *reader, nullptr);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("no column for account_id, which tickets requires"),
            std::string::npos)
      << out.status().message();
}

TEST(ImportMappingTest, MappingErrorsSayWhereAndWhatWasExpected) {
  EXPECT_EQ(ParseError("kind: planets\ncolumns: {a: b}\n"),
            "map.yaml:1:7: kind \"planets\" is not one of accounts, contacts, events, surveys, "
            "tickets, activities, deals, subscriptions, purchases, feedback");
  EXPECT_EQ(ParseError("kind: tickets\ncolumns:\n  ticket_id: Id\n  colour: C\n"),
            "map.yaml:4:3: \"colour\" is not a field of tickets (expected one of ticket_id, "
            "account_id, opened_at, closed_at, priority, status, csat)");
  EXPECT_EQ(ParseError("kind: accounts\ncolumns:\n  start_date: {column: S, format: \"DD/QQ/YYYY\"}\n"),
            "map.yaml:3:35: columns: start_date: format \"DD/QQ/YYYY\": unknown field at "
            "\"QQ/YYYY\" (expected YYYY, YY, MM, DD, HH, MM, SS, .SSS, ZZ and separators, or "
            "iso8601, epoch_s, epoch_ms) (or number, bool, text)");
  EXPECT_EQ(ParseError("kind: accounts\ncolumns:\n  arr: {column: A, value: 1}\n"),
            "map.yaml:3:8: columns: arr: expected exactly one of column, value or concat");
  EXPECT_EQ(ParseError("kind: accounts\ntimezone: Mars/Base\ncolumns: {account_id: Id}\n"),
            "map.yaml:2:11: timezone: \"Mars/Base\" is not a time zone (expected UTC, an offset "
            "such as +02:00, or a zone name such as America/New_York)");
  EXPECT_EQ(ParseError("kind: accounts\ncolumns: {account_id: Id}\nsheet: 1\n"),
            "map.yaml:3:1: unknown key \"sheet\" in a mapping (expected one of kind, file, columns, "
            "empty, timezone, decimal, ignore, only, description, name)");
  EXPECT_NE(ParseError("kind: accounts\ncolumns: [a\n").find("map.yaml:"), std::string::npos);
  // Every problem is reported, not only the first.
  std::string two = ParseError("kind: tickets\ncolumns:\n  a: x\n  b: y\n");
  EXPECT_NE(two.find("map.yaml:3:3"), std::string::npos);
  EXPECT_NE(two.find("map.yaml:4:3"), std::string::npos);
}

TEST(ImportMappingTest, AFolderMappingNamesItsFiles) {
  ImportMapping m = Parse(R"y(files:
  - {kind: accounts, file: companies.csv, columns: {account_id: Id}}
  - {kind: tickets, file: tickets.csv, columns: {ticket_id: Id, account_id: Org, status: S}}
)y");
  ASSERT_EQ(m.files.size(), 2u);
  EXPECT_EQ(m.files[1].kind, ImportKind::kTickets);
  EXPECT_EQ(m.files[1].file, "tickets.csv");
  EXPECT_NE(ParseError("files:\n  - {kind: accounts, columns: {account_id: Id}}\n")
                .find("needs \"file\""),
            std::string::npos);
}

}  // namespace
}  // namespace tend::ingest
