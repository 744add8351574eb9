// Decimal rounding that matches what people expect of decimal numbers.
#ifndef TEND_COMMON_ROUND_H_
#define TEND_COMMON_ROUND_H_

#include <cmath>

namespace tend {

// Rounds half away from zero to `digits` decimals. v * 10^digits is treated as a tie when it
// is within 8 ulps of one, so binary representation error does not decide (68.555 -> 68.56,
// 0.125 -> 0.13) but values genuinely below the tie stay below (49.99499999 -> 49.99).
inline double RoundHalfUp(double v, int digits) {
  double p = std::pow(10.0, digits);
  double x = std::fabs(v * p);
  double f = std::floor(x);
  double frac = x - f;
  double ulp8 = 8 * (std::nextafter(x, INFINITY) - x);
  double r = frac + ulp8 >= 0.5 ? f + 1 : f;
  return std::copysign(r, v) / p;
}

}  // namespace tend

#endif  // TEND_COMMON_ROUND_H_
