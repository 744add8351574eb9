// Tests for the row mapping of the SQLite store: the statements a RowMap makes, and a record
// through INSERT, UPSERT, UPDATE and SELECT on a real connection, NULLs included.
#include "store/sqlite_row.h"

#include <gtest/gtest.h>

#include "testutil/testutil.h"

namespace tend::store {
namespace {

struct Item {
  int64_t id = 0;
  std::string name, note;
  std::optional<double> price;
  bool active = false;
  std::optional<int32_t> day;
};

const RowMap<Item>& Items() {
  static const RowMap<Item> m(
      "items", {Col<&Item::id>("id"), Col<&Item::name>("name"), TextOrNull<&Item::note>("note"),
                Col<&Item::price>("price"), Col<&Item::active>("active"), Col<&Item::day>("day")});
  return m;
}

TEST(RowMapTest, MakesTheStatements) {
  EXPECT_EQ(Items().Select(), "SELECT id, name, note, price, active, day FROM items");
  EXPECT_EQ(Items().Insert(1),
            "INSERT INTO items (name, note, price, active, day) VALUES "
            "(?,?,?,?,?)");
  EXPECT_EQ(Items().Upsert("name", {"day"}, 1),
            "INSERT INTO items (name, note, price, active, day) VALUES (?,?,?,?,?) ON CONFLICT "
            "(name) DO UPDATE SET note = excluded.note, price = excluded.price, active = "
            "excluded.active");
  EXPECT_EQ(Items().Update({"note", "active"}, "id"),
            "UPDATE items SET note = ?, active = ? WHERE id = ?");
  EXPECT_EQ(Items().InsertOf({"name", "day"}), "INSERT INTO items (name, day) VALUES (?,?)");
}

TEST(RowMapTest, RoundTripsARecordWithNulls) {
  testing::TempDir dir;
  auto db = SqliteDb::Open(dir.File("t.db"), true);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_OK((*db)->Exec(
      "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, note TEXT, "
      "price REAL, active INTEGER NOT NULL, day INTEGER)"));
  Item a{0, "apple", "", 1.5, true, 20000};
  auto id = InsertRow(**db, Items(), Items().Insert(1), a);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(*id, 1);
  // The empty note is NULL.
  auto nulls = (*db)->Prepare("SELECT COUNT(*) FROM items WHERE note IS NULL");
  ASSERT_TRUE(nulls.ok() && *(*nulls)->Step());
  EXPECT_EQ((*nulls)->Int(0), 1);
  (*nulls)->Reset();

  Item b{0, "apple", "ripe", std::nullopt, false, 1};
  auto up = (*db)->Prepare(Items().Upsert("name", {"day"}, 1));
  ASSERT_TRUE(up.ok());
  Items().Bind(**up, b, 1);
  ASSERT_OK((*up)->Run());

  Item c;
  c.id = 1;
  c.note = "eaten";
  auto upd = (*db)->Prepare(Items().Update({"note"}, "id"));
  ASSERT_TRUE(upd.ok());
  ASSERT_OK((*upd)->Bind(Items().BindNamed(**upd, c, {"note"}), c.id).Run());

  auto sel = (*db)->Prepare(Items().Select() + " WHERE id = ?");
  ASSERT_TRUE(sel.ok());
  (*sel)->Bind(1, int64_t{1});
  auto got = ReadFirst(*sel, Items());
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->name, "apple");
  EXPECT_EQ((*got)->note, "eaten");
  EXPECT_FALSE((*got)->price.has_value());
  EXPECT_FALSE((*got)->active);
  EXPECT_EQ((*got)->day, 20000);  // kept by the upsert
}

}  // namespace
}  // namespace tend::store
