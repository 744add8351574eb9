#include "advocacy/contact_moves.h"

#include <gtest/gtest.h>

namespace tend::advocacy {
namespace {

store::ContactRecord Contact(const char* id, const char* account, const char* name,
                             const char* email, const char* title) {
  store::ContactRecord c;
  c.contact_id = id;
  c.account_id = account;
  c.name = name;
  c.email = email;
  c.title = title;
  return c;
}

TEST(ContactMovesTest, StoredContactAtAnotherAccountMovedCompany) {
  auto changes = DecideContactChanges(Contact("C1", "A2", "Ann", "ann@b.com", "VP"),
                                      Contact("C1", "A1", "Ann", "ann@a.com", "Director"), {});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, "company");
  EXPECT_EQ(changes[0].old_account_id, "A1");
  EXPECT_EQ(changes[0].new_account_id, "A2");
  EXPECT_EQ(changes[0].old_title, "Director");
  EXPECT_EQ(changes[0].new_title, "VP");
}

TEST(ContactMovesTest, TitleChangeNeedsBothTitles) {
  auto stored = Contact("C1", "A1", "Ann", "ann@a.com", "Director");
  auto changes = DecideContactChanges(Contact("C1", "A1", "Ann", "ann@a.com", "VP"), stored, {});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, "title");
  EXPECT_TRUE(
      DecideContactChanges(Contact("C1", "A1", "Ann", "ann@a.com", ""), stored, {}).empty());
  EXPECT_TRUE(DecideContactChanges(Contact("C1", "A1", "Ann", "ann@a.com", "Director"), stored, {})
                  .empty());
}

TEST(ContactMovesTest, NewRecordOfAKnownPersonIsAMoveFromTheFirstMatch) {
  std::vector<store::ContactRecord> namesakes = {
      Contact("C1", "A1", "Ann", "annie@a.com", "CTO"),  // another local part
      Contact("C2", "A3", "Ann", "ANN@c.com", "VP"),
      Contact("C3", "A4", "Ann", "ann@d.com", "CEO"),
  };
  auto changes = DecideContactChanges(Contact("C9", "A2", "Ann", "Ann@b.com", "Head"), std::nullopt,
                                      namesakes);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, "company");
  EXPECT_EQ(changes[0].contact_id, "C9");
  EXPECT_EQ(changes[0].previous_contact_id, "C2");
  EXPECT_EQ(changes[0].old_account_id, "A3");
  EXPECT_EQ(changes[0].old_title, "VP");
}

TEST(ContactMovesTest, NewRecordWithoutNameOrEmailIsNoMove) {
  std::vector<store::ContactRecord> namesakes = {Contact("C1", "A1", "Ann", "ann@a.com", "")};
  EXPECT_TRUE(
      DecideContactChanges(Contact("C9", "A2", "Ann", "", ""), std::nullopt, namesakes).empty());
  EXPECT_TRUE(
      DecideContactChanges(Contact("C9", "A2", "Ann", "@b.com", ""), std::nullopt, namesakes)
          .empty());
  EXPECT_TRUE(
      DecideContactChanges(Contact("C9", "A2", "", "ann@b.com", ""), std::nullopt, namesakes)
          .empty());
}

}  // namespace
}  // namespace tend::advocacy
