// Value: one run-time value of the expression language (NULL, bool, number, text or date),
// as returned by Program::EvaluateRow and used for literals in the AST.
//
// The language has no run-time error values: following SQL, every run-time problem
// (division by zero, sqrt of a negative number, a missing input) yields NULL. See
// docs/rules-language.md, "Errors".
#ifndef TEND_RULES_EXPR_VALUE_H_
#define TEND_RULES_EXPR_VALUE_H_

#include <string>
#include <string_view>

#include "common/column.h"
#include "common/time.h"

namespace tend::rules::expr {

class Value {
 public:
  Value() = default;  // NULL
  static Value Null() { return Value(); }
  static Value Bool(bool b) { return Value(ValueType::kBool, b ? 1.0 : 0.0); }
  static Value Number(double d) { return Value(ValueType::kNumber, d); }
  static Value Date(EpochDay day) { return Value(ValueType::kDate, day); }
  static Value Text(std::string s) {
    Value v(ValueType::kText, 0);
    v.text_ = std::move(s);
    return v;
  }

  // kNull means the value is NULL (a NULL of any static type).
  ValueType type() const { return type_; }
  bool is_null() const { return type_ == ValueType::kNull; }

  // REQUIRES: type() is the accessor's type.
  bool bool_value() const { return num_ != 0; }
  double number() const { return num_; }
  EpochDay date() const { return static_cast<EpochDay>(num_); }
  const std::string& text() const { return text_; }

  // The payload shared by bool (0/1), number and date (epoch day), as in Column::num.
  double raw_num() const { return num_; }

  // "null", "bool: true", "number: 3.5", "text: abc", "date: 2026-01-31".
  std::string ToString() const;

  bool operator==(const Value&) const = default;

 private:
  Value(ValueType t, double n) : type_(t), num_(n) {}

  ValueType type_ = ValueType::kNull;
  double num_ = 0;
  std::string text_;
};

// A number as the language prints it: integral values without a decimal point ("3", "-0"
// prints "0"), others with up to 15 significant digits and no trailing zeros ("3.5", "0.1").
std::string FormatNumber(double d);

// The value without its type prefix, as `||` renders non-text operands: "3.5", "true",
// "2026-01-31", the text itself. REQUIRES: !v.is_null().
std::string FormatPlain(ValueType type, double num);

}  // namespace tend::rules::expr

#endif  // TEND_RULES_EXPR_VALUE_H_
