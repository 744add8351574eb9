#include "revenue/retention.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace tend::revenue {

namespace {

// How a unit with ARR s on the starting day and e on the ending day moved (the one
// classification behind both the figures and the accounts behind them).
Movement Classify(double s, double e) {
  if (s <= 0) return Movement::kNew;
  if (e <= 0) return Movement::kChurned;
  if (e < s) return Movement::kContraction;
  if (e > s) return Movement::kExpansion;
  return Movement::kUnchanged;
}

// Adds one unit with ARR s on the starting day and e on the ending day.
void AddUnit(double s, double e, RetentionFigures* f) {
  f->ending_arr += e;
  const Movement m = Classify(s, e);
  if (m == Movement::kNew) {
    f->new_arr += e;
    return;
  }
  f->starting_arr += s;
  ++f->starting_units;
  if (m == Movement::kChurned) {
    f->churned_arr += s;
    return;
  }
  ++f->retained_units;
  if (m == Movement::kContraction) f->contraction_arr += s - e;
  if (m == Movement::kExpansion) f->expansion_arr += e - s;
}

void FinishRatios(RetentionFigures* f) {
  if (f->starting_arr <= 0 || f->starting_units == 0) return;
  double kept = f->starting_arr - f->churned_arr - f->contraction_arr;
  f->grr = kept / f->starting_arr;
  f->nrr = (kept + f->expansion_arr) / f->starting_arr;
  f->logo_retention =
      static_cast<double>(f->retained_units) / static_cast<double>(f->starting_units);
}

std::string Label(const std::string& v) { return v.empty() ? std::string(kNoGroup) : v; }

constexpr std::string_view kMovementNames[] = {"new", "expansion", "contraction", "churned",
                                               "unchanged"};

}  // namespace

std::string_view MovementName(Movement m) { return kMovementNames[static_cast<int>(m)]; }

std::optional<Movement> ParseMovement(std::string_view s) {
  for (size_t k = 0; k < std::size(kMovementNames); ++k) {
    if (kMovementNames[k] == s) return static_cast<Movement>(k);
  }
  return std::nullopt;
}

std::vector<AccountMovement> AccountsMoved(const Portfolio& portfolio, EpochDay as_of,
                                           Movement movement, int window_days) {
  std::vector<AccountMovement> out;
  const EpochDay start = as_of - window_days;
  const auto& accounts = portfolio.accounts();
  for (size_t i = 0; i < accounts.size(); ++i) {
    const AccountArr& arr = accounts[i].revenue.arr();
    const double s = arr.On(start), e = arr.On(as_of);
    if (s <= 0 && e <= 0) continue;
    AccountMovement m{i, Classify(s, e), s, e, 0};
    if (m.movement != movement) continue;
    m.amount = m.movement == Movement::kNew       ? e
               : m.movement == Movement::kChurned ? s
                                                  : std::abs(e - s);
    out.push_back(m);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.amount > b.amount; });
  return out;
}

std::optional<GroupBy> ParseGroupBy(std::string_view s) {
  if (s == "segment") return GroupBy::kSegment;
  if (s == "csm") return GroupBy::kCsm;
  if (s == "region") return GroupBy::kRegion;
  if (s == "product") return GroupBy::kProduct;
  return std::nullopt;
}

bool IsMonth(std::string_view s) {
  return s.size() == 7 && s[4] == '-' && ParseDate(std::string(s) + "-01").has_value();
}

RetentionFigures Retention(const Portfolio& portfolio, EpochDay as_of, int window_days,
                           std::string_view cohort_month) {
  auto by = RetentionBy(portfolio, as_of, GroupBy::kNone, window_days, cohort_month);
  return by.empty() ? RetentionFigures{} : by.begin()->second;
}

std::map<std::string, RetentionFigures> RetentionBy(const Portfolio& portfolio, EpochDay as_of,
                                                    GroupBy by, int window_days,
                                                    std::string_view cohort_month) {
  std::map<std::string, RetentionFigures> out;
  const EpochDay start = as_of - window_days;
  if (by == GroupBy::kNone) out[""];
  for (const auto& pa : portfolio.accounts()) {
    if (!cohort_month.empty() &&
        !(pa.account.start_date && FormatDate(*pa.account.start_date).substr(0, 7) == cohort_month))
      continue;
    const AccountArr& arr = pa.revenue.arr();
    if (by == GroupBy::kProduct) {
      for (const std::string& p : arr.Products()) {
        AddUnit(arr.OnProduct(start, p), arr.OnProduct(as_of, p), &out[Label(p)]);
      }
      continue;
    }
    const store::AccountRecord& a = pa.account;
    const std::string key = by == GroupBy::kSegment ? Label(a.segment)
                            : by == GroupBy::kCsm   ? Label(a.csm)
                            : by == GroupBy::kRegion ? Label(a.region)
                                                     : std::string();
    AddUnit(arr.On(start), arr.On(as_of), &out[key]);
  }
  for (auto& [k, f] : out) FinishRatios(&f);
  return out;
}

}  // namespace tend::revenue
