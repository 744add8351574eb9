// PgStore's RevenueStore: subscriptions, purchases and renewal edits (as sqlite_revenue_store.cc).
#include <string>

#include "store/pg_rows.h"
#include "store/pg_store_impl.h"

namespace tend::store {

using pg::BindAll;
using pg::OrNull;

namespace {

constexpr const char* kSubscriptionCols =
    "subscription_id, account_id, product, plan, quantity, unit_price, arr, start_date, "
    "end_date, status";
constexpr const char* kPurchaseCols = "purchase_id, account_id, ts, product, amount, kind";
constexpr const char* kRenewalCols =
    "subscription_id, stage, owner, forecast, arr_at_stake, notes, updated_at";

SubscriptionRecord ReadSubscription(PgStmt* s) {
  return SubscriptionRecord{s->Str(0),       s->Str(1),
                            s->Str(2),       s->Str(3),
                            s->Double(4),    s->OptDouble(5),
                            s->Double(6),    static_cast<EpochDay>(s->Int(7)),
                            static_cast<EpochDay>(s->Int(8)), s->Str(9)};
}

PurchaseRecord ReadPurchase(PgStmt* s) {
  return PurchaseRecord{s->Str(0), s->Str(1), s->Int(2), s->Str(3), s->Double(4), s->Str(5)};
}

RenewalRecord ReadRenewal(PgStmt* s) {
  return RenewalRecord{s->Str(0),       s->Str(1), s->Str(2), s->Str(3),
                       s->OptDouble(4), s->Str(5), s->Int(6)};
}

}  // namespace

Status PgStore::UpsertSubscription(const SubscriptionRecord& r) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("subscriptions", kSubscriptionCols,
                                                               "subscription_id")));
  return BindAll(s, r.subscription_id, r.account_id, r.product, OrNull{r.plan}, r.quantity,
                 r.unit_price, r.arr, r.start_date, r.end_date, r.status)
      ->Run();
}

Result<std::vector<SubscriptionRecord>> PgStore::LoadSubscriptions() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s,
                        db_->Prepare(pg::SelectSql(kSubscriptionCols,
                                                   "subscriptions ORDER BY account_id, "
                                                   "start_date, subscription_id")));
  return pg::Rows<SubscriptionRecord>(s, ReadSubscription);
}

Result<std::vector<SubscriptionRecord>> PgStore::ListSubscriptions(std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s,
                        db_->Prepare(pg::SelectSql(kSubscriptionCols,
                                                   "subscriptions WHERE account_id = $1 ORDER "
                                                   "BY start_date, subscription_id")));
  return pg::Rows<SubscriptionRecord>(BindAll(s, account_id), ReadSubscription);
}

Status PgStore::UpsertPurchase(const PurchaseRecord& r) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s,
                        db_->Prepare(pg::InsertSql("purchases", kPurchaseCols, "purchase_id")));
  return BindAll(s, r.purchase_id, r.account_id, r.ts, OrNull{r.product}, r.amount, r.kind)
      ->Run();
}

Result<std::vector<PurchaseRecord>> PgStore::LoadPurchases() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s,
                        db_->Prepare(pg::SelectSql(kPurchaseCols, "purchases ORDER BY account_id, "
                                                                  "ts, purchase_id")));
  return pg::Rows<PurchaseRecord>(s, ReadPurchase);
}

Result<std::vector<PurchaseRecord>> PgStore::ListPurchases(std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s,
                        db_->Prepare(pg::SelectSql(kPurchaseCols, "purchases WHERE account_id = "
                                                                  "$1 ORDER BY ts, purchase_id")));
  return pg::Rows<PurchaseRecord>(BindAll(s, account_id), ReadPurchase);
}

Status PgStore::UpsertRenewal(const RenewalRecord& r) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s,
                        db_->Prepare(pg::InsertSql("renewals", kRenewalCols, "subscription_id")));
  return BindAll(s, r.subscription_id, OrNull{r.stage}, OrNull{r.owner}, OrNull{r.forecast},
                 r.arr_at_stake, OrNull{r.notes}, r.updated_at)
      ->Run();
}

Result<std::vector<RenewalRecord>> PgStore::LoadRenewals() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::SelectSql(kRenewalCols, "renewals ORDER BY "
                                                                             "subscription_id")));
  return pg::Rows<RenewalRecord>(s, ReadRenewal);
}

}  // namespace tend::store
