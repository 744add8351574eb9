// The account list read model: the accounts of a refreshed session filtered, sorted and paged,
// as the web app's account list and `GET /api/accounts` show them, with the main scorecard's
// score of each. Computing a sort order reads every account (BuildAccountOrder), so callers
// may keep orders and the name index between calls (the server caches them per generation);
// ListAccounts itself only walks the order.
//
// Threads: everything here only reads the session (HealthEngine::Find, never Get), so it may
// run under the server's shared lock.
#ifndef TEND_SCORECARD_ACCOUNT_LIST_H_
#define TEND_SCORECARD_ACCOUNT_LIST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scorecard/health_session.h"

namespace tend::scorecard {

// The keys the list sorts by, the first the default.
inline constexpr const char* kAccountSortKeys[] = {
    "account_id", "name", "arr", "overall", "renewal_date", "change_7d", "churn_risk",
    "days_to_renewal"};
bool IsAccountSortKey(std::string_view key);

// Filters and page. Text filters are lowercased lists; an empty list does not filter.
struct AccountListQuery {
  std::string sort = "account_id";  // one of kAccountSortKeys
  bool descending = false;
  int limit = 50;                   // rows per page, >= 1
  std::optional<int> renewal_within_days;  // renewal between as-of and as-of + n days
  std::string q;                    // lowercased substring of the name or account id
  std::vector<std::string> colors;  // main scorecard colors; "none" for no score
  std::vector<std::string> segments, csms;
  std::string status = "active";    // an account status, or "all"
  std::string cursor;               // the last account of the previous page
};

struct AccountListRow {
  store::AccountRecord account;  // account_id, name, industry, ... as loaded
  std::optional<int> days_to_renewal;
  std::optional<double> churn_risk;
  // The main scorecard's values (all empty when there is no scorecard).
  std::optional<double> overall, change_7d, change_30d;
  std::optional<std::string> color;
};

struct AccountListPage {
  std::vector<AccountListRow> rows;
  int64_t total = 0;        // accounts matching the filters
  std::string next_cursor;  // "" on the last page
  EpochDay as_of = 0;
  std::string scorecard;    // the main scorecard ("" when none)
};

// The accounts of `session` in the order of `key`, ascending or `descending`; accounts
// without a value (NULL) come last either way, so "churn risk, highest first" does not open
// with the unscored (stable: ties keep account order, whichever the direction).
// REQUIRES: IsAccountSortKey(key).
std::vector<uint32_t> BuildAccountOrder(HealthSession& session, const std::string& key,
                                        bool descending = false);
// Per account: lowercase name + "\n" + lowercase account id, what `q` searches.
std::vector<std::string> BuildNameIndex(HealthSession& session);

// One page of the list. `order` is BuildAccountOrder(session, query.sort, query.descending)
// (possibly a little
// older: rows show current values); `names` is BuildNameIndex(session), needed only when
// query.q is set (else may be null). Orders and indexes of another account count are
// ignored by the caller (they must match session.data().size()).
AccountListPage ListAccounts(HealthSession& session, const AccountListQuery& query,
                             const std::vector<uint32_t>& order,
                             const std::vector<std::string>* names);

// The list row of account `i` (what the account 360 shows at its top).
AccountListRow AccountRowAt(HealthSession& session, size_t i);

// ASCII lowercase, and a comma-separated list lowercased (the query's text filters).
std::string Lowercase(std::string s);
std::vector<std::string> LowercaseList(const std::string& comma_separated);

}  // namespace tend::scorecard

#endif  // TEND_SCORECARD_ACCOUNT_LIST_H_
