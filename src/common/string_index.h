// StringIndex: an open-addressing hash map from strings to dense uint32 ids (0, 1, 2, ...
// in insertion order), with the keys kept in one arena. Built for the import hot path,
// where std::unordered_map<std::string, ...> spends its time allocating.
//
// Not thread-safe. Views returned by Key() stay valid until the index is destroyed.
#ifndef TEND_COMMON_STRING_INDEX_H_
#define TEND_COMMON_STRING_INDEX_H_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace tend {

class StringIndex {
 public:
  static constexpr uint32_t kNotFound = UINT32_MAX;

  StringIndex() { Rehash(64); }

  // The id of `key`, or kNotFound.
  uint32_t Find(std::string_view key) const {
    uint64_t h = Hash(key);
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.id == kNotFound) return kNotFound;
      if (s.hash == h && keys_[s.id] == key) return s.id;
    }
  }

  // The id of `key`, inserting it with the next id when absent. `*inserted` says which.
  uint32_t Insert(std::string_view key, bool* inserted = nullptr) {
    uint64_t h = Hash(key);
    size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    for (;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.id == kNotFound) break;
      if (s.hash == h && keys_[s.id] == key) {
        if (inserted) *inserted = false;
        return s.id;
      }
    }
    uint32_t id = static_cast<uint32_t>(keys_.size());
    keys_.push_back(Store(key));
    slots_[i] = Slot{h, id};
    if (inserted) *inserted = true;
    if (keys_.size() * 2 > slots_.size()) Rehash(slots_.size() * 2);
    return id;
  }

  size_t size() const { return keys_.size(); }
  std::string_view Key(uint32_t id) const { return keys_[id]; }

  static uint64_t Hash(std::string_view s) {
    // FNV-1a over 8-byte words, then a final mix: fast for short ids.
    uint64_t h = 0xcbf29ce484222325ULL ^ s.size();
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t w;
      __builtin_memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * 0x100000001b3ULL;
      h ^= h >> 29;
    }
    uint64_t w = 0;
    __builtin_memcpy(&w, s.data() + i, s.size() - i);
    h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 32;
    return h;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t id = kNotFound;
  };

  std::string_view Store(std::string_view key) {
    if (arena_.empty() || arena_.back().size() + key.size() > arena_.back().capacity()) {
      arena_.emplace_back();
      arena_.back().reserve(std::max<size_t>(1 << 16, key.size()));
    }
    std::string& block = arena_.back();
    size_t at = block.size();
    block.append(key);
    return std::string_view(block.data() + at, key.size());
  }

  void Rehash(size_t n) {
    std::vector<Slot> fresh(n);
    size_t mask = n - 1;
    for (const Slot& s : slots_) {
      if (s.id == kNotFound) continue;
      size_t i = s.hash & mask;
      while (fresh[i].id != kNotFound) i = (i + 1) & mask;
      fresh[i] = s;
    }
    slots_ = std::move(fresh);
  }

  std::vector<Slot> slots_;
  std::vector<std::string_view> keys_;
  std::deque<std::string> arena_;  // blocks never reallocate once reserved
};

}  // namespace tend

#endif  // TEND_COMMON_STRING_INDEX_H_
