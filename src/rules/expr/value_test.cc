#include "rules/expr/value.h"

#include <gtest/gtest.h>

#include "rules/expr/functions/registry.h"
#include "testutil/testutil.h"

namespace tend::rules::expr {
namespace {

TEST(ExprValueTest, ToStringMatchesTextTests) {
  EXPECT_EQ(Value::Null().ToString(), "null");
  EXPECT_EQ(Value::Bool(true).ToString(), "bool: true");
  EXPECT_EQ(Value::Number(3).ToString(), "number: 3");
  EXPECT_EQ(Value::Number(3.5).ToString(), "number: 3.5");
  EXPECT_EQ(Value::Number(-0.0).ToString(), "number: 0");
  EXPECT_EQ(Value::Number(0.1 + 0.2).ToString(), "number: 0.3");
  EXPECT_EQ(Value::Text("abc").ToString(), "text: abc");
  EXPECT_EQ(Value::Date(DaysFromCivil(2026, 1, 31)).ToString(), "date: 2026-01-31");
}

TEST(ExprValueTest, EqualityIncludesType) {
  EXPECT_EQ(Value::Number(1), Value::Number(1));
  EXPECT_NE(Value::Number(1), Value::Bool(true));
  EXPECT_NE(Value::Number(0), Value::Null());
}

TEST(ExprRoundTest, HalfAwayFromZeroWithDecimalIntent) {
  EXPECT_EQ(functions::RoundHalfAway(0.125, 2), 0.13);
  EXPECT_EQ(functions::RoundHalfAway(2.5, 0), 3);
  EXPECT_EQ(functions::RoundHalfAway(-2.5, 0), -3);
  EXPECT_EQ(functions::RoundHalfAway(2.675, 2), 2.68);
  EXPECT_EQ(functions::RoundHalfAway(2.674999, 2), 2.67);
  EXPECT_EQ(functions::RoundHalfAway(1e17, 2), 1e17);
}

TEST(ExprLikeTest, Wildcards) {
  EXPECT_TRUE(functions::LikeMatch("abc", "a%"));
  EXPECT_TRUE(functions::LikeMatch("abc", "%c"));
  EXPECT_TRUE(functions::LikeMatch("abc", "a_c"));
  EXPECT_FALSE(functions::LikeMatch("abc", "a_"));
  EXPECT_TRUE(functions::LikeMatch("", ""));
  EXPECT_FALSE(functions::LikeMatch("a", ""));
  EXPECT_TRUE(functions::LikeMatch("ab%cd", "ab%cd"));
}

}  // namespace
}  // namespace tend::rules::expr
