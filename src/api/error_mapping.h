// The one place where a Status becomes an HTTP response: the status code for each
// ErrorCode, and the JSON error body {"error": {"code", "message", "field"}}.
#ifndef TEND_API_ERROR_MAPPING_H_
#define TEND_API_ERROR_MAPPING_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace tend::api {

// kInvalidArgument 422 (400 for "api.badJson", 413 for "api.tooLarge"), kNotFound 404,
// kAlreadyExists 409, kFailedPrecondition 409, kPermissionDenied 403, kUnauthenticated 401,
// kUnavailable 503 (429 for "auth.tooManyAttempts"), kInternal and kDataLoss 500.
int HttpStatus(const Status& status);

// {"error": {"code": <status id, e.g. "auth.badLogin">, "message": ..., "field": ...}};
// "field" is null when `field` is empty.
std::string ErrorBody(const Status& status, std::string_view field = {});

}  // namespace tend::api

#endif  // TEND_API_ERROR_MAPPING_H_
