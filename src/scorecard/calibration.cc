#include "scorecard/calibration.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "common/round.h"
#include "revenue/portfolio.h"
#include "scorecard/health_session.h"

namespace tend::scorecard {

namespace {

// Measures scored in fewer than this share of the observations keep their weight.
constexpr double kMinScoredShare = 0.05;
constexpr double kL2 = 1e-3;
constexpr int kFitIterations = 1500;

// One account on one sample day.
struct Observation {
  double overall = 0;
  std::string color;
  bool churned = false, contracted = false;
};

Status BadOption(const std::string& what) { return InvalidArgument("calibrate.badOptions", what); }

std::optional<std::string> ColorOf(const ScorecardDef& sc, double overall) {
  for (const Band& b : sc.bands) {
    if (b.Contains(overall)) return b.color;
  }
  return std::nullopt;
}

// The overall of one observation's measure scores (NaN: not scored) under `weights`, as the
// engine computes it: the weighted mean of the scored measures, rounded half-up to 2 decimals.
std::optional<double> Overall(std::span<const double> scores, std::span<const double> weights) {
  double sum = 0, wsum = 0;
  for (size_t k = 0; k < scores.size(); ++k) {
    if (std::isnan(scores[k])) continue;
    sum += weights[k] * scores[k];
    wsum += weights[k];
  }
  if (wsum == 0) return std::nullopt;
  return RoundHalfUp(sum / wsum, 2);
}

ScorecardPerformance Evaluate(const ScorecardDef& sc, const std::vector<Observation>& obs) {
  ScorecardPerformance out;
  std::vector<double> overall(obs.size());
  std::vector<uint8_t> churned(obs.size()), lost(obs.size());
  int64_t total_churned = 0;
  for (size_t i = 0; i < obs.size(); ++i) {
    overall[i] = obs[i].overall;
    churned[i] = obs[i].churned;
    lost[i] = obs[i].churned || obs[i].contracted;
    total_churned += obs[i].churned;
  }
  out.auc = SeparationAuc(overall, churned);
  out.auc_churn_or_contraction = SeparationAuc(overall, lost);
  for (const Band& b : sc.bands) {
    if (std::any_of(out.bands.begin(), out.bands.end(),
                    [&](const BandRate& r) { return r.color == b.color; }))
      continue;
    BandRate r{b.color};
    for (const auto& o : obs) {
      if (o.color != b.color) continue;
      ++r.observations;
      r.churned += o.churned;
    }
    r.churn_rate = r.observations ? static_cast<double>(r.churned) / r.observations : 0;
    out.bands.push_back(r);
  }
  std::vector<size_t> order(obs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return overall[a] < overall[b]; });
  double base = obs.empty() ? 0 : static_cast<double>(total_churned) / obs.size();
  for (int d = 0; d < 10 && !obs.empty(); ++d) {
    size_t lo = obs.size() * d / 10, hi = obs.size() * (d + 1) / 10;
    if (lo == hi) continue;
    DecileRate r;
    r.decile = d + 1;
    r.observations = static_cast<int64_t>(hi - lo);
    r.min_overall = overall[order[lo]];
    r.max_overall = overall[order[hi - 1]];
    for (size_t j = lo; j < hi; ++j) r.churned += churned[order[j]];
    r.churn_rate = static_cast<double>(r.churned) / r.observations;
    r.lift = base > 0 ? r.churn_rate / base : 0;
    out.deciles.push_back(r);
  }
  return out;
}

std::string Direction(std::optional<double> auc) {
  if (!auc) return "not_enough_data";
  if (*auc >= 0.55) return "higher_is_healthier";
  if (*auc <= 0.45) return "higher_is_riskier";
  return "no_signal";
}

std::string SuggestedYaml(const ScorecardDef& sc, const std::vector<MeasureCalibration>& ms,
                          int horizon_days) {
  std::string y = "# tend score calibrate --scorecard " + sc.name + " --horizon " +
                  std::to_string(horizon_days) +
                  "d: suggested weights.\n# Set each measure's weight in your definitions "
                  "file, then `tend apply` it.\nscorecards:\n  - name: " +
                  sc.name + "\n    measures:\n";
  for (const auto& m : ms) {
    char w[32];
    std::snprintf(w, sizeof w, "%.1f", m.suggested_weight);
    y += "      - name: " + m.name + "\n        weight: " + w;
    char was[64];
    std::snprintf(was, sizeof was, "    # was %g%s\n", m.weight, m.fitted ? "" : ", kept");
    y += was;
  }
  return y;
}

}  // namespace

std::optional<double> SeparationAuc(std::span<const double> score,
                                    std::span<const uint8_t> positive) {
  size_t n = score.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] < score[b]; });
  // Average ranks (1-based) over ties; the negatives' rank sum gives their U statistic.
  double neg_rank_sum = 0;
  int64_t pos = 0, neg = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && score[order[j]] == score[order[i]]) ++j;
    double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (size_t k = i; k < j; ++k) {
      if (positive[order[k]]) {
        ++pos;
      } else {
        ++neg;
        neg_rank_sum += rank;
      }
    }
    i = j;
  }
  if (pos == 0 || neg == 0) return std::nullopt;
  double u = neg_rank_sum - static_cast<double>(neg) * (neg + 1) / 2;
  return u / (static_cast<double>(neg) * pos);
}

std::vector<double> FitNonNegativeRiskWeights(std::span<const double> x, size_t cols,
                                              std::span<const uint8_t> y, double* intercept) {
  size_t rows = y.size();
  std::vector<double> w(cols, 0), w_prev(cols, 0), v(cols, 0);
  double mean_y = 0;
  for (uint8_t t : y) mean_y += t;
  mean_y = rows ? mean_y / rows : 0;
  double b = (mean_y > 0 && mean_y < 1) ? std::log(mean_y / (1 - mean_y)) : 0;
  double b_prev = b, vb = b;
  // The log-loss's gradient is Lipschitz with constant <= 0.25 * (1 + trace(X'X) / rows).
  double trace = 0;
  for (double e : x) trace += e * e;
  double lipschitz = 0.25 * (1 + (rows ? trace / rows : 0)) + kL2;
  double step = 1 / lipschitz, momentum_t = 1;
  std::vector<double> grad(cols);
  for (int it = 0; it < kFitIterations; ++it) {
    std::fill(grad.begin(), grad.end(), 0);
    double grad_b = 0;
    for (size_t r = 0; r < rows; ++r) {
      const double* row = &x[r * cols];
      double z = vb;
      for (size_t k = 0; k < cols; ++k) z -= v[k] * row[k];
      double residual = 1 / (1 + std::exp(-z)) - y[r];
      grad_b += residual;
      for (size_t k = 0; k < cols; ++k) grad[k] -= residual * row[k];
    }
    w_prev = w;
    b_prev = b;
    b = vb - step * grad_b / rows;
    for (size_t k = 0; k < cols; ++k)
      w[k] = std::max(0.0, v[k] - step * (grad[k] / rows + kL2 * v[k]));
    double next_t = (1 + std::sqrt(1 + 4 * momentum_t * momentum_t)) / 2;
    double beta = (momentum_t - 1) / next_t;
    momentum_t = next_t;
    for (size_t k = 0; k < cols; ++k) v[k] = w[k] + beta * (w[k] - w_prev[k]);
    vb = b + beta * (b - b_prev);
  }
  if (intercept) *intercept = b;
  return w;
}

Result<Calibration> CalibrateScorecard(store::Store& store, const CalibrationOptions& options) {
  if (options.horizon_days < 7 || options.horizon_days > 730)
    return BadOption("horizon: " + std::to_string(options.horizon_days) +
                     " days is out of range (expected 7d .. 730d)");
  if (options.step_days < 1 || options.step_days > 90)
    return BadOption("step: " + std::to_string(options.step_days) +
                     " days is out of range (expected 1d .. 90d)");
  if (options.lookback_days < 0 || options.lookback_days > 1825)
    return BadOption("lookback: " + std::to_string(options.lookback_days) +
                     " days is out of range (expected 0d .. 1825d)");
  TEND_ASSIGN_OR_RETURN(auto session, HealthSession::Open(store));
  TEND_ASSIGN_OR_RETURN(const ScorecardDef* found, session->FindScorecard(options.scorecard));
  const ScorecardDef& sc = *found;
  TEND_ASSIGN_OR_RETURN(revenue::Portfolio portfolio, revenue::LoadPortfolio(store));
  std::map<std::string, const revenue::PortfolioAccount*, std::less<>> by_id;
  for (const auto& a : portfolio.accounts()) by_id[a.account.account_id] = &a;

  Calibration out;
  out.scorecard = sc.name;
  out.horizon_days = options.horizon_days;
  out.step_days = options.step_days;
  size_t measures = sc.measures.size();
  std::vector<double> weights(measures);
  for (size_t k = 0; k < measures; ++k) weights[k] = sc.measures[k].weight;

  // Today's scores first: they give as_of and the colors that would switch.
  TEND_RETURN_IF_ERROR(session->Refresh(options.as_of, /*save_history=*/false));
  HealthEngine& engine = session->engine();
  out.as_of = engine.as_of();
  struct Today {
    std::string account_id;
    std::optional<double> overall;
    std::string color;
    std::vector<double> scores;
  };
  std::vector<Today> today;
  // The measures' score columns of the last Refresh (nullptr: not computed), looked up once
  // per Refresh rather than per account.
  std::vector<const Column*> measure_columns(measures);
  auto find_measure_columns = [&] {
    for (size_t k = 0; k < measures; ++k)
      measure_columns[k] = engine.Get(sc.name + "." + sc.measures[k].name);
  };
  auto scores_of = [&](size_t i) {
    std::vector<double> s(measures, std::nan(""));
    for (size_t k = 0; k < measures; ++k) {
      const Column* c = measure_columns[k];
      if (c && !c->IsNull(i)) s[k] = c->num[i];
    }
    return s;
  };
  find_measure_columns();
  {
    const Column* overall = engine.Get(sc.name + ".overall");
    const Column* color = engine.Get(sc.name + ".color");
    for (size_t i : session->ActiveAccounts()) {
      Today t{session->data().account(i).account_id};
      if (!overall->IsNull(i)) t.overall = overall->num[i];
      if (!color->IsNull(i)) t.color = color->text[i];
      t.scores = scores_of(i);
      today.push_back(std::move(t));
    }
  }

  for (EpochDay t = out.as_of - options.horizon_days;
       t >= out.as_of - options.horizon_days - options.lookback_days; t -= options.step_days)
    out.days.push_back(t);
  std::reverse(out.days.begin(), out.days.end());

  std::vector<Observation> obs;
  std::vector<double> scores;  // obs.size() x measures, NaN where not scored
  for (EpochDay t : out.days) {
    TEND_RETURN_IF_ERROR(session->Refresh(t, /*save_history=*/false));
    find_measure_columns();
    const Column* overall = engine.Get(sc.name + ".overall");
    const Column* color = engine.Get(sc.name + ".color");
    EpochDay until = t + options.horizon_days;
    for (size_t i = 0; i < session->data().size(); ++i) {
      const store::AccountRecord& a = session->data().account(i);
      if (a.start_date && *a.start_date > t) continue;
      if (a.churned_on && *a.churned_on <= t) continue;
      if (overall->IsNull(i)) continue;
      Observation o;
      o.overall = overall->num[i];
      o.color = color->IsNull(i) ? "" : color->text[i];
      o.churned = a.churned_on && *a.churned_on <= until;
      bool expanded = false, renewed = false;
      if (auto it = by_id.find(a.account_id); it != by_id.end()) {
        const auto& rev = it->second->revenue;
        revenue::ArrBridge bridge = rev.arr().ChangesBetween(t, until);
        o.contracted = bridge.contraction > 0 || bridge.churn > 0;
        expanded = bridge.expansion > 0;
        renewed = !o.churned &&
                  std::any_of(rev.subscriptions().begin(), rev.subscriptions().end(),
                              [&](const auto& s) { return s.end_date > t && s.end_date <= until; });
      }
      out.churned += o.churned;
      out.contracted += o.contracted;
      out.expanded += expanded;
      out.renewed += renewed;
      obs.push_back(std::move(o));
      std::vector<double> s = scores_of(i);
      scores.insert(scores.end(), s.begin(), s.end());
    }
  }
  out.observations = static_cast<int64_t>(obs.size());
  if (obs.empty())
    return FailedPrecondition("calibrate.noHistory",
                              "no account had a " + sc.name + " score on the sample days " +
                                  (out.days.empty() ? std::string("(none)")
                                                    : FormatDate(out.days.front()) + " .. " +
                                                          FormatDate(out.days.back())) +
                                  "; import more history or shorten --horizon/--lookback");
  if (out.churned == 0)
    return FailedPrecondition("calibrate.noHistory",
                              "no account churned within " + std::to_string(options.horizon_days) +
                                  " days of the sample days " + FormatDate(out.days.front()) +
                                  " .. " + FormatDate(out.days.back()) +
                                  ": there is no outcome to calibrate against");
  out.current = Evaluate(sc, obs);

  // Per measure: its own separation, and whether it takes part in the fit.
  std::vector<uint8_t> churned(obs.size());
  for (size_t r = 0; r < obs.size(); ++r) churned[r] = obs[r].churned;
  std::vector<size_t> fitted;
  std::vector<double> means(measures, 0);
  for (size_t k = 0; k < measures; ++k) {
    MeasureCalibration m;
    m.name = sc.measures[k].name;
    m.weight = m.suggested_weight = sc.measures[k].weight;
    std::vector<double> s;
    std::vector<uint8_t> y;
    for (size_t r = 0; r < obs.size(); ++r) {
      double v = scores[r * measures + k];
      if (std::isnan(v)) continue;
      s.push_back(v);
      y.push_back(churned[r]);
      means[k] += v;
    }
    m.observations = static_cast<int64_t>(s.size());
    if (!s.empty()) means[k] /= s.size();
    bool enough = m.observations >= kMinScoredShare * obs.size();
    m.auc = enough ? SeparationAuc(s, y) : std::nullopt;
    m.direction = Direction(m.auc);
    m.fitted = enough && !sc.measures[k].manual && m.auc.has_value();
    if (m.fitted) fitted.push_back(k);
    out.measures.push_back(std::move(m));
  }
  if (!fitted.empty()) {
    std::vector<double> x(obs.size() * fitted.size());
    for (size_t r = 0; r < obs.size(); ++r) {
      for (size_t j = 0; j < fitted.size(); ++j) {
        double v = scores[r * measures + fitted[j]];
        x[r * fitted.size() + j] = (std::isnan(v) ? means[fitted[j]] : v) / 100;
      }
    }
    std::vector<double> w = FitNonNegativeRiskWeights(x, fitted.size(), churned, nullptr);
    double fit_sum = std::accumulate(w.begin(), w.end(), 0.0), current_sum = 0;
    for (size_t k : fitted) current_sum += weights[k];
    if (fit_sum > 0) {
      for (size_t j = 0; j < fitted.size(); ++j) {
        double sw = std::round(w[j] / fit_sum * current_sum * 10) / 10;
        out.measures[fitted[j]].suggested_weight = sw;
      }
    }
  }
  std::vector<double> suggested(measures);
  for (size_t k = 0; k < measures; ++k) suggested[k] = out.measures[k].suggested_weight;

  std::vector<Observation> replay = obs;
  for (size_t r = 0; r < obs.size(); ++r) {
    auto o = Overall(std::span<const double>(&scores[r * measures], measures), suggested);
    replay[r].overall = o.value_or(0);
    replay[r].color = o ? ColorOf(sc, *o).value_or("") : "";
  }
  out.suggested = Evaluate(sc, replay);

  for (const Today& t : today) {
    if (!t.overall) continue;
    ++out.accounts_scored;
    auto o = Overall(t.scores, suggested);
    std::string to = o ? ColorOf(sc, *o).value_or("") : "";
    if (to != t.color) out.switches.push_back({t.account_id, t.color, to, t.overall, o});
  }
  std::sort(out.switches.begin(), out.switches.end(),
            [](const auto& a, const auto& b) { return a.account_id < b.account_id; });
  out.suggested_yaml = SuggestedYaml(sc, out.measures, options.horizon_days);
  return out;
}

}  // namespace tend::scorecard
