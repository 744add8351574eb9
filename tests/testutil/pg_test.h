// PostgreSQL for tests: a fresh database per test on a throwaway cluster.
//
// The cluster is the one CTest's fixture started (scripts/pg_test_cluster.sh; its URL in the
// file named by $TEND_TEST_PG_FILE), or $TEND_TEST_PG (a URL whose user may CREATE DATABASE),
// or else one this process starts itself and stops at exit. Without PostgreSQL installed
// there is none: tests then skip (TEND_SKIP_WITHOUT_PG), which CTest counts as skipped.
#ifndef TEND_TESTS_TESTUTIL_PG_TEST_H_
#define TEND_TESTS_TESTUTIL_PG_TEST_H_

#include <string>

namespace tend::testing {

// A new empty database, dropped by the destructor. url() is empty when no cluster is there
// (why() says why).
class PgTestDatabase {
 public:
  PgTestDatabase();
  ~PgTestDatabase();
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;
  const std::string& url() const { return url_; }
  const std::string& why() const { return why_; }

 private:
  std::string name_, url_, why_;
};

// The test cluster's own database URL ("" when there is none; `why` then says why).
std::string PgClusterUrl(std::string* why);

// A libpq URL `url` with its database replaced by `dbname`.
std::string PgUrlWithDatabase(const std::string& url, const std::string& dbname);

}  // namespace tend::testing

// Skips the current test when `db` (a PgTestDatabase) has no cluster.
#define TEND_SKIP_WITHOUT_PG(db) \
  if ((db).url().empty()) GTEST_SKIP() << "no PostgreSQL: " << (db).why()

#endif  // TEND_TESTS_TESTUTIL_PG_TEST_H_
