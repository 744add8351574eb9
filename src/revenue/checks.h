// The rules a subscription or purchase must keep, shared by the CSV importer and the API
// (docs/formats.md, subscriptions.csv and purchases.csv). Each problem names its field.
#ifndef TEND_REVENUE_CHECKS_H_
#define TEND_REVENUE_CHECKS_H_

#include <string>
#include <string_view>
#include <vector>

#include "store/revenue_records.h"

namespace tend::revenue {

struct FieldProblem {
  std::string field, what;
};

inline constexpr std::string_view kSubscriptionStatuses[] = {"active", "cancelled", "expired"};
inline constexpr std::string_view kPurchaseKinds[] = {"new",         "renewal",  "expansion",
                                                      "contraction", "one_time", "refund"};

// quantity >= 0, unit_price >= 0, arr >= 0, end_date after start_date, status in its enum.
// (Ids, the account and the parsing of each field are the caller's.)
std::vector<FieldProblem> CheckSubscription(const store::SubscriptionRecord& s);
// kind in its enum; a refund's amount may be negative, any other's must not be.
std::vector<FieldProblem> CheckPurchase(const store::PurchaseRecord& p);

// Whether `s` is one of `list`.
template <size_t N>
bool InList(std::string_view s, const std::string_view (&list)[N]) {
  for (std::string_view v : list) {
    if (v == s) return true;
  }
  return false;
}

// "a|b|c" of an enum list.
template <size_t N>
std::string EnumList(const std::string_view (&list)[N]) {
  std::string out;
  for (std::string_view v : list) out += (out.empty() ? "" : "|") + std::string(v);
  return out;
}

}  // namespace tend::revenue

#endif  // TEND_REVENUE_CHECKS_H_
