#include "store/sqlite_revenue_store.h"

#include <string>

namespace tend::store {

namespace {

constexpr char kSubscriptionColumns[] =
    "subscription_id, account_id, product, plan, quantity, unit_price, arr, start_date, "
    "end_date, status";
constexpr char kPurchaseColumns[] = "purchase_id, account_id, ts, product, amount, kind";

SubscriptionRecord ReadSubscription(Stmt* s) {
  SubscriptionRecord r;
  r.subscription_id = s->Str(0);
  r.account_id = s->Str(1);
  r.product = s->Str(2);
  r.plan = s->Str(3);
  r.quantity = s->Double(4);
  r.unit_price = s->OptDouble(5);
  r.arr = s->Double(6);
  r.start_date = static_cast<EpochDay>(s->Int(7));
  r.end_date = static_cast<EpochDay>(s->Int(8));
  r.status = s->Str(9);
  return r;
}

PurchaseRecord ReadPurchase(Stmt* s) {
  PurchaseRecord r;
  r.purchase_id = s->Str(0);
  r.account_id = s->Str(1);
  r.ts = s->Int(2);
  r.product = s->Str(3);
  r.amount = s->Double(4);
  r.kind = s->Str(5);
  return r;
}

}  // namespace

Status SqliteRevenueStore::UpsertSubscription(const SubscriptionRecord& r) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s,
      db_->Prepare(std::string("INSERT INTO subscriptions (") + kSubscriptionColumns +
                   ") VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (subscription_id) DO UPDATE SET "
                   "account_id = excluded.account_id, product = excluded.product, plan = "
                   "excluded.plan, quantity = excluded.quantity, unit_price = "
                   "excluded.unit_price, arr = excluded.arr, start_date = excluded.start_date, "
                   "end_date = excluded.end_date, status = excluded.status"));
  s->Bind(1, r.subscription_id).Bind(2, r.account_id).Bind(3, r.product).BindTextOrNull(4, r.plan);
  s->Bind(5, r.quantity).Bind(6, r.unit_price).Bind(7, r.arr);
  s->Bind(8, static_cast<int64_t>(r.start_date)).Bind(9, static_cast<int64_t>(r.end_date));
  s->Bind(10, r.status);
  return s->Run();
}

Result<std::vector<SubscriptionRecord>> SqliteRevenueStore::LoadSubscriptions() {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kSubscriptionColumns +
                                               " FROM subscriptions ORDER BY account_id, "
                                               "start_date, subscription_id"));
  return ReadRows<SubscriptionRecord>(s, ReadSubscription);
}

Result<std::vector<SubscriptionRecord>> SqliteRevenueStore::ListSubscriptions(
    std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kSubscriptionColumns +
                                               " FROM subscriptions WHERE account_id = ? ORDER "
                                               "BY start_date, subscription_id"));
  s->Bind(1, account_id);
  return ReadRows<SubscriptionRecord>(s, ReadSubscription);
}

Status SqliteRevenueStore::UpsertPurchase(const PurchaseRecord& r) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s, db_->Prepare(std::string("INSERT INTO purchases (") + kPurchaseColumns +
                             ") VALUES (?,?,?,?,?,?) ON CONFLICT (purchase_id) DO UPDATE SET "
                             "account_id = excluded.account_id, ts = excluded.ts, product = "
                             "excluded.product, amount = excluded.amount, kind = excluded.kind"));
  s->Bind(1, r.purchase_id).Bind(2, r.account_id).Bind(3, r.ts).BindTextOrNull(4, r.product);
  s->Bind(5, r.amount).Bind(6, r.kind);
  return s->Run();
}

Result<std::vector<PurchaseRecord>> SqliteRevenueStore::LoadPurchases() {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kPurchaseColumns +
                                               " FROM purchases ORDER BY account_id, ts, "
                                               "purchase_id"));
  return ReadRows<PurchaseRecord>(s, ReadPurchase);
}

Result<std::vector<PurchaseRecord>> SqliteRevenueStore::ListPurchases(
    std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kPurchaseColumns +
                                               " FROM purchases WHERE account_id = ? ORDER BY "
                                               "ts, purchase_id"));
  s->Bind(1, account_id);
  return ReadRows<PurchaseRecord>(s, ReadPurchase);
}

Status SqliteRevenueStore::UpsertRenewal(const RenewalRecord& r) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s,
      db_->Prepare("INSERT INTO renewals (subscription_id, stage, owner, forecast, arr_at_stake, "
                   "notes, updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (subscription_id) DO "
                   "UPDATE SET stage = excluded.stage, owner = excluded.owner, forecast = "
                   "excluded.forecast, arr_at_stake = excluded.arr_at_stake, notes = "
                   "excluded.notes, updated_at = excluded.updated_at"));
  s->Bind(1, r.subscription_id).BindTextOrNull(2, r.stage).BindTextOrNull(3, r.owner);
  s->BindTextOrNull(4, r.forecast).Bind(5, r.arr_at_stake).BindTextOrNull(6, r.notes);
  s->Bind(7, r.updated_at);
  return s->Run();
}

Result<std::vector<RenewalRecord>> SqliteRevenueStore::LoadRenewals() {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("SELECT subscription_id, stage, owner, forecast, "
                                     "arr_at_stake, notes, updated_at FROM renewals ORDER BY "
                                     "subscription_id"));
  return ReadRows<RenewalRecord>(s, [](Stmt* s) {
    RenewalRecord r;
    r.subscription_id = s->Str(0);
    r.stage = s->Str(1);
    r.owner = s->Str(2);
    r.forecast = s->Str(3);
    r.arr_at_stake = s->OptDouble(4);
    r.notes = s->Str(5);
    r.updated_at = s->Int(6);
    return r;
  });
}

}  // namespace tend::store
