// The one table from ErrorCode to process exit code.
//
//   0 success              1 bad input (a file, row, definition or argument)
//   2 usage error (flags)  3 not found            4 failed precondition (e.g. schema too new)
//   5 permission denied    6 unavailable (busy)   10 internal or I/O error, 11 data loss
#ifndef TEND_CLI_EXIT_CODES_H_
#define TEND_CLI_EXIT_CODES_H_

#include "common/status.h"

namespace tend::cli {

inline constexpr int kExitUsage = 2;

int ExitCodeFor(const Status& status);

}  // namespace tend::cli

#endif  // TEND_CLI_EXIT_CODES_H_
