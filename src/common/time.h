// Calendar arithmetic and the hand-written ISO-8601 parsers used on the import hot path.
//
// Times are UTC epoch milliseconds (int64). Days are whole UTC days since 1970-01-01
// (int32): the day of a time t is floor(t / 86400000), so an event at exactly midnight
// belongs to the day that starts then. Local time exists only at the edges (UI, API).
#ifndef TEND_COMMON_TIME_H_
#define TEND_COMMON_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tend {

using EpochMs = int64_t;
using EpochDay = int32_t;

inline constexpr int64_t kMsPerDay = 86'400'000;

// Days since 1970-01-01 of the proleptic Gregorian date y-m-d. REQUIRES: a valid date.
constexpr EpochDay DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct CivilDate {
  int year;
  unsigned month;
  unsigned day;
};

// The calendar date of `day`.
CivilDate CivilFromDays(EpochDay day);

// The UTC day that contains `t` (floor division, correct for negative times).
inline EpochDay DayOf(EpochMs t) {
  return static_cast<EpochDay>(t >= 0 ? t / kMsPerDay : -((-t + kMsPerDay - 1) / kMsPerDay));
}

// True when y-m-d is a real date (leap years included).
bool IsValidDate(int y, unsigned m, unsigned d);

// Parses `YYYY-MM-DD`. Nothing else is accepted (no surrounding spaces).
std::optional<EpochDay> ParseDate(std::string_view s);

// Parses an ISO-8601 time: `YYYY-MM-DDTHH:MM:SS[.fff...](Z|+HH:MM|-HH:MM|+HHMM)`; a space
// may stand for `T`, and a bare date means its midnight UTC. The offset is applied, so
// `2026-05-01T15:22:05+02:00` is 13:22:05Z. Fractions beyond milliseconds are truncated.
std::optional<EpochMs> ParseTime(std::string_view s);

// `YYYY-MM-DD`.
std::string FormatDate(EpochDay day);
// `YYYY-MM-DDTHH:MM:SSZ` (milliseconds are shown only when not zero).
std::string FormatTime(EpochMs t);

// Milliseconds since the epoch, now (wall clock).
EpochMs NowMs();

}  // namespace tend

#endif  // TEND_COMMON_TIME_H_
