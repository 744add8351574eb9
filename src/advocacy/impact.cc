#include "advocacy/impact.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "advocacy/program_metrics.h"

namespace tend::advocacy {

namespace {

struct Day {
  std::unordered_map<std::string, std::pair<double, std::string>> scores;  // overall, color
};

struct Mean {
  double sum = 0;
  int n = 0;
  void Add(double v) {
    sum += v;
    ++n;
  }
  nlohmann::json Json(int accounts) const {
    return {{"accounts", accounts},
            {"mean_change", n ? nlohmann::json(sum / n) : nlohmann::json(nullptr)}};
  }
};

}  // namespace

Result<nlohmann::json> HealthImpact(store::Store& store, const std::string& scorecard,
                                    int window_days) {
  nlohmann::json out = {{"window_days", window_days}, {"scorecard", scorecard}};
  TEND_ASSIGN_OR_RETURN(auto days, store.LoadDailySummaries(scorecard, 0));
  if (days.size() < 2) {
    out["treated"] = Mean{}.Json(0);
    out["control"] = Mean{}.Json(0);
    out["difference"] = nullptr;
    out["by_segment"] = nlohmann::json::array();
    out["note"] = "not enough score history";
    return out;
  }
  const EpochDay first = days.front().day, last = days.back().day;
  out["from"] = FormatDate(first);
  out["to"] = FormatDate(last);
  TEND_ASSIGN_OR_RETURN(auto accounts, store.LoadAccounts());
  std::unordered_map<std::string, std::string> segment;
  for (const auto& a : accounts) segment[a.account_id] = a.segment;
  TEND_ASSIGN_OR_RETURN(auto activities, store.LoadActivities());
  std::unordered_map<std::string, std::vector<EpochDay>> adv_days;  // by account, sorted
  for (const auto& a : activities) {
    if (IsAdvocacyActivity(a.type)) adv_days[a.account_id].push_back(DayOf(a.ts));
  }
  for (auto& [id, v] : adv_days) std::sort(v.begin(), v.end());

  std::map<EpochDay, Day> cache;
  auto scores_on = [&](EpochDay d) -> Result<const Day*> {
    auto it = cache.find(d);
    if (it != cache.end()) return &it->second;
    TEND_ASSIGN_OR_RETURN(auto rows, store.LoadScoresOnDay(scorecard, d, false));
    Day day;
    for (auto& r : rows) {
      if (r.overall) day.scores[r.account_id] = {*r.overall, r.color};
    }
    return &cache.emplace(d, std::move(day)).first->second;
  };
  // Whether the account had an advocacy activity in [lo, hi].
  auto active_in = [&](const std::string& id, EpochDay lo, EpochDay hi) {
    auto it = adv_days.find(id);
    if (it == adv_days.end()) return false;
    auto p = std::lower_bound(it->second.begin(), it->second.end(), lo);
    return p != it->second.end() && *p <= hi;
  };

  Mean treated, control;
  std::set<std::string> treated_ids, control_ids;
  std::map<std::string, std::pair<Mean, Mean>> by_seg;
  std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> seg_ids;
  for (const auto& [id, list] : adv_days) {
    auto p = std::lower_bound(list.begin(), list.end(), first);
    if (p == list.end() || *p > last - 14) continue;
    const EpochDay t = *p, e = std::min(t + window_days, last);
    TEND_ASSIGN_OR_RETURN(const Day* start, scores_on(t));
    TEND_ASSIGN_OR_RETURN(const Day* end, scores_on(e));
    auto s0 = start->scores.find(id);
    auto s1 = end->scores.find(id);
    if (s0 == start->scores.end() || s1 == end->scores.end()) continue;
    const double change = s1->second.first - s0->second.first;
    const std::string& seg = segment[id];
    Mean matched;
    std::vector<std::string> used;
    for (const auto& [other, v] : start->scores) {
      if (other == id || v.second != s0->second.second || segment[other] != seg) continue;
      if (active_in(other, t - 365, e)) continue;
      auto o1 = end->scores.find(other);
      if (o1 == end->scores.end()) continue;
      matched.Add(o1->second.first - v.first);
      used.push_back(other);
    }
    if (matched.n == 0) continue;
    const double control_change = matched.sum / matched.n;
    treated.Add(change);
    control.Add(control_change);
    treated_ids.insert(id);
    by_seg[seg].first.Add(change);
    by_seg[seg].second.Add(control_change);
    seg_ids[seg].first.insert(id);
    for (auto& u : used) {
      control_ids.insert(u);
      seg_ids[seg].second.insert(u);
    }
  }
  out["treated"] = treated.Json(static_cast<int>(treated_ids.size()));
  out["control"] = control.Json(static_cast<int>(control_ids.size()));
  out["difference"] = treated.n ? nlohmann::json(treated.sum / treated.n - control.sum / control.n)
                                : nlohmann::json(nullptr);
  nlohmann::json segs = nlohmann::json::array();
  for (const auto& [seg, m] : by_seg) {
    segs.push_back({{"segment", seg},
                    {"treated", m.first.Json(static_cast<int>(seg_ids[seg].first.size()))},
                    {"control", m.second.Json(static_cast<int>(seg_ids[seg].second.size()))}});
  }
  out["by_segment"] = segs;
  return out;
}

}  // namespace tend::advocacy
