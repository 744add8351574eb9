// Result<T>: a value or the Status saying why there is none (C++20 has no std::expected).
#ifndef TEND_COMMON_RESULT_H_
#define TEND_COMMON_RESULT_H_

#include <optional>
#include <utility>

#include "common/status.h"

namespace tend {

template <typename T>
class Result {
 public:
  // REQUIRES: !status.ok()
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    TEND_DCHECK(!status_.ok(), "Result built from an OK status without a value");
  }
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  // REQUIRES: ok()
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T value() && { return std::move(*value_); }
  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace tend

#endif  // TEND_COMMON_RESULT_H_
