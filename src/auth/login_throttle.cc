#include "auth/login_throttle.h"

#include <algorithm>

namespace tend::auth {

namespace {

Status Refuse(const char* id, const char* what, int64_t seconds) {
  return Status(ErrorCode::kUnavailable, id,
                std::string(what) + "; try again in " + std::to_string(seconds) +
                    (seconds == 1 ? " second" : " seconds"));
}

}  // namespace

LoginThrottle& LoginThrottle::Global() {
  static LoginThrottle* throttle = new LoginThrottle();
  return *throttle;
}

void LoginThrottle::SetLimits(const LoginLimits& limits) {
  std::lock_guard<std::mutex> l(mu_);
  limits_ = limits;
}

int64_t LoginThrottle::Wait(const Count& c, int free, EpochMs now) const {
  const int failures = c.failures + c.pending;
  if (failures < free) return 0;
  int exponent = std::min(failures - free, 20);
  int64_t wait_ms = std::min<int64_t>(int64_t{1} << exponent, limits_.max_wait_seconds) * 1000;
  // An attempt still being checked counts as failing now.
  EpochMs last = c.pending > 0 ? now : c.last_failure;
  int64_t left_ms = last + wait_ms - now;
  return left_ms <= 0 ? 0 : (left_ms + 999) / 1000;
}

void LoginThrottle::Trim(std::unordered_map<std::string, Count>& m, EpochMs now) {
  if (m.size() < limits_.max_tracked) return;
  // Forget what no longer matters: nothing pending and the longest wait passed.
  const int64_t settled_ms = limits_.max_wait_seconds * 1000;
  for (auto it = m.begin(); it != m.end();) {
    if (it->second.pending == 0 && now - it->second.last_failure >= settled_ms) {
      it = m.erase(it);
    } else {
      ++it;
    }
  }
  // Still full (a flood from many addresses): forget settled entries in any order.
  for (auto it = m.begin(); m.size() >= limits_.max_tracked && it != m.end();) {
    it = it->second.pending == 0 ? m.erase(it) : std::next(it);
  }
}

Result<LoginThrottle::Attempt> LoginThrottle::Admit(std::string_view email,
                                                    std::string_view address, EpochMs now,
                                                    int stored_failures,
                                                    std::optional<EpochMs> stored_last_failure) {
  std::lock_guard<std::mutex> l(mu_);
  std::string e(email), a(address);
  auto eit = emails_.find(e);
  if (eit == emails_.end()) {
    Trim(emails_, now);
    eit = emails_.emplace(e, Count{stored_failures, 0, stored_last_failure.value_or(0)}).first;
  }
  if (int64_t wait = Wait(eit->second, limits_.free_failures_per_email, now); wait > 0) {
    return Refuse("auth.tooManyAttempts", "too many failed logins", wait);
  }
  Count* addr = nullptr;
  if (!a.empty()) {
    auto ait = addresses_.find(a);
    if (ait == addresses_.end()) {
      Trim(addresses_, now);
      ait = addresses_.emplace(a, Count{}).first;
    }
    addr = &ait->second;
    if (int64_t wait = Wait(*addr, limits_.free_failures_per_address, now); wait > 0) {
      return Refuse("auth.tooManyAttempts", "too many failed logins from this address", wait);
    }
  }
  if (hashing_ >= limits_.max_concurrent_hashes) {
    return Refuse("auth.busy", "too many logins at once", 1);
  }
  ++hashing_;
  ++eit->second.pending;
  if (addr) ++addr->pending;
  return Attempt(this, std::move(e), std::move(a));
}

void LoginThrottle::Done(const std::string& email, const std::string& address, bool succeeded,
                         EpochMs now) {
  std::lock_guard<std::mutex> l(mu_);
  --hashing_;
  auto settle = [&](std::unordered_map<std::string, Count>& m, const std::string& key,
                    bool reset_on_success) {
    auto it = m.find(key);
    if (it == m.end()) return;
    Count& c = it->second;
    c.pending = std::max(0, c.pending - 1);
    if (!succeeded) {
      ++c.failures;
      c.last_failure = now;
    } else if (reset_on_success) {
      c.failures = 0;
    }
  };
  settle(emails_, email, true);
  // A success does not clear the address: one good account must not reset its guessing.
  if (!address.empty()) settle(addresses_, address, false);
}

void LoginThrottle::Forget(std::string_view email) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = emails_.find(std::string(email));
  if (it != emails_.end() && it->second.pending == 0) emails_.erase(it);
}

LoginThrottle::Attempt::Attempt(Attempt&& other) noexcept
    : throttle_(other.throttle_),
      email_(std::move(other.email_)),
      address_(std::move(other.address_)) {
  other.throttle_ = nullptr;
}

LoginThrottle::Attempt::~Attempt() {
  if (throttle_) Finish(false, NowMs());
}

void LoginThrottle::Attempt::Finish(bool succeeded, EpochMs now) {
  if (!throttle_) return;
  throttle_->Done(email_, address_, succeeded, now);
  throttle_ = nullptr;
}

}  // namespace tend::auth
