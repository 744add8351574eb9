// SqliteRevenueStore: the SQLite implementation of RevenueStore over one connection, used by
// SqliteStore (which forwards its RevenueStore methods here). Internal to store/.
#ifndef TEND_STORE_SQLITE_REVENUE_STORE_H_
#define TEND_STORE_SQLITE_REVENUE_STORE_H_

#include "store/revenue_store.h"
#include "store/sqlite_db.h"

namespace tend::store {

class SqliteRevenueStore final : public RevenueStore {
 public:
  // REQUIRES: `db` outlives this object.
  explicit SqliteRevenueStore(SqliteDb* db) : db_(db) {}

  Status UpsertSubscription(const SubscriptionRecord& subscription) override;
  Result<std::vector<SubscriptionRecord>> LoadSubscriptions() override;
  Result<std::vector<SubscriptionRecord>> ListSubscriptions(std::string_view account_id) override;
  Status UpsertPurchase(const PurchaseRecord& purchase) override;
  Result<std::vector<PurchaseRecord>> LoadPurchases() override;
  Result<std::vector<PurchaseRecord>> ListPurchases(std::string_view account_id) override;
  Status UpsertRenewal(const RenewalRecord& renewal) override;
  Result<std::vector<RenewalRecord>> LoadRenewals() override;

 private:
  SqliteDb* db_;
};

}  // namespace tend::store

#endif  // TEND_STORE_SQLITE_REVENUE_STORE_H_
