// Shared helpers for tend's tests: Status matchers, temporary directories, file helpers.
#ifndef TEND_TESTS_TESTUTIL_TESTUTIL_H_
#define TEND_TESTS_TESTUTIL_TESTUTIL_H_

#include <gtest/gtest.h>

#include <string>

#include "common/status.h"

#define EXPECT_OK(expr)                    \
  do {                                     \
    const ::tend::Status& _s = (expr);     \
    EXPECT_TRUE(_s.ok()) << _s.ToString(); \
  } while (0)
#define ASSERT_OK(expr)                    \
  do {                                     \
    const ::tend::Status& _s = (expr);     \
    ASSERT_TRUE(_s.ok()) << _s.ToString(); \
  } while (0)

namespace tend::testing {

// A fresh empty directory under $TMPDIR (or /tmp), removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // path() + "/" + name
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Writes `content` to `path`, replacing it. Fails the test on error.
void WriteFile(const std::string& path, const std::string& content);
// Reads the whole file at `path`. Fails the test on error.
std::string ReadFile(const std::string& path);

// The source tree's root (for tests/data and examples), from TEND_SOURCE_DIR.
std::string SourceDir();

}  // namespace tend::testing

#endif  // TEND_TESTS_TESTUTIL_TESTUTIL_H_
