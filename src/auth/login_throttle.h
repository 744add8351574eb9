// LoginThrottle: what a login may cost before any password is checked, process-wide.
//
// An anonymous client can send logins as fast as it likes, and each check of a password is
// an argon2id hash (64 MiB, tens of milliseconds). The throttle admits an attempt only when
//   - a hash slot is free: at most `max_concurrent_hashes` run at once (the rest are refused
//     at once with kUnavailable "auth.busy", "try again in 1 second", not queued);
//   - the email has not failed `free_failures_per_email` times in a row, counting the
//     attempts still being checked (so 40 simultaneous guesses cannot all be checked before
//     the first failure is counted); after that one attempt per 2^(failures - free) seconds,
//     at most `max_wait_seconds`;
//   - the client address has not failed `free_failures_per_address` times, with the same
//     doubling wait (one address guessing many emails).
// Refusals are kUnavailable "auth.tooManyAttempts" with "try again in N second(s)". Emails
// are counted whether or not they belong to a user, so an unknown email is throttled
// exactly like a known one and the answers do not tell which emails have accounts.
//
// Counts live in memory (and, for users, also in the store, which seeds them after a
// restart). At most `max_tracked` emails and addresses are remembered; the oldest settled
// entries are forgotten first. Thread-safe.
#ifndef TEND_AUTH_LOGIN_THROTTLE_H_
#define TEND_AUTH_LOGIN_THROTTLE_H_

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/result.h"
#include "common/time.h"

namespace tend::auth {

struct LoginLimits {
  int max_concurrent_hashes = 4;
  int free_failures_per_email = 5;
  int free_failures_per_address = 20;
  int64_t max_wait_seconds = 900;
  size_t max_tracked = 100000;
};

class LoginThrottle {
 public:
  // One admitted attempt; Finish it exactly once (the destructor finishes it as a failure).
  class Attempt {
   public:
    Attempt(Attempt&& other) noexcept;
    Attempt& operator=(Attempt&&) = delete;
    ~Attempt();
    void Finish(bool succeeded, EpochMs now);

   private:
    friend class LoginThrottle;
    Attempt(LoginThrottle* t, std::string email, std::string address)
        : throttle_(t), email_(std::move(email)), address_(std::move(address)) {}
    LoginThrottle* throttle_;
    std::string email_, address_;
  };

  explicit LoginThrottle(LoginLimits limits = {}) : limits_(limits) {}

  // The one throttle of the process (Auth::Login uses it).
  static LoginThrottle& Global();
  // Replaces the limits (tend serve's options; tests). Counts are kept.
  void SetLimits(const LoginLimits& limits);

  // Admits an attempt for `email` (lower-cased) from `address` ("" when unknown), or refuses
  // it as described above. `stored_failures` and `stored_last_failure` are the store's
  // count for a known user (seeding the count the first time the email is seen).
  Result<Attempt> Admit(std::string_view email, std::string_view address, EpochMs now,
                        int stored_failures = 0,
                        std::optional<EpochMs> stored_last_failure = std::nullopt);

  // Forgets the failures of `email` (a password reset).
  void Forget(std::string_view email);

 private:
  struct Count {
    int failures = 0;
    int pending = 0;  // admitted attempts not finished yet
    EpochMs last_failure = 0;
  };
  // Seconds `c` must still wait with `free` failures allowed; 0 when it may go.
  int64_t Wait(const Count& c, int free, EpochMs now) const;
  void Trim(std::unordered_map<std::string, Count>& m, EpochMs now);
  void Done(const std::string& email, const std::string& address, bool succeeded, EpochMs now);

  std::mutex mu_;
  LoginLimits limits_;
  int hashing_ = 0;
  std::unordered_map<std::string, Count> emails_, addresses_;
};

}  // namespace tend::auth

#endif  // TEND_AUTH_LOGIN_THROTTLE_H_
