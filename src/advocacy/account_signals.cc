#include "advocacy/account_signals.h"

#include <algorithm>

#include "metrics/metric_eval.h"

namespace tend::advocacy {

namespace {

// Percentile ranks (0..1, ties share the lower rank) of `values` among themselves.
std::vector<double> PercentileRanks(const std::vector<double>& values) {
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> out(values.size(), 0);
  if (values.size() < 2) return out;
  for (size_t i = 0; i < values.size(); ++i) {
    auto lo = std::lower_bound(sorted.begin(), sorted.end(), values[i]);
    out[i] = static_cast<double>(lo - sorted.begin()) / static_cast<double>(values.size() - 1);
  }
  return out;
}

}  // namespace

Result<Signals> Signals::Build(scorecard::HealthSession& session, store::Store& store) {
  Signals out;
  const auto& data = session.data();
  auto& engine = session.engine();
  out.as_of_ = engine.as_of();
  const EpochDay d = out.as_of_;
  std::string sc;
  if (auto s = session.FindScorecard(""); s.ok()) sc = (*s)->name;
  const Column* color = sc.empty() ? nullptr : engine.Find(sc + ".color");
  const Column* overall = sc.empty() ? nullptr : engine.Find(sc + ".overall");

  metrics::MetricDef features_def;
  features_def.name = "advocacy_features_30d";
  features_def.kind = metrics::MetricKind::kDistinctFeatures;
  features_def.window = 30;
  metrics::MetricDef users_def = features_def;
  users_def.name = "advocacy_users_30d";
  users_def.kind = metrics::MetricKind::kDistinctUsers;
  metrics::CompiledMetric features(features_def, data), users(users_def, data);

  std::vector<size_t> active;
  std::vector<double> f, u, arr;
  for (size_t i = 0; i < data.size(); ++i) {
    const auto& a = data.account(i);
    AccountSignals& s = out.by_id_[a.account_id];
    s.account = a;
    if (color && i < color->size() && !color->IsNull(i)) s.color = color->text[i];
    if (overall && i < overall->size() && !overall->IsNull(i)) s.overall = overall->num[i];
    s.churn_risk = data.Prediction(0, i);
    s.features_30d = features.Compute(data, i, d).value_or(0);
    s.users_30d = users.Compute(data, i, d).value_or(0);
    if (a.start_date) s.tenure_days = d - *a.start_date;
    if (a.status == "active") {
      active.push_back(i);
      f.push_back(s.features_30d);
      u.push_back(s.users_30d);
      arr.push_back(a.arr.value_or(0));
    }
  }
  const auto fp = PercentileRanks(f), up = PercentileRanks(u), ap = PercentileRanks(arr);
  for (size_t k = 0; k < active.size(); ++k) {
    AccountSignals& s = out.by_id_[data.account(active[k]).account_id];
    s.usage_percentile = (fp[k] + up[k]) / 2;
    s.arr_percentile = ap[k];
  }

  store::CtaFilter filter;
  filter.statuses = {"open", "in_progress"};
  TEND_ASSIGN_OR_RETURN(auto ctas, store.ListCtas(filter));
  for (const auto& c : ctas) {
    if (c.type != "risk") continue;
    auto it = out.by_id_.find(c.account_id);
    if (it != out.by_id_.end() && it->second.open_risk_cta.empty()) {
      it->second.open_risk_cta = c.title;
    }
  }
  return out;
}

const AccountSignals* Signals::Find(std::string_view account_id) const {
  auto it = by_id_.find(std::string(account_id));
  return it == by_id_.end() ? nullptr : &it->second;
}

}  // namespace tend::advocacy
