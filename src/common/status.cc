#include "common/status.h"

#include <cstdio>
#include <cstdlib>

namespace tend {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kFailedPrecondition:
      return "failed_precondition";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kDataLoss:
      return "data_loss";
  }
  return "unknown";
}

Status::Status(ErrorCode code, std::string id, std::string message) {
  if (code != ErrorCode::kOk) {
    rep_ = std::make_unique<Rep>(Rep{code, std::move(id), std::move(message)});
  }
}

const std::string& Status::id() const {
  static const std::string kEmpty;
  return rep_ ? rep_->id : kEmpty;
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return Status();
  return Status(rep_->code, rep_->id, std::string(context) + ": " + rep_->message);
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(ErrorCodeName(rep_->code)) + " (" + rep_->id + "): " + rep_->message;
}

Status InvalidArgument(std::string id, std::string message) {
  return Status(ErrorCode::kInvalidArgument, std::move(id), std::move(message));
}
Status NotFound(std::string id, std::string message) {
  return Status(ErrorCode::kNotFound, std::move(id), std::move(message));
}
Status AlreadyExists(std::string id, std::string message) {
  return Status(ErrorCode::kAlreadyExists, std::move(id), std::move(message));
}
Status FailedPrecondition(std::string id, std::string message) {
  return Status(ErrorCode::kFailedPrecondition, std::move(id), std::move(message));
}
Status PermissionDenied(std::string id, std::string message) {
  return Status(ErrorCode::kPermissionDenied, std::move(id), std::move(message));
}
Status Internal(std::string id, std::string message) {
  return Status(ErrorCode::kInternal, std::move(id), std::move(message));
}
Status DataLoss(std::string id, std::string message) {
  return Status(ErrorCode::kDataLoss, std::move(id), std::move(message));
}

namespace internal {
void DcheckFailed(const char* file, int line, const char* cond, const char* what) {
  std::fprintf(stderr, "%s:%d: internal error: %s (%s)\n", file, line, what, cond);
  std::abort();
}
}  // namespace internal

}  // namespace tend
