// subscriptions.csv and purchases.csv: imported by id, every problem located, nothing written
// on error.
#include <gtest/gtest.h>

#include "ingest/importer.h"
#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::ingest {
namespace {

using testing::TempDir;
using testing::WriteFile;

constexpr char kSubscriptionsHeader[] =
    "subscription_id,account_id,product,plan,quantity,unit_price,arr,start_date,end_date,status\n";
constexpr char kPurchasesHeader[] = "purchase_id,account_id,ts,product,amount,kind\n";

class RevenueImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("tend.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    ASSERT_TRUE(Import(ImportKind::kAccounts, "accounts.csv", "account_id,segment\nA1,smb\n").committed);
  }

  ImportReport Import(ImportKind kind, const std::string& name, const std::string& content) {
    WriteFile(dir_.File(name), content);
    auto r = RunImport(*store_, {{kind, dir_.File(name)}}, {});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ImportReport{};
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(RevenueImportTest, ImportsSubscriptionsAndPurchasesByIdTwiceTheSame) {
  const std::string subs = std::string(kSubscriptionsHeader) +
                           "S1,A1,platform,growth,10,100,1000,2025-01-01,2026-01-01,expired\n"
                           "S2,A1,platform,growth,12,100,1200,2026-01-01,2027-01-01,active\n";
  const std::string purchases = std::string(kPurchasesHeader) +
                                "P1,A1,2025-01-01T10:00:00Z,platform,1000,new\n"
                                "P2,A1,2026-01-01T10:00:00Z,platform,-50.5,refund\n";
  for (int round = 0; round < 2; ++round) {
    EXPECT_TRUE(Import(ImportKind::kSubscriptions, "subscriptions.csv", subs).committed);
    EXPECT_TRUE(Import(ImportKind::kPurchases, "purchases.csv", purchases).committed);
  }
  auto s = store_->LoadSubscriptions();
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 2u);
  EXPECT_EQ((*s)[1].subscription_id, "S2");
  EXPECT_DOUBLE_EQ((*s)[1].arr, 1200);
  EXPECT_DOUBLE_EQ((*s)[1].quantity, 12);
  EXPECT_EQ((*s)[1].start_date, *ParseDate("2026-01-01"));
  EXPECT_EQ((*s)[1].status, "active");
  auto p = store_->ListPurchases("A1");
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->size(), 2u);
  EXPECT_DOUBLE_EQ((*p)[1].amount, -50.5);
  EXPECT_EQ((*p)[1].kind, "refund");
}

TEST_F(RevenueImportTest, EveryRowErrorIsLocatedAndNothingIsWritten) {
  struct Case {
    ImportKind kind;
    std::string file, content, message;
  };
  const std::string sh = kSubscriptionsHeader, ph = kPurchasesHeader;
  const Case cases[] = {
      {ImportKind::kSubscriptions, "subscriptions.csv",
       sh + "S1,A9,platform,,1,,10,2025-01-01,2026-01-01,active\n",
       "subscriptions.csv:2: column account_id: unknown account \"A9\""},
      {ImportKind::kSubscriptions, "subscriptions.csv",
       sh + "S1,A1,platform,,1,,10,2025-01-01,2026-01-01,paused\n",
       "subscriptions.csv:2: column status: \"paused\" is not one of active|cancelled|expired"},
      {ImportKind::kSubscriptions, "subscriptions.csv",
       sh + "S1,A1,platform,,1,,10,2026-01-01,2025-01-01,active\n",
       "subscriptions.csv:2: column end_date: must be after start_date"},
      {ImportKind::kSubscriptions, "subscriptions.csv",
       sh + "S1,A1,platform,,x,,10,2025-01-01,2026-01-01,active\n",
       "subscriptions.csv:2: column quantity: \"x\" is not a number"},
      {ImportKind::kSubscriptions, "subscriptions.csv",
       sh + "S1,A1,platform,,1,,-10,2025-01-01,2026-01-01,active\n",
       "subscriptions.csv:2: column arr: must not be negative"},
      {ImportKind::kSubscriptions, "subscriptions.csv",
       sh + "S1,A1,platform,,1,,10,2025-13-01,2026-01-01,active\n",
       "subscriptions.csv:2: column start_date: \"2025-13-01\" is not a date (expected "
       "YYYY-MM-DD)"},
      {ImportKind::kSubscriptions, "subscriptions.csv",
       sh + "S1,A1,,,1,,10,2025-01-01,2026-01-01,active\n",
       "subscriptions.csv:2: column product: a product is required"},
      {ImportKind::kSubscriptions, "subscriptions.csv", "subscription_id,account_id\nS1,A1\n",
       "subscriptions.csv:1: missing columns product, quantity, arr, start_date, end_date, status "
       "(expected a header with subscription_id,account_id,product,plan,quantity,unit_price,arr,"
       "start_date,end_date,status)"},
      {ImportKind::kPurchases, "purchases.csv", ph + "P1,A1,yesterday,platform,10,new\n",
       "purchases.csv:2: column ts: \"yesterday\" is not an ISO-8601 time"},
      {ImportKind::kPurchases, "purchases.csv", ph + "P1,A1,2025-01-01T00:00:00Z,platform,10,gift\n",
       "purchases.csv:2: column kind: \"gift\" is not one of "
       "new|renewal|expansion|contraction|one_time|refund"},
      {ImportKind::kPurchases, "purchases.csv", ph + "P1,A1,2025-01-01T00:00:00Z,platform,-1,new\n",
       "purchases.csv:2: column amount: must not be negative (unless kind is refund)"},
  };
  for (const Case& c : cases) {
    // A good row first: it is not written either.
    std::string good = c.kind == ImportKind::kSubscriptions
                           ? "S0,A1,platform,,1,,10,2025-01-01,2026-01-01,active\n"
                           : "P0,A1,2025-01-01T00:00:00Z,platform,10,new\n";
    std::string content = c.content;
    size_t header_end = content.find('\n') + 1;
    if (c.message.find(":1:") == std::string::npos) {
      content.insert(header_end, good);
      std::string msg = c.message;
      msg.replace(msg.find(":2:"), 3, ":3:");
      ImportReport r = Import(c.kind, c.file, content);
      EXPECT_FALSE(r.committed);
      EXPECT_EQ(r.problems, 1) << content;
      EXPECT_EQ(r.messages.empty() ? "" : r.messages[0], msg);
    } else {
      ImportReport r = Import(c.kind, c.file, content);
      EXPECT_FALSE(r.committed);
      EXPECT_EQ(r.messages.empty() ? "" : r.messages[0], c.message);
    }
  }
  EXPECT_TRUE(store_->LoadSubscriptions()->empty());
  EXPECT_TRUE(store_->LoadPurchases()->empty());
}

}  // namespace
}  // namespace tend::ingest
