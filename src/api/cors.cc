#include "api/cors.h"

#include <chrono>
#include <regex>

#include "api/error_mapping.h"
#include "api/ingest_log.h"
#include "api/store_pool.h"
#include "auth/origins.h"
#include "predict/model_store.h"

namespace tend::api {

namespace {

constexpr const char* kRefusedMetric = "tend_segment_origin_refused_total";
constexpr const char* kRefusedHelp =
    "Browser requests to /v1/* refused because their origin is not allowed for the write key "
    "(preflights included).";

void AllowOrigin(httplib::Response& res, const std::string& origin) {
  res.set_header("Access-Control-Allow-Origin", origin);
  res.set_header("Vary", "Origin");
}

void Refused(ServerState& state, const std::string& origin, const std::string& key_name,
             const Status& why) {
  if (state.metrics) state.metrics->Add(kRefusedMetric, kRefusedHelp);
  if (state.ingest_log) {
    IngestLogEntry e;
    e.received_at = NowMs();
    e.key_name = key_name;
    e.origin = origin;
    e.outcome = "refused";
    e.error = why.message();
    state.ingest_log->Add({std::move(e)});
  }
}

// Checks the origin of a request made with `key`; sets the CORS headers.
Status CheckOrigin(Ctx& c, const auth::WriteKeyInfo& key) {
  const std::string origin = c.req.get_header_value("Origin");
  if (origin.empty()) return Status::Ok();  // not a browser
  if (auth::OriginAllowed(origin, key.origins)) return Status::Ok();
  Status st = PermissionDenied(
      "segment.originNotAllowed",
      key.browser()
          ? "the origin " + origin + " may not use the write key \"" + key.name +
                "\"; allow it with `tend writekey set --id " + std::to_string(key.key_id) +
                " --origins ...` or on the Write keys page"
          : "the write key \"" + key.name +
                "\" is a server key, which browsers may not use; make a browser key for " + origin +
                " (`tend writekey add --name web --origins " + origin +
                "`, or on the Write keys page)");
  Refused(c.state, origin, key.name, st);
  return st;
}

Status Check(Ctx& c, std::string_view key) {
  auth::Auth a(c.store);
  TEND_ASSIGN_OR_RETURN(auth::WriteKeyInfo k, a.CheckWriteKey(key));
  TEND_RETURN_IF_ERROR(CheckOrigin(c, k));
  c.write_key = std::move(k);
  return Status::Ok();
}

// Whether an active key allows `origin`.
Result<bool> AnyKeyAllows(store::Store& store, const std::string& origin) {
  auth::Auth a(store);
  TEND_ASSIGN_OR_RETURN(auto keys, a.ListWriteKeys());
  for (const auto& k : keys) {
    if (!k.revoked_at && auth::OriginAllowed(origin, k.origins)) return true;
  }
  return false;
}

// The request headers a preflight asks for, if they are plain header names.
std::string AllowedHeaders(const httplib::Request& req) {
  std::string asked = req.get_header_value("Access-Control-Request-Headers");
  static const std::regex kNames(
      R"(^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$)");
  if (asked.empty() || asked.size() > 1024 || !std::regex_match(asked, kNames)) {
    return "Authorization, Content-Type";
  }
  return asked;
}

}  // namespace

Status AuthenticateWriteKeyHeader(Ctx& c) {
  // Every answer to a browser is readable by its page (success, or why not: a wrong key, an
  // origin the key does not allow), so the reason shows in its console. Which origins may
  // send at all is the key's to say (CheckOrigin), and the preflight's.
  if (std::string origin = c.req.get_header_value("Origin"); !origin.empty()) {
    AllowOrigin(c.res, origin);
  }
  std::string authz = c.req.get_header_value("Authorization");
  if (authz.empty()) return Status::Ok();  // the key may be in the body
  // Segment sends the write key as the Basic user with an empty password.
  if (authz.rfind("Basic ", 0) != 0) {
    return Status(ErrorCode::kUnauthenticated, "auth.noWriteKey",
                  "send the write key as the HTTP Basic user (Authorization: Basic ...) or as "
                  "writeKey in the body");
  }
  std::string decoded = predict::Base64Decode(authz.substr(6)).value_or("");
  return Check(c, decoded.substr(0, decoded.find(':')));
}

Status AuthenticateBodyKey(Ctx& c, std::string_view body_key) {
  if (c.write_key) return Status::Ok();
  if (body_key.empty()) {
    return Status(ErrorCode::kUnauthenticated, "auth.noWriteKey",
                  "send the write key as the HTTP Basic user (Authorization: Basic ...) or as "
                  "writeKey in the body");
  }
  return Check(c, body_key);
}

void AddCorsPreflight(httplib::Server& server, const std::vector<Route>& routes,
                      ServerState& state) {
  for (const Route& r : routes) {
    const std::string path = r.path;
    if (path.rfind("/v1/", 0) != 0 || std::string(r.method) != "POST") continue;
    server.Options(path, [&state, path](const httplib::Request& req, httplib::Response& res) {
      auto start = std::chrono::steady_clock::now();
      const std::string origin = req.get_header_value("Origin");
      res.status = 204;
      res.set_header("Allow", "POST, OPTIONS");
      if (!origin.empty()) {
        auto lease = state.pool->Acquire();
        Result<bool> allowed =
            lease.ok() ? AnyKeyAllows(**lease, origin) : Result<bool>(lease.status());
        if (!allowed.ok()) {
          res.status = HttpStatus(allowed.status());
          res.set_content(ErrorBody(allowed.status()), "application/json");
        } else if (!*allowed) {
          Status st = PermissionDenied(
              "segment.originNotAllowed",
              "no write key allows the origin " + origin + "; make a browser key for it (`tend " +
                  "writekey add --name web --origins " + origin + "`, or on the Write keys page)");
          Refused(state, origin, "", st);
          res.status = 403;
          res.set_content(ErrorBody(st), "application/json");
        } else {
          AllowOrigin(res, origin);
          res.set_header("Access-Control-Allow-Methods", "POST, OPTIONS");
          res.set_header("Access-Control-Allow-Headers", AllowedHeaders(req));
          res.set_header("Access-Control-Max-Age", std::to_string(kCorsMaxAgeSeconds));
        }
      }
      if (state.metrics) {
        state.metrics->ObserveRequest(
            path, "OPTIONS", res.status,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      }
    });
  }
}

}  // namespace tend::api
