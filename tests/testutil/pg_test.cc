#include "testutil/pg_test.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "testutil/testutil.h"

namespace tend::testing {

namespace {

std::string ReadFirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// Runs `sql` on `url`; empty on success, else the error.
std::string ExecOn(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  std::string err;
  if (PQstatus(c) != CONNECTION_OK) {
    err = PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
      err = PQresultErrorMessage(r);
    }
    PQclear(r);
  }
  PQfinish(c);
  return err;
}

// A cluster this process started (no fixture, no $TEND_TEST_PG), stopped at exit.
struct OwnCluster {
  std::string dir, url, why;
  OwnCluster() {
    dir = "/tmp/tend-pg-" + std::to_string(::getpid());
    std::string cmd = SourceDir() + "/scripts/pg_test_cluster.sh start " + dir + " 2>&1";
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string out;
    char buf[512];
    while (p && std::fgets(buf, sizeof buf, p)) out += buf;
    int rc = p ? ::pclose(p) : -1;
    if (rc == 0 && out.starts_with("postgres://")) {
      url = out.substr(0, out.find('\n'));
    } else {
      why = "scripts/pg_test_cluster.sh failed: " + out;
    }
  }
  ~OwnCluster() {
    std::string cmd = SourceDir() + "/scripts/pg_test_cluster.sh stop " + dir;
    if (std::system(cmd.c_str()) != 0) {
      // Nothing more to do at exit; the folder is under /tmp.
    }
  }
};

}  // namespace

std::string PgUrlWithDatabase(const std::string& url, const std::string& dbname) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  std::string base = slash == std::string::npos ? url : url.substr(0, slash);
  size_t query = slash == std::string::npos ? std::string::npos : url.find('?', slash);
  return base + "/" + dbname + (query == std::string::npos ? "" : url.substr(query));
}

std::string PgClusterUrl(std::string* why) {
  if (const char* env = std::getenv("TEND_TEST_PG"); env && *env) return env;
  if (const char* file = std::getenv("TEND_TEST_PG_FILE"); file && *file) {
    std::string url = ReadFirstLine(file);
    if (!url.empty()) return url;
    *why = std::string("the CTest fixture wrote no cluster URL to ") + file +
           " (pg_test_cluster_start was skipped: PostgreSQL is not installed)";
    return "";
  }
  static OwnCluster* own = new OwnCluster;  // lives until exit, then stops via atexit below
  static bool registered = [] {
    std::atexit([] { delete own; });
    return true;
  }();
  (void)registered;
  *why = own->why;
  return own->url;
}

PgTestDatabase::PgTestDatabase() {
  std::string cluster = PgClusterUrl(&why_);
  if (cluster.empty()) return;
  static std::atomic<int> counter{0};
  name_ = "tend_t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  std::string err = ExecOn(cluster, "CREATE DATABASE " + name_);
  if (!err.empty()) {
    why_ = "CREATE DATABASE failed: " + err;
    ADD_FAILURE() << why_;
    return;
  }
  url_ = PgUrlWithDatabase(cluster, name_);
}

PgTestDatabase::~PgTestDatabase() {
  if (url_.empty()) return;
  std::string why;
  std::string cluster = PgClusterUrl(&why);
  (void)ExecOn(cluster, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

}  // namespace tend::testing
