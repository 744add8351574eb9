// ReadCache: the server's cache of expensive read models (the account list's sort orders and
// name index, the advocacy candidates queue and impact view, the stored predictions), one per
// LiveWorkspace, so each node (and each Server in one process) has its own and nothing is
// process-wide.
//
// An entry is a value under a key, with the workspace generation and a fingerprint (any
// other input of the value: a size, a hash of records, a refresh time) it was built for.
// Get returns the entry when its fingerprint matches and it is younger than `max_age`, and
// either its generation is the current one or it is younger than `max_lag` (how far behind
// live ingestion the value may lag; 0: not at all); else it calls `build` and stores the result. `build`
// runs without the cache's lock held, so a slow build never blocks other keys or readers of
// fresh entries; two threads missing the same key at once may both build (the last one is
// kept; both results are correct).
//
// Threads: any thread; one internal mutex guards the map only.
#ifndef TEND_API_READ_CACHE_H_
#define TEND_API_READ_CACHE_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "common/result.h"
#include "common/thread_annotations.h"

namespace tend::api {

class ReadCache {
 public:
  struct Freshness {
    uint64_t generation = 0;  // the workspace's generation now (0 when it does not matter)
    uint64_t fingerprint = 0;
    std::chrono::milliseconds max_lag{0};
    std::chrono::milliseconds max_age = std::chrono::milliseconds::max();
  };

  // The cached value of type T under `key`, or `build()`'s (which then replaces it). Failures:
  // build's, and nothing is stored. The caller uses one T per key.
  template <typename T, typename Build>
  Result<std::shared_ptr<const T>> Get(const std::string& key, const Freshness& f, Build&& build)
      TEND_EXCLUDES(mu_) {
    const auto now = std::chrono::steady_clock::now();
    if (auto hit = Find(key, f, now)) return std::static_pointer_cast<const T>(hit);
    Result<T> built = build();
    if (!built.ok()) return built.status();
    auto value = std::make_shared<const T>(std::move(built).value());
    Store(key, f, now, value);
    return value;
  }

  // Forgets every entry.
  void Clear() TEND_EXCLUDES(mu_);

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    uint64_t generation = 0, fingerprint = 0;
    Clock::time_point built;
    std::shared_ptr<const void> value;
  };
  std::shared_ptr<const void> Find(const std::string& key, const Freshness& f,
                                   Clock::time_point now) TEND_EXCLUDES(mu_);
  void Store(const std::string& key, const Freshness& f, Clock::time_point built,
             std::shared_ptr<const void> value) TEND_EXCLUDES(mu_);

  Mutex mu_;
  std::map<std::string, Entry> entries_ TEND_GUARDED_BY(mu_);
};

}  // namespace tend::api

#endif  // TEND_API_READ_CACHE_H_
