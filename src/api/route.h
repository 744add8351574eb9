// The API's routes: one table (every group adds its routes with AddXxxRoutes), from which
// the server registers its handlers, checks roles, and writes /api/openapi.json, so the
// document cannot drift from what the server does.
//
// Roles (docs/api.md has the matrix): every route names who may call it (Access). A request
// without a valid session or token gets 401; one whose role is not allowed gets 403. CSMs
// may change CTAs, tasks, timeline entries and plans of their own accounts only (the
// account's csm field is their name or email, or they own the CTA): handlers check that
// with RequireOwnAccount.
#ifndef TEND_API_ROUTE_H_
#define TEND_API_ROUTE_H_

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/event_stream.h"
#include "api/live_workspace.h"
#include "api/metrics_registry.h"
#include "auth/auth.h"
#include "common/result.h"
#include "store/store.h"

namespace tend::api {

enum class Access {
  kPublic,    // no login
  kAnyUser,   // every role
  kReader,    // admin, ops, csm, viewer (not sales, not product)
  kCsmWork,   // admin, csm (csm: their own accounts)
  kOps,       // admin, ops
  kCsWork,    // admin, ops, csm (csm: their own accounts)
  kRequester, // admin, ops, csm, sales (not viewer, not product)
  kFeedbackWork,  // admin, ops, csm, product (csm: their own accounts): log feedback
  kProduct,   // admin, ops, product: requests (create, edit, status, merge)
  kAdmin,     // admin
  kWriteKey,  // a Segment write key (HTTP Basic user)
};
bool Allowed(Access access, auth::Role role);
std::vector<auth::Role> AllowedRoles(Access access);

struct ServerOptions;
class StorePool;
class IngestLog;

// What every handler can reach.
struct ServerState {
  LiveWorkspace* live = nullptr;
  MetricsRegistry* metrics = nullptr;
  EventStream* stream = nullptr;
  StorePool* pool = nullptr;
  const ServerOptions* options = nullptr;
  IngestLog* ingest_log = nullptr;  // the last /v1 messages (api/ingest_log.h)
  std::string setup_token;  // while no user exists: the one-time setup token
};

// One request being handled.
struct Ctx {
  Ctx(const httplib::Request& q, httplib::Response& a, ServerState& st, store::Store& s)
      : req(q), res(a), state(st), store(s) {}
  const httplib::Request& req;
  httplib::Response& res;
  ServerState& state;
  store::Store& store;  // this request's connection
  std::optional<auth::User> user;
  std::optional<auth::WriteKeyInfo> write_key;  // /v1/*: the key, once checked
  std::string body;
  bool secure = false;            // served over HTTPS (by tend, or by a trusted proxy in front)
  std::string client;             // the client's address (see api/forwarded.h)
  std::string cookie_path = "/";  // where the session cookie applies: the base path
  std::string error_field;        // the request field an error is about (set by the helpers)
  std::string csrf_token;         // the session's CSRF token, when the caller came with a session
  // Run after the request's transaction commits (e.g. re-scoring, which writes through
  // another connection, and stream messages about what was committed).
  std::vector<std::function<Status()>> after_commit;

  // Path parameter k (0-based, in the order of the pattern's {names}).
  std::string Param(size_t k) const { return req.matches[k + 1]; }
  // A query parameter ("" when absent).
  std::string Query(const char* name) const {
    return req.has_param(name) ? req.get_param_value(name) : "";
  }
  // The body as a JSON object. 400 "api.badJson" with the byte offset when malformed;
  // 422 "api.notObject" when it is not an object.
  Result<nlohmann::json> Json();
  void Send(int status, const nlohmann::json& j);
  // The value of cookie `name` ("" when absent).
  std::string Cookie(const std::string& name) const;
  // The actor name written in histories: the user's email.
  std::string Actor() const { return user ? user->email : "api"; }
  // 403 unless the user may work on `account_id` (admins always; CSMs when the account's
  // csm is their name or email, or when `owner` is).
  Status RequireOwnAccount(const std::string& account_id, const std::string& owner = "");
};

using Handler = Status (*)(Ctx&);

struct Route {
  const char* method;  // GET, POST, PUT, PATCH, DELETE
  const char* path;    // OpenAPI form, e.g. "/api/accounts/{id}"
  Access access;
  const char* tag;      // OpenAPI tag (group)
  const char* summary;  // one line for the OpenAPI document
  Handler handler;      // nullptr: served by the server itself (stream, healthz, metrics, openapi)
  // JSON body fields (OpenAPI "name:type[,name:type]"; "!" marks required), or a media type
  // such as "text/csv".
  const char* body = "";
  // Query parameters, "name,name,...".
  const char* query = "";
  size_t max_body = 1 << 20;
  // Changing routes run in one transaction on the request's connection (nothing is partly
  // applied), unless they manage their own (login counts failures; imports, definitions).
  bool own_txn = false;
};

// Field helpers: 422 naming the field (c.error_field) when missing (required) or of the
// wrong type.
Result<std::string> StringField(Ctx& c, const nlohmann::json& j, const char* name, bool required);
Result<std::optional<double>> NumberField(Ctx& c, const nlohmann::json& j, const char* name,
                                          bool required);
Result<std::optional<int64_t>> IntField(Ctx& c, const nlohmann::json& j, const char* name,
                                        bool required);
// A date field "YYYY-MM-DD".
Result<std::optional<EpochDay>> DateField(Ctx& c, const nlohmann::json& j, const char* name,
                                          bool required);
// A bad value of field `name`: 422 with c.error_field set.
Status FieldError(Ctx& c, const char* name, const std::string& message);
// A path parameter that must be a positive integer id.
Result<int64_t> IdParam(const Ctx& c, size_t k);

// Values of the engine's columns, shared by the route groups: a numeric cell, and the
// default scorecard's name ("" when there is none). JSON forms are in api/json/.
std::optional<double> NumAt(const Column* c, size_t row);
// Query parameters: a date YYYY-MM-DD (nullopt, or `fallback`, when absent) and a whole
// number in [lo, hi] (`fallback` when absent). Otherwise kInvalidArgument "api.badQuery"
// naming the parameter (c.error_field) and what was expected.
Result<std::optional<EpochDay>> OptionalDateQuery(Ctx& c, const char* name);
Result<EpochDay> DayQuery(Ctx& c, const char* name, EpochDay fallback);
Result<int> IntQuery(Ctx& c, const char* name, int fallback, int lo, int hi);
std::string MainScorecard(scorecard::HealthSession& s);

// The route groups.
void AddSessionRoutes(std::vector<Route>& r);    // setup, login, me, tokens, users, write keys
void AddAccountRoutes(std::vector<Route>& r);    // accounts, 360, history, timeline, contacts
void AddCockpitRoutes(std::vector<Route>& r);    // CTAs, tasks, playbooks, plans
void AddAdminRoutes(std::vector<Route>& r);      // definitions, refresh, stats, import, webhooks
void AddIngestRoutes(std::vector<Route>& r);     // /v1/* (Segment)
void AddDashboardRoutes(std::vector<Route>& r);  // the dashboard, saved views
void AddModelRoutes(std::vector<Route>& r);      // prediction models and predictions
void AddAdvocacyRoutes(std::vector<Route>& r);   // the advocacy program
void AddRevenueRoutes(std::vector<Route>& r);    // subscriptions, purchases, retention, renewals
void AddFeedbackRoutes(std::vector<Route>& r);   // feedback items and requests
void AddMailRoutes(std::vector<Route>& r);       // the outbox of outgoing mail
void AddSurveyRoutes(std::vector<Route>& r);     // surveys: send, results, the public pages

// The OpenAPI 3 document of `routes`.
nlohmann::json OpenApiDocument(const std::vector<Route>& routes);

}  // namespace tend::api

#endif  // TEND_API_ROUTE_H_
