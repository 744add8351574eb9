// Rng: the small deterministic pseudo-random generator behind the synthetic data generator and
// the cross-validation folds of predict/.
//
// xoshiro256** (Blackman & Vigna), seeded through splitmix64. The sequence depends only on the
// seed: there is no clock, no global state and no std:: distribution (their algorithms differ
// between standard libraries, so the same seed would give different data on another toolchain).
// Every helper below is written in terms of Next() with integer and IEEE double arithmetic;
// Poisson() also calls std::exp.
//
// Independent streams: Rng::ForStream(seed, stream, index) hashes its three arguments, so
// each (purpose, account) pair can own a generator whose output does not change when another
// purpose draws more or fewer numbers.
//
// Thread-safety: an Rng is a plain value with no shared state; give each thread its own.
#ifndef TEND_COMMON_RNG_H_
#define TEND_COMMON_RNG_H_

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>

namespace tend {

// One step of splitmix64: advances `state` and returns the next output.
inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed = 0) {
    uint64_t sm = seed;
    for (uint64_t& word : s_) word = SplitMix64(sm);
  }

  // A generator for one (stream, index) pair under `seed`, independent of the others.
  static Rng ForStream(uint64_t seed, uint64_t stream, uint64_t index = 0) {
    uint64_t h = seed;
    uint64_t mixed = SplitMix64(h);
    h = mixed ^ (stream * 0xd1b54a32d192ed03ULL);
    mixed = SplitMix64(h);
    h = mixed ^ (index * 0x8cb92ba72f3d8dd7ULL);
    return Rng(SplitMix64(h));
  }

  // The next 64 random bits.
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // A uniform integer in [0, n), without modulo bias (Lemire's method). REQUIRES: n > 0.
  uint64_t Below(uint64_t n) {
    unsigned __int128 m = static_cast<unsigned __int128>(Next()) * n;
    uint64_t low = static_cast<uint64_t>(m);
    if (low < n) {
      const uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<unsigned __int128>(Next()) * n;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }

  // A uniform integer in [lo, hi]. REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }

  // A uniform double in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // A uniform double in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }

  // True with probability `p` (p <= 0 never, p >= 1 always).
  bool Chance(double p) { return Uniform() < p; }

  // A Poisson-distributed count with the given mean (0 when mean <= 0). Means above 30 are
  // split into parts of at most 30 and summed, which is exact for Poisson variables; the cost
  // is O(mean).
  int Poisson(double mean) {
    int n = 0;
    while (mean > 30.0) {
      n += PoissonSmall(30.0);
      mean -= 30.0;
    }
    return mean > 0.0 ? n + PoissonSmall(mean) : n;
  }

  // An index i drawn with probability proportional to the i-th weight, given the running
  // sums of the weights. REQUIRES: `cumulative` is non-empty, non-decreasing, back() > 0.
  size_t PickWeighted(std::span<const double> cumulative) {
    const double x = Uniform() * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
    return std::min(static_cast<size_t>(it - cumulative.begin()), cumulative.size() - 1);
  }

  // A uniformly chosen element of an array or vector. REQUIRES: it is not empty.
  template <typename Container>
  const auto& Pick(const Container& items) {
    return items[Below(std::size(items))];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  // Inversion by sequential search; REQUIRES 0 < mean <= 30 (so exp(-mean) stays normal).
  int PoissonSmall(double mean) {
    const double u = Uniform();
    double p = std::exp(-mean);
    double cdf = p;
    int k = 0;
    while (u >= cdf && k < 200) {
      ++k;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  uint64_t s_[4];
};

}  // namespace tend

#endif  // TEND_COMMON_RNG_H_
