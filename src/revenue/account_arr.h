// AccountArr: one account's ARR on any day, derived from its subscription terms, or from the
// account's `arr` column when it has none (docs/revenue.md, "Derived ARR").
//
// A subscription counts its arr on the days [start_date, end_date). An account without
// subscriptions counts its arr column from its start_date (or always, when empty) up to the
// day before churned_on (or forever). Day-over-day changes are classified as the bridge:
// from 0 to more is new, from more to 0 is churn, up is expansion, down is contraction.
#ifndef TEND_REVENUE_ACCOUNT_ARR_H_
#define TEND_REVENUE_ACCOUNT_ARR_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/time.h"
#include "store/records.h"
#include "store/revenue_records.h"

namespace tend::revenue {

// One day's change of ARR, split into the bridge (each >= 0).
struct ArrBridge {
  double new_arr = 0, expansion = 0, contraction = 0, churn = 0;
  void Add(double before, double after);
  void operator+=(const ArrBridge& o);
};

class AccountArr {
 public:
  // `subscriptions` are the account's (any order); empty: the arr column counts.
  AccountArr(const store::AccountRecord& account,
             std::span<const store::SubscriptionRecord> subscriptions);

  // Whether the ARR comes from subscriptions.
  bool derived() const { return derived_; }
  // ARR on day `d`, in total or of one product ("" is the product of the arr column).
  double On(EpochDay d) const;
  double OnProduct(EpochDay d, std::string_view product) const;
  // The sum of quantity of the subscriptions that count on `d` (0 without subscriptions).
  double Seats(EpochDay d) const;
  // The earliest end_date >= d of a subscription that counts on `d`, or nullopt.
  std::optional<EpochDay> NextEnd(EpochDay d) const;
  // The products the account ever had, sorted, distinct.
  std::vector<std::string> Products() const;
  // The days on which the ARR may change (starts and ends), sorted, distinct.
  const std::vector<EpochDay>& ChangeDays() const { return change_days_; }
  // The bridge of the day-over-day changes on the days in (from, to].
  ArrBridge ChangesBetween(EpochDay from, EpochDay to) const;

 private:
  struct Term {
    std::string product;
    double arr, quantity;
    EpochDay start, end;  // [start, end)
  };
  bool derived_ = false;
  std::vector<Term> terms_;
  std::vector<EpochDay> change_days_;
};

}  // namespace tend::revenue

#endif  // TEND_REVENUE_ACCOUNT_ARR_H_
