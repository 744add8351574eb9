// A test fixture for the read models over a refreshed HealthSession: a SQLite workspace in a
// temporary directory, accounts imported from CSV through the importer, definitions applied
// like `tend apply`, and a session refreshed as of a day.
#ifndef TEND_TESTS_TESTUTIL_SESSION_FIXTURE_H_
#define TEND_TESTS_TESTUTIL_SESSION_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "definitions/definitions.h"
#include "ingest/importer.h"
#include "scorecard/health_session.h"
#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::testing {

class SessionFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("tend.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  void ImportAccounts(const std::string& csv) {
    WriteFile(dir_.File("accounts.csv"), csv);
    auto r = ingest::RunImport(*store_,
                               {{ingest::ImportKind::kAccounts, dir_.File("accounts.csv")}}, {});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->committed) << ::testing::PrintToString(r->messages);
  }

  // Compiles and stores `yaml` like `tend apply`.
  void Apply(const std::string& yaml) {
    auto attrs = store_->LoadAttributeDefs();
    ASSERT_TRUE(attrs.ok());
    auto compiled = definitions::Compile({{"defs.yaml", yaml}}, *attrs);
    if (auto* e = std::get_if<std::vector<std::string>>(&compiled)) {
      FAIL() << "does not compile: " << ::testing::PrintToString(*e);
    }
    ASSERT_OK(store_->ReplaceDefinitionFiles({{"defs.yaml", yaml, 0}}));
  }

  // A session refreshed as of `day` (YYYY-MM-DD), without history.
  std::unique_ptr<scorecard::HealthSession> Session(const char* day) {
    auto s = scorecard::HealthSession::Open(*store_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return nullptr;
    EXPECT_OK((*s)->Refresh(*ParseDate(day), false));
    return std::move(s).value();
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace tend::testing

#endif  // TEND_TESTS_TESTUTIL_SESSION_FIXTURE_H_
