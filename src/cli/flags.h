// Values of command-line flags shared by several commands: days ("90d") and as-of dates.
// Errors name the flag and what was expected, as `tend: error:` prints them.
#ifndef TEND_CLI_FLAGS_H_
#define TEND_CLI_FLAGS_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/time.h"

namespace tend::cli {

// "90d" or "90" -> 90, within [min, max]. Otherwise kInvalidArgument `id`:
// `<flag> "<text>" is not a number of days (e.g. 90d)`.
Result<int> ParseDaysFlag(std::string_view flag, const std::string& text, int min, int max,
                          std::string id = "cli.badDays");
// "" -> nullopt; "YYYY-MM-DD" -> that day. Otherwise kInvalidArgument "cli.badDate".
Result<std::optional<EpochDay>> ParseAsOfFlag(const std::string& text);

}  // namespace tend::cli

#endif  // TEND_CLI_FLAGS_H_
