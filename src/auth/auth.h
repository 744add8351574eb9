// Auth: who may use tend: users with roles, argon2id passwords, login sessions with CSRF
// tokens, API tokens (Bearer) and Segment write keys.
//
// Secrets (session cookies, API tokens, write keys) are 32 random bytes from libsodium,
// printed as "<prefix>_<base32>"; the store keeps only a BLAKE2b hash of each, so a copy of
// the workspace file does not let anyone in. Passwords are hashed with argon2id
// (crypto_pwhash_str, interactive limits) and must be at least 8 characters.
//
// Failed logins are slowed down without holding a thread (auth/login_throttle.h): after 5
// failures in a row for an email, known or not, or 20 from one client address, the next
// attempt is refused (kUnavailable "auth.tooManyAttempts", with the seconds to wait in the
// message) until 2^(failures-5) seconds (at most 900) have passed since the last failure;
// attempts being checked count as failures, so simultaneous guesses cannot slip past. At
// most 4 password checks run at once; more are refused ("auth.busy", 1 second). A success
// resets the email's count.
//
// Failures (Status): kInvalidArgument for bad emails, roles, short passwords (id
// "auth.badEmail", "auth.badRole", "auth.weakPassword"); kAlreadyExists "auth.userExists";
// kNotFound "auth.noUser" / "auth.noToken" / "auth.noWriteKey"; kUnauthenticated
// "auth.badLogin" (never says whether the email exists), "auth.badSession", "auth.badToken",
// "auth.badWriteKey"; store errors as they come. Not thread-safe: one Auth per connection.
#ifndef TEND_AUTH_AUTH_H_
#define TEND_AUTH_AUTH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/login_throttle.h"
#include "common/result.h"
#include "common/time.h"
#include "store/auth_store.h"

namespace tend::auth {

enum class Role { kAdmin, kOps, kCsm, kSales, kViewer, kProduct };
// "admin", "ops", "csm", "sales", "viewer", "product"
std::string_view RoleName(Role role);
Result<Role> ParseRole(std::string_view name);

struct User {
  int64_t user_id = 0;
  std::string email, name;
  Role role = Role::kViewer;
  bool disabled = false;
  EpochMs created_at = 0;
};

struct Session {
  std::string token;  // the cookie value (only on Login; empty from CheckSession)
  std::string csrf_token;
  User user;
  EpochMs expires_at = 0;
};

struct TokenInfo {
  int64_t token_id = 0;
  std::string name, prefix;  // prefix: the first characters of the token, to tell them apart
  EpochMs created_at = 0;
  std::optional<EpochMs> last_used_at, revoked_at;
};

struct WriteKeyInfo {
  int64_t key_id = 0;
  std::string name, prefix;
  EpochMs created_at = 0;
  std::optional<EpochMs> revoked_at;
  // The browser origins allowed to use it (auth/origins.h); empty: a server key. Kept in
  // the workspace setting "writekey.<key_id>.origins".
  std::vector<std::string> origins;

  bool browser() const { return !origins.empty(); }
};

// Lifetime of a login session.
inline constexpr int64_t kSessionMs = 12LL * 3600 * 1000;

class Auth {
 public:
  // Logins are throttled by `throttle` (the process's own unless a test brings one).
  explicit Auth(store::AuthStore& store, LoginThrottle* throttle = &LoginThrottle::Global())
      : store_(store), throttle_(throttle) {}

  // ---- Users ----
  Result<User> AddUser(std::string_view email, std::string_view name, Role role,
                       std::string_view password, EpochMs now);
  Result<std::vector<User>> ListUsers();
  Result<User> FindUser(std::string_view email);
  Result<User> GetUser(int64_t user_id);
  Status SetRole(std::string_view email, Role role);
  // Sets a new password (and clears the failed-login count).
  Status ResetPassword(std::string_view email, std::string_view password);
  // A disabled user cannot log in; their sessions and tokens stop working.
  Status Disable(std::string_view email);
  Result<int64_t> CountUsers();

  // ---- Sessions ----
  // `client` is the caller's address, throttled as well ("" when there is none).
  Result<Session> Login(std::string_view email, std::string_view password, EpochMs now,
                        std::string_view client = "");
  // The session of a cookie value, if valid and not expired, and its user not disabled.
  Result<Session> CheckSession(std::string_view token, EpochMs now);
  Status Logout(std::string_view token);

  // ---- API tokens ----
  // Returns the new token (shown once).
  Result<std::string> CreateToken(int64_t user_id, std::string_view name, EpochMs now);
  Result<std::vector<TokenInfo>> ListTokens(int64_t user_id);
  Status RevokeToken(int64_t user_id, int64_t token_id, EpochMs now);
  // The user of a token, if valid, not revoked and its user not disabled (records last use).
  Result<User> CheckToken(std::string_view token, EpochMs now);

  // ---- Write keys ----
  // `origins`: normalised patterns (auth/origins.h ParseOrigins); empty for a server key.
  Result<std::string> CreateWriteKey(std::string_view name, EpochMs now,
                                     const std::vector<std::string>& origins = {});
  Result<std::vector<WriteKeyInfo>> ListWriteKeys();
  Status RevokeWriteKey(int64_t key_id, EpochMs now);
  // Replaces a key's allowed origins (kNotFound "auth.noWriteKey").
  Status SetWriteKeyOrigins(int64_t key_id, const std::vector<std::string>& origins);
  // The key, when `key` is a valid, unrevoked write key ("auth.badWriteKey" otherwise).
  Result<WriteKeyInfo> CheckWriteKey(std::string_view key);

 private:
  Result<WriteKeyInfo> ToWriteKeyInfo(const store::WriteKeyRecord& k);

  store::AuthStore& store_;
  LoginThrottle* throttle_;
};

// Helpers, exposed for tests.
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);
// 32 random bytes as "<prefix>_<lowercase base32>".
std::string NewSecret(std::string_view prefix);
// BLAKE2b-256 of `secret`, hex.
std::string HashSecret(std::string_view secret);

}  // namespace tend::auth

#endif  // TEND_AUTH_AUTH_H_
