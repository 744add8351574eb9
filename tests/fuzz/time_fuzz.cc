// Fuzzes the ISO-8601 parsers of common/time.h with arbitrary bytes.
//
// Invariants:
//   - ParseDate accepts only 10-character input, and then agrees with ParseTime (a bare date
//     is its midnight UTC); FormatDate gives the input back.
//   - When ParseTime succeeds and the instant lies in years 0000..9999, FormatTime then
//     ParseTime gives the same instant, and DayOf agrees with the formatted date.
//     (ParseTime also accepts offsets that move an instant just outside those years, e.g.
//     0000-01-01T00:00:00+01:00; FormatTime cannot write those as 4-digit years.)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/time.h"

namespace {

constexpr tend::EpochMs kFirst =
    static_cast<tend::EpochMs>(tend::DaysFromCivil(0, 1, 1)) * tend::kMsPerDay;
constexpr tend::EpochMs kEnd =
    static_cast<tend::EpochMs>(tend::DaysFromCivil(10000, 1, 1)) * tend::kMsPerDay;

void Fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "time_fuzz: %s: \"%.*s\"\n", what, static_cast<int>(input.size()),
               input.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  auto day = tend::ParseDate(s);
  auto t = tend::ParseTime(s);

  if (day && s.size() != 10) Fail("ParseDate accepted a non-10-character input", s);
  if (s.size() == 10) {
    if (day.has_value() != t.has_value()) Fail("ParseDate and ParseTime disagree on accepting", s);
    if (day && *t != static_cast<tend::EpochMs>(*day) * tend::kMsPerDay) {
      Fail("ParseTime of a date is not its midnight", s);
    }
  }
  if (day && tend::FormatDate(*day) != s) Fail("FormatDate(ParseDate(s)) != s", s);

  if (t && *t >= kFirst && *t < kEnd) {
    std::string formatted = tend::FormatTime(*t);
    auto again = tend::ParseTime(formatted);
    if (!again || *again != *t) Fail("FormatTime does not round-trip", s);
    auto formatted_day = tend::ParseDate(std::string_view(formatted).substr(0, 10));
    if (!formatted_day || *formatted_day != tend::DayOf(*t))
      Fail("DayOf disagrees with FormatTime", s);
  }
  return 0;
}
