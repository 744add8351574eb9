#include "revenue/checks.h"

namespace tend::revenue {

std::vector<FieldProblem> CheckSubscription(const store::SubscriptionRecord& s) {
  std::vector<FieldProblem> out;
  if (s.quantity < 0) out.push_back({"quantity", "must not be negative"});
  if (s.unit_price && *s.unit_price < 0) out.push_back({"unit_price", "must not be negative"});
  if (s.arr < 0) out.push_back({"arr", "must not be negative"});
  if (s.end_date <= s.start_date) out.push_back({"end_date", "must be after start_date"});
  if (!InList(s.status, kSubscriptionStatuses)) {
    out.push_back({"status", "\"" + s.status + "\" is not one of " +
                                 EnumList(kSubscriptionStatuses)});
  }
  return out;
}

std::vector<FieldProblem> CheckPurchase(const store::PurchaseRecord& p) {
  std::vector<FieldProblem> out;
  if (!InList(p.kind, kPurchaseKinds)) {
    out.push_back({"kind", "\"" + p.kind + "\" is not one of " + EnumList(kPurchaseKinds)});
  } else if (p.kind != "refund" && p.amount < 0) {
    out.push_back({"amount", "must not be negative (unless kind is refund)"});
  }
  return out;
}

}  // namespace tend::revenue
