#include "revenue/portfolio.h"

#include <map>

namespace tend::revenue {

Portfolio::Portfolio(std::vector<store::AccountRecord> accounts,
                     const std::vector<store::SubscriptionRecord>& subscriptions,
                     const std::vector<store::RenewalRecord>& edits) {
  std::map<std::string, std::vector<store::SubscriptionRecord>, std::less<>> by_account;
  for (const auto& s : subscriptions) by_account[s.account_id].push_back(s);
  accounts_.reserve(accounts.size());
  for (auto& a : accounts) {
    std::vector<store::SubscriptionRecord> subs;
    if (auto it = by_account.find(a.account_id); it != by_account.end()) subs = it->second;
    AccountRevenue rev(a, std::move(subs), edits);
    accounts_.push_back({std::move(a), std::move(rev)});
  }
}

std::vector<ArrDay> Portfolio::History(EpochDay from, EpochDay to,
                                       const std::vector<size_t>* only) const {
  std::vector<ArrDay> days;
  if (to < from) return days;
  days.resize(static_cast<size_t>(to - from + 1));
  for (size_t k = 0; k < days.size(); ++k) days[k].day = from + static_cast<EpochDay>(k);
  auto add = [&](const AccountArr& arr) {
    double level = arr.On(from);
    days[0].arr += level;
    for (EpochDay d : arr.ChangeDays()) {
      if (d <= from || d > to) continue;
      double before = arr.On(d - 1), after = arr.On(d);
      days[static_cast<size_t>(d - from)].bridge.Add(before, after);
    }
  };
  if (only) {
    for (size_t i : *only) add(accounts_[i].revenue.arr());
  } else {
    for (const auto& pa : accounts_) add(pa.revenue.arr());
  }
  // The level of each day is the previous level plus that day's net change.
  for (size_t k = 1; k < days.size(); ++k) {
    const ArrBridge& b = days[k].bridge;
    days[k].arr = days[k - 1].arr + b.new_arr + b.expansion - b.contraction - b.churn;
  }
  return days;
}

Result<Portfolio> LoadPortfolio(store::Store& store) {
  TEND_ASSIGN_OR_RETURN(auto accounts, store.LoadAccounts());
  TEND_ASSIGN_OR_RETURN(auto subscriptions, store.LoadSubscriptions());
  TEND_ASSIGN_OR_RETURN(auto edits, store.LoadRenewals());
  return Portfolio(std::move(accounts), subscriptions, edits);
}

}  // namespace tend::revenue
