#include "common/cell.h"

#include <gtest/gtest.h>

#include "common/time.h"

namespace tend {
namespace {

TEST(CellTest, FormatCell) {
  Column n(ValueType::kNumber, 5);
  n.SetNum(0, 20);
  n.SetNum(1, 68.555);
  n.SetNum(2, -0.001);
  n.SetNum(3, 0.5);
  EXPECT_EQ(FormatCell(n, 0), "20");
  EXPECT_EQ(FormatCell(n, 1), "68.56");
  EXPECT_EQ(FormatCell(n, 2), "0");
  EXPECT_EQ(FormatCell(n, 3), "0.5");
  EXPECT_EQ(FormatCell(n, 4), "");  // NULL
  Column b(ValueType::kBool, 2);
  b.SetNum(0, 1);
  EXPECT_EQ(FormatCell(b, 0), "true");
  EXPECT_EQ(FormatCell(b, 1), "");
  Column d(ValueType::kDate, 1);
  d.SetNum(0, *ParseDate("2026-10-01"));
  EXPECT_EQ(FormatCell(d, 0), "2026-10-01");
}

TEST(CellTest, CellJson) {
  Column n(ValueType::kNumber, 2);
  n.SetNum(0, 68.555);
  EXPECT_EQ(CellJson(n, 0), nlohmann::json(68.555));
  EXPECT_TRUE(CellJson(n, 1).is_null());
  Column b(ValueType::kBool, 1);
  b.SetNum(0, 1);
  EXPECT_EQ(CellJson(b, 0), nlohmann::json(true));
  Column d(ValueType::kDate, 1);
  d.SetNum(0, *ParseDate("2026-10-01"));
  EXPECT_EQ(CellJson(d, 0), nlohmann::json("2026-10-01"));
  Column t(ValueType::kText, 1);
  t.SetText(0, "a \"b\"");
  EXPECT_EQ(CellJson(t, 0), nlohmann::json("a \"b\""));
}

}  // namespace
}  // namespace tend
