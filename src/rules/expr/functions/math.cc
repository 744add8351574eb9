// abs, round, floor, ceil, sqrt, ln, exp, power.
#include <cfloat>
#include <cmath>

#include "rules/expr/functions/registry.h"

namespace tend::rules::expr::functions {

double RoundHalfAway(double x, int digits) {
  if (digits > 15) return x;
  if (digits < -15) return 0;
  double p = std::pow(10.0, digits);
  double y = x * p;
  if (!std::isfinite(y) || std::fabs(y) >= 4503599627370496.0) return x;  // 2^52: no fraction
  double t = std::trunc(y);
  double frac = std::fabs(y - t);
  double r;
  if (std::fabs(frac - 0.5) <= 8 * DBL_EPSILON * std::fabs(y)) {
    r = t + std::copysign(1.0, y);  // a tie (up to representation error): away from zero
  } else {
    r = std::round(y);
  }
  double out = r / p;
  return out == 0 ? 0.0 : out;  // no -0
}

namespace {

constexpr ValueType kNum = ValueType::kNumber;

template <double (*F)(double)>
bool Unary(const Datum* a, int, double* out, std::string*) {
  *out = F(a[0].num);
  return true;
}

double Abs(double x) { return std::fabs(x); }
double Floor(double x) { return std::floor(x); }
double Ceil(double x) { return std::ceil(x); }
double Sqrt(double x) { return std::sqrt(x); }  // NaN for x < 0 -> NULL
double Ln(double x) { return std::log(x); }     // -inf / NaN for x <= 0 -> NULL
double Exp(double x) { return std::exp(x); }

bool Round(const Datum* a, int argc, double* out, std::string*) {
  double digits = argc > 1 ? std::trunc(a[1].num) : 0;
  *out = RoundHalfAway(a[0].num, static_cast<int>(std::fmax(-100, std::fmin(100, digits))));
  return true;
}

bool Power(const Datum* a, int, double* out, std::string*) {
  *out = std::pow(a[0].num, a[1].num);
  return true;
}

constexpr FunctionDef kMath[] = {
    {"abs", 1, 1, {kNum, kNum, kNum}, kNum, Special::kNone, Unary<Abs>, "abs(number) -> number"},
    {"round",
     1,
     2,
     {kNum, kNum, kNum},
     kNum,
     Special::kNone,
     Round,
     "round(number[, digits]) -> number"},
    {"floor",
     1,
     1,
     {kNum, kNum, kNum},
     kNum,
     Special::kNone,
     Unary<Floor>,
     "floor(number) -> number"},
    {"ceil", 1, 1, {kNum, kNum, kNum}, kNum, Special::kNone, Unary<Ceil>, "ceil(number) -> number"},
    {"sqrt", 1, 1, {kNum, kNum, kNum}, kNum, Special::kNone, Unary<Sqrt>, "sqrt(number) -> number"},
    {"ln", 1, 1, {kNum, kNum, kNum}, kNum, Special::kNone, Unary<Ln>, "ln(number) -> number"},
    {"exp", 1, 1, {kNum, kNum, kNum}, kNum, Special::kNone, Unary<Exp>, "exp(number) -> number"},
    {"power",
     2,
     2,
     {kNum, kNum, kNum},
     kNum,
     Special::kNone,
     Power,
     "power(number, number) -> number"},
};

}  // namespace

std::span<const FunctionDef> MathFunctions() { return kMath; }

}  // namespace tend::rules::expr::functions
