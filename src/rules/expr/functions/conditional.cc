// coalesce, nullif, least, greatest, if: the functions that are not strict in NULL. Their
// typing is in checker.cc and their evaluation in evaluator.cc (kCoalesce, kNullIf, ...).
#include "rules/expr/functions/registry.h"

namespace tend::rules::expr::functions {

namespace {

constexpr ValueType N = ValueType::kNull;

constexpr FunctionDef kConditional[] = {
    {"coalesce", 1, -1, {N, N, N}, N, Special::kCoalesce, nullptr, "coalesce(a, ...) -> T"},
    {"nullif", 2, 2, {N, N, N}, N, Special::kNullIf, nullptr, "nullif(a, b) -> T"},
    {"least", 1, -1, {N, N, N}, N, Special::kLeast, nullptr, "least(a, ...) -> T"},
    {"greatest", 1, -1, {N, N, N}, N, Special::kGreatest, nullptr, "greatest(a, ...) -> T"},
    {"if", 3, 3, {N, N, N}, N, Special::kIf, nullptr, "if(bool, a, b) -> T"},
};

}  // namespace

std::span<const FunctionDef> ConditionalFunctions() { return kConditional; }

}  // namespace tend::rules::expr::functions
