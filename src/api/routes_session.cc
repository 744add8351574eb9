// Routes: first-run setup, login and logout, the caller's profile and API tokens, users
// (admin) and write keys (ops).
#include "api/json/common_json.h"
#include "api/json/session_json.h"
#include "api/route.h"
#include "auth/origins.h"

namespace tend::api {

namespace {

std::string SessionCookie(const Ctx& c, const std::string& value, int64_t max_age_s) {
  std::string cookie = "tend_session=" + value + "; Path=" + c.cookie_path +
                       "; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  if (c.secure) cookie += "; Secure";
  return cookie;
}

Result<auth::Role> RoleField(Ctx& c, const nlohmann::json& j, bool required) {
  TEND_ASSIGN_OR_RETURN(std::string role, StringField(c, j, "role", required));
  auto r = auth::ParseRole(role);
  if (!r.ok()) return FieldError(c, "role", "must be one of admin, ops, csm, sales, viewer");
  return *r;
}

Status Setup(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string token, StringField(c, j, "token", true));
  TEND_ASSIGN_OR_RETURN(std::string email, StringField(c, j, "email", true));
  TEND_ASSIGN_OR_RETURN(std::string name, StringField(c, j, "name", true));
  TEND_ASSIGN_OR_RETURN(std::string password, StringField(c, j, "password", true));
  auth::Auth a(c.store);
  TEND_ASSIGN_OR_RETURN(int64_t users, a.CountUsers());
  if (users > 0 || c.state.setup_token.empty()) {
    return FailedPrecondition("auth.setupDone", "the workspace has users already; log in");
  }
  if (token != c.state.setup_token) {
    return Status(ErrorCode::kUnauthenticated, "auth.badSetupToken",
                  "wrong setup token (the server printed it when it started)");
  }
  auto u = a.AddUser(email, name, auth::Role::kAdmin, password, NowMs());
  if (!u.ok()) {
    if (u.status().id() == "auth.weakPassword") c.error_field = "password";
    if (u.status().id() == "auth.badEmail") c.error_field = "email";
    return u.status();
  }
  c.state.setup_token.clear();
  c.Send(201, json::UserJson(*u));
  return Status::Ok();
}

Status Login(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string email, StringField(c, j, "email", true));
  TEND_ASSIGN_OR_RETURN(std::string password, StringField(c, j, "password", true));
  auth::Auth a(c.store);
  TEND_ASSIGN_OR_RETURN(auth::Session s, a.Login(email, password, NowMs(), c.client));
  c.res.set_header("Set-Cookie", SessionCookie(c, s.token, auth::kSessionMs / 1000));
  c.Send(200, {{"user", json::UserJson(s.user)}, {"csrf_token", s.csrf_token}});
  return Status::Ok();
}

Status Logout(Ctx& c) {
  if (std::string cookie = c.Cookie("tend_session"); !cookie.empty()) {
    auth::Auth a(c.store);
    // A live session ends only with its CSRF token, like every other change made with a
    // cookie: another site must not be able to log our users out. A dead cookie is cleared.
    auto session = a.CheckSession(cookie, NowMs());
    if (session.ok()) {
      if (c.req.get_header_value("X-CSRF-Token") != session->csrf_token) {
        return PermissionDenied("auth.csrf",
                                "missing or wrong X-CSRF-Token header (GET /api/me gives it)");
      }
      TEND_RETURN_IF_ERROR(a.Logout(cookie));
    }
  }
  c.res.set_header("Set-Cookie", SessionCookie(c, "", 0));
  c.Send(200, {{"ok", true}});
  return Status::Ok();
}

Status Me(Ctx& c) {
  nlohmann::json out{{"user", json::UserJson(*c.user)}};
  if (!c.csrf_token.empty()) out["csrf_token"] = c.csrf_token;
  c.Send(200, out);
  return Status::Ok();
}

nlohmann::json TokenJson(const auth::TokenInfo& t) {
  return {{"token_id", t.token_id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"created_at", FormatTime(t.created_at)},
          {"last_used_at", json::TimeJson(t.last_used_at)},
          {"revoked_at", json::TimeJson(t.revoked_at)}};
}

Status ListTokens(Ctx& c) {
  auth::Auth a(c.store);
  TEND_ASSIGN_OR_RETURN(auto tokens, a.ListTokens(c.user->user_id));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : tokens) out.push_back(TokenJson(t));
  c.Send(200, {{"tokens", out}});
  return Status::Ok();
}

Status CreateToken(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string name, StringField(c, j, "name", true));
  auth::Auth a(c.store);
  TEND_ASSIGN_OR_RETURN(std::string token, a.CreateToken(c.user->user_id, name, NowMs()));
  c.Send(201, {{"token", token}, {"name", name}, {"note", "shown once: store it now"}});
  return Status::Ok();
}

Status RevokeToken(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  auth::Auth a(c.store);
  TEND_RETURN_IF_ERROR(a.RevokeToken(c.user->user_id, id, NowMs()));
  c.Send(200, {{"ok", true}});
  return Status::Ok();
}

Status ListUsers(Ctx& c) {
  auth::Auth a(c.store);
  TEND_ASSIGN_OR_RETURN(auto users, a.ListUsers());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& u : users) out.push_back(json::UserJson(u));
  c.Send(200, {{"users", out}});
  return Status::Ok();
}

Status AddUser(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string email, StringField(c, j, "email", true));
  TEND_ASSIGN_OR_RETURN(std::string name, StringField(c, j, "name", true));
  TEND_ASSIGN_OR_RETURN(auth::Role role, RoleField(c, j, true));
  TEND_ASSIGN_OR_RETURN(std::string password, StringField(c, j, "password", true));
  auth::Auth a(c.store);
  auto u = a.AddUser(email, name, role, password, NowMs());
  if (!u.ok()) {
    if (u.status().id() == "auth.weakPassword") c.error_field = "password";
    if (u.status().id() == "auth.badEmail" || u.status().id() == "auth.userExists")
      c.error_field = "email";
    return u.status();
  }
  c.Send(201, json::UserJson(*u));
  return Status::Ok();
}

Status UpdateUser(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  auth::Auth a(c.store);
  TEND_ASSIGN_OR_RETURN(auth::User u, a.GetUser(id));
  // Validate everything before changing anything.
  std::optional<auth::Role> role;
  if (j.contains("role")) {
    TEND_ASSIGN_OR_RETURN(role, RoleField(c, j, true));
  }
  std::string password;
  if (j.contains("password")) {
    TEND_ASSIGN_OR_RETURN(password, StringField(c, j, "password", true));
  }
  bool disable = false;
  if (j.contains("disabled")) {
    if (!j["disabled"].is_boolean()) return FieldError(c, "disabled", "must be true or false");
    disable = j["disabled"].get<bool>();
    if (!disable && u.disabled) {
      return FieldError(c, "disabled", "a disabled user is enabled again with a new password");
    }
  }
  if (!password.empty() && password.size() < 8) {
    return FieldError(c, "password", "must have at least 8 characters");
  }
  if (role) TEND_RETURN_IF_ERROR(a.SetRole(u.email, *role));
  if (!password.empty()) TEND_RETURN_IF_ERROR(a.ResetPassword(u.email, password));
  if (disable) TEND_RETURN_IF_ERROR(a.Disable(u.email));
  TEND_ASSIGN_OR_RETURN(u, a.GetUser(id));
  c.Send(200, json::UserJson(u));
  return Status::Ok();
}

Status ListWriteKeys(Ctx& c) {
  auth::Auth a(c.store);
  TEND_ASSIGN_OR_RETURN(auto keys, a.ListWriteKeys());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& k : keys) {
    out.push_back({{"key_id", k.key_id},
                   {"name", k.name},
                   {"prefix", k.prefix},
                   {"created_at", FormatTime(k.created_at)},
                   {"revoked_at", json::TimeJson(k.revoked_at)},
                   {"origins", k.origins},
                   {"kind", k.browser() ? "browser" : "server"}});
  }
  c.Send(200, {{"write_keys", out}});
  return Status::Ok();
}

// The "origins" field: a list of origins, or one comma-separated string (auth/origins.h).
Result<std::vector<std::string>> OriginsField(Ctx& c, const nlohmann::json& j) {
  if (!j.contains("origins") || j["origins"].is_null()) return std::vector<std::string>{};
  const nlohmann::json& o = j["origins"];
  std::string list;
  if (o.is_string()) {
    list = o.get<std::string>();
  } else if (o.is_array()) {
    for (const auto& item : o) {
      if (!item.is_string()) return FieldError(c, "origins", "must be a list of origins");
      list += item.get<std::string>() + ",";
    }
  } else {
    return FieldError(c, "origins", "must be a list of origins");
  }
  auto parsed = auth::ParseOrigins(list);
  if (!parsed.ok()) return FieldError(c, "origins", parsed.status().message());
  return *parsed;
}

Status CreateWriteKey(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string name, StringField(c, j, "name", true));
  TEND_ASSIGN_OR_RETURN(auto origins, OriginsField(c, j));
  auth::Auth a(c.store);
  TEND_ASSIGN_OR_RETURN(std::string key, a.CreateWriteKey(name, NowMs(), origins));
  c.Send(201, {{"write_key", key},
               {"name", name},
               {"origins", origins},
               {"kind", origins.empty() ? "server" : "browser"},
               {"note", "shown once: store it now"}});
  return Status::Ok();
}

Status UpdateWriteKey(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  if (!j.contains("origins")) return FieldError(c, "origins", "is required");
  TEND_ASSIGN_OR_RETURN(auto origins, OriginsField(c, j));
  auth::Auth a(c.store);
  TEND_RETURN_IF_ERROR(a.SetWriteKeyOrigins(id, origins));
  c.Send(200,
         {{"key_id", id}, {"origins", origins}, {"kind", origins.empty() ? "server" : "browser"}});
  return Status::Ok();
}

Status RevokeWriteKey(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  auth::Auth a(c.store);
  TEND_RETURN_IF_ERROR(a.RevokeWriteKey(id, NowMs()));
  c.Send(200, {{"ok", true}});
  return Status::Ok();
}

}  // namespace

void AddSessionRoutes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/setup", Access::kPublic, "session",
               "create the first admin with the one-time setup token", Setup,
               "!token:string,!email:string,!name:string,!password:string"});
  r.push_back({"POST", "/api/login", Access::kPublic, "session",
               "log in: sets the session cookie and returns the CSRF token", Login,
               "!email:string,!password:string", "", 1 << 20, /*own_txn=*/true});
  r.push_back({"POST", "/api/logout", Access::kPublic, "session", "log out", Logout});
  r.push_back({"GET", "/api/me", Access::kAnyUser, "session", "the caller and the CSRF token", Me});
  r.push_back(
      {"GET", "/api/me/tokens", Access::kAnyUser, "session", "list own API tokens", ListTokens});
  r.push_back({"POST", "/api/me/tokens", Access::kAnyUser, "session",
               "create an API token (shown once)", CreateToken, "!name:string"});
  r.push_back({"DELETE", "/api/me/tokens/{id}", Access::kAnyUser, "session",
               "revoke an own API token", RevokeToken});
  r.push_back({"GET", "/api/users", Access::kAdmin, "admin", "list users", ListUsers});
  r.push_back({"POST", "/api/users", Access::kAdmin, "admin", "add a user", AddUser,
               "!email:string,!name:string,!role:string,!password:string"});
  r.push_back({"PATCH", "/api/users/{id}", Access::kAdmin, "admin",
               "change a user's role or password, or disable them", UpdateUser,
               "role:string,password:string,disabled:boolean"});
  r.push_back({"GET", "/api/writekeys", Access::kOps, "admin", "list write keys", ListWriteKeys});
  r.push_back({"POST", "/api/writekeys", Access::kOps, "admin",
               "create a Segment write key (shown once); origins make it a browser key",
               CreateWriteKey, "!name:string,origins:array"});
  r.push_back({"PATCH", "/api/writekeys/{id}", Access::kOps, "admin",
               "set the browser origins allowed to use a write key ([] for a server key)",
               UpdateWriteKey, "!origins:array"});
  r.push_back({"DELETE", "/api/writekeys/{id}", Access::kOps, "admin", "revoke a write key",
               RevokeWriteKey});
}

}  // namespace tend::api
