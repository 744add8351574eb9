#include "common/column.h"

namespace tend {

std::string_view ValueTypeName(ValueType t) {
  switch (t) {
    case ValueType::kNull:
      return "null";
    case ValueType::kBool:
      return "bool";
    case ValueType::kNumber:
      return "number";
    case ValueType::kText:
      return "text";
    case ValueType::kDate:
      return "date";
  }
  return "unknown";
}

}  // namespace tend
