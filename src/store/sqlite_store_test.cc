#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "store/migrations.h"
#include "testutil/testutil.h"

namespace tend::store {
namespace {

int UserVersion(const std::string& path) {
  sqlite3* db;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* s;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, nullptr);
  sqlite3_step(s);
  int v = sqlite3_column_int(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return v;
}

TEST(SqliteStoreTest, NewWorkspaceIsAtTheLatestVersionInWalMode) {
  testing::TempDir dir;
  auto s = OpenSqliteStore(dir.File("w.db"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->schema_version(), LatestSchemaVersion());
  s = Result<std::unique_ptr<Store>>(InvalidArgument("x", "x"));  // close
  EXPECT_EQ(UserVersion(dir.File("w.db")), LatestSchemaVersion());
  EXPECT_TRUE(std::filesystem::exists(dir.File("w.db")));
}

TEST(SqliteStoreTest, UpgradesAnOlderWorkspaceOnOpen) {
  testing::TempDir dir;
  for (const Migration& m : Migrations()) {
    if (m.version == LatestSchemaVersion()) break;
    {
      OpenOptions o;
      o.max_version = m.version;
      auto s = OpenSqliteStore(dir.File("old.db"), o);
      ASSERT_TRUE(s.ok());
      EXPECT_EQ((*s)->schema_version(), m.version);
    }
  }
  auto s = OpenSqliteStore(dir.File("old.db"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->schema_version(), LatestSchemaVersion());
}

TEST(SqliteStoreTest, RefusesANewerWorkspace) {
  testing::TempDir dir;
  { ASSERT_TRUE(OpenSqliteStore(dir.File("new.db")).ok()); }
  sqlite3* db;
  sqlite3_open(dir.File("new.db").c_str(), &db);
  sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto s = OpenSqliteStore(dir.File("new.db"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(s.status().message().find("newer than this tend supports"), std::string::npos);
}

TEST(SqliteStoreTest, RefusesAFileThatIsNotAWorkspace) {
  testing::TempDir dir;
  testing::WriteFile(dir.File("junk.db"), std::string(8192, 'x'));
  auto s = OpenSqliteStore(dir.File("junk.db"));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a tend workspace"), std::string::npos)
      << s.status().ToString();
}

TEST(SqliteStoreTest, RollbackUndoesWrites) {
  testing::TempDir dir;
  auto s = OpenSqliteStore(dir.File("w.db"));
  Store& st = **s;
  ASSERT_OK(st.Begin());
  AccountRecord a;
  a.account_id = "A1";
  ASSERT_OK(st.UpsertAccount(a));
  EXPECT_EQ(st.Counts()->accounts, 1);
  ASSERT_OK(st.Rollback());
  EXPECT_EQ(st.Counts()->accounts, 0);
}

TEST(SqliteStoreTest, ForeignKeysAreEnforced) {
  testing::TempDir dir;
  auto s = OpenSqliteStore(dir.File("w.db"));
  ContactRecord c;
  c.contact_id = "C1";
  c.account_id = "missing";
  Status st = (*s)->UpsertContact(c);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace tend::store
