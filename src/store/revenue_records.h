// The records of the revenue domain (see revenue_store.h): subscriptions, purchases and the
// editable part of renewals. Amounts are in the workspace currency (docs/revenue.md), days are
// EpochDay, times EpochMs.
#ifndef TEND_STORE_REVENUE_RECORDS_H_
#define TEND_STORE_REVENUE_RECORDS_H_

#include <optional>
#include <string>

#include "common/time.h"

namespace tend::store {

// One subscription term: `arr` counts on the days [start_date, end_date) (end exclusive, so a
// renewal starting on end_date is contiguous). status active|cancelled|expired.
struct SubscriptionRecord {
  std::string subscription_id, account_id, product, plan;
  double quantity = 0;
  std::optional<double> unit_price;
  double arr = 0;
  EpochDay start_date = 0, end_date = 0;
  std::string status = "active";
};

// One order or invoice line. kind new|renewal|expansion|contraction|one_time|refund.
struct PurchaseRecord {
  std::string purchase_id, account_id;
  EpochMs ts = 0;
  std::string product;
  double amount = 0;
  std::string kind;
};

// What people set on the renewal of a subscription (its end date); the renewal itself is
// derived (revenue/renewals.h). Empty / nullopt fields mean "not set: use the derived value".
// stage upcoming|in_progress|renewed|churned|downsell; forecast commit|best_case|at_risk.
struct RenewalRecord {
  std::string subscription_id;
  std::string stage, owner, forecast;
  std::optional<double> arr_at_stake;
  std::string notes;
  EpochMs updated_at = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_REVENUE_RECORDS_H_
