#include "ingest/mapping_proposal.h"

#include <gtest/gtest.h>

#include "ingest/import_mapping.h"

namespace tend::ingest {
namespace {

TEST(MappingProposalTest, NamesAndSampleFormatsOfAHubSpotExport) {
  auto reader = CsvReader::FromString(
      "Record ID,Company name,Create Date,Lifecycle Stage,Company owner,ARR (USD)\n"
      "9012,Northwind,04/12/2023,Customer,Ivy,\"$2,500\"\n"
      "9013,Contoso,12/31/2022,Customer,,\"$1,000.50\"\n",
      "companies.csv");
  auto p = ProposeMapping(ImportKind::kAccounts, *reader);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  std::map<std::string, ProposedField> by;
  for (const auto& f : p->fields) by[f.field] = f;
  EXPECT_EQ(by["account_id"].column, "Record ID");
  EXPECT_EQ(by["name"].column, "Company name");
  EXPECT_EQ(by["start_date"].column, "Create Date");
  EXPECT_EQ(by["start_date"].format, "MM/DD/YYYY");
  EXPECT_EQ(by["status"].column, "Lifecycle Stage");
  EXPECT_EQ(by["csm"].column, "Company owner");
  EXPECT_EQ(by["arr"].column, "ARR (USD)");
  EXPECT_EQ(by["arr"].format, "number");
  EXPECT_EQ(by["region"].column, "");
  // The proposal is a mapping that parses and applies.
  auto m = ParseImportMapping(p->yaml, "proposal");
  ASSERT_TRUE(m.ok()) << m.status().ToString() << "\n" << p->yaml;
  reader = CsvReader::FromString(
      "Record ID,Company name,Create Date,Lifecycle Stage,Company owner,ARR (USD)\n"
      "9012,Northwind,04/12/2023,active,Ivy,\"$2,500\"\n",
      "companies.csv");
  auto f = ApplyMapping(m->files[0], *reader, nullptr);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_TRUE(f->row_problems.empty());
  EXPECT_EQ(f->first_rows[0][0], "9012");
}

TEST(MappingProposalTest, TimesWithOffsetsAndDayFirstDates) {
  auto reader = CsvReader::FromString(
      "Id,Organization,Status,Created at,Due\n"
      "1,A1,open,2026-03-09 11:59:05 -0800,31/12/2026\n",
      "tickets.csv");
  auto p = ProposeMapping(ImportKind::kTickets, *reader);
  ASSERT_TRUE(p.ok());
  std::map<std::string, ProposedField> by;
  for (const auto& f : p->fields) by[f.field] = f;
  EXPECT_EQ(by["ticket_id"].column, "Id");
  EXPECT_EQ(by["account_id"].column, "Organization");
  EXPECT_EQ(by["opened_at"].column, "Created at");
  EXPECT_EQ(by["opened_at"].format, "YYYY-MM-DD HH:MM:SS ZZ");
}

}  // namespace
}  // namespace tend::ingest
