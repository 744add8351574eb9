#include "predict/reasons.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
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
  std::unordered_map<std::string, const FrameColumn*> by_name;
  for (const FrameColumn& c : frame.columns) by_name.emplace(c.name, &c);
  const size_t features = encoder.feature_names().size();
  std::vector<std::vector<Reason>> out(contributions.rows);
  std::map<std::string, double> per_column;
  for (size_t r = 0; r < contributions.rows; ++r) {
    per_column.clear();
    for (size_t f = 0; f < features; ++f)
      per_column[encoder.source_column(f)] += contributions.at(r, f);
    std::vector<std::pair<std::string, double>> ranked(per_column.begin(), per_column.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return std::abs(a.second) > std::abs(b.second);
    });
    for (size_t k = 0; k < ranked.size() && k < static_cast<size_t>(top); ++k) {
      Reason reason{ranked[k].first, ranked[k].second, {}};
      auto it = by_name.find(reason.column);
      reason.text = it == by_name.end() ? reason.column : DescribeValue(*it->second, r);
      char buf[32];
      std::snprintf(buf, sizeof buf, " (%+.2f)", reason.contribution);
      reason.text += buf;
      out[r].push_back(std::move(reason));
    }
  }
  return out;
}

}  // namespace tend::predict
