#include "ingest/value_formats.h"

#include <absl/time/civil_time.h>
#include <absl/time/time.h>

#include <cctype>
#include <charconv>
#include <cmath>

#include "common/field_parse.h"

namespace tend::ingest {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Strips the currency marks and spaces exports put around a number.
std::string_view StripAffixes(std::string_view s) {
  static constexpr std::string_view kMarks[] = {
      "\xC2\xA0", "\xE2\x80\xAF", " ", "$", "\xE2\x82\xAC" /* € */, "\xC2\xA3" /* £ */,
      "\xC2\xA5" /* ¥ */, "\xE2\x82\xB9" /* ₹ */, "USD", "EUR", "GBP", "JPY", "CHF", "CAD",
      "AUD", "INR", "SEK", "NOK", "DKK"};
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (std::string_view m : kMarks) {
      if (s.substr(0, m.size()) == m) {
        s.remove_prefix(m.size());
        changed = true;
      }
      if (s.size() >= m.size() && s.substr(s.size() - m.size()) == m) {
        s.remove_suffix(m.size());
        changed = true;
      }
    }
  }
  return s;
}

// Whether every group after the first of `digits` split at `sep` has three digits.
bool ThousandsGroups(std::string_view digits, char sep) {
  size_t first = digits.find(sep);
  if (first == 0 || first > 3) return false;
  for (size_t pos = first; pos != std::string_view::npos;) {
    size_t next = digits.find(sep, pos + 1);
    size_t len = (next == std::string_view::npos ? digits.size() : next) - pos - 1;
    if (len != 3) return false;
    pos = next;
  }
  return true;
}

class FixedZone : public TimeZone {
 public:
  explicit FixedZone(int64_t offset_ms) : offset_ms_(offset_ms) {}
  EpochMs ToUtc(EpochDay day, int64_t ms) const override {
    return static_cast<EpochMs>(day) * kMsPerDay + ms - offset_ms_;
  }

 private:
  int64_t offset_ms_;
};

class NamedZone : public TimeZone {
 public:
  explicit NamedZone(absl::TimeZone tz) : tz_(tz) {}
  EpochMs ToUtc(EpochDay day, int64_t ms) const override {
    CivilDate c = CivilFromDays(day);
    int64_t secs = ms / 1000;
    absl::CivilSecond cs(c.year, c.month, c.day, secs / 3600, secs / 60 % 60, secs % 60);
    // `pre`: the earlier instant of a repeated local time, and a skipped one moved forward.
    absl::Time t = tz_.At(cs).pre;
    return absl::ToUnixMillis(t) + ms % 1000;
  }

 private:
  absl::TimeZone tz_;
};

std::optional<int64_t> ParseOffsetMs(std::string_view s) {
  if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  std::string digits;
  for (char c : s.substr(1)) {
    if (c == ':') continue;
    if (!IsDigit(c)) return std::nullopt;
    digits += c;
  }
  if (digits.size() != 2 && digits.size() != 4) return std::nullopt;
  int h = std::stoi(digits.substr(0, 2)), m = digits.size() == 4 ? std::stoi(digits.substr(2)) : 0;
  if (h > 14 || m > 59) return std::nullopt;
  int64_t ms = (static_cast<int64_t>(h) * 60 + m) * 60000;
  return s[0] == '-' ? -ms : ms;
}

}  // namespace

std::optional<double> ParseFormattedNumber(std::string_view s, char decimal) {
  s = StripAffixes(Trim(s));
  bool negative = false, percent = false;
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    negative = true;
    s = StripAffixes(s.substr(1, s.size() - 2));
  }
  if (!s.empty() && s.back() == '%') {
    percent = true;
    s = StripAffixes(s.substr(0, s.size() - 1));
  }
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = negative != (s.front() == '-');
    s = StripAffixes(s.substr(1));
  }
  if (s.empty()) return std::nullopt;
  // Keep digits and the two marks; anything else is not a number. No-break spaces group
  // thousands too ("1 234" in French exports).
  std::string text(s);
  for (std::string_view nbsp : {std::string_view("\xC2\xA0"), std::string_view("\xE2\x80\xAF")}) {
    for (size_t at = text.find(nbsp); at != std::string::npos; at = text.find(nbsp, at))
      text.replace(at, nbsp.size(), " ");
  }
  std::string digits;
  for (char c : text) {
    if (IsDigit(c) || c == '.' || c == ',') {
      digits += c;
    } else if (c == ' ' || c == '\'') {
      continue;  // "1 234" and "1'234" (Swiss) group thousands
    } else {
      return std::nullopt;
    }
  }
  size_t dot = digits.rfind('.'), comma = digits.rfind(',');
  char mark = decimal;
  if (mark == 0) {
    if (dot != std::string::npos && comma != std::string::npos) {
      mark = dot > comma ? '.' : ',';
    } else if (dot != std::string::npos || comma != std::string::npos) {
      char only = dot != std::string::npos ? '.' : ',';
      size_t count = 0;
      for (char c : digits) count += c == only;
      mark = ThousandsGroups(digits, only) ? (only == '.' ? ',' : '.') : only;
      if (count > 1 && mark == only) return std::nullopt;  // "1.2.3"
    } else {
      mark = '.';
    }
  }
  const char group = mark == '.' ? ',' : '.';
  std::string plain;
  bool seen_mark = false;
  for (char c : digits) {
    if (c == group) {
      if (seen_mark) return std::nullopt;
      continue;
    }
    if (c == mark) {
      if (seen_mark) return std::nullopt;
      seen_mark = true;
      plain += '.';
      continue;
    }
    plain += c;
  }
  if (group != 0 && digits.find(group) != std::string::npos &&
      !ThousandsGroups(digits.substr(0, seen_mark ? digits.rfind(mark) : digits.size()), group))
    return std::nullopt;
  auto n = ParseNumber(plain);
  if (!n) return std::nullopt;
  double v = negative ? -*n : *n;
  return percent ? v / 100 : v;
}

std::optional<bool> ParseFormattedBool(std::string_view s) {
  s = Trim(s);
  for (std::string_view t : {"yes", "y", "true", "t", "1", "on"}) {
    if (EqualsNoCase(s, t)) return true;
  }
  for (std::string_view f : {"no", "n", "false", "f", "0", "off"}) {
    if (EqualsNoCase(s, f)) return false;
  }
  return std::nullopt;
}

Result<std::shared_ptr<const TimeZone>> TimeZone::Find(const std::string& name) {
  if (name == "UTC" || name == "Z" || name == "utc" || name == "GMT")
    return std::shared_ptr<const TimeZone>(std::make_shared<FixedZone>(0));
  if (auto off = ParseOffsetMs(name))
    return std::shared_ptr<const TimeZone>(std::make_shared<FixedZone>(*off));
  absl::TimeZone tz;
  if (!name.empty() && name.find("..") == std::string::npos && absl::LoadTimeZone(name, &tz))
    return std::shared_ptr<const TimeZone>(std::make_shared<NamedZone>(tz));
  return InvalidArgument("import.badTimeZone",
                         "\"" + name + "\" is not a time zone (expected UTC, an offset such as "
                                       "+02:00, or a zone name such as America/New_York)");
}

Result<DateTimeFormat> DateTimeFormat::Parse(const std::string& pattern) {
  DateTimeFormat f;
  f.pattern_ = pattern;
  if (pattern == "iso8601" || pattern == "iso") return f;
  if (pattern == "epoch_s" || pattern == "epoch_seconds") {
    f.kind_ = Kind::kEpochS;
    return f;
  }
  if (pattern == "epoch_ms" || pattern == "epoch_milliseconds") {
    f.kind_ = Kind::kEpochMs;
    return f;
  }
  f.kind_ = Kind::kPattern;
  bool after_hour = false, any = false;
  for (size_t i = 0; i < pattern.size();) {
    auto at = [&](std::string_view w) { return pattern.compare(i, w.size(), w) == 0; };
    Token t{0, ""};
    size_t len = 0;
    if (at("YYYY")) {
      t.field = 'Y', len = 4;
    } else if (at("YY")) {
      t.field = 'y', len = 2;
    } else if (at("ZZ")) {
      t.field = 'z', len = 2;
    } else if (at(".SSS")) {
      t.field = 'f', len = 4;
    } else if (at("MM") || at("mm")) {
      t.field = after_hour || pattern[i] == 'm' ? 'm' : 'M', len = 2;
    } else if (at("M")) {
      t.field = 'M', len = 1;
    } else if (at("DD") || at("D")) {
      t.field = 'D', len = at("DD") ? 2 : 1;
    } else if (at("HH") || at("H")) {
      t.field = 'h', len = at("HH") ? 2 : 1;
      after_hour = true;
    } else if (at("SS")) {
      t.field = 's', len = 2;
    } else if (std::isalpha(static_cast<unsigned char>(pattern[i]))) {
      return InvalidArgument("import.badFormat",
                             "format \"" + pattern + "\": unknown field at \"" +
                                 pattern.substr(i) +
                                 "\" (expected YYYY, YY, MM, DD, HH, MM, SS, .SSS, ZZ and "
                                 "separators, or iso8601, epoch_s, epoch_ms)");
    } else {
      t.literal = std::string(1, pattern[i]);
      len = 1;
    }
    any = any || t.field != 0;
    if (t.field == 0 && !f.tokens_.empty() && f.tokens_.back().field == 0)
      f.tokens_.back().literal += t.literal;
    else
      f.tokens_.push_back(t);
    i += len;
  }
  bool y = false, m = false, d = false;
  for (const Token& t : f.tokens_) {
    y = y || t.field == 'Y' || t.field == 'y';
    m = m || t.field == 'M';
    d = d || t.field == 'D';
  }
  if (!any || !y || !m || !d)
    return InvalidArgument("import.badFormat",
                           "format \"" + pattern + "\" needs a year, a month and a day (e.g. "
                                                   "MM/DD/YYYY)");
  return f;
}

bool DateTimeFormat::Fields(std::string_view s, EpochDay* day, int64_t* ms_of_day,
                            bool* has_time, std::optional<int64_t>* offset_ms) const {
  offset_ms->reset();
  int year = -1, month = -1, dom = -1, hour = 0, minute = 0, second = 0, ms = 0;
  *has_time = false;
  size_t pos = 0;
  for (size_t k = 0; k < tokens_.size(); ++k) {
    const Token& t = tokens_[k];
    if (t.field == 0) {
      if (s.compare(pos, t.literal.size(), t.literal) != 0) return false;
      pos += t.literal.size();
      continue;
    }
    if (t.field == 'z') {
      if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        *offset_ms = 0;
        ++pos;
        continue;
      }
      size_t end = pos + 1;
      while (end < s.size() && (IsDigit(s[end]) || s[end] == ':')) ++end;
      auto off = ParseOffsetMs(s.substr(pos, end - pos));
      if (!off) return false;
      *offset_ms = *off;
      pos = end;
      continue;
    }
    if (t.field == 'f') {
      if (pos >= s.size() || (s[pos] != '.' && s[pos] != ',')) return false;
      ++pos;
    }
    // Fixed widths for years and fractions; one or two digits for the others.
    size_t min = 1, max = 2;
    if (t.field == 'Y') min = max = 4;
    if (t.field == 'y') min = max = 2;
    if (t.field == 'f') min = 1, max = 9;
    size_t start = pos;
    while (pos < s.size() && pos - start < max && IsDigit(s[pos])) ++pos;
    if (pos - start < min) return false;
    int v = 0;
    for (size_t i = start; i < pos && i < start + 9; ++i) v = v * 10 + (s[i] - '0');
    switch (t.field) {
      case 'Y': year = v; break;
      case 'y': year = v < 70 ? 2000 + v : 1900 + v; break;
      case 'M': month = v; break;
      case 'D': dom = v; break;
      case 'h': hour = v, *has_time = true; break;
      case 'm': minute = v; break;
      case 's': second = v; break;
      case 'f': {
        size_t digits = pos - start;
        ms = v;
        for (size_t i = digits; i < 3; ++i) ms *= 10;
        for (size_t i = 3; i < digits; ++i) ms /= 10;
        break;
      }
    }
  }
  if (pos != s.size()) return false;
  if (!IsValidDate(year, static_cast<unsigned>(month), static_cast<unsigned>(dom))) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  *day = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(dom));
  *ms_of_day = ((static_cast<int64_t>(hour) * 60 + minute) * 60 + second) * 1000 + ms;
  return true;
}

std::optional<EpochMs> DateTimeFormat::Time(std::string_view s, const TimeZone* zone) const {
  s = Trim(s);
  switch (kind_) {
    case Kind::kIso:
      return ParseTime(s);
    case Kind::kEpochS:
    case Kind::kEpochMs: {
      auto n = ParseNumber(s);
      if (!n || !std::isfinite(*n)) return std::nullopt;
      double ms = kind_ == Kind::kEpochS ? *n * 1000 : *n;
      if (std::fabs(ms) > 1e15) return std::nullopt;
      return static_cast<EpochMs>(std::llround(ms));
    }
    case Kind::kPattern:
      break;
  }
  EpochDay day;
  int64_t ms;
  bool has_time;
  std::optional<int64_t> offset;
  if (!Fields(s, &day, &ms, &has_time, &offset)) return std::nullopt;
  if (offset) return static_cast<EpochMs>(day) * kMsPerDay + ms - *offset;
  if (!zone) return static_cast<EpochMs>(day) * kMsPerDay + ms;
  return zone->ToUtc(day, ms);
}

std::optional<EpochDay> DateTimeFormat::Date(std::string_view s, const TimeZone* zone) const {
  s = Trim(s);
  if (kind_ == Kind::kPattern) {
    EpochDay day;
    int64_t ms;
    bool has_time;
    std::optional<int64_t> offset;
    if (!Fields(s, &day, &ms, &has_time, &offset)) return std::nullopt;
    return day;
  }
  // An ISO time's date as written (its offset's calendar), not the UTC one.
  if (kind_ == Kind::kIso) {
    if (s.size() != 10 && !ParseTime(s)) return std::nullopt;
    return ParseDate(s.substr(0, 10));
  }
  auto t = Time(s, zone);
  if (!t) return std::nullopt;
  return DayOf(*t);
}

}  // namespace tend::ingest
