// Value formats of mapped imports (docs/formats.md, "Mapped imports"): the dates, times,
// numbers and booleans of other tools' exports, read into tend's canonical forms.
//
// Pure functions, any thread. Each returns nullopt for text it does not accept; callers name
// the file, line and column.
#ifndef TEND_INGEST_VALUE_FORMATS_H_
#define TEND_INGEST_VALUE_FORMATS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace tend::ingest {

// A number as exports write it: an optional sign or parentheses for negatives, currency
// symbols or ISO codes before or after ($ € £ ¥ ₹, USD EUR GBP ...), spaces (also no-break
// and narrow no-break spaces) and thousands separators. `decimal` is the decimal mark:
// '.' ("$1,234.50"), ',' ("1.234,50 €"), or 0 to decide per value: when both '.' and ',' occur
// the last one is the decimal mark; a lone mark followed by exactly three digits in every
// group is a thousands separator ("1,234" -> 1234), else a decimal mark ("12,5" -> 12.5).
// A trailing '%' divides by 100. Anything else ("12k", "n/a", "1.2.3") is refused.
std::optional<double> ParseFormattedNumber(std::string_view s, char decimal = 0);

// Yes/No, Y/N, TRUE/FALSE, T/F, 1/0, On/Off (any case).
std::optional<bool> ParseFormattedBool(std::string_view s);

// A fixed time zone or a named one from the system's zone database (/usr/share/zoneinfo).
class TimeZone {
 public:
  // "UTC", "Z", "+02:00", "-0500", or an IANA name ("America/New_York"). kInvalidArgument
  // "import.badTimeZone" for anything else.
  static Result<std::shared_ptr<const TimeZone>> Find(const std::string& name);
  virtual ~TimeZone() = default;
  // The UTC time of a local civil time in this zone (a skipped local time moves forward, a
  // repeated one takes the earlier instant).
  virtual EpochMs ToUtc(EpochDay local_day, int64_t local_ms_of_day) const = 0;
};

// A date and time format: a pattern of YYYY, YY, MM, M, DD, D, HH, H, MM or mm (minutes, after
// an hour), SS, .SSS, ZZ (an offset: Z, +0000, -08:00; it then overrides the zone) and literal
// characters ("MM/DD/YYYY", "DD.MM.YYYY",
// "YYYY-MM-DD HH:MM:SS"), or one of the words `iso8601` (with an offset or Z; a bare date
// is midnight), `epoch_s`, `epoch_ms`. Two-digit fields also take one digit ("1/5/2026").
// Times without an offset are read in `zone` (UTC when null).
class DateTimeFormat {
 public:
  // kInvalidArgument "import.badFormat" naming what was expected.
  static Result<DateTimeFormat> Parse(const std::string& pattern);

  // The UTC time of `s`, or nullopt when it does not match.
  std::optional<EpochMs> Time(std::string_view s, const TimeZone* zone) const;
  // The day of `s`: its local date (a date-only pattern, or the date part of a time in the
  // zone's calendar).
  std::optional<EpochDay> Date(std::string_view s, const TimeZone* zone) const;
  const std::string& pattern() const { return pattern_; }

 private:
  enum class Kind { kPattern, kIso, kEpochS, kEpochMs };
  struct Token {
    char field;  // 'Y' year (4), 'y' year (2), 'M' month, 'D' day, 'h' hour, 'm' minute,
                 // 's' second, 'f' milliseconds, 'z' offset, 0 literal
    std::string literal;
  };
  // Local civil fields of `s`; false when it does not match.
  bool Fields(std::string_view s, EpochDay* day, int64_t* ms_of_day, bool* has_time,
              std::optional<int64_t>* offset_ms) const;

  Kind kind_ = Kind::kIso;
  std::string pattern_;
  std::vector<Token> tokens_;
};

}  // namespace tend::ingest

#endif  // TEND_INGEST_VALUE_FORMATS_H_
