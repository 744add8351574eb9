// AccountSignals: what the advocacy program needs to know about each account as of a day:
// its health, churn risk, open risk CTAs, and where it stands among the workspace's accounts
// on usage breadth and depth and on size. Built once from a refreshed HealthSession and used
// by propensity scoring (propensity.h) and reference matching (matching.h).
#ifndef TEND_ADVOCACY_ACCOUNT_SIGNALS_H_
#define TEND_ADVOCACY_ACCOUNT_SIGNALS_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "scorecard/health_session.h"
#include "store/store.h"

namespace tend::advocacy {

struct AccountSignals {
  // A copy: the signals outlive the shared lock they are built under, and a reload may
  // replace the session's WorkspaceData meanwhile.
  store::AccountRecord account;
  std::string color;  // red | yellow | green | "" (not scored)
  std::optional<double> overall;
  std::optional<double> churn_risk;  // the latest stored churn prediction
  std::string open_risk_cta;         // the title of an open risk CTA, or empty
  double features_30d = 0;           // distinct features used in the 30 days ending D
  double users_30d = 0;              // distinct active users in those days
  double usage_percentile = 0;       // 0..1 among active accounts (breadth and depth averaged)
  double arr_percentile = 0;         // 0..1 among active accounts
  int tenure_days = -1;              // D - start_date; -1 when unknown
};

class Signals {
 public:
  // REQUIRES: the session was refreshed (its engine holds scores as of some day D). Reads the
  // open risk CTAs from `store`.
  static Result<Signals> Build(scorecard::HealthSession& session, store::Store& store);

  // The account's signals, or nullptr when the account is unknown.
  const AccountSignals* Find(std::string_view account_id) const;
  EpochDay as_of() const { return as_of_; }

 private:
  EpochDay as_of_ = 0;
  std::unordered_map<std::string, AccountSignals> by_id_;
};

}  // namespace tend::advocacy

#endif  // TEND_ADVOCACY_ACCOUNT_SIGNALS_H_
