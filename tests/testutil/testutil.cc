#include "testutil/testutil.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tend::testing {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/tend-test-XXXXXX";
  char* p = mkdtemp(tmpl.data());
  EXPECT_NE(p, nullptr) << "mkdtemp failed for " << tmpl;
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  ASSERT_TRUE(out.good()) << "cannot write " << path;
  out << content;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string SourceDir() {
  const char* dir = std::getenv("TEND_SOURCE_DIR");
  return dir && *dir ? dir : TEND_SOURCE_DIR_DEFAULT;
}

}  // namespace tend::testing
