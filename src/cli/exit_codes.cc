#include "cli/exit_codes.h"

namespace tend::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kOk:
      return 0;
    case ErrorCode::kInvalidArgument:
      return 1;
    case ErrorCode::kNotFound:
      return 3;
    case ErrorCode::kAlreadyExists:
      return 1;
    case ErrorCode::kFailedPrecondition:
      return 4;
    case ErrorCode::kPermissionDenied:
    case ErrorCode::kUnauthenticated:
      return 5;
    case ErrorCode::kUnavailable:
      return 6;
    case ErrorCode::kInternal:
      return 10;
    case ErrorCode::kDataLoss:
      return 11;
  }
  return 10;
}

}  // namespace tend::cli
