#include "cli/cockpit_common.h"

namespace tend::cli {

Result<store::AccountRecord> FindAccount(store::Store& store, const std::string& account_id) {
  TEND_ASSIGN_OR_RETURN(auto accounts, store.LoadAccounts());
  for (auto& a : accounts) {
    if (a.account_id == account_id) return a;
  }
  return NotFound("cli.unknownAccount", "no account \"" + account_id + "\"");
}

}  // namespace tend::cli
