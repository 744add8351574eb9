// Tests for ReadCache (read_cache.h): hits while generation and fingerprint match, rebuilds
// when either changes (a generation change within max_lag is accepted), failures are not
// kept, and every cache is its own (two workspaces do not share entries).
#include "api/read_cache.h"

#include <gtest/gtest.h>

namespace tend::api {
namespace {

struct Counter {
  int builds = 0;
  Result<int> operator()() { return ++builds; }
};

ReadCache::Freshness At(uint64_t generation, uint64_t fingerprint,
                        std::chrono::milliseconds lag = std::chrono::milliseconds(0)) {
  ReadCache::Freshness f;
  f.generation = generation;
  f.fingerprint = fingerprint;
  f.max_lag = lag;
  return f;
}

TEST(ReadCacheTest, HitsUntilTheGenerationOrFingerprintChanges) {
  ReadCache cache;
  Counter n;
  EXPECT_EQ(**cache.Get<int>("k", At(1, 7), n), 1);
  EXPECT_EQ(**cache.Get<int>("k", At(1, 7), n), 1);
  EXPECT_EQ(**cache.Get<int>("k", At(2, 7), n), 2);  // new generation, no lag allowed
  EXPECT_EQ(**cache.Get<int>("k", At(2, 8), n), 3);  // new fingerprint
  EXPECT_EQ(**cache.Get<int>("other", At(2, 8), n), 4);
  EXPECT_EQ(**cache.Get<int>("k", At(2, 8), n), 3);
  EXPECT_EQ(n.builds, 4);
}

TEST(ReadCacheTest, AnOlderGenerationWithinMaxLagIsKept) {
  ReadCache cache;
  Counter n;
  const auto hour = std::chrono::hours(1);
  EXPECT_EQ(**cache.Get<int>("k", At(1, 0, hour), n), 1);
  EXPECT_EQ(**cache.Get<int>("k", At(5, 0, hour), n), 1);
  EXPECT_EQ(**cache.Get<int>("k", At(5, 1, hour), n), 2);  // the fingerprint still counts
}

TEST(ReadCacheTest, MaxAgeZeroAndClearRebuild) {
  ReadCache cache;
  Counter n;
  auto f = At(1, 0, std::chrono::hours(1));
  EXPECT_EQ(**cache.Get<int>("k", f, n), 1);
  cache.Clear();
  EXPECT_EQ(**cache.Get<int>("k", f, n), 2);
  f.max_age = std::chrono::milliseconds(-1);  // anything is too old
  EXPECT_EQ(**cache.Get<int>("k", f, n), 3);
}

TEST(ReadCacheTest, FailuresAreNotKeptAndCachesAreSeparate) {
  ReadCache a, b;
  int calls = 0;
  auto fail = [&]() -> Result<int> {
    ++calls;
    return Status(ErrorCode::kUnavailable, "x.down", "down");
  };
  EXPECT_FALSE(a.Get<int>("k", At(1, 0), fail).ok());
  EXPECT_FALSE(a.Get<int>("k", At(1, 0), fail).ok());
  EXPECT_EQ(calls, 2);
  Counter n;
  EXPECT_EQ(**a.Get<int>("k", At(1, 0), n), 1);
  EXPECT_EQ(**b.Get<int>("k", At(1, 0), n), 2);
}

}  // namespace
}  // namespace tend::api
