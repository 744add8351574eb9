#include "api/error_mapping.h"

#include <nlohmann/json.hpp>

#include "common/json_text.h"

namespace tend::api {

int HttpStatus(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kInvalidArgument:
      if (status.id() == "api.badJson" || status.id() == "api.badRequest") return 400;
      if (status.id() == "api.tooLarge") return 413;
      return 422;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kUnavailable:
      return status.id() == "auth.tooManyAttempts" || status.id() == "auth.busy" ? 429 : 503;
    case ErrorCode::kInternal:
    case ErrorCode::kDataLoss:
      return 500;
  }
  return 500;
}

std::string ErrorBody(const Status& status, std::string_view field) {
  nlohmann::json e;
  e["code"] = status.id().empty() ? std::string(ErrorCodeName(status.code())) : status.id();
  e["message"] = status.message();
  e["field"] = field.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(field));
  return DumpJson(nlohmann::json{{"error", e}});
}

}  // namespace tend::api
