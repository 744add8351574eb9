// days_between. Date arithmetic (date +/- number) is an operator, see evaluator.cc.
#include "rules/expr/functions/registry.h"

namespace tend::rules::expr::functions {

namespace {

constexpr ValueType kDate = ValueType::kDate;

// days_between(a, b) = b - a in whole days.
bool DaysBetween(const Datum* a, int, double* out, std::string*) {
  *out = a[1].num - a[0].num;
  return true;
}

constexpr FunctionDef kDateFns[] = {
    {"days_between",
     2,
     2,
     {kDate, kDate, kDate},
     ValueType::kNumber,
     Special::kNone,
     DaysBetween,
     "days_between(date, date) -> number"},
};

}  // namespace

std::span<const FunctionDef> DateFunctions() { return kDateFns; }

}  // namespace tend::rules::expr::functions
