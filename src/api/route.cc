#include "api/route.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "common/cell.h"
#include "common/field_parse.h"
#include "api/json_body.h"
#include "common/json_text.h"
#include "rules/engine/rule_engine.h"

namespace tend::api {

bool Allowed(Access access, auth::Role role) {
  using auth::Role;
  switch (access) {
    case Access::kPublic:
    case Access::kAnyUser:
      return true;
    case Access::kReader:
      return role != Role::kSales && role != Role::kProduct;
    case Access::kCsmWork:
      return role == Role::kAdmin || role == Role::kCsm;
    case Access::kOps:
      return role == Role::kAdmin || role == Role::kOps;
    case Access::kCsWork:
      return role == Role::kAdmin || role == Role::kOps || role == Role::kCsm;
    case Access::kRequester:
      return role != Role::kViewer && role != Role::kProduct;
    case Access::kFeedbackWork:
      return role == Role::kAdmin || role == Role::kOps || role == Role::kCsm ||
             role == Role::kProduct;
    case Access::kProduct:
      return role == Role::kAdmin || role == Role::kOps || role == Role::kProduct;
    case Access::kAdmin:
      return role == Role::kAdmin;
    case Access::kWriteKey:
      return false;
  }
  return false;
}

std::vector<auth::Role> AllowedRoles(Access access) {
  std::vector<auth::Role> out;
  for (auth::Role r : {auth::Role::kAdmin, auth::Role::kOps, auth::Role::kCsm, auth::Role::kSales,
                       auth::Role::kViewer, auth::Role::kProduct}) {
    if (Allowed(access, r)) out.push_back(r);
  }
  return out;
}

Result<nlohmann::json> Ctx::Json() { return ParseJsonBody(body); }

std::string Ctx::Cookie(const std::string& name) const {
  std::string cookies = req.get_header_value("Cookie");
  size_t at = 0;
  while (at < cookies.size()) {
    size_t end = cookies.find(';', at);
    if (end == std::string::npos) end = cookies.size();
    std::string part = cookies.substr(at, end - at);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    at = end + 1;
  }
  return "";
}

void Ctx::Send(int status, const nlohmann::json& j) {
  res.status = status;
  res.set_content(DumpJson(j), "application/json");
}

namespace {

bool SameText(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

Status Ctx::RequireOwnAccount(const std::string& account_id, const std::string& owner) {
  if (!user || user->role == auth::Role::kAdmin) return Status::Ok();
  auto mine = [&](const std::string& who) {
    return !who.empty() && (SameText(who, user->name) || SameText(who, user->email));
  };
  if (mine(owner)) return Status::Ok();
  std::string csm = state.live->Read([&](scorecard::HealthSession& s) -> std::string {
    auto i = s.data().Index(account_id);
    return i ? s.data().account(*i).csm : "";
  });
  if (mine(csm)) return Status::Ok();
  return PermissionDenied("auth.notYourAccount", "account " + account_id +
                                                     " is not in your book (its CSM is " +
                                                     (csm.empty() ? "nobody" : csm) + ")");
}

Status FieldError(Ctx& c, const char* name, const std::string& message) {
  c.error_field = name;
  return InvalidArgument("api.badField", std::string("field \"") + name + "\": " + message);
}

Result<std::string> StringField(Ctx& c, const nlohmann::json& j, const char* name, bool required) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) return FieldError(c, name, "is required");
    return std::string();
  }
  if (!it->is_string()) return FieldError(c, name, "must be a string");
  std::string v = it->get<std::string>();
  if (required && v.empty()) return FieldError(c, name, "must not be empty");
  return v;
}

Result<std::optional<double>> NumberField(Ctx& c, const nlohmann::json& j, const char* name,
                                          bool required) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) return FieldError(c, name, "is required");
    return std::optional<double>();
  }
  if (!it->is_number()) return FieldError(c, name, "must be a number");
  return std::optional<double>(it->get<double>());
}

Result<std::optional<int64_t>> IntField(Ctx& c, const nlohmann::json& j, const char* name,
                                        bool required) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) return FieldError(c, name, "is required");
    return std::optional<int64_t>();
  }
  if (!it->is_number_integer()) return FieldError(c, name, "must be an integer");
  if (it->is_number_unsigned() && it->get<uint64_t>() > uint64_t{INT64_MAX}) {
    return FieldError(c, name, "is too large");
  }
  return std::optional<int64_t>(it->get<int64_t>());
}

Result<std::optional<EpochDay>> DateField(Ctx& c, const nlohmann::json& j, const char* name,
                                          bool required) {
  TEND_ASSIGN_OR_RETURN(std::string s, StringField(c, j, name, required));
  if (s.empty()) return std::optional<EpochDay>();
  auto d = ParseDate(s);
  if (!d) return FieldError(c, name, "\"" + s + "\" is not a date (YYYY-MM-DD)");
  return std::optional<EpochDay>(*d);
}

Result<int64_t> IdParam(const Ctx& c, size_t k) {
  std::string s = c.Param(k);
  int64_t v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9' || v > 1'000'000'000'000LL) {
      return NotFound("api.badId", "\"" + s + "\" is not an id");
    }
    v = v * 10 + (ch - '0');
  }
  if (s.empty() || v == 0) return NotFound("api.badId", "\"" + s + "\" is not an id");
  return v;
}

std::optional<double> NumAt(const Column* c, size_t row) { return NumberAt(c, row); }

Result<std::optional<EpochDay>> OptionalDateQuery(Ctx& c, const char* name) {
  std::string v = c.Query(name);
  if (v.empty()) return std::optional<EpochDay>();
  auto d = ParseDate(v);
  if (!d) {
    c.error_field = name;
    return InvalidArgument("api.badQuery",
                           std::string(name) + ": \"" + v + "\" is not a date (YYYY-MM-DD)");
  }
  return d;
}

Result<EpochDay> DayQuery(Ctx& c, const char* name, EpochDay fallback) {
  TEND_ASSIGN_OR_RETURN(auto d, OptionalDateQuery(c, name));
  return d.value_or(fallback);
}

Result<int> IntQuery(Ctx& c, const char* name, int fallback, int lo, int hi) {
  std::string v = c.Query(name);
  if (v.empty()) return fallback;
  auto n = ParseIntIn(v, lo, hi);
  if (!n) {
    c.error_field = name;
    return InvalidArgument("api.badQuery", std::string(name) + ": \"" + v +
                                               "\" is not a whole number from " +
                                               std::to_string(lo) + " to " + std::to_string(hi));
  }
  return static_cast<int>(*n);
}

std::string MainScorecard(scorecard::HealthSession& s) {
  auto sc = s.FindScorecard("");
  return sc.ok() ? (*sc)->name : "";
}

nlohmann::json OpenApiDocument(const std::vector<Route>& routes) {
  nlohmann::json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "tend API"},
                 {"version", "1"},
                 {"description",
                  "tend's JSON API, Segment-compatible ingestion (/v1) and live stream. Errors "
                  "are {\"error\": {\"code\", \"message\", \"field\"}}. x-roles lists the roles "
                  "that may call each operation."}};
  doc["components"]["securitySchemes"] = {
      {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "tend_session"}}},
      {"token", {{"type", "http"}, {"scheme", "bearer"}}},
      {"writeKey", {{"type", "http"}, {"scheme", "basic"}}}};
  doc["components"]["schemas"]["Error"] = {
      {"type", "object"},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"properties",
           {{"code", {{"type", "string"}}},
            {"message", {{"type", "string"}}},
            {"field", {{"type", "string"}, {"nullable", true}}}}}}}}}};
  static const std::regex kParam(R"(\{([^}]+)\})");
  nlohmann::json paths = nlohmann::json::object();
  for (const Route& r : routes) {
    std::string method = r.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    nlohmann::json op;
    op["summary"] = r.summary;
    op["tags"] = {r.tag};
    std::string path = r.path;
    std::string opid = method;
    for (char ch : path) opid += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    op["operationId"] = opid;
    nlohmann::json params = nlohmann::json::array();
    for (std::sregex_iterator it(path.begin(), path.end(), kParam), end; it != end; ++it) {
      params.push_back({{"name", (*it)[1].str()},
                        {"in", "path"},
                        {"required", true},
                        {"schema", {{"type", "string"}}}});
    }
    std::string q = r.query;
    for (size_t at = 0; at < q.size();) {
      size_t comma = q.find(',', at);
      if (comma == std::string::npos) comma = q.size();
      params.push_back({{"name", q.substr(at, comma - at)},
                        {"in", "query"},
                        {"required", false},
                        {"schema", {{"type", "string"}}}});
      at = comma + 1;
    }
    if (!params.empty()) op["parameters"] = params;
    std::string body = r.body;
    if (!body.empty()) {
      if (body.find('/') != std::string::npos) {
        op["requestBody"] = {{"required", true},
                             {"content", {{body, {{"schema", {{"type", "string"}}}}}}}};
      } else {
        nlohmann::json props = nlohmann::json::object();
        nlohmann::json required = nlohmann::json::array();
        for (size_t at = 0; at < body.size();) {
          size_t comma = body.find(',', at);
          if (comma == std::string::npos) comma = body.size();
          std::string f = body.substr(at, comma - at);
          at = comma + 1;
          bool req = !f.empty() && f[0] == '!';
          if (req) f.erase(0, 1);
          size_t colon = f.find(':');
          std::string name = f.substr(0, colon);
          std::string type = colon == std::string::npos ? "string" : f.substr(colon + 1);
          props[name] = {{"type", type}};
          if (req) required.push_back(name);
        }
        nlohmann::json schema = {{"type", "object"}, {"properties", props}};
        if (!required.empty()) schema["required"] = required;
        op["requestBody"] = {{"required", true},
                             {"content", {{"application/json", {{"schema", schema}}}}}};
      }
    }
    nlohmann::json err = {
        {"content",
         {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
    op["responses"]["200"] = {{"description", "OK"}};
    if (r.access != Access::kPublic) {
      op["responses"]["401"] = err;
      op["responses"]["401"]["description"] = "not logged in";
    }
    if (r.access != Access::kPublic && r.access != Access::kWriteKey) {
      op["responses"]["403"] = err;
      op["responses"]["403"]["description"] = "the role may not do this";
      nlohmann::json roles = nlohmann::json::array();
      for (auth::Role role : AllowedRoles(r.access)) roles.push_back(auth::RoleName(role));
      op["x-roles"] = roles;
      op["security"] = {{{"session", nlohmann::json::array()}},
                        {{"token", nlohmann::json::array()}}};
    }
    if (r.access == Access::kWriteKey) op["security"] = {{{"writeKey", nlohmann::json::array()}}};
    if (r.access == Access::kPublic) op["x-roles"] = {"public"};
    if (!body.empty()) {
      op["responses"]["400"] = err;
      op["responses"]["400"]["description"] = "malformed body";
      op["responses"]["422"] = err;
      op["responses"]["422"]["description"] = "a field is missing or wrong";
    }
    paths[path][method] = op;
  }
  doc["paths"] = paths;
  return doc;
}

}  // namespace tend::api
