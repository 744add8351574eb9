#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

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

namespace tend::store {
namespace {

// Migration 7 re-keys the surveys stored before (ts|account|contact|survey) by the whole row:
// importing the same answer again after the upgrade stores nothing new.
TEST(SqliteStoreSurveyTest, AnswersStoredBeforeVersion7KeepTheirIdentity) {
  testing::TempDir dir;
  {
    OpenOptions o;
    o.max_version = 6;
    ASSERT_TRUE(OpenSqliteStore(dir.File("old.db"), o).ok());
  }
  sqlite3* db;
  sqlite3_open(dir.File("old.db").c_str(), &db);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO accounts (account_id, name) VALUES ('A1', 'Acme');"
                         "INSERT INTO surveys (survey_key, ts, account_id, contact_id, survey, "
                         "score, comment) VALUES ('1000|A1||nps', 1000, 'A1', NULL, 'nps', 9, "
                         "'fine');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto s = OpenSqliteStore(dir.File("old.db"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  SurveyRecord r{1000, "A1", "", "nps", 9, "fine", ""};
  auto stored = (*s)->UpsertSurvey(r);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_FALSE(*stored);
  r.comment = "another answer";
  EXPECT_TRUE(*(*s)->UpsertSurvey(r));
  EXPECT_EQ((*s)->Counts()->surveys, 2);
}

TEST(SqliteStoreHeldIdentifyTest, HeldCallsComeBackInOrderOnce) {
  testing::TempDir dir;
  auto s = OpenSqliteStore(dir.File("t.db"));
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE((*s)->HoldIdentify({0, "u1", 10, 11, "[[\"name\",\"Ann\",null]]"}).ok());
  ASSERT_TRUE((*s)->HoldIdentify({0, "u2", 12, 13, "[]"}).ok());
  ASSERT_TRUE((*s)->HoldIdentify({0, "u1", 14, 15, "[[\"title\",\"VP\",null]]"}).ok());
  EXPECT_EQ(*(*s)->CountHeldIdentifies(), (std::pair<int64_t, int64_t>{3, 2}));
  auto held = (*s)->TakeHeldIdentifies("u1");
  ASSERT_TRUE(held.ok());
  ASSERT_EQ(held->size(), 2u);
  EXPECT_EQ((*held)[0].ts, 10);
  EXPECT_EQ((*held)[1].traits, "[[\"title\",\"VP\",null]]");
  EXPECT_TRUE((*s)->TakeHeldIdentifies("u1")->empty());
  EXPECT_EQ(*(*s)->CountHeldIdentifies(), (std::pair<int64_t, int64_t>{1, 1}));
}

// One server per SQLite workspace: a second lock is refused, naming the holder's process.
TEST(ServeLockTest, ASecondServerIsRefusedWithTheFirstOnesPid) {
  testing::TempDir dir;
  const std::string path = dir.File("t.db");
  auto first = ServeLock::Acquire(path);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = ServeLock::Acquire(path);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().id(), "store.inUse");
  EXPECT_NE(
      second.status().message().find("another tend serve (pid " + std::to_string(::getpid()) + ")"),
      std::string::npos)
      << second.status().message();
  first->reset();
  EXPECT_TRUE(ServeLock::Acquire(path).ok());
}

}  // namespace
}  // namespace tend::store
