// SqliteStore's AuthStore: users, sessions, API tokens and write keys.
#include <string>

#include "store/sqlite_row.h"
#include "store/sqlite_store_impl.h"

namespace tend::store {

namespace {

const RowMap<UserRecord>& Users() {
  using R = UserRecord;
  static const RowMap<R> m(
      "users",
      {Col<&R::user_id>("user_id"), Col<&R::email>("email"), Col<&R::name>("name"),
       Col<&R::role>("role"), TextOrNull<&R::password_hash>("password_hash"),
       Col<&R::disabled>("disabled"), Col<&R::created_at>("created_at"),
       Col<&R::failed_logins>("failed_logins"), Col<&R::last_failed_at>("last_failed_at")});
  return m;
}

const RowMap<SessionRecord>& Sessions() {
  using R = SessionRecord;
  static const RowMap<R> m("sessions",
                           {Col<&R::token_hash>("token_hash"), Col<&R::user_id>("user_id"),
                            Col<&R::csrf_token>("csrf_token"), Col<&R::created_at>("created_at"),
                            Col<&R::expires_at>("expires_at")});
  return m;
}

const RowMap<ApiTokenRecord>& ApiTokens() {
  using R = ApiTokenRecord;
  static const RowMap<R> m(
      "api_tokens", {Col<&R::token_id>("token_id"), Col<&R::user_id>("user_id"),
                     Col<&R::name>("name"), Col<&R::token_hash>("token_hash"),
                     Col<&R::prefix>("prefix"), Col<&R::created_at>("created_at"),
                     Col<&R::last_used_at>("last_used_at"), Col<&R::revoked_at>("revoked_at")});
  return m;
}

const RowMap<WriteKeyRecord>& WriteKeys() {
  using R = WriteKeyRecord;
  static const RowMap<R> m("write_keys",
                           {Col<&R::key_id>("key_id"), Col<&R::name>("name"),
                            Col<&R::key_hash>("key_hash"), Col<&R::prefix>("prefix"),
                            Col<&R::created_at>("created_at"), Col<&R::revoked_at>("revoked_at")});
  return m;
}

// The one row of `map`'s table whose `column` is `value`, or nullopt.
template <typename T, typename V>
Result<std::optional<T>> FindBy(SqliteDb& db, const RowMap<T>& map, const char* column,
                                const V& value) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(map.Select() + " WHERE " + column + " = ?"));
  s->Bind(1, value);
  return ReadFirst(s, map);
}

// A key's allowed origins are a workspace setting of their own, "writekey.<id>.origins".
std::string OriginsMeta(int64_t key_id) {
  return "writekey." + std::to_string(key_id) + ".origins";
}

}  // namespace

Result<int64_t> SqliteStore::InsertUser(const UserRecord& u) {
  const std::initializer_list<std::string_view> kCols = {"email",         "name",     "role",
                                                         "password_hash", "disabled", "created_at"};
  static const std::string kSql = Users().InsertOf(kCols);
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Users().BindNamed(*s, u, kCols);
  Status st = s->Run();
  if (st.code() == ErrorCode::kInvalidArgument &&
      st.message().find("UNIQUE") != std::string::npos) {
    return AlreadyExists("store.userExists", "a user with email " + u.email + " exists");
  }
  TEND_RETURN_IF_ERROR(st);
  return LastInsertId();
}

Status SqliteStore::UpdateUser(const UserRecord& u) {
  const std::initializer_list<std::string_view> kSet = {"name", "role", "password_hash",
                                                        "disabled"};
  static const std::string kSql = Users().Update(kSet, "user_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  TEND_RETURN_IF_ERROR(s->Bind(Users().BindNamed(*s, u, kSet), u.user_id).Run());
  if (!Changed()) return NotFound("store.noUser", "no user " + std::to_string(u.user_id));
  return Status::Ok();
}

Result<std::vector<UserRecord>> SqliteStore::LoadUsers() {
  static const std::string kSql = Users().Select() + " ORDER BY user_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return ReadAll(s, Users());
}

Result<std::optional<UserRecord>> SqliteStore::FindUserByEmail(std::string_view email) {
  return FindBy(*db_, Users(), "email", email);
}

Result<std::optional<UserRecord>> SqliteStore::GetUserById(int64_t user_id) {
  return FindBy(*db_, Users(), "user_id", user_id);
}

Status SqliteStore::RecordFailedLogin(int64_t user_id, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("UPDATE users SET failed_logins = failed_logins + 1, "
                                     "last_failed_at = ? WHERE user_id = ?"));
  return s->Bind(1, static_cast<int64_t>(at)).Bind(2, user_id).Run();
}

Status SqliteStore::ResetFailedLogins(int64_t user_id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("UPDATE users SET failed_logins = 0, last_failed_at = NULL "
                                     "WHERE user_id = ?"));
  return s->Bind(1, user_id).Run();
}

Status SqliteStore::InsertSession(const SessionRecord& r) {
  static const std::string kSql = Sessions().Insert();
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Sessions().Bind(*s, r);
  return s->Run();
}

Result<std::optional<SessionRecord>> SqliteStore::FindSession(std::string_view token_hash) {
  return FindBy(*db_, Sessions(), "token_hash", token_hash);
}

Status SqliteStore::DeleteSession(std::string_view token_hash) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("DELETE FROM sessions WHERE token_hash = ?"));
  return s->Bind(1, token_hash).Run();
}

Status SqliteStore::DeleteSessionsOfUser(int64_t user_id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("DELETE FROM sessions WHERE user_id = ?"));
  return s->Bind(1, user_id).Run();
}

Status SqliteStore::DeleteExpiredSessions(EpochMs now) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("DELETE FROM sessions WHERE expires_at <= ?"));
  return s->Bind(1, static_cast<int64_t>(now)).Run();
}

Result<int64_t> SqliteStore::InsertApiToken(const ApiTokenRecord& t) {
  static const std::string kSql = ApiTokens().Insert(1);
  return InsertRow(*db_, ApiTokens(), kSql, t);
}

Result<std::optional<ApiTokenRecord>> SqliteStore::FindApiTokenByHash(std::string_view token_hash) {
  return FindBy(*db_, ApiTokens(), "token_hash", token_hash);
}

Result<std::vector<ApiTokenRecord>> SqliteStore::ListApiTokens(int64_t user_id) {
  static const std::string kSql = ApiTokens().Select() + " WHERE user_id = ? ORDER BY token_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, user_id);
  return ReadAll(s, ApiTokens());
}

Status SqliteStore::RevokeApiToken(int64_t user_id, int64_t token_id, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) "
                                     "WHERE token_id = ? AND user_id = ?"));
  TEND_RETURN_IF_ERROR(
      s->Bind(1, static_cast<int64_t>(at)).Bind(2, token_id).Bind(3, user_id).Run());
  if (!Changed()) {
    return NotFound("store.noToken", "no API token " + std::to_string(token_id));
  }
  return Status::Ok();
}

Status SqliteStore::TouchApiToken(int64_t token_id, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("UPDATE api_tokens SET last_used_at = ? WHERE token_id = ?"));
  return s->Bind(1, static_cast<int64_t>(at)).Bind(2, token_id).Run();
}

Result<int64_t> SqliteStore::InsertWriteKey(const WriteKeyRecord& k) {
  static const std::string kSql = WriteKeys().Insert(1);
  return InsertRow(*db_, WriteKeys(), kSql, k);
}

Result<std::optional<WriteKeyRecord>> SqliteStore::FindWriteKeyByHash(std::string_view key_hash) {
  return FindBy(*db_, WriteKeys(), "key_hash", key_hash);
}

Result<std::vector<WriteKeyRecord>> SqliteStore::ListWriteKeys() {
  static const std::string kSql = WriteKeys().Select() + " ORDER BY key_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return ReadAll(s, WriteKeys());
}

Status SqliteStore::RevokeWriteKey(int64_t key_id, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("UPDATE write_keys SET revoked_at = COALESCE(revoked_at, ?) "
                                     "WHERE key_id = ?"));
  TEND_RETURN_IF_ERROR(s->Bind(1, static_cast<int64_t>(at)).Bind(2, key_id).Run());
  if (!Changed()) {
    return NotFound("store.noWriteKey", "no write key " + std::to_string(key_id));
  }
  return Status::Ok();
}

Result<std::string> SqliteStore::GetWriteKeyOrigins(int64_t key_id) {
  TEND_ASSIGN_OR_RETURN(auto origins, GetMeta(OriginsMeta(key_id)));
  return origins.value_or("");
}

Status SqliteStore::SetWriteKeyOrigins(int64_t key_id, std::string_view origins) {
  return SetMeta(OriginsMeta(key_id), origins);
}

}  // namespace tend::store
