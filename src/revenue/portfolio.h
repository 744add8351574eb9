// Portfolio: every account with its revenue facts, the input of the portfolio figures
// (retention.h) and of the ARR history.
#ifndef TEND_REVENUE_PORTFOLIO_H_
#define TEND_REVENUE_PORTFOLIO_H_

#include <vector>

#include "common/result.h"
#include "revenue/account_revenue.h"
#include "store/store.h"

namespace tend::revenue {

struct PortfolioAccount {
  store::AccountRecord account;
  AccountRevenue revenue;
};

// One day of the portfolio's ARR history: the ARR at the end of the day and the bridge of the
// changes on that day.
struct ArrDay {
  EpochDay day = 0;
  double arr = 0;
  ArrBridge bridge;
};

class Portfolio {
 public:
  // Groups the subscriptions and renewal edits by account (those of unknown accounts are
  // dropped); accounts in the given order.
  Portfolio(std::vector<store::AccountRecord> accounts,
            const std::vector<store::SubscriptionRecord>& subscriptions,
            const std::vector<store::RenewalRecord>& edits);

  const std::vector<PortfolioAccount>& accounts() const { return accounts_; }
  // The portfolio's (or, with `only`, some accounts') ARR history on the days [from, to].
  std::vector<ArrDay> History(EpochDay from, EpochDay to,
                              const std::vector<size_t>* only = nullptr) const;

 private:
  std::vector<PortfolioAccount> accounts_;
};

// Builds the groups from the store: accounts, subscriptions, renewal edits.
Result<Portfolio> LoadPortfolio(store::Store& store);

}  // namespace tend::revenue

#endif  // TEND_REVENUE_PORTFOLIO_H_
