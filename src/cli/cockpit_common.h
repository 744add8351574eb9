// Helpers shared by the cockpit commands (cta, task, plans, timeline).
#ifndef TEND_CLI_COCKPIT_COMMON_H_
#define TEND_CLI_COCKPIT_COMMON_H_

#include <cstdlib>
#include <optional>
#include <string>

#include "common/result.h"
#include "store/store.h"

namespace tend::cli {

// Who is acting: --by, else $USER, else "cli".
inline std::string Actor(const std::string& by) {
  if (!by.empty()) return by;
  const char* user = std::getenv("USER");
  return user && *user ? user : "cli";
}

// The account with `account_id`, or kNotFound.
Result<store::AccountRecord> FindAccount(store::Store& store, const std::string& account_id);

}  // namespace tend::cli

#endif  // TEND_CLI_COCKPIT_COMMON_H_
