#include "api/http_policy.h"

#include <sodium.h>

namespace tend::api {

void ApplySecurityHeaders(httplib::Response& res, bool tls) {
  auto set = [&](const char* name, std::string_view value) {
    if (!res.has_header(name)) res.set_header(name, std::string(value));
  };
  set("Content-Security-Policy", kContentSecurityPolicy);
  set("X-Frame-Options", "DENY");
  set("X-Content-Type-Options", "nosniff");
  set("Referrer-Policy", "same-origin");
  if (tls) set("Strict-Transport-Security", "max-age=31536000");
}

bool IsLoopback(std::string_view addr) {
  return addr.rfind("127.", 0) == 0 || addr == "::1" || addr.rfind("::ffff:127.", 0) == 0;
}

Status CheckMetricsAccess(const httplib::Request& req, const std::string& token, bool open) {
  if (!token.empty()) {
    std::string given = req.get_header_value("Authorization");
    const std::string want = "Bearer " + token;
    if (given.size() != want.size() || sodium_memcmp(given.data(), want.data(), want.size()) != 0) {
      return Status(ErrorCode::kUnauthenticated, "metrics.token",
                    "/metrics needs the metrics token (Authorization: Bearer ...)");
    }
    return Status::Ok();
  }
  if (open || IsLoopback(req.remote_addr)) return Status::Ok();
  return PermissionDenied("metrics.local",
                          "/metrics answers only on this machine; start tend serve with "
                          "--metrics-token to read it from elsewhere");
}

}  // namespace tend::api
