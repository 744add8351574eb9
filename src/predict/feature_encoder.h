// FeatureEncoder: turns a Frame into the Matrix the models read, with everything it learns
// (the levels of each categorical column) learned from the training rows only.
//
// Numeric columns pass through (NaN stays NaN: XGBoost learns where missing values go; the
// logistic regression imputes them itself). A categorical column becomes one 0/1 column per
// level seen in the training rows (the most frequent first, at most `max_levels`); a value
// not seen in training is all zeros, a missing value is NaN in all of them. Feature names:
// the column name, or "column=level".
//
// The encoder round-trips through JSON so a stored model can encode new rows the same way.
// A plain value; not thread-safe.
#ifndef TEND_PREDICT_FEATURE_ENCODER_H_
#define TEND_PREDICT_FEATURE_ENCODER_H_

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "predict/frame.h"

namespace tend::predict {

class FeatureEncoder {
 public:
  // Learns the encoding from `rows` of `frame`.
  static FeatureEncoder Fit(const Frame& frame, std::span<const size_t> rows,
                            size_t max_levels = 100);
  // Encodes `rows` of `frame` (columns matched by name; a column the frame lacks is missing).
  Matrix Transform(const Frame& frame, std::span<const size_t> rows) const;
  // Encodes every row of `frame`.
  Matrix TransformAll(const Frame& frame) const;

  const std::vector<std::string>& feature_names() const { return names_; }
  // The source column of feature `f` and, for a one-hot feature, its level ("" for numeric).
  const std::string& source_column(size_t f) const { return feature_column_[f]; }
  const std::string& level(size_t f) const { return feature_level_[f]; }

  nlohmann::json ToJson() const;
  // Fails with kDataLoss "predict.badModel" when `j` is not an encoder's JSON.
  static Result<FeatureEncoder> FromJson(const nlohmann::json& j);

 private:
  struct Source {
    std::string column;
    FeatureKind kind = FeatureKind::kNumeric;
    std::vector<std::string> levels;  // kCategorical
  };
  void BuildNames();

  std::vector<Source> sources_;
  std::vector<std::string> names_, feature_column_, feature_level_;
};

}  // namespace tend::predict

#endif  // TEND_PREDICT_FEATURE_ENCODER_H_
