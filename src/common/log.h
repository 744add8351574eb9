// Logging for `tend serve`: every log line of the process (spdlog's default logger, the
// request log, the server's notices) goes through one sink, to standard error or a file, as
// text or as JSON lines.
//
// JSON lines are objects with "ts" (ISO-8601 UTC, milliseconds), "level" (trace, debug, info,
// warning, error, critical) and "msg", plus the fields of structured lines (LogLine); nothing
// else is written to the log in that format. A log file is opened for appending and
// ReopenLog() opens it again by name (after logrotate moved it; `tend serve` calls it on
// SIGHUP).
//
// Threads: every function is thread-safe; none is async-signal-safe (call ReopenLog from a
// normal thread that a signal handler woke).
#ifndef TEND_COMMON_LOG_H_
#define TEND_COMMON_LOG_H_

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tend {

struct LogOptions {
  bool json = false;
  std::string file;  // empty: standard error
};

// Installs the sink as spdlog's default logger. kInvalidArgument ("log.cannotOpen") when the
// file cannot be opened for appending (nothing changes then).
Status ConfigureLogging(const LogOptions& options);

// Opens the log file again by its name; the old descriptor is closed once the new one is
// open. A no-op when logging to standard error. kUnavailable ("log.cannotOpen") when it cannot
// be opened (logging goes on to the old file).
Status ReopenLog();

// Whether lines are JSON (ConfigureLogging with json).
bool LogIsJson();

// One structured line: as JSON, {"ts", "level", "msg", ...fields}; as text, `text` when given,
// else `msg` followed by the fields as key=value.
void LogLine(spdlog::level::level_enum level, std::string_view msg,
             const nlohmann::json& fields = nlohmann::json::object(), std::string_view text = {});

// A JSON line for `msg` and `fields`, as LogLine writes it (for lines a command prints on
// standard output in the JSON format).
std::string JsonLogLine(spdlog::level::level_enum level, std::string_view msg,
                        const nlohmann::json& fields = nlohmann::json::object());

}  // namespace tend

#endif  // TEND_COMMON_LOG_H_
