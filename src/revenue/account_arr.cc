#include "revenue/account_arr.h"

#include <algorithm>
#include <limits>

namespace tend::revenue {

void ArrBridge::Add(double before, double after) {
  if (before <= 0 && after > 0) {
    new_arr += after;
  } else if (before > 0 && after <= 0) {
    churn += before;
  } else if (after > before) {
    expansion += after - before;
  } else if (after < before) {
    contraction += before - after;
  }
}

void ArrBridge::operator+=(const ArrBridge& o) {
  new_arr += o.new_arr;
  expansion += o.expansion;
  contraction += o.contraction;
  churn += o.churn;
}

AccountArr::AccountArr(const store::AccountRecord& account,
                       std::span<const store::SubscriptionRecord> subscriptions) {
  constexpr EpochDay kMin = std::numeric_limits<EpochDay>::min();
  constexpr EpochDay kMax = std::numeric_limits<EpochDay>::max();
  derived_ = !subscriptions.empty();
  if (derived_) {
    for (const auto& s : subscriptions) {
      terms_.push_back({s.product, s.arr, s.quantity, s.start_date, s.end_date});
    }
  } else if (account.arr && *account.arr > 0) {
    terms_.push_back({"", *account.arr, 0, account.start_date.value_or(kMin),
                      account.churned_on.value_or(kMax)});
  }
  for (const Term& t : terms_) {
    if (t.start != kMin) change_days_.push_back(t.start);
    if (t.end != kMax) change_days_.push_back(t.end);
  }
  std::sort(change_days_.begin(), change_days_.end());
  change_days_.erase(std::unique(change_days_.begin(), change_days_.end()), change_days_.end());
}

double AccountArr::On(EpochDay d) const {
  double sum = 0;
  for (const Term& t : terms_) {
    if (t.start <= d && d < t.end) sum += t.arr;
  }
  return sum;
}

double AccountArr::OnProduct(EpochDay d, std::string_view product) const {
  double sum = 0;
  for (const Term& t : terms_) {
    if (t.product == product && t.start <= d && d < t.end) sum += t.arr;
  }
  return sum;
}

double AccountArr::Seats(EpochDay d) const {
  double sum = 0;
  for (const Term& t : terms_) {
    if (t.start <= d && d < t.end) sum += t.quantity;
  }
  return sum;
}

std::optional<EpochDay> AccountArr::NextEnd(EpochDay d) const {
  if (!derived_) return std::nullopt;
  std::optional<EpochDay> best;
  for (const Term& t : terms_) {
    if (t.start <= d && d < t.end && (!best || t.end < *best)) best = t.end;
  }
  return best;
}

std::vector<std::string> AccountArr::Products() const {
  std::vector<std::string> out;
  for (const Term& t : terms_) out.push_back(t.product);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

ArrBridge AccountArr::ChangesBetween(EpochDay from, EpochDay to) const {
  ArrBridge b;
  auto it = std::upper_bound(change_days_.begin(), change_days_.end(), from);
  for (; it != change_days_.end() && *it <= to; ++it) b.Add(On(*it - 1), On(*it));
  return b;
}

}  // namespace tend::revenue
