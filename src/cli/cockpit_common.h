// Helpers shared by the commands that work the cockpit and the programs (cta, task, plans,
// timeline, advocacy, feedback).
#ifndef TEND_CLI_COCKPIT_COMMON_H_
#define TEND_CLI_COCKPIT_COMMON_H_

#include <cstdlib>
#include <optional>
#include <string>

#include "cli/command.h"
#include "common/result.h"
#include "store/store.h"

namespace tend::cli {

// Who is acting: --by, else $USER, else "cli".
inline std::string Actor(const std::string& by) {
  if (!by.empty()) return by;
  const char* user = std::getenv("USER");
  return user && *user ? user : "cli";
}

// Runs `fn` in one transaction; prints nothing, returns the exit code on failure or -1.
template <typename F>
int InTransaction(store::Store& st, F&& fn) {
  Status s = st.Begin();
  if (s.ok()) s = fn();
  if (!s.ok()) {
    (void)st.Rollback();
    return Fail(s);
  }
  s = st.Commit();
  return s.ok() ? -1 : Fail(s);
}

// The account with `account_id`, or kNotFound.
Result<store::AccountRecord> FindAccount(store::Store& store, const std::string& account_id);

}  // namespace tend::cli

#endif  // TEND_CLI_COCKPIT_COMMON_H_
