#include "rules/expr/value.h"

#include <cmath>
#include <cstdio>

namespace tend::rules::expr {

std::string FormatNumber(double d) {
  if (d == 0) return "0";  // also -0
  if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 1e15) {
    return std::to_string(static_cast<long long>(d));
  }
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.15g", d);
  return buf;
}

std::string FormatPlain(ValueType type, double num) {
  switch (type) {
    case ValueType::kBool:
      return num != 0 ? "true" : "false";
    case ValueType::kDate:
      return FormatDate(static_cast<EpochDay>(num));
    case ValueType::kNumber:
      return FormatNumber(num);
    case ValueType::kNull:
    case ValueType::kText:
      break;
  }
  return "";
}

std::string Value::ToString() const {
  if (type_ == ValueType::kNull) return "null";
  std::string out(ValueTypeName(type_));
  out += ": ";
  out += type_ == ValueType::kText ? text_ : FormatPlain(type_, num_);
  return out;
}

}  // namespace tend::rules::expr
