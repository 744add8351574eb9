// PgStore: users, sessions, API tokens, write keys.
#include "store/pg_rows.h"
#include "store/pg_store_impl.h"
#include "store/row_readers.h"

namespace tend::store {

using pg::BindAll;
using pg::OrNull;

namespace {

constexpr const char* kUserCols =
    "user_id, email, name, role, password_hash, disabled, created_at, failed_logins, "
    "last_failed_at";
constexpr const char* kTokenCols =
    "token_id, user_id, name, token_hash, prefix, created_at, last_used_at, revoked_at";
constexpr const char* kKeyCols = "key_id, name, key_hash, prefix, created_at, revoked_at";

ApiTokenRecord ReadTokenRow(PgStmt* s) {
  return ApiTokenRecord{s->Int(0), s->Int(1), s->Str(2),    s->Str(3),
                        s->Str(4), s->Int(5), s->OptInt(6), s->OptInt(7)};
}
WriteKeyRecord ReadKeyRow(PgStmt* s) {
  return WriteKeyRecord{s->Int(0), s->Str(1), s->Str(2), s->Str(3), s->Int(4), s->OptInt(5)};
}

std::string From(const char* cols, std::string_view rest) {
  return std::string("SELECT ") + cols + " FROM " + std::string(rest);
}

}  // namespace

Result<int64_t> PgStore::InsertUser(const UserRecord& u) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql(
                                        "users", "email, name, role, password_hash, disabled, "
                                                 "created_at", "", "RETURNING user_id")));
  auto id = pg::FirstInt(
      BindAll(s, u.email, u.name, u.role, OrNull{u.password_hash}, u.disabled, u.created_at));
  if (!id.ok() && IsUniqueViolation(id.status())) {
    return AlreadyExists("store.userExists", "a user with email " + u.email + " exists");
  }
  return id;
}

Status PgStore::UpdateUser(const UserRecord& u) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE users SET name = $1, role = $2, "
                                                 "password_hash = $3, disabled = $4 WHERE "
                                                 "user_id = $5"));
  Status run = BindAll(s, u.name, u.role, OrNull{u.password_hash}, u.disabled, u.user_id)->Run();
  return pg::ChangedOne(s, run, "store.noUser", "no user " + std::to_string(u.user_id));
}

Result<std::vector<UserRecord>> PgStore::LoadUsers() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kUserCols, "users ORDER BY user_id")));
  return pg::Rows<UserRecord>(s, ReadUserRow<PgStmt>);
}

Result<std::optional<UserRecord>> PgStore::FindUserByEmail(std::string_view email) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kUserCols, "users WHERE email = $1")));
  return pg::One<UserRecord>(BindAll(s, email), ReadUserRow<PgStmt>);
}

Result<std::optional<UserRecord>> PgStore::GetUserById(int64_t user_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kUserCols, "users WHERE user_id = $1")));
  return pg::One<UserRecord>(BindAll(s, user_id), ReadUserRow<PgStmt>);
}

Status PgStore::RecordFailedLogin(int64_t user_id, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE users SET failed_logins = failed_logins "
                                                 "+ 1, last_failed_at = $1 WHERE user_id = $2"));
  return BindAll(s, at, user_id)->Run();
}

Status PgStore::ResetFailedLogins(int64_t user_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE users SET failed_logins = 0, "
                                                 "last_failed_at = NULL WHERE user_id = $1"));
  return BindAll(s, user_id)->Run();
}

Status PgStore::InsertSession(const SessionRecord& r) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql(
                                        "sessions", "token_hash, user_id, csrf_token, created_at, "
                                                    "expires_at", "")));
  return BindAll(s, r.token_hash, r.user_id, r.csrf_token, r.created_at, r.expires_at)->Run();
}

Result<std::optional<SessionRecord>> PgStore::FindSession(std::string_view token_hash) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT token_hash, user_id, csrf_token, "
                                                 "created_at, expires_at FROM sessions WHERE "
                                                 "token_hash = $1"));
  return pg::One<SessionRecord>(BindAll(s, token_hash), [](PgStmt* s) {
    return SessionRecord{s->Str(0), s->Int(1), s->Str(2), s->Int(3), s->Int(4)};
  });
}

Status PgStore::DeleteSession(std::string_view token_hash) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("DELETE FROM sessions WHERE token_hash = $1"));
  return BindAll(s, token_hash)->Run();
}

Status PgStore::DeleteSessionsOfUser(int64_t user_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("DELETE FROM sessions WHERE user_id = $1"));
  return BindAll(s, user_id)->Run();
}

Status PgStore::DeleteExpiredSessions(EpochMs now) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("DELETE FROM sessions WHERE expires_at <= $1"));
  return BindAll(s, now)->Run();
}

Result<int64_t> PgStore::InsertApiToken(const ApiTokenRecord& t) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql(
                                        "api_tokens", "user_id, name, token_hash, prefix, "
                                                      "created_at, last_used_at, revoked_at",
                                        "", "RETURNING token_id")));
  return pg::FirstInt(BindAll(s, t.user_id, t.name, t.token_hash, t.prefix, t.created_at,
                              t.last_used_at, t.revoked_at));
}

Result<std::optional<ApiTokenRecord>> PgStore::FindApiTokenByHash(std::string_view token_hash) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kTokenCols, "api_tokens WHERE token_hash = $1")));
  return pg::One<ApiTokenRecord>(BindAll(s, token_hash), ReadTokenRow);
}

Result<std::vector<ApiTokenRecord>> PgStore::ListApiTokens(int64_t user_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kTokenCols, "api_tokens WHERE user_id = $1 "
                                                                  "ORDER BY token_id")));
  return pg::Rows<ApiTokenRecord>(BindAll(s, user_id), ReadTokenRow);
}

Status PgStore::RevokeApiToken(int64_t user_id, int64_t token_id, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE api_tokens SET revoked_at = "
                                                 "COALESCE(revoked_at, $1) WHERE token_id = $2 "
                                                 "AND user_id = $3"));
  Status run = BindAll(s, at, token_id, user_id)->Run();
  return pg::ChangedOne(s, run, "store.noToken", "no API token " + std::to_string(token_id));
}

Status PgStore::TouchApiToken(int64_t token_id, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE api_tokens SET last_used_at = $1 WHERE "
                                                 "token_id = $2"));
  return BindAll(s, at, token_id)->Run();
}

Result<int64_t> PgStore::InsertWriteKey(const WriteKeyRecord& k) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql(
                                        "write_keys", "name, key_hash, prefix, created_at, "
                                                      "revoked_at", "", "RETURNING key_id")));
  return pg::FirstInt(BindAll(s, k.name, k.key_hash, k.prefix, k.created_at, k.revoked_at));
}

Result<std::optional<WriteKeyRecord>> PgStore::FindWriteKeyByHash(std::string_view key_hash) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kKeyCols, "write_keys WHERE key_hash = $1")));
  return pg::One<WriteKeyRecord>(BindAll(s, key_hash), ReadKeyRow);
}

Result<std::vector<WriteKeyRecord>> PgStore::ListWriteKeys() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kKeyCols, "write_keys ORDER BY key_id")));
  return pg::Rows<WriteKeyRecord>(s, ReadKeyRow);
}

Status PgStore::RevokeWriteKey(int64_t key_id, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE write_keys SET revoked_at = "
                                                 "COALESCE(revoked_at, $1) WHERE key_id = $2"));
  Status run = BindAll(s, at, key_id)->Run();
  return pg::ChangedOne(s, run, "store.noWriteKey", "no write key " + std::to_string(key_id));
}

// A write key's allowed origins live in workspace_meta "writekey.<id>.origins", as on SQLite.
Result<std::string> PgStore::GetWriteKeyOrigins(int64_t key_id) {
  TEND_ASSIGN_OR_RETURN(auto origins, GetMeta("writekey." + std::to_string(key_id) + ".origins"));
  return origins.value_or("");
}

Status PgStore::SetWriteKeyOrigins(int64_t key_id, std::string_view origins) {
  return SetMeta("writekey." + std::to_string(key_id) + ".origins", origins);
}

}  // namespace tend::store
