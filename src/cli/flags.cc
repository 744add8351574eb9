#include "cli/flags.h"

#include <charconv>

namespace tend::cli {

Result<int> ParseDaysFlag(std::string_view flag, const std::string& text, int min, int max,
                          std::string id) {
  std::string_view digits = text;
  if (!digits.empty() && digits.back() == 'd') digits.remove_suffix(1);
  int days = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), days);
  if (digits.empty() || ec != std::errc() || p != digits.data() + digits.size() || days < min ||
      days > max) {
    return InvalidArgument(std::move(id), std::string(flag) + " \"" + text +
                                              "\" is not a number of days (e.g. 90d)");
  }
  return days;
}

Result<std::optional<EpochDay>> ParseAsOfFlag(const std::string& text) {
  if (text.empty()) return std::optional<EpochDay>();
  auto d = ParseDate(text);
  if (!d)
    return InvalidArgument("cli.badDate",
                           "--as-of \"" + text + "\" is not a date (expected YYYY-MM-DD)");
  return std::optional<EpochDay>(*d);
}

}  // namespace tend::cli
