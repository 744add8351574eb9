#include "predict/feature_encoder.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

namespace tend::predict {

FeatureEncoder FeatureEncoder::Fit(const Frame& frame, std::span<const size_t> rows,
                                   size_t max_levels) {
  FeatureEncoder enc;
  for (const FrameColumn& col : frame.columns) {
    Source src{col.name, col.kind, {}};
    if (col.kind == FeatureKind::kCategorical) {
      std::map<std::string, size_t> counts;
      for (size_t r : rows) {
        if (!col.cat[r].empty()) ++counts[col.cat[r]];
      }
      std::vector<std::pair<std::string, size_t>> levels(counts.begin(), counts.end());
      std::stable_sort(levels.begin(), levels.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      if (levels.size() > max_levels) levels.resize(max_levels);
      for (auto& [level, n] : levels) src.levels.push_back(level);
      if (src.levels.empty()) continue;  // nothing to learn from
    }
    enc.sources_.push_back(std::move(src));
  }
  enc.BuildNames();
  return enc;
}

void FeatureEncoder::BuildNames() {
  names_.clear();
  feature_column_.clear();
  feature_level_.clear();
  for (const Source& s : sources_) {
    if (s.kind == FeatureKind::kNumeric) {
      names_.push_back(s.column);
      feature_column_.push_back(s.column);
      feature_level_.emplace_back();
    } else {
      for (const std::string& level : s.levels) {
        names_.push_back(s.column + "=" + level);
        feature_column_.push_back(s.column);
        feature_level_.push_back(level);
      }
    }
  }
}

Matrix FeatureEncoder::Transform(const Frame& frame, std::span<const size_t> rows) const {
  Matrix m(rows.size(), names_.size());
  std::unordered_map<std::string, const FrameColumn*> by_name;
  for (const FrameColumn& c : frame.columns) by_name.emplace(c.name, &c);
  size_t f = 0;
  for (const Source& s : sources_) {
    auto it = by_name.find(s.column);
    const FrameColumn* col =
        it == by_name.end() || it->second->kind != s.kind ? nullptr : it->second;
    if (s.kind == FeatureKind::kNumeric) {
      if (col) {
        for (size_t i = 0; i < rows.size(); ++i) m.at(i, f) = static_cast<float>(col->num[rows[i]]);
      }
      ++f;
      continue;
    }
    if (col) {
      std::unordered_map<std::string_view, size_t> level_index;
      for (size_t l = 0; l < s.levels.size(); ++l) level_index.emplace(s.levels[l], l);
      for (size_t i = 0; i < rows.size(); ++i) {
        const std::string& v = col->cat[rows[i]];
        if (v.empty()) continue;  // missing: NaN in every level column
        for (size_t l = 0; l < s.levels.size(); ++l) m.at(i, f + l) = 0.0f;
        auto hit = level_index.find(v);
        if (hit != level_index.end()) m.at(i, f + hit->second) = 1.0f;
      }
    }
    f += s.levels.size();
  }
  return m;
}

Matrix FeatureEncoder::TransformAll(const Frame& frame) const {
  std::vector<size_t> rows(frame.rows);
  std::iota(rows.begin(), rows.end(), size_t{0});
  return Transform(frame, rows);
}

nlohmann::json FeatureEncoder::ToJson() const {
  nlohmann::json cols = nlohmann::json::array();
  for (const Source& s : sources_) {
    nlohmann::json c = {{"name", s.column},
                        {"kind", s.kind == FeatureKind::kNumeric ? "numeric" : "categorical"}};
    if (s.kind == FeatureKind::kCategorical) c["levels"] = s.levels;
    cols.push_back(std::move(c));
  }
  return {{"columns", std::move(cols)}};
}

Result<FeatureEncoder> FeatureEncoder::FromJson(const nlohmann::json& j) {
  FeatureEncoder enc;
  try {
    for (const auto& c : j.at("columns")) {
      Source s;
      s.column = c.at("name").get<std::string>();
      const std::string kind = c.at("kind").get<std::string>();
      if (kind == "categorical") {
        s.kind = FeatureKind::kCategorical;
        s.levels = c.at("levels").get<std::vector<std::string>>();
      } else if (kind != "numeric") {
        return DataLoss("predict.badModel", "stored encoder: unknown column kind \"" + kind + "\"");
      }
      enc.sources_.push_back(std::move(s));
    }
  } catch (const nlohmann::json::exception& e) {
    return DataLoss("predict.badModel", std::string("stored encoder: ") + e.what());
  }
  enc.BuildNames();
  return enc;
}

}  // namespace tend::predict
