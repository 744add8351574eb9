// AccountRevenue: one account's revenue facts as the expression names see them
// (definitions/attributes.h): ARR, its change, seats, the next renewal.
#ifndef TEND_REVENUE_ACCOUNT_REVENUE_H_
#define TEND_REVENUE_ACCOUNT_REVENUE_H_

#include <optional>
#include <string>
#include <vector>

#include "revenue/account_arr.h"
#include "revenue/renewals.h"

namespace tend::revenue {

class AccountRevenue {
 public:
  // `subscriptions` are the account's; `edits` any renewal edits (others are ignored).
  AccountRevenue(const store::AccountRecord& account,
                 std::vector<store::SubscriptionRecord> subscriptions,
                 std::span<const store::RenewalRecord> edits);

  const AccountArr& arr() const { return arr_; }
  const std::vector<store::SubscriptionRecord>& subscriptions() const { return subscriptions_; }

  // `arr` on day d: derived from subscriptions when the account has any, else the column.
  std::optional<double> Arr(EpochDay d) const;
  // ARR(d) - ARR(d - 90) (derived ARR; NULL without subscriptions).
  std::optional<double> ArrChange90d(EpochDay d) const;
  // The bridge's expansion / contraction on the days in (d - 365, d].
  double ExpansionArr365d(EpochDay d) const { return arr_.ChangesBetween(d - 365, d).expansion; }
  double ContractionArr365d(EpochDay d) const {
    return arr_.ChangesBetween(d - 365, d).contraction;
  }
  // The sum of quantity of the subscriptions that count on d; NULL without subscriptions.
  std::optional<double> SeatsPurchased(EpochDay d) const;
  // The next renewal as of d: the subscription counting on d that ends first; nullopt when none.
  std::optional<Renewal> NextRenewal(EpochDay d) const;
  // Every subscription's renewal as of d, by renewal date.
  std::vector<Renewal> Renewals(EpochDay d) const;

 private:
  const store::RenewalRecord* EditOf(const std::string& subscription_id) const;

  std::string csm_;
  std::vector<store::SubscriptionRecord> subscriptions_;
  std::vector<store::RenewalRecord> edits_;
  AccountArr arr_;
  std::optional<double> column_arr_;
};

}  // namespace tend::revenue

#endif  // TEND_REVENUE_ACCOUNT_REVENUE_H_
