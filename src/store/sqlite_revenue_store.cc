// SqliteStore's RevenueStore: subscriptions, purchases and renewal edits.
#include <string>

#include "store/sqlite_row.h"
#include "store/sqlite_store_impl.h"

namespace tend::store {

namespace {

const RowMap<SubscriptionRecord>& Subscriptions() {
  using R = SubscriptionRecord;
  static const RowMap<R> m("subscriptions",
                           {Col<&R::subscription_id>("subscription_id"),
                            Col<&R::account_id>("account_id"), Col<&R::product>("product"),
                            TextOrNull<&R::plan>("plan"), Col<&R::quantity>("quantity"),
                            Col<&R::unit_price>("unit_price"), Col<&R::arr>("arr"),
                            Col<&R::start_date>("start_date"), Col<&R::end_date>("end_date"),
                            Col<&R::status>("status")});
  return m;
}

const RowMap<PurchaseRecord>& Purchases() {
  using R = PurchaseRecord;
  static const RowMap<R> m("purchases",
                           {Col<&R::purchase_id>("purchase_id"), Col<&R::account_id>("account_id"),
                            Col<&R::ts>("ts"), TextOrNull<&R::product>("product"),
                            Col<&R::amount>("amount"), Col<&R::kind>("kind")});
  return m;
}

const RowMap<RenewalRecord>& Renewals() {
  using R = RenewalRecord;
  static const RowMap<R> m(
      "renewals", {Col<&R::subscription_id>("subscription_id"), TextOrNull<&R::stage>("stage"),
                   TextOrNull<&R::owner>("owner"), TextOrNull<&R::forecast>("forecast"),
                   Col<&R::arr_at_stake>("arr_at_stake"), TextOrNull<&R::notes>("notes"),
                   Col<&R::updated_at>("updated_at")});
  return m;
}

}  // namespace

Status SqliteStore::UpsertSubscription(const SubscriptionRecord& r) {
  static const std::string kSql = Subscriptions().Upsert("subscription_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Subscriptions().Bind(*s, r);
  return s->Run();
}

Result<std::vector<SubscriptionRecord>> SqliteStore::LoadSubscriptions() {
  static const std::string kSql =
      Subscriptions().Select() + " ORDER BY account_id, start_date, subscription_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return ReadAll(s, Subscriptions());
}

Result<std::vector<SubscriptionRecord>> SqliteStore::ListSubscriptions(
    std::string_view account_id) {
  static const std::string kSql =
      Subscriptions().Select() + " WHERE account_id = ? ORDER BY start_date, subscription_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, account_id);
  return ReadAll(s, Subscriptions());
}

Status SqliteStore::UpsertPurchase(const PurchaseRecord& r) {
  static const std::string kSql = Purchases().Upsert("purchase_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Purchases().Bind(*s, r);
  return s->Run();
}

Result<std::vector<PurchaseRecord>> SqliteStore::LoadPurchases() {
  static const std::string kSql = Purchases().Select() + " ORDER BY account_id, ts, purchase_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return ReadAll(s, Purchases());
}

Result<std::vector<PurchaseRecord>> SqliteStore::ListPurchases(std::string_view account_id) {
  static const std::string kSql =
      Purchases().Select() + " WHERE account_id = ? ORDER BY ts, purchase_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, account_id);
  return ReadAll(s, Purchases());
}

Status SqliteStore::UpsertRenewal(const RenewalRecord& r) {
  static const std::string kSql = Renewals().Upsert("subscription_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Renewals().Bind(*s, r);
  return s->Run();
}

Result<std::vector<RenewalRecord>> SqliteStore::LoadRenewals() {
  static const std::string kSql = Renewals().Select() + " ORDER BY subscription_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return ReadAll(s, Renewals());
}

}  // namespace tend::store
