#include "generate/revenue_plan.h"

#include <algorithm>
#include <cmath>

namespace tend::generate {

namespace {
constexpr EpochMs kMsPerDay = 86'400'000;
constexpr EpochMs kPurchaseHour = 10 * 3'600'000;
}  // namespace

void PlanRevenue(const RevenueAccount& a, Rng& rng, std::vector<PlannedSubscription>* subs,
                 std::vector<PlannedPurchase>* purchases) {
  const bool churned = a.churned_on != 0;
  const EpochDay last_day = churned ? a.churned_on - 1 : a.end_day;  // last day with ARR
  // Terms: [anniversary k, anniversary k+1) for each that starts on or before last_day.
  size_t terms = 0;
  while (terms + 1 < a.anniversaries.size() && a.anniversaries[terms] <= last_day) ++terms;
  if (terms == 0) return;
  const int64_t unit = std::max<int64_t>(1, a.arr_cents / std::max(1, a.users));

  // Seats per term, from the last one back.
  std::vector<int64_t> seats(terms);
  seats[terms - 1] = std::max(1, a.users);
  for (size_t k = terms - 1; k-- > 0;) {
    int64_t next = seats[k + 1];
    double f = 1.0;
    if (a.trajectory == 1) f = rng.Uniform(0.7, 0.9);
    if (a.trajectory == 2 && k + 2 == terms) f = 1.0 / rng.Uniform(0.75, 0.9);
    if (a.trajectory == 0 && rng.Chance(0.2)) f = rng.Uniform(0.9, 1.1);
    seats[k] = std::max<int64_t>(1, std::llround(static_cast<double>(next) * f));
  }

  // A growing account may buy an add-on in its current term.
  const EpochDay current_start = a.anniversaries[terms - 1];
  int64_t add_on_arr = 0;
  PlannedSubscription add_on;
  if (a.trajectory == 1 && !churned && a.end_day - current_start > 45 && rng.Chance(0.5)) {
    add_on.account = a.account;
    add_on.add_on = true;
    add_on.quantity = std::max<int64_t>(1, seats[terms - 1] / 5);
    add_on.unit_price_cents = std::max<int64_t>(1, unit / 4);
    add_on.arr_cents = add_on.quantity * add_on.unit_price_cents;
    add_on.start = static_cast<EpochDay>(
        rng.Between(current_start + 30, std::min<int64_t>(a.end_day, current_start + 300)));
    add_on.end = a.anniversaries[terms];
    add_on.status = "active";
    if (add_on.arr_cents < a.arr_cents / 2) add_on_arr = add_on.arr_cents;
  }

  const size_t first_purchase = purchases->size();
  auto buy = [&](EpochDay day, int64_t cents, std::string_view kind, bool on) {
    purchases->push_back({a.account, on, day * kMsPerDay + kPurchaseHour, cents, kind});
  };
  int64_t previous = 0;
  for (size_t k = 0; k < terms; ++k) {
    PlannedSubscription s;
    s.account = a.account;
    s.quantity = seats[k];
    s.unit_price_cents = unit;
    s.arr_cents = k + 1 == terms ? a.arr_cents - add_on_arr : seats[k] * unit;
    s.start = a.anniversaries[k];
    s.end = a.anniversaries[k + 1];
    s.status = "expired";
    if (k + 1 == terms) {
      if (!churned) {
        s.status = "active";
      } else if (a.churned_on < s.end) {
        s.end = a.churned_on;
        s.status = "cancelled";
      }
    }
    subs->push_back(s);
    if (k == 0) {
      buy(s.start, s.arr_cents, "new", false);
      if (rng.Chance(0.3)) buy(s.start, rng.Between(2'000, 8'000) * 100, "one_time", false);
    } else {
      buy(s.start, std::min(previous, s.arr_cents), "renewal", false);
      if (s.arr_cents > previous) buy(s.start, s.arr_cents - previous, "expansion", false);
      if (s.arr_cents < previous) buy(s.start, previous - s.arr_cents, "contraction", false);
    }
    if (s.status == "cancelled" && rng.Chance(0.5)) {
      const double left = static_cast<double>(a.anniversaries[k + 1] - s.end) / 365.0;
      buy(s.end, -std::llround(static_cast<double>(s.arr_cents) * left), "refund", false);
    }
    previous = s.arr_cents;
  }
  if (add_on_arr > 0) {
    subs->push_back(add_on);
    buy(add_on.start, add_on.arr_cents, "expansion", true);
  }
  std::stable_sort(purchases->begin() + static_cast<std::ptrdiff_t>(first_purchase),
                   purchases->end(),
                   [](const PlannedPurchase& x, const PlannedPurchase& y) { return x.ts < y.ts; });
}

}  // namespace tend::generate
