#include "scorecard/dashboard.h"

#include <algorithm>

#include "common/cell.h"

namespace tend::scorecard {

void ColorCounts::Add(const std::string& color) {
  if (color == "red")
    ++red;
  else if (color == "yellow")
    ++yellow;
  else if (color == "green")
    ++green;
  else
    ++none;
}

Portfolio ComputePortfolio(HealthSession& s) {
  Portfolio p;
  if (auto sc = s.FindScorecard(""); sc.ok()) p.scorecard = (*sc)->name;
  const std::string& sc = p.scorecard;
  const auto& data = s.data();
  const auto& e = s.engine();
  p.as_of = e.as_of();
  const EpochDay as_of = p.as_of;
  const Column* color = sc.empty() ? nullptr : e.Find(sc + ".color");
  const Column* overall = sc.empty() ? nullptr : e.Find(sc + ".overall");
  const Column* change = sc.empty() ? nullptr : e.Find(sc + ".overall_change_7d");
  auto color_of = [&](size_t i) -> std::string {
    return color && !color->IsNull(i) ? color->text[i] : "none";
  };
  double predicted = 0;
  bool any_prediction = false;
  std::vector<size_t> renewals, drops;
  for (size_t i = 0; i < data.size(); ++i) {
    const auto& a = data.account(i);
    if (a.status != "active") continue;
    std::string col = color_of(i);
    p.all.Add(col);
    p.by_segment[a.segment].Add(col);
    p.by_csm[a.csm].Add(col);
    double arr = a.arr.value_or(0);
    p.arr_total += arr;
    if (col == "red") p.arr_red += arr;
    if (col == "yellow") p.arr_yellow += arr;
    if (auto pr = data.Prediction(0, i)) {
      predicted += arr * *pr;
      any_prediction = true;
    }
    if (a.renewal_date && *a.renewal_date >= as_of && *a.renewal_date - as_of <= 90) {
      renewals.push_back(i);
    }
    if (auto ch = NumberAt(change, i); ch && *ch < 0) drops.push_back(i);
  }
  if (any_prediction) p.predicted_arr_at_risk = predicted;
  std::sort(renewals.begin(), renewals.end(), [&](size_t x, size_t y) {
    return std::make_pair(*data.account(x).renewal_date, x) <
           std::make_pair(*data.account(y).renewal_date, y);
  });
  std::sort(drops.begin(), drops.end(),
            [&](size_t x, size_t y) { return *NumberAt(change, x) < *NumberAt(change, y); });
  auto account = [&](size_t i) {
    const auto& a = data.account(i);
    PortfolioAccount out;
    out.account_id = a.account_id;
    out.name = a.name;
    out.csm = a.csm;
    out.color = color_of(i);
    out.arr = a.arr;
    out.overall = NumberAt(overall, i);
    out.change_7d = NumberAt(change, i);
    out.renewal_date = a.renewal_date;
    if (a.renewal_date) out.days_to_renewal = *a.renewal_date - as_of;
    return out;
  };
  p.renewals_90d_total = renewals.size();
  for (size_t k = 0; k < renewals.size() && k < 100; ++k) p.renewals_90d.push_back(account(renewals[k]));
  for (size_t k = 0; k < drops.size() && k < 20; ++k) p.drops_7d.push_back(account(drops[k]));
  return p;
}

std::vector<store::DailySummaryRecord> DashboardTrend(
    std::vector<store::DailySummaryRecord> summaries, EpochDay as_of) {
  std::erase_if(summaries, [&](const store::DailySummaryRecord& d) { return d.day > as_of; });
  return summaries;
}

CtaTotals CountCtas(const std::vector<store::CtaCount>& counts) {
  CtaTotals t;
  for (const auto& k : counts) {
    t.by_type[k.type] += k.count;
    t.by_priority[k.priority] += k.count;
    t.total += k.count;
  }
  return t;
}

}  // namespace tend::scorecard
