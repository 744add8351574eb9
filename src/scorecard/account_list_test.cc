// Tests for the account list read model (account_list.h) over a small imported workspace:
// sort orders (NULLs last, descending), the filters, the name search and cursor paging.
#include "scorecard/account_list.h"

#include <gtest/gtest.h>

#include "testutil/session_fixture.h"

namespace tend::scorecard {
namespace {

constexpr char kAccounts[] =
    "account_id,name,segment,csm,status,arr,renewal_date,usage\n"
    "A1,Zeta Corp,Enterprise,Ann,active,5000,2026-10-20,90\n"
    "A2,alpha inc,SMB,bob,active,,2027-03-01,10\n"
    "A3,Mid Co,smb,ann,active,300,2026-10-05,50\n"
    "C1,Gone Ltd,SMB,bob,churned,100,2026-10-02,5\n";

constexpr char kDefs[] = R"y(scorecards:
  - name: health
    measures:
      - {name: usage, weight: 1, value: usage}
)y";

class AccountListTest : public testing::SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    ASSERT_NO_FATAL_FAILURE(ImportAccounts(kAccounts));
    ASSERT_NO_FATAL_FAILURE(Apply(kDefs));
    session_ = Session("2026-10-01");
    ASSERT_NE(session_, nullptr);
  }

  AccountListPage List(const AccountListQuery& q) {
    auto order = BuildAccountOrder(*session_, q.sort, q.descending);
    auto names = BuildNameIndex(*session_);
    return ListAccounts(*session_, q, order, &names);
  }

  static std::vector<std::string> Ids(const AccountListPage& p) {
    std::vector<std::string> out;
    for (const auto& r : p.rows) out.push_back(r.account.account_id);
    return out;
  }

  std::unique_ptr<HealthSession> session_;
};

TEST_F(AccountListTest, ActiveAccountsByIdWithScoresByDefault) {
  auto page = List({});
  EXPECT_EQ(Ids(page), (std::vector<std::string>{"A1", "A2", "A3"}));
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(page.scorecard, "health");
  EXPECT_EQ(page.as_of, *ParseDate("2026-10-01"));
  EXPECT_EQ(page.next_cursor, "");
  ASSERT_TRUE(page.rows[0].overall.has_value());
  ASSERT_TRUE(page.rows[1].overall.has_value());
  EXPECT_GT(*page.rows[0].overall, *page.rows[1].overall);  // usage 90 vs 10
  EXPECT_TRUE(page.rows[0].color.has_value());
  EXPECT_EQ(page.rows[0].days_to_renewal, 19);
}

TEST_F(AccountListTest, NumericSortsPutNullsLastInBothDirections) {
  AccountListQuery q;
  q.sort = "arr";
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{"A3", "A1", "A2"}));
  // Highest first, and still the account without an ARR (A2) last, not first.
  q.descending = true;
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{"A1", "A3", "A2"}));
  q.sort = "name";
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{"A1", "A3", "A2"}));
  q = {};
  q.sort = "name";  // case-insensitive
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{"A2", "A3", "A1"}));
  q.sort = "overall";
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{"A2", "A3", "A1"}));
}

TEST_F(AccountListTest, FiltersAndSearch) {
  AccountListQuery q;
  q.segments = LowercaseList("SMB");
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{"A2", "A3"}));
  q.csms = LowercaseList("ann,carl");
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{"A3"}));
  q = {};
  q.status = "all";
  EXPECT_EQ(List(q).total, 4);
  q.status = "churned";
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{"C1"}));
  q = {};
  q.renewal_within_days = 10;
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{"A3"}));
  q = {};
  q.q = Lowercase("ZETA");
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{"A1"}));
  q.q = "a2";  // the account id is searched too
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{"A2"}));
  q = {};
  auto first = List(q);
  q.colors = {*first.rows[0].color};
  for (const auto& r : List(q).rows) EXPECT_EQ(r.color, first.rows[0].color);
  q.colors = {"none"};
  EXPECT_EQ(List(q).total, 0);  // every active account has a score
}

TEST_F(AccountListTest, CursorPagesResumeAfterTheLastRow) {
  AccountListQuery q;
  q.limit = 2;
  auto page = List(q);
  EXPECT_EQ(Ids(page), (std::vector<std::string>{"A1", "A2"}));
  EXPECT_EQ(page.next_cursor, "A2");
  EXPECT_EQ(page.total, 3);
  q.cursor = page.next_cursor;
  page = List(q);
  EXPECT_EQ(Ids(page), (std::vector<std::string>{"A3"}));
  EXPECT_EQ(page.next_cursor, "");
}

TEST(AccountListKeysTest, SortKeysAndLowercaseLists) {
  EXPECT_TRUE(IsAccountSortKey("days_to_renewal"));
  EXPECT_FALSE(IsAccountSortKey("color"));
  EXPECT_EQ(LowercaseList("A,b,,C"), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_TRUE(LowercaseList("").empty());
}

}  // namespace
}  // namespace tend::scorecard
