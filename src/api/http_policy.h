// HTTP policy applied around every route: the security headers each response carries and
// who may read /metrics.
#ifndef TEND_API_HTTP_POLICY_H_
#define TEND_API_HTTP_POLICY_H_

#include <httplib.h>

#include <string>
#include <string_view>

#include "common/status.h"

namespace tend::api {

// The Content-Security-Policy of every response: only the server's own scripts, styles
// (inline style attributes are allowed: the charts set them), images and API; no plugins,
// no other origin framing the app (frame-ancestors 'none', with X-Frame-Options DENY for old
// browsers).
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

// Sets the security headers on `res`: the CSP above, X-Frame-Options, X-Content-Type-Options,
// Referrer-Policy, and under TLS Strict-Transport-Security (one year). Headers a route set
// itself are kept.
void ApplySecurityHeaders(httplib::Response& res, bool tls);

// Whether /metrics may be read by this request. With `token` set the request must carry
// "Authorization: Bearer <token>" (from any address); without one only loopback clients
// (127.0.0.0/8, ::1) may read it, unless `open` (tend serve --metrics-public). Refusals:
// kUnauthenticated "metrics.token" or kPermissionDenied "metrics.local".
Status CheckMetricsAccess(const httplib::Request& req, const std::string& token, bool open);

// Whether `addr` (as httplib gives remote_addr) is a loopback address.
bool IsLoopback(std::string_view addr);

}  // namespace tend::api

#endif  // TEND_API_HTTP_POLICY_H_
