// AuthStore: the durable state of one domain. People who sign in, their sessions and API tokens,
// and Segment write keys (see auth/auth.h).
// A part of store::Store; failures and transactions as store.h says.
#ifndef TEND_STORE_AUTH_STORE_H_
#define TEND_STORE_AUTH_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/auth_records.h"

namespace tend::store {

class AuthStore {
 public:
  virtual ~AuthStore() = default;

  // ---- Users, sessions, API tokens, write keys (see auth/auth.h) ----
  // Returns the new user's id. Fails with kAlreadyExists ("store.userExists") when the email
  // is taken. failed_logins and last_failed_at start empty.
  virtual Result<int64_t> InsertUser(const UserRecord& user) = 0;
  // Updates the name, role, password hash and disabled flag of user.user_id (email, creation
  // time and failed logins stay). kNotFound ("store.noUser") when there is no such user.
  virtual Status UpdateUser(const UserRecord& user) = 0;
  // All users, ordered by user_id.
  virtual Result<std::vector<UserRecord>> LoadUsers() = 0;
  // The user with exactly this (lowercase) email, or nullopt.
  virtual Result<std::optional<UserRecord>> FindUserByEmail(std::string_view email) = 0;
  virtual Result<std::optional<UserRecord>> GetUserById(int64_t user_id) = 0;
  // Adds one to the user's failed logins in a row and sets their last_failed_at to `at`.
  virtual Status RecordFailedLogin(int64_t user_id, EpochMs at) = 0;
  // Sets the user's failed logins to 0 and clears last_failed_at.
  virtual Status ResetFailedLogins(int64_t user_id) = 0;

  virtual Status InsertSession(const SessionRecord& session) = 0;
  // The session whose token hash is `token_hash` (expired or not), or nullopt.
  virtual Result<std::optional<SessionRecord>> FindSession(std::string_view token_hash) = 0;
  // Deletes one session; no error when there is none.
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  virtual Status DeleteSessionsOfUser(int64_t user_id) = 0;
  // Deletes the sessions with expires_at <= now.
  virtual Status DeleteExpiredSessions(EpochMs now) = 0;

  // Returns the new token's id.
  virtual Result<int64_t> InsertApiToken(const ApiTokenRecord& token) = 0;
  // The token whose hash is `token_hash` (revoked or not), or nullopt.
  virtual Result<std::optional<ApiTokenRecord>> FindApiTokenByHash(std::string_view token_hash) = 0;
  // A user's tokens (revoked ones too), ordered by token_id.
  virtual Result<std::vector<ApiTokenRecord>> ListApiTokens(int64_t user_id) = 0;
  // Sets revoked_at to `at` unless already revoked (then keeps the first time). kNotFound
  // ("store.noToken") when the user has no token `token_id`.
  virtual Status RevokeApiToken(int64_t user_id, int64_t token_id, EpochMs at) = 0;
  // Sets the token's last_used_at to `at`.
  virtual Status TouchApiToken(int64_t token_id, EpochMs at) = 0;

  // Returns the new key's id.
  virtual Result<int64_t> InsertWriteKey(const WriteKeyRecord& key) = 0;
  // The key whose hash is `key_hash` (revoked or not), or nullopt.
  virtual Result<std::optional<WriteKeyRecord>> FindWriteKeyByHash(std::string_view key_hash) = 0;
  // All write keys (revoked ones too), ordered by key_id.
  virtual Result<std::vector<WriteKeyRecord>> ListWriteKeys() = 0;
  // Sets revoked_at to `at` unless already revoked. kNotFound ("store.noWriteKey") when there
  // is no key `key_id`.
  virtual Status RevokeWriteKey(int64_t key_id, EpochMs at) = 0;
  // A write key's allowed origins as auth/ wrote them (normalised patterns, comma-separated;
  // empty when none are set: a server key). SetWriteKeyOrigins replaces them.
  virtual Result<std::string> GetWriteKeyOrigins(int64_t key_id) = 0;
  virtual Status SetWriteKeyOrigins(int64_t key_id, std::string_view origins) = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_AUTH_STORE_H_
