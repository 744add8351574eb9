#include "predict/evaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "common/rng.h"
#include "common/status.h"

namespace tend::predict {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Row indexes by descending score (ties in row order).
std::vector<size_t> ByScoreDescending(std::span<const double> scores) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  return order;
}

void Shuffle(std::vector<size_t>& v, Rng& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.Below(i)]);
}

// The units dealt by StratifiedFolds and sampled by SampleRows: rows, or groups in order of
// first appearance. unit_of[r] is row r's unit; a unit is positive when any of its rows is.
struct Units {
  std::vector<size_t> unit_of;
  std::vector<bool> positive;
};

Units MakeUnits(std::span<const float> labels, std::span<const std::string> groups) {
  TEND_DCHECK(groups.empty() || groups.size() == labels.size(), "one group per row");
  const size_t n = labels.size();
  Units u;
  u.unit_of.resize(n);
  if (groups.empty()) {
    std::iota(u.unit_of.begin(), u.unit_of.end(), size_t{0});
    for (float l : labels) u.positive.push_back(l > 0.5f);
    return u;
  }
  std::unordered_map<std::string_view, size_t> ids;
  ids.reserve(n);
  for (size_t r = 0; r < n; ++r) {
    auto [it, added] = ids.emplace(groups[r], u.positive.size());
    if (added) u.positive.push_back(false);
    u.unit_of[r] = it->second;
    if (labels[r] > 0.5f) u.positive[it->second] = true;
  }
  return u;
}

}  // namespace

double RocAuc(std::span<const double> scores, std::span<const float> labels) {
  TEND_DCHECK(scores.size() == labels.size(), "one score per label");
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  double pos = 0, rank_sum = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double mid_rank = (static_cast<double>(i) + static_cast<double>(j) + 1) / 2;  // 1-based
    for (size_t t = i; t < j; ++t) {
      if (labels[order[t]] > 0.5f) {
        pos += 1;
        rank_sum += mid_rank;
      }
    }
    i = j;
  }
  const double neg = static_cast<double>(scores.size()) - pos;
  if (pos == 0 || neg == 0) return kNaN;
  return (rank_sum - pos * (pos + 1) / 2) / (pos * neg);
}

double AveragePrecision(std::span<const double> scores, std::span<const float> labels) {
  std::vector<size_t> order = ByScoreDescending(scores);
  double total_pos = 0;
  for (float l : labels) total_pos += l > 0.5f ? 1 : 0;
  if (total_pos == 0) return kNaN;
  double tp = 0, seen = 0, ap = 0, prev_recall = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) {
      tp += labels[order[j]] > 0.5f ? 1 : 0;
      ++j;
    }
    seen = static_cast<double>(j);
    const double recall = tp / total_pos;
    ap += (recall - prev_recall) * (tp / seen);
    prev_recall = recall;
    i = j;
  }
  return ap;
}

double TopDecileLift(std::span<const double> scores, std::span<const float> labels) {
  if (scores.empty()) return kNaN;
  std::vector<size_t> order = ByScoreDescending(scores);
  double total_pos = 0;
  for (float l : labels) total_pos += l > 0.5f ? 1 : 0;
  if (total_pos == 0) return kNaN;
  const size_t top = std::max<size_t>(1, (scores.size() + 9) / 10);
  double top_pos = 0;
  for (size_t i = 0; i < top; ++i) top_pos += labels[order[i]] > 0.5f ? 1 : 0;
  return (top_pos / static_cast<double>(top)) / (total_pos / static_cast<double>(scores.size()));
}

std::vector<CalibrationBin> Calibration(std::span<const double> scores,
                                        std::span<const float> labels, int bins) {
  std::vector<size_t> order = ByScoreDescending(scores);
  std::reverse(order.begin(), order.end());
  std::vector<CalibrationBin> out;
  const size_t n = order.size();
  for (int b = 0; b < bins; ++b) {
    const size_t lo = n * static_cast<size_t>(b) / static_cast<size_t>(bins);
    const size_t hi = n * static_cast<size_t>(b + 1) / static_cast<size_t>(bins);
    if (hi <= lo) continue;
    CalibrationBin bin;
    bin.count = hi - lo;
    for (size_t i = lo; i < hi; ++i) {
      bin.mean_predicted += scores[order[i]];
      bin.observed_rate += labels[order[i]] > 0.5f ? 1 : 0;
    }
    bin.mean_predicted /= static_cast<double>(bin.count);
    bin.observed_rate /= static_cast<double>(bin.count);
    out.push_back(bin);
  }
  return out;
}

std::vector<int> StratifiedFolds(std::span<const float> labels, int k, uint64_t seed,
                                 std::span<const std::string> groups) {
  TEND_DCHECK(k >= 2, "at least two folds");
  const Units units = MakeUnits(labels, groups);
  std::vector<size_t> pos, neg;
  for (size_t u = 0; u < units.positive.size(); ++u) (units.positive[u] ? pos : neg).push_back(u);
  Rng rng(seed);
  Shuffle(pos, rng);
  Shuffle(neg, rng);
  std::vector<int> unit_fold(units.positive.size());
  size_t next = 0;
  for (size_t u : pos) unit_fold[u] = static_cast<int>(next++ % static_cast<size_t>(k));
  for (size_t u : neg) unit_fold[u] = static_cast<int>(next++ % static_cast<size_t>(k));
  std::vector<int> fold(labels.size());
  for (size_t r = 0; r < labels.size(); ++r) fold[r] = unit_fold[units.unit_of[r]];
  return fold;
}

std::vector<size_t> SampleRows(std::span<const float> labels, size_t max_rows, uint64_t seed,
                               std::span<const std::string> groups) {
  const size_t n = labels.size();
  std::vector<size_t> rows(n);
  std::iota(rows.begin(), rows.end(), size_t{0});
  if (max_rows == 0 || n <= max_rows) return rows;
  const Units units = MakeUnits(labels, groups);
  std::vector<size_t> pos, neg;
  for (size_t u = 0; u < units.positive.size(); ++u) (units.positive[u] ? pos : neg).push_back(u);
  Rng rng(seed ^ 0x5a3b1e0fULL);
  Shuffle(pos, rng);
  Shuffle(neg, rng);
  const double rate = static_cast<double>(max_rows) / static_cast<double>(n);
  std::vector<bool> keep(units.positive.size(), false);
  for (const std::vector<size_t>* side : {&pos, &neg}) {
    const size_t take = static_cast<size_t>(std::ceil(rate * static_cast<double>(side->size())));
    for (size_t i = 0; i < take && i < side->size(); ++i) keep[(*side)[i]] = true;
  }
  rows.clear();
  for (size_t r = 0; r < n; ++r) {
    if (keep[units.unit_of[r]]) rows.push_back(r);
  }
  return rows;
}

MeanStd Summarize(std::span<const double> values) {
  MeanStd out;
  if (values.empty()) return out;
  for (double v : values) out.mean += v;
  out.mean /= static_cast<double>(values.size());
  if (values.size() > 1) {
    double ss = 0;
    for (double v : values) ss += (v - out.mean) * (v - out.mean);
    out.std = std::sqrt(ss / static_cast<double>(values.size() - 1));
  }
  return out;
}

}  // namespace tend::predict
