// RevenueStore: the durable state of the revenue domain (subscriptions, purchases, renewal
// edits). Store (store.h) inherits it; domain code in revenue/ takes a RevenueStore& so its
// tests can use an in-memory fake. Failures as in store.h.
#ifndef TEND_STORE_REVENUE_STORE_H_
#define TEND_STORE_REVENUE_STORE_H_

#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/revenue_records.h"

namespace tend::store {

class RevenueStore {
 public:
  virtual ~RevenueStore() = default;

  // Upserts by subscription_id. REQUIRES: the account exists.
  virtual Status UpsertSubscription(const SubscriptionRecord& subscription) = 0;
  // All subscriptions ordered by account_id, start_date, subscription_id; or one account's.
  virtual Result<std::vector<SubscriptionRecord>> LoadSubscriptions() = 0;
  virtual Result<std::vector<SubscriptionRecord>> ListSubscriptions(
      std::string_view account_id) = 0;

  // Upserts by purchase_id. REQUIRES: the account exists.
  virtual Status UpsertPurchase(const PurchaseRecord& purchase) = 0;
  // All purchases ordered by account_id, ts, purchase_id; or one account's.
  virtual Result<std::vector<PurchaseRecord>> LoadPurchases() = 0;
  virtual Result<std::vector<PurchaseRecord>> ListPurchases(std::string_view account_id) = 0;

  // Upserts the edits of one renewal by subscription_id. REQUIRES: the subscription exists.
  virtual Status UpsertRenewal(const RenewalRecord& renewal) = 0;
  // Every renewal edit, by subscription_id.
  virtual Result<std::vector<RenewalRecord>> LoadRenewals() = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_REVENUE_STORE_H_
