#include "api/read_cache.h"

namespace tend::api {

std::shared_ptr<const void> ReadCache::Find(const std::string& key, const Freshness& f,
                                            Clock::time_point now) {
  MutexLock l(&mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  const Entry& e = it->second;
  const auto age = std::chrono::duration_cast<std::chrono::milliseconds>(now - e.built);
  if (e.fingerprint != f.fingerprint || age > f.max_age) return nullptr;
  if (e.generation != f.generation && !(age < f.max_lag)) return nullptr;
  return e.value;
}

void ReadCache::Store(const std::string& key, const Freshness& f, Clock::time_point built,
                      std::shared_ptr<const void> value) {
  MutexLock l(&mu_);
  entries_[key] = {f.generation, f.fingerprint, built, std::move(value)};
}

void ReadCache::Clear() {
  MutexLock l(&mu_);
  entries_.clear();
}

}  // namespace tend::api
