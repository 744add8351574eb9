#include "predict/reasons.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace tend::predict {
namespace {

std::string Number(double v) {
  char buf[32];
  if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", v);
  }
  return buf;
}

}  // namespace

std::string DescribeValue(const FrameColumn& column, size_t row) {
  if (column.kind == FeatureKind::kCategorical) {
    const std::string& v = column.cat[row];
    return v.empty() ? column.name + " unknown" : column.name + " is " + v;
  }
  const double v = column.num[row];
  if (std::isnan(v)) return column.name + " unknown";
  if (column.name.find("change") != std::string::npos && std::abs(v) <= 10) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", std::abs(v) * 100);
    if (std::abs(v) < 0.005) return column.name + " flat";
    return column.name + (v < 0 ? " down " : " up ") + buf;
  }
  return column.name + " = " + Number(v);
}

std::vector<std::vector<Reason>> TopReasons(const Frame& frame, const FeatureEncoder& encoder,
                                            const Matrix& contributions, int top) {
  // Each feature's source column as an index into `names` (first appearance order), and the
  // frame's column of that name.
  const size_t features = encoder.feature_names().size();
  std::vector<std::string> names;
  std::vector<size_t> column_of(features);
  {
    std::unordered_map<std::string, size_t> index;
    for (size_t f = 0; f < features; ++f) {
      auto [it, added] = index.emplace(encoder.source_column(f), names.size());
      if (added) names.push_back(encoder.source_column(f));
      column_of[f] = it->second;
    }
  }
  std::vector<const FrameColumn*> source(names.size(), nullptr);
  {
    std::unordered_map<std::string_view, const FrameColumn*> by_name;
    for (const FrameColumn& c : frame.columns) by_name.emplace(c.name, &c);
    for (size_t k = 0; k < names.size(); ++k) {
      auto it = by_name.find(names[k]);
      if (it != by_name.end()) source[k] = it->second;
    }
  }
  // Columns ranked by the size of their contribution; ties keep the columns' name order (as
  // a stable sort over the names would).
  std::vector<size_t> by_name_order(names.size());
  for (size_t k = 0; k < names.size(); ++k) by_name_order[k] = k;
  std::sort(by_name_order.begin(), by_name_order.end(),
            [&](size_t a, size_t b) { return names[a] < names[b]; });
  std::vector<size_t> rank_of(names.size());
  for (size_t k = 0; k < names.size(); ++k) rank_of[by_name_order[k]] = k;

  const size_t want = std::min(names.size(), static_cast<size_t>(std::max(top, 0)));
  std::vector<std::vector<Reason>> out(contributions.rows);
  std::vector<double> per_column(names.size());
  std::vector<size_t> order(names.size());
  for (size_t r = 0; r < contributions.rows; ++r) {
    std::fill(per_column.begin(), per_column.end(), 0.0);
    const float* row = contributions.row(r);
    for (size_t f = 0; f < features; ++f) per_column[column_of[f]] += row[f];
    for (size_t k = 0; k < names.size(); ++k) order[k] = k;
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(want), order.end(),
                      [&](size_t a, size_t b) {
                        const double x = std::abs(per_column[a]), y = std::abs(per_column[b]);
                        return x != y ? x > y : rank_of[a] < rank_of[b];
                      });
    out[r].reserve(want);
    for (size_t k = 0; k < want; ++k) {
      const size_t c = order[k];
      Reason reason{names[c], per_column[c], {}};
      reason.text = source[c] ? DescribeValue(*source[c], r) : reason.column;
      char buf[32];
      std::snprintf(buf, sizeof buf, " (%+.2f)", reason.contribution);
      reason.text += buf;
      out[r].push_back(std::move(reason));
    }
  }
  return out;
}

}  // namespace tend::predict
