// Ranking: who asks for each request, in figures (docs/feedback.md defines each one), with
// filters and sorting on all of them.
//
// Pure computation over records the caller loads, so it is checked against an independent
// computation (tests/integration/feedback_ranking_test.py) and unit tests need no store.
#ifndef TEND_FEEDBACK_RANKING_H_
#define TEND_FEEDBACK_RANKING_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/feedback_records.h"
#include "store/records.h"

namespace tend::feedback {

// How many days ahead a renewal counts as "renewing" (renewing_arr, arr_at_risk).
inline constexpr int kRenewalHorizonDays = 180;

// What the ranking needs to know about an account.
struct AccountFacts {
  std::string account_id, name, segment, csm, status;
  double arr = 0;
  std::optional<EpochDay> renewal_date;
  std::string color;  // the main scorecard's color: red | yellow | green | "" (none)
};

struct AccountFigures {
  AccountFacts account;
  int64_t items = 0;
  bool blocker = false;   // one of its items calls the request a blocker
  bool renewing = false;  // renewal_date within [today, today + kRenewalHorizonDays]
  bool at_risk = false;   // counted in arr_at_risk
  std::vector<std::string> contacts;  // the contacts who asked, by id
};

struct RequestFigures {
  store::FeedbackRequestRecord request;
  int64_t items = 0;     // linked items (of every account)
  int64_t accounts = 0;  // distinct active accounts asking
  int64_t contacts = 0;  // distinct contacts asking (items naming a contact)
  double arr = 0;        // their ARR
  double blocker_arr = 0;
  double renewing_arr = 0;
  double arr_at_risk = 0;
  int64_t red = 0, yellow = 0;
  std::map<std::string, int64_t> segments;  // segment ("" when none) -> accounts
  std::vector<AccountFigures> by_account;   // by ARR, highest first
};

// The figure names sort and the min_/max_ filters accept.
const std::vector<std::string>& FigureNames();
// Figure `name` of `f` (REQUIRES: one of FigureNames()).
double Figure(const RequestFigures& f, const std::string& name);

struct RankQuery {
  std::string sort = "arr_at_risk";  // a figure name, "title", "request_id" or "updated_at"
  bool descending = true;
  std::vector<std::string> statuses;  // empty: any
  std::string product_area;           // empty: any
  std::string segment;                // only requests asked for by an account of this segment
  std::string q;                      // words in the title or description (case-insensitive)
  std::map<std::string, double> min, max;  // figure name -> bound (inclusive)
  bool include_merged = false;
};

// Checks a query's sort and bound names: kInvalidArgument with the field ("sort", "min_x").
Status CheckQuery(const RankQuery& query);

// The figures of one request over `items` (all items; those of other requests are skipped).
// `accounts`: every account by id. Churned accounts (and unknown ones) are left out of the
// account figures but their items count in `items`.
RequestFigures ComputeFigures(const store::FeedbackRequestRecord& request,
                              const std::vector<store::FeedbackItemRecord>& items,
                              const std::map<std::string, AccountFacts>& accounts, EpochDay today);

// Every request's figures, filtered and sorted by `query` (ties by request_id).
std::vector<RequestFigures> RankRequests(const std::vector<store::FeedbackRequestRecord>& requests,
                                         const std::vector<store::FeedbackItemRecord>& items,
                                         const std::map<std::string, AccountFacts>& accounts,
                                         EpochDay today, const RankQuery& query);

}  // namespace tend::feedback

#endif  // TEND_FEEDBACK_RANKING_H_
