// Status: the outcome of an operation that can fail in an expected way.
//
// A Status is either OK or carries an ErrorCode, a stable message id of the form
// "<module>.<camelCaseId>" (for example "ingest.badTime") and a human message that says
// where and what (for example `events.csv:7: column ts: "2026-13-01" is not an ISO-8601
// time`). An OK status holds no allocation, so returning OK costs nothing.
//
// ErrorCode is translated to an exit code in exactly one place (cli/exit_codes.cc) and to
// an HTTP status in exactly one place (api/error_mapping.cc).
#ifndef TEND_COMMON_STATUS_H_
#define TEND_COMMON_STATUS_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace tend {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,     // bad input: a file, row, request or definition
  kNotFound,            // a named thing does not exist
  kAlreadyExists,       // a unique thing exists already
  kFailedPrecondition,  // the state does not allow it (e.g. a newer schema)
  kPermissionDenied,    // the caller may not do this
  kUnauthenticated,     // the caller is not known
  kUnavailable,         // try again later
  kInternal,            // a bug or an environment failure (I/O)
  kDataLoss,            // stored data is damaged
};

// Returns a short lowercase name for `code` ("invalid_argument", ...).
std::string_view ErrorCodeName(ErrorCode code);

class Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string id, std::string message);

  Status(const Status& other) { *this = other; }
  Status& operator=(const Status& other) {
    if (this != &other) rep_ = other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr;
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status Ok() { return Status(); }

  bool ok() const { return rep_ == nullptr; }
  ErrorCode code() const { return rep_ ? rep_->code : ErrorCode::kOk; }
  // The stable message id, e.g. "ingest.badTime"; empty when OK.
  const std::string& id() const;
  // The human message; empty when OK.
  const std::string& message() const;

  // Returns a copy whose message is prefixed with `context` and ": ".
  Status WithContext(std::string_view context) const;

  // "invalid_argument (ingest.badTime): message", or "OK".
  std::string ToString() const;

 private:
  struct Rep {
    ErrorCode code;
    std::string id;
    std::string message;
  };
  std::unique_ptr<Rep> rep_;
};

// Convenience constructors.
Status InvalidArgument(std::string id, std::string message);
Status NotFound(std::string id, std::string message);
Status AlreadyExists(std::string id, std::string message);
Status FailedPrecondition(std::string id, std::string message);
Status PermissionDenied(std::string id, std::string message);
Status Internal(std::string id, std::string message);
Status DataLoss(std::string id, std::string message);

}  // namespace tend

#define TEND_CONCAT_INNER_(a, b) a##b
#define TEND_CONCAT_(a, b) TEND_CONCAT_INNER_(a, b)

// Returns from the current function when `expr` (a Status) is not OK.
#define TEND_RETURN_IF_ERROR(expr)               \
  do {                                           \
    ::tend::Status _tend_status = (expr);        \
    if (!_tend_status.ok()) return _tend_status; \
  } while (0)

// `lhs = value of expr` (a Result<T>), or returns its Status.
#define TEND_ASSIGN_OR_RETURN(lhs, expr) \
  TEND_ASSIGN_OR_RETURN_IMPL_(TEND_CONCAT_(_tend_result_, __LINE__), lhs, expr)
#define TEND_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return std::move(tmp).status();    \
  lhs = std::move(tmp).value()

// Asserts a programmer invariant. Never reachable from user input.
#define TEND_DCHECK(cond, what)                                                   \
  do {                                                                            \
    if (!(cond)) ::tend::internal::DcheckFailed(__FILE__, __LINE__, #cond, what); \
  } while (0)

namespace tend::internal {
[[noreturn]] void DcheckFailed(const char* file, int line, const char* cond, const char* what);
}  // namespace tend::internal

#endif  // TEND_COMMON_STATUS_H_
