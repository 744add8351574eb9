// Frame and Matrix: the two shapes of data the predict module passes around.
//
// A Frame is a small typed table before encoding: numeric columns (NaN = missing) and
// categorical columns (empty text = missing), one row per example. A Matrix is the dense,
// row-major float matrix the models read (NaN = missing), produced from a Frame by a
// FeatureEncoder (feature_encoder.h) fitted on training rows only.
//
// Plain values; not thread-safe.
#ifndef TEND_PREDICT_FRAME_H_
#define TEND_PREDICT_FRAME_H_

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace tend::predict {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

enum class FeatureKind { kNumeric, kCategorical };

struct FrameColumn {
  std::string name;
  FeatureKind kind = FeatureKind::kNumeric;
  std::vector<double> num;       // kNumeric: one per row, NaN when missing
  std::vector<std::string> cat;  // kCategorical: one per row, "" when missing
};

struct Frame {
  size_t rows = 0;
  std::vector<FrameColumn> columns;
};

struct Matrix {
  size_t rows = 0, cols = 0;
  std::vector<float> data;  // row-major, rows * cols, NaN = missing

  Matrix() = default;
  Matrix(size_t r, size_t c)
      : rows(r), cols(c), data(r * c, std::numeric_limits<float>::quiet_NaN()) {}
  float at(size_t r, size_t c) const { return data[r * cols + c]; }
  float& at(size_t r, size_t c) { return data[r * cols + c]; }
  const float* row(size_t r) const { return data.data() + r * cols; }
};

}  // namespace tend::predict

#endif  // TEND_PREDICT_FRAME_H_
