// Browsers as a source of /v1/* (Segment's analytics.js in a customer's web app): the write
// key from the Basic header or from `writeKey` in the body, the allowed origins of each key,
// and CORS for /v1/* only (/api/* stays same-origin: it answers no preflight and sends no
// Access-Control-* header).
//
// - Preflight: OPTIONS on a /v1 route answers 204 with Access-Control-Allow-Origin (the
//   request's origin), -Methods (POST, OPTIONS), -Headers (those asked for) and -Max-Age
//   when some active write key allows the origin; else 403 segment.originNotAllowed.
// - A request with an Origin header is accepted only when its key allows that origin
//   (auth/origins.h; a key without origins is a server key that no browser may use); else
//   403 segment.originNotAllowed, readable by the page (the answer carries
//   Access-Control-Allow-Origin) so the reason shows in the browser's console. Without an
//   Origin header (a server) any valid key is accepted. Refusals are counted in
//   tend_segment_origin_refused_total and kept in the ingest log (api/ingest_log.h).
#ifndef TEND_API_CORS_H_
#define TEND_API_CORS_H_

#include <httplib.h>

#include <string_view>
#include <vector>

#include "api/route.h"
#include "common/result.h"

namespace tend::api {

inline constexpr int kCorsMaxAgeSeconds = 7200;  // Chromium's ceiling

// The server's check of a kWriteKey route, before the body is read: a key in the Basic
// header is checked now (with the origin), and c.write_key set. Without the header the check
// waits for the body (AuthenticateBodyKey), where browsers put the key.
Status AuthenticateWriteKeyHeader(Ctx& c);

// The handler's check when the header had no key: `body_key` is the body's writeKey.
// kUnauthenticated auth.noWriteKey / auth.badWriteKey; kPermissionDenied
// segment.originNotAllowed.
Status AuthenticateBodyKey(Ctx& c, std::string_view body_key);

// Registers the preflight (OPTIONS) of every /v1 route in `routes`.
void AddCorsPreflight(httplib::Server& server, const std::vector<Route>& routes,
                      ServerState& state);

}  // namespace tend::api

#endif  // TEND_API_CORS_H_
