#include "auth/auth.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "auth/origins.h"

namespace tend::auth {

namespace {

constexpr size_t kMinPasswordChars = 8;
constexpr size_t kSecretBytes = 32;
constexpr size_t kPrefixChars = 12;

constexpr std::string_view kSessionPrefix = "tends";
constexpr std::string_view kTokenPrefix = "tend";
constexpr std::string_view kWriteKeyPrefix = "tendwk";

// Initialises libsodium once. Without it there is no safe randomness, so failure aborts.
void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) {
    std::fprintf(stderr, "tend: libsodium could not be initialised\n");
    std::abort();
  }
}

// `n` random bytes as lowercase base32 (RFC 4648 alphabet, no padding).
std::string RandomBase32(size_t n) {
  EnsureSodium();
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  std::string out;
  out.reserve((n * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
  sodium_memzero(bytes.data(), bytes.size());
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// something@something.tld: one '@', no spaces or control characters, a non-empty local part,
// and a domain of at least two non-empty dot-separated labels.
bool IsValidEmail(std::string_view email) {
  if (email.empty() || email.size() > 254) return false;
  for (unsigned char c : email) {
    if (c <= ' ' || c == 0x7f) return false;
  }
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  std::string_view domain = email.substr(at + 1);
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot + 1 == domain.size()) return false;
  size_t start = 0;
  for (;;) {
    size_t end = domain.find('.', start);
    if (end == start) return false;  // an empty label
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

// Characters of a UTF-8 string (bytes that do not continue a sequence).
size_t Utf8Length(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

Status CheckPassword(std::string_view password) {
  if (Utf8Length(password) < kMinPasswordChars) {
    return InvalidArgument(
        "auth.weakPassword",
        "a password needs at least " + std::to_string(kMinPasswordChars) + " characters");
  }
  return Status::Ok();
}

Status CheckEmail(std::string_view email) {
  if (!IsValidEmail(email)) {
    return InvalidArgument("auth.badEmail", "\"" + std::string(email) +
                                                "\" is not an email address (name@domain.tld)");
  }
  return Status::Ok();
}

Status BadLogin() {
  return Status(ErrorCode::kUnauthenticated, "auth.badLogin", "wrong email or password");
}
Status BadSession() {
  return Status(ErrorCode::kUnauthenticated, "auth.badSession",
                "not signed in, or the session has expired");
}
Status BadToken() {
  return Status(ErrorCode::kUnauthenticated, "auth.badToken", "invalid or revoked API token");
}
Status BadWriteKey() {
  return Status(ErrorCode::kUnauthenticated, "auth.badWriteKey", "invalid or revoked write key");
}
Status NoUser(std::string_view email) {
  return NotFound("auth.noUser", "no user with email " + std::string(email));
}

// The status `s` with its id replaced when it is kNotFound (store ids -> auth ids).
Status MapNotFound(Status s, std::string id) {
  if (s.code() != ErrorCode::kNotFound) return s;
  return NotFound(std::move(id), s.message());
}

// An argon2id hash of a password nobody has, so that a login for an unknown email costs as
// much as one for a known email.
const std::string& DummyHash() {
  static const std::string hash = [] {
    auto h = HashPassword(RandomBase32(16));
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

Result<User> ToUser(const store::UserRecord& r) {
  auto role = ParseRole(r.role);
  if (!role.ok()) {
    return DataLoss("auth.badStoredRole",
                    "user " + r.email + " has an unknown role \"" + r.role + "\"");
  }
  return User{r.user_id, r.email, r.name, *role, r.disabled, r.created_at};
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kOps:
      return "ops";
    case Role::kCsm:
      return "csm";
    case Role::kSales:
      return "sales";
    case Role::kViewer:
      return "viewer";
    case Role::kProduct:
      return "product";
  }
  return "viewer";
}

Result<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kAdmin, Role::kOps, Role::kCsm, Role::kSales, Role::kViewer,
                 Role::kProduct}) {
    if (RoleName(r) == name) return r;
  }
  return InvalidArgument("auth.badRole",
                         "role \"" + std::string(name) +
                             "\" is not one of admin|ops|csm|sales|viewer|product");
}

// ---- Helpers ----

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Internal("auth.hashFailed", "could not hash the password (out of memory)");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string h(hash);  // NUL-terminated
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string NewSecret(std::string_view prefix) {
  return std::string(prefix) + "_" + RandomBase32(kSecretBytes);
}

std::string HashSecret(std::string_view secret) {
  EnsureSodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

// ---- Users ----

Result<User> Auth::AddUser(std::string_view email, std::string_view name, Role role,
                           std::string_view password, EpochMs now) {
  TEND_RETURN_IF_ERROR(CheckEmail(email));
  TEND_RETURN_IF_ERROR(CheckPassword(password));
  store::UserRecord r;
  r.email = Lower(email);
  r.name = std::string(name);
  r.role = std::string(RoleName(role));
  r.created_at = now;
  TEND_ASSIGN_OR_RETURN(auto existing, store_.FindUserByEmail(r.email));
  if (existing) return AlreadyExists("auth.userExists", "a user with email " + r.email + " exists");
  TEND_ASSIGN_OR_RETURN(r.password_hash, HashPassword(password));
  auto id = store_.InsertUser(r);
  if (!id.ok()) {
    if (id.status().code() == ErrorCode::kAlreadyExists) {
      return AlreadyExists("auth.userExists", "a user with email " + r.email + " exists");
    }
    return id.status();
  }
  r.user_id = *id;
  return ToUser(r);
}

Result<std::vector<User>> Auth::ListUsers() {
  TEND_ASSIGN_OR_RETURN(auto rows, store_.LoadUsers());
  std::vector<User> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    TEND_ASSIGN_OR_RETURN(User u, ToUser(r));
    out.push_back(std::move(u));
  }
  return out;
}

Result<User> Auth::FindUser(std::string_view email) {
  TEND_ASSIGN_OR_RETURN(auto r, store_.FindUserByEmail(Lower(email)));
  if (!r) return NoUser(email);
  return ToUser(*r);
}

Result<User> Auth::GetUser(int64_t user_id) {
  TEND_ASSIGN_OR_RETURN(auto r, store_.GetUserById(user_id));
  if (!r) return NotFound("auth.noUser", "no user " + std::to_string(user_id));
  return ToUser(*r);
}

Status Auth::SetRole(std::string_view email, Role role) {
  TEND_ASSIGN_OR_RETURN(auto r, store_.FindUserByEmail(Lower(email)));
  if (!r) return NoUser(email);
  r->role = std::string(RoleName(role));
  return MapNotFound(store_.UpdateUser(*r), "auth.noUser");
}

Status Auth::ResetPassword(std::string_view email, std::string_view password) {
  TEND_RETURN_IF_ERROR(CheckPassword(password));
  TEND_ASSIGN_OR_RETURN(auto r, store_.FindUserByEmail(Lower(email)));
  if (!r) return NoUser(email);
  TEND_ASSIGN_OR_RETURN(r->password_hash, HashPassword(password));
  TEND_RETURN_IF_ERROR(MapNotFound(store_.UpdateUser(*r), "auth.noUser"));
  throttle_->Forget(r->email);
  return store_.ResetFailedLogins(r->user_id);
}

Status Auth::Disable(std::string_view email) {
  TEND_ASSIGN_OR_RETURN(auto r, store_.FindUserByEmail(Lower(email)));
  if (!r) return NoUser(email);
  r->disabled = true;
  TEND_RETURN_IF_ERROR(MapNotFound(store_.UpdateUser(*r), "auth.noUser"));
  // CheckSession and CheckToken refuse a disabled user anyway; sessions are dropped now.
  return store_.DeleteSessionsOfUser(r->user_id);
}

Result<int64_t> Auth::CountUsers() {
  TEND_ASSIGN_OR_RETURN(auto rows, store_.LoadUsers());
  return static_cast<int64_t>(rows.size());
}

// ---- Sessions ----

Result<Session> Auth::Login(std::string_view email, std::string_view password, EpochMs now,
                            std::string_view client) {
  const std::string key = Lower(email);
  TEND_ASSIGN_OR_RETURN(auto r, store_.FindUserByEmail(key));
  // Admitted before any hash, known email or not (auth/login_throttle.h).
  TEND_ASSIGN_OR_RETURN(LoginThrottle::Attempt attempt,
                        throttle_->Admit(key, client, now, r ? r->failed_logins : 0,
                                         r ? r->last_failed_at : std::nullopt));
  if (!r) {
    (void)VerifyPassword(DummyHash(), password);  // same cost as a known email
    attempt.Finish(false, now);
    return BadLogin();
  }
  bool matches = r->password_hash.empty() ? (VerifyPassword(DummyHash(), password), false)
                                          : VerifyPassword(r->password_hash, password);
  if (!matches || r->disabled) {
    attempt.Finish(false, now);
    if (!matches) TEND_RETURN_IF_ERROR(store_.RecordFailedLogin(r->user_id, now));
    return BadLogin();
  }
  attempt.Finish(true, now);
  if (r->failed_logins > 0 || r->last_failed_at) {
    TEND_RETURN_IF_ERROR(store_.ResetFailedLogins(r->user_id));
  }
  TEND_RETURN_IF_ERROR(store_.DeleteExpiredSessions(now));
  TEND_ASSIGN_OR_RETURN(User user, ToUser(*r));
  Session session;
  session.token = NewSecret(kSessionPrefix);
  session.csrf_token = RandomBase32(kSecretBytes);
  session.user = std::move(user);
  session.expires_at = now + kSessionMs;
  TEND_RETURN_IF_ERROR(store_.InsertSession(store::SessionRecord{
      HashSecret(session.token), r->user_id, session.csrf_token, now, session.expires_at}));
  return session;
}

Result<Session> Auth::CheckSession(std::string_view token, EpochMs now) {
  std::string hash = HashSecret(token);
  TEND_ASSIGN_OR_RETURN(auto s, store_.FindSession(hash));
  if (!s) return BadSession();
  if (s->expires_at <= now) {
    TEND_RETURN_IF_ERROR(store_.DeleteSession(hash));
    return BadSession();
  }
  TEND_ASSIGN_OR_RETURN(auto r, store_.GetUserById(s->user_id));
  if (!r || r->disabled) return BadSession();
  TEND_ASSIGN_OR_RETURN(User user, ToUser(*r));
  Session session;
  session.csrf_token = s->csrf_token;
  session.user = std::move(user);
  session.expires_at = s->expires_at;
  return session;
}

Status Auth::Logout(std::string_view token) { return store_.DeleteSession(HashSecret(token)); }

// ---- API tokens ----

Result<std::string> Auth::CreateToken(int64_t user_id, std::string_view name, EpochMs now) {
  TEND_ASSIGN_OR_RETURN(auto r, store_.GetUserById(user_id));
  if (!r) return NotFound("auth.noUser", "no user " + std::to_string(user_id));
  std::string token = NewSecret(kTokenPrefix);
  store::ApiTokenRecord t;
  t.user_id = user_id;
  t.name = std::string(name);
  t.token_hash = HashSecret(token);
  t.prefix = token.substr(0, kPrefixChars);
  t.created_at = now;
  TEND_RETURN_IF_ERROR(store_.InsertApiToken(t).status());
  return token;
}

Result<std::vector<TokenInfo>> Auth::ListTokens(int64_t user_id) {
  TEND_ASSIGN_OR_RETURN(auto rows, store_.ListApiTokens(user_id));
  std::vector<TokenInfo> out;
  out.reserve(rows.size());
  for (const auto& t : rows) {
    out.push_back(
        TokenInfo{t.token_id, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at});
  }
  return out;
}

Status Auth::RevokeToken(int64_t user_id, int64_t token_id, EpochMs now) {
  Status s = store_.RevokeApiToken(user_id, token_id, now);
  if (s.code() == ErrorCode::kNotFound) {
    return NotFound("auth.noToken", "no API token " + std::to_string(token_id) + " of this user");
  }
  return s;
}

Result<User> Auth::CheckToken(std::string_view token, EpochMs now) {
  TEND_ASSIGN_OR_RETURN(auto t, store_.FindApiTokenByHash(HashSecret(token)));
  if (!t || t->revoked_at) return BadToken();
  TEND_ASSIGN_OR_RETURN(auto r, store_.GetUserById(t->user_id));
  if (!r || r->disabled) return BadToken();
  // Last use is kept to the minute: writing it on every request would make every read a
  // write (and an fsync).
  if (!t->last_used_at || now - *t->last_used_at >= 60'000) {
    TEND_RETURN_IF_ERROR(store_.TouchApiToken(t->token_id, now));
  }
  return ToUser(*r);
}

// ---- Write keys ----

Result<WriteKeyInfo> Auth::ToWriteKeyInfo(const store::WriteKeyRecord& k) {
  TEND_ASSIGN_OR_RETURN(std::string origins, store_.GetWriteKeyOrigins(k.key_id));
  return WriteKeyInfo{k.key_id,     k.name,       k.prefix,
                      k.created_at, k.revoked_at, SplitOrigins(origins)};
}

Result<std::string> Auth::CreateWriteKey(std::string_view name, EpochMs now,
                                         const std::vector<std::string>& origins) {
  std::string key = NewSecret(kWriteKeyPrefix);
  store::WriteKeyRecord k;
  k.name = std::string(name);
  k.key_hash = HashSecret(key);
  k.prefix = key.substr(0, kPrefixChars);
  k.created_at = now;
  TEND_ASSIGN_OR_RETURN(int64_t id, store_.InsertWriteKey(k));
  if (!origins.empty()) TEND_RETURN_IF_ERROR(store_.SetWriteKeyOrigins(id, JoinOrigins(origins)));
  return key;
}

Result<std::vector<WriteKeyInfo>> Auth::ListWriteKeys() {
  TEND_ASSIGN_OR_RETURN(auto rows, store_.ListWriteKeys());
  std::vector<WriteKeyInfo> out;
  out.reserve(rows.size());
  for (const auto& k : rows) {
    TEND_ASSIGN_OR_RETURN(WriteKeyInfo info, ToWriteKeyInfo(k));
    out.push_back(std::move(info));
  }
  return out;
}

Status Auth::RevokeWriteKey(int64_t key_id, EpochMs now) {
  Status s = store_.RevokeWriteKey(key_id, now);
  if (s.code() == ErrorCode::kNotFound) {
    return NotFound("auth.noWriteKey", "no write key " + std::to_string(key_id));
  }
  return s;
}

Status Auth::SetWriteKeyOrigins(int64_t key_id, const std::vector<std::string>& origins) {
  TEND_ASSIGN_OR_RETURN(auto keys, store_.ListWriteKeys());
  if (std::none_of(keys.begin(), keys.end(), [&](const auto& k) { return k.key_id == key_id; })) {
    return NotFound("auth.noWriteKey", "no write key " + std::to_string(key_id));
  }
  return store_.SetWriteKeyOrigins(key_id, JoinOrigins(origins));
}

Result<WriteKeyInfo> Auth::CheckWriteKey(std::string_view key) {
  TEND_ASSIGN_OR_RETURN(auto k, store_.FindWriteKeyByHash(HashSecret(key)));
  if (!k || k->revoked_at) return BadWriteKey();
  return ToWriteKeyInfo(*k);
}

}  // namespace tend::auth
