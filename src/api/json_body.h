// JSON request bodies: the one parse every API route's body goes through (Ctx::Json).
//
// Kept apart from the HTTP server so that it can be fuzzed on its own (tests/fuzz).
#ifndef TEND_API_JSON_BODY_H_
#define TEND_API_JSON_BODY_H_

#include <nlohmann/json.hpp>
#include <string_view>

#include "common/result.h"

namespace tend::api {

// Parses `body` as a JSON object. Every malformed body is a value, never an exception:
// kInvalidArgument "api.badJson" for an empty body, bytes that are not UTF-8 (with the byte),
// malformed JSON (with the byte and what was expected) or a number too large for a double;
// "api.notObject" for valid JSON that is not an object. Messages never quote bad bytes back.
Result<nlohmann::json> ParseJsonBody(std::string_view body);

}  // namespace tend::api

#endif  // TEND_API_JSON_BODY_H_
