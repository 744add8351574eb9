#include "common/time.h"

#include <chrono>
#include <cstdio>

namespace tend {

CivilDate CivilFromDays(EpochDay z_in) {
  int z = z_in + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{y + (m <= 2), m, d};
}

bool IsValidDate(int y, unsigned m, unsigned d) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  unsigned max = kDays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) max = 29;
  return d <= max;
}

namespace {

// Reads exactly `n` ASCII digits at s[pos..]; returns -1 when any is not a digit.
inline int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned c = static_cast<unsigned char>(s[pos + i]) - '0';
    if (c > 9) return -1;
    v = v * 10 + static_cast<int>(c);
  }
  return v;
}

inline std::optional<EpochDay> ParseDatePrefix(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = Digits(s, 0, 4), m = Digits(s, 5, 2), d = Digits(s, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  if (!IsValidDate(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

}  // namespace

std::optional<EpochDay> ParseDate(std::string_view s) {
  if (s.size() != 10) return std::nullopt;
  return ParseDatePrefix(s);
}

std::optional<EpochMs> ParseTime(std::string_view s) {
  auto day = ParseDatePrefix(s);
  if (!day) return std::nullopt;
  EpochMs t = static_cast<EpochMs>(*day) * kMsPerDay;
  if (s.size() == 10) return t;
  if (s.size() < 19 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' ||
      s[16] != ':') {
    return std::nullopt;
  }
  int hh = Digits(s, 11, 2), mi = Digits(s, 14, 2), ss = Digits(s, 17, 2);
  if (hh < 0 || mi < 0 || ss < 0 || hh > 23 || mi > 59 || ss > 60) return std::nullopt;
  t += (static_cast<EpochMs>(hh) * 3600 + mi * 60 + ss) * 1000;
  size_t pos = 19;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    size_t start = pos;
    int ms = 0, scale = 100;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (scale > 0) ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
    t += ms;
  }
  if (pos == s.size()) return std::nullopt;  // an offset or Z is required
  char c = s[pos];
  if ((c == 'Z' || c == 'z') && pos + 1 == s.size()) return t;
  if (c != '+' && c != '-') return std::nullopt;
  int oh = Digits(s, pos + 1, 2);
  int om;
  if (s.size() == pos + 6 && s[pos + 3] == ':') {
    om = Digits(s, pos + 4, 2);
  } else if (s.size() == pos + 5) {
    om = Digits(s, pos + 3, 2);
  } else if (s.size() == pos + 3) {
    om = 0;
  } else {
    return std::nullopt;
  }
  if (oh < 0 || om < 0 || oh > 23 || om > 59) return std::nullopt;
  EpochMs offset = (static_cast<EpochMs>(oh) * 60 + om) * 60 * 1000;
  EpochMs utc = c == '+' ? t - offset : t + offset;
  // Keep to years 0000..9999 after the offset, so every parsed time can be written back.
  constexpr EpochMs kMin = static_cast<EpochMs>(DaysFromCivil(0, 1, 1)) * kMsPerDay;
  constexpr EpochMs kMax = static_cast<EpochMs>(DaysFromCivil(10000, 1, 1)) * kMsPerDay;
  if (utc < kMin || utc >= kMax) return std::nullopt;
  return utc;
}

std::string FormatDate(EpochDay day) {
  CivilDate c = CivilFromDays(day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
  return buf;
}

std::string FormatTime(EpochMs t) {
  EpochDay day = DayOf(t);
  EpochMs rem = t - static_cast<EpochMs>(day) * kMsPerDay;
  CivilDate c = CivilFromDays(day);
  int ms = static_cast<int>(rem % 1000);
  int secs = static_cast<int>(rem / 1000);
  char buf[48];
  if (ms == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", c.year, c.month, c.day,
                  secs / 3600, secs / 60 % 60, secs % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day,
                  secs / 3600, secs / 60 % 60, secs % 60, ms);
  }
  return buf;
}

EpochMs NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace tend
