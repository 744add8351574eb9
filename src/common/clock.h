// Clock: where tend reads the time, so tests (and, later, several nodes) can share one.
//
// Code that stamps records (the store, auth, cockpit, advocacy) takes a `const Clock&`;
// SystemClock reads the wall clock (common/time.h NowMs), FakeClock returns what a test set.
// DefaultClock() is the process's clock for code not yet given one. Clocks are thread-safe.
#ifndef TEND_COMMON_CLOCK_H_
#define TEND_COMMON_CLOCK_H_

#include <atomic>

#include "common/time.h"

namespace tend {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch.
  virtual EpochMs NowMs() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  EpochMs NowMs() const override { return ::tend::NowMs(); }
};

// The process-wide SystemClock.
const Clock& DefaultClock();

// A clock that stands still until told to move.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(EpochMs now = 0) : now_(now) {}
  EpochMs NowMs() const override { return now_.load(std::memory_order_relaxed); }
  void Set(EpochMs now) { now_.store(now, std::memory_order_relaxed); }
  void Advance(EpochMs ms) { now_.fetch_add(ms, std::memory_order_relaxed); }

 private:
  std::atomic<EpochMs> now_;
};

}  // namespace tend

#endif  // TEND_COMMON_CLOCK_H_
