// lower, upper, length, trim, substr; and LIKE matching. Text is UTF-8; length, substr and
// LIKE's `_` count code points; lower/upper change ASCII letters only.
#include <cmath>

#include "rules/expr/functions/registry.h"

namespace tend::rules::expr::functions {

namespace {

constexpr ValueType kNum = ValueType::kNumber;
constexpr ValueType kText = ValueType::kText;

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte length of the code point starting at s[i] (1 for stray continuation bytes).
size_t CodePointLen(std::string_view s, size_t i) {
  size_t j = i + 1;
  while (j < s.size() && IsContinuation(s[j])) ++j;
  return j - i;
}

bool Lower(const Datum* a, int, double*, std::string* out) {
  out->assign(a[0].text);
  for (char& c : *out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return true;
}

bool Upper(const Datum* a, int, double*, std::string* out) {
  out->assign(a[0].text);
  for (char& c : *out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return true;
}

bool Length(const Datum* a, int, double* out, std::string*) {
  size_t n = 0;
  for (char c : a[0].text) n += !IsContinuation(c);
  *out = static_cast<double>(n);
  return true;
}

bool Trim(const Datum* a, int, double*, std::string* out) {
  std::string_view s = a[0].text;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  out->assign(s);
  return true;
}

// substr(s, start[, len]): the characters at 1-based positions [start, start + len), clipped
// to the string; start <= 0 counts positions before the first character (as in SQL), so
// substr('hello', 0, 2) = 'h'. A negative len gives ''.
bool Substr(const Datum* a, int argc, double*, std::string* out) {
  std::string_view s = a[0].text;
  double start = std::trunc(a[1].num);
  double end = argc > 2 ? start + std::fmax(0, std::trunc(a[2].num)) : INFINITY;
  out->clear();
  size_t i = 0;
  for (double pos = 1; i < s.size() && pos < end; ++pos) {
    size_t len = CodePointLen(s, i);
    if (pos >= start) out->append(s.substr(i, len));
    i += len;
  }
  return true;
}

constexpr FunctionDef kString[] = {
    {"lower", 1, 1, {kText, kText, kText}, kText, Special::kNone, Lower, "lower(text) -> text"},
    {"upper", 1, 1, {kText, kText, kText}, kText, Special::kNone, Upper, "upper(text) -> text"},
    {"length", 1, 1, {kText, kText, kText}, kNum, Special::kNone, Length, "length(text) -> number"},
    {"trim", 1, 1, {kText, kText, kText}, kText, Special::kNone, Trim, "trim(text) -> text"},
    {"substr",
     2,
     3,
     {kText, kNum, kNum},
     kText,
     Special::kNone,
     Substr,
     "substr(text, start[, length]) -> text"},
};

}  // namespace

bool LikeMatch(std::string_view text, std::string_view pattern) {
  // Greedy matching with backtracking to the most recent '%': O(n*m) worst case.
  size_t t = 0, p = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      star_p = p++;
      star_t = t;
    } else if (p < pattern.size() && pattern[p] == '_') {
      ++p;
      t += CodePointLen(text, t);
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star_p != std::string_view::npos) {
      p = star_p + 1;
      star_t += CodePointLen(text, star_t);
      t = star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

std::span<const FunctionDef> StringFunctions() { return kString; }

}  // namespace tend::rules::expr::functions
