// Browser origins a write key may be used from (CORS, docs/api.md "Browsers").
//
// An origin is `scheme://host[:port]` as a browser sends it in the Origin header: scheme
// http or https, no path, lowercase, the default port (80, 443) left out. An allowed-origin
// pattern is an origin, an origin whose host starts with `*.` (any subdomain, one or more
// labels deep, never the domain itself: `https://*.example.com` allows
// `https://app.example.com` and `https://a.b.example.com`, not `https://example.com`), or
// `*` alone (any origin). A key with no patterns is a server key: no browser may use it.
#ifndef TEND_AUTH_ORIGINS_H_
#define TEND_AUTH_ORIGINS_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace tend::auth {

// Parses a comma-separated list of patterns (spaces around items ignored, duplicates
// dropped), normalised. kInvalidArgument "auth.badOrigin" naming the first bad item and why.
Result<std::vector<std::string>> ParseOrigins(std::string_view list);

// The stored form: normalised patterns joined by commas.
std::string JoinOrigins(const std::vector<std::string>& patterns);
std::vector<std::string> SplitOrigins(std::string_view stored);

// Whether `origin` (an Origin header's value) is allowed by `patterns` (normalised).
bool OriginAllowed(std::string_view origin, const std::vector<std::string>& patterns);

}  // namespace tend::auth

#endif  // TEND_AUTH_ORIGINS_H_
