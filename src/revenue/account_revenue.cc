#include "revenue/account_revenue.h"

#include <algorithm>

namespace tend::revenue {

AccountRevenue::AccountRevenue(const store::AccountRecord& account,
                               std::vector<store::SubscriptionRecord> subscriptions,
                               std::span<const store::RenewalRecord> edits)
    : csm_(account.csm),
      subscriptions_(std::move(subscriptions)),
      arr_(account, subscriptions_),
      column_arr_(account.arr) {
  for (const auto& e : edits) {
    for (const auto& s : subscriptions_) {
      if (s.subscription_id == e.subscription_id) {
        edits_.push_back(e);
        break;
      }
    }
  }
}

std::optional<double> AccountRevenue::Arr(EpochDay d) const {
  if (!arr_.derived()) return column_arr_;
  return arr_.On(d);
}

std::optional<double> AccountRevenue::ArrChange90d(EpochDay d) const {
  if (!arr_.derived()) return std::nullopt;
  return arr_.On(d) - arr_.On(d - 90);
}

std::optional<double> AccountRevenue::SeatsPurchased(EpochDay d) const {
  if (!arr_.derived()) return std::nullopt;
  return arr_.Seats(d);
}

const store::RenewalRecord* AccountRevenue::EditOf(const std::string& subscription_id) const {
  for (const auto& e : edits_) {
    if (e.subscription_id == subscription_id) return &e;
  }
  return nullptr;
}

std::optional<Renewal> AccountRevenue::NextRenewal(EpochDay d) const {
  const store::SubscriptionRecord* next = nullptr;
  for (const auto& s : subscriptions_) {
    if (s.start_date <= d && d < s.end_date && (!next || s.end_date < next->end_date)) next = &s;
  }
  if (!next) return std::nullopt;
  return DeriveRenewal(*next, subscriptions_, EditOf(next->subscription_id), csm_, d);
}

std::vector<Renewal> AccountRevenue::Renewals(EpochDay d) const {
  std::vector<Renewal> out;
  for (const auto& s : subscriptions_) {
    if (s.start_date > d) continue;
    out.push_back(DeriveRenewal(s, subscriptions_, EditOf(s.subscription_id), csm_, d));
  }
  std::stable_sort(out.begin(), out.end(), [](const Renewal& a, const Renewal& b) {
    return a.renewal_date < b.renewal_date;
  });
  return out;
}

}  // namespace tend::revenue
