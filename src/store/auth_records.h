// Plain records of the auth store. People who sign in, their sessions and API tokens, and Segment
// write keys (see auth_store.h and auth/auth.h). Text fields that are empty mean "not given" and
// are stored as NULL where the schema allows; dates are epoch days, times epoch ms.
#ifndef TEND_STORE_AUTH_RECORDS_H_
#define TEND_STORE_AUTH_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "common/time.h"

namespace tend::store {

// A person who signs in (see auth/auth.h). `email` is stored lowercase; `role` is admin, ops,
// csm, sales or viewer; `password_hash` is an argon2id string, empty when none is set.
struct UserRecord {
  int64_t user_id = 0;  // assigned by the store
  std::string email, name, role, password_hash;
  bool disabled = false;
  EpochMs created_at = 0;
  int failed_logins = 0;  // failed logins in a row
  std::optional<EpochMs> last_failed_at;
};

// A login session. Only a hash of the cookie value is kept.
struct SessionRecord {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  EpochMs created_at = 0, expires_at = 0;
};

// An API (Bearer) token of a user. Only a hash of the token is kept; `prefix` tells tokens
// apart for people.
struct ApiTokenRecord {
  int64_t token_id = 0;  // assigned by the store
  int64_t user_id = 0;
  std::string name, token_hash, prefix;
  EpochMs created_at = 0;
  std::optional<EpochMs> last_used_at, revoked_at;
};

// A Segment-compatible write key. Only a hash of the key is kept.
struct WriteKeyRecord {
  int64_t key_id = 0;  // assigned by the store
  std::string name, key_hash, prefix;
  EpochMs created_at = 0;
  std::optional<EpochMs> revoked_at;
};

}  // namespace tend::store

#endif  // TEND_STORE_AUTH_RECORDS_H_
