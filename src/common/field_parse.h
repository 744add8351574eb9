// Strict parsers for CSV field values. Each returns nullopt when the text is not a value of
// the type; callers turn that into a located error message.
#ifndef TEND_COMMON_FIELD_PARSE_H_
#define TEND_COMMON_FIELD_PARSE_H_

#include <initializer_list>
#include <optional>
#include <string_view>

namespace tend {

// A decimal number (optional sign, digits, optional fraction and exponent). Rejects empty
// text, thousands separators, "nan" and "inf".
std::optional<double> ParseNumber(std::string_view s);
// An integer within [lo, hi].
std::optional<int> ParseIntIn(std::string_view s, int lo, int hi);
// true/false, yes/no, 1/0 (case-insensitive).
std::optional<bool> ParseBool(std::string_view s);
// True when `s` equals one of `allowed`.
bool OneOf(std::string_view s, std::initializer_list<std::string_view> allowed);
// Trims ASCII spaces and tabs.
std::string_view Trim(std::string_view s);
// Whether `a` and `b` are equal ignoring ASCII case.
bool EqualsNoCase(std::string_view a, std::string_view b);

}  // namespace tend

#endif  // TEND_COMMON_FIELD_PARSE_H_
