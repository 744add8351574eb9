// The built-in function library: one FunctionDef per function, looked up by lower-cased
// name. The definitions live one file per family (math.cc, string.cc, date.cc,
// conditional.cc); registry.cc gathers them.
//
// Strict functions (everything except the conditional family) return NULL when any
// argument is NULL, so their kernels only ever see non-NULL arguments. A kernel returning a
// non-finite number (sqrt(-1), ln(0), overflow) also yields NULL; that check is done by
// the evaluator, not by each kernel.
#ifndef TEND_RULES_EXPR_FUNCTIONS_REGISTRY_H_
#define TEND_RULES_EXPR_FUNCTIONS_REGISTRY_H_

#include <span>
#include <string>
#include <string_view>

#include "common/column.h"

namespace tend::rules::expr::functions {

// One non-NULL argument: numbers, bools (0/1) and dates (epoch day) in `num`, text in `text`.
struct Datum {
  double num = 0;
  std::string_view text;
};

// Computes one result from `argc` non-NULL arguments. Writes a number/bool/date result to
// *num_out or a text result to *text_out. Returns false when the result is NULL.
using Kernel = bool (*)(const Datum* args, int argc, double* num_out, std::string* text_out);

// Functions with their own evaluation and typing rules (not strict, not a Kernel).
enum class Special { kNone, kCoalesce, kNullIf, kLeast, kGreatest, kIf };

struct FunctionDef {
  std::string_view name;  // lower-case
  int min_args;
  int max_args;         // -1: unbounded
  ValueType params[3];  // strict functions: parameter types; the last one repeats
  ValueType result;     // strict functions: the result type
  Special special;
  Kernel kernel;               // strict functions only
  std::string_view signature;  // for docs and errors: "round(number[, number]) -> number"
};

// The function named `name` (lower-case), or nullptr.
const FunctionDef* FindFunction(std::string_view name);

// Every built-in, in documentation order.
std::span<const FunctionDef* const> AllFunctions();

// Families, defined in their own files.
std::span<const FunctionDef> MathFunctions();
std::span<const FunctionDef> StringFunctions();
std::span<const FunctionDef> DateFunctions();
std::span<const FunctionDef> ConditionalFunctions();

// round(x, digits) rounding half away from zero with decimal intent: a product x*10^digits
// within 8 ulps of a .5 tie counts as the tie, so round(2.675, 2) = 2.68 although 2.675 is
// stored as 2.67499999999999982. Exposed for tests.
double RoundHalfAway(double x, int digits);

// SQL LIKE: `%` matches any run of characters, `_` exactly one (UTF-8) character, every
// other character itself (case-sensitive, byte-wise). There is no escape character.
bool LikeMatch(std::string_view text, std::string_view pattern);

}  // namespace tend::rules::expr::functions

#endif  // TEND_RULES_EXPR_FUNCTIONS_REGISTRY_H_
