// Column: one typed value per account (or row), with a NULL mask. The unit the metrics
// engine produces, the expression evaluator consumes and produces, and scorecards read.
//
// Representation: numbers, booleans (0/1) and dates (epoch day) share the `num` vector;
// text uses `text`. `valid[i] == 0` means row i is NULL and its payload is unspecified.
#ifndef TEND_COMMON_COLUMN_H_
#define TEND_COMMON_COLUMN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tend {

enum class ValueType : uint8_t { kNull, kBool, kNumber, kText, kDate };

// "null", "bool", "number", "text", "date".
std::string_view ValueTypeName(ValueType t);

struct Column {
  ValueType type = ValueType::kNull;
  std::vector<uint8_t> valid;
  std::vector<double> num;        // kBool, kNumber, kDate
  std::vector<std::string> text;  // kText

  Column() = default;
  // A column of `rows` NULLs of type `t`.
  Column(ValueType t, size_t rows) : type(t), valid(rows, 0) {
    if (t == ValueType::kText) {
      text.resize(rows);
    } else {
      num.resize(rows, 0.0);
    }
  }

  size_t size() const { return valid.size(); }
  bool IsNull(size_t i) const { return valid[i] == 0; }
  void SetNull(size_t i) { valid[i] = 0; }
  void SetNum(size_t i, double v) {
    valid[i] = 1;
    num[i] = v;
  }
  void SetText(size_t i, std::string v) {
    valid[i] = 1;
    text[i] = std::move(v);
  }
};

}  // namespace tend

#endif  // TEND_COMMON_COLUMN_H_
