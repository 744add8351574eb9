#include "common/cell.h"

#include <cstdio>

#include "common/round.h"
#include "common/time.h"

namespace tend {

nlohmann::json CellJson(const Column& c, size_t row) {
  if (c.IsNull(row)) return nullptr;
  switch (c.type) {
    case ValueType::kText:
      return c.text[row];
    case ValueType::kBool:
      return c.num[row] != 0;
    case ValueType::kDate:
      return FormatDate(static_cast<EpochDay>(c.num[row]));
    default:
      return c.num[row];
  }
}

std::string FormatCell(const Column& c, size_t row) {
  if (c.IsNull(row)) return "";
  switch (c.type) {
    case ValueType::kText:
      return c.text[row];
    case ValueType::kBool:
      return c.num[row] != 0 ? "true" : "false";
    case ValueType::kDate:
      return FormatDate(static_cast<EpochDay>(c.num[row]));
    default: {
      double v = RoundHalfUp(c.num[row], 2);
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.2f", v);
      std::string s = buf;
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
      return s == "-0" ? "0" : s;
    }
  }
}

std::optional<double> NumberAt(const Column* c, size_t row) {
  if (!c || c->IsNull(row) || c->type == ValueType::kText) return std::nullopt;
  return c->num[row];
}

}  // namespace tend
