// Reasons: a prediction's top drivers in words, from XGBoost's per-prediction SHAP
// contributions (log-odds units; XgbModel::Contributions).
//
// One-hot features are summed back into their source column, columns are ranked by the size
// of their contribution, and each is described with its value and signed contribution:
//   "usage_change_30d down 42% (+0.18)", "segment is smb (-0.05)",
//   "days_since_last_event = 45 (+0.31)", "nps_latest_180d unknown (+0.02)".
// "change" columns (a ratio such as -0.42) read as a percentage.
#ifndef TEND_PREDICT_REASONS_H_
#define TEND_PREDICT_REASONS_H_

#include <string>
#include <vector>

#include "predict/feature_encoder.h"
#include "predict/frame.h"

namespace tend::predict {

struct Reason {
  std::string column;
  double contribution = 0;  // log-odds
  std::string text;
};

// The `top` largest reasons for each row of `frame`. `contributions` is rows x (features + 1)
// for the matrix `encoder` made from `frame`.
std::vector<std::vector<Reason>> TopReasons(const Frame& frame, const FeatureEncoder& encoder,
                                            const Matrix& contributions, int top = 3);

// "name = value", "name is level", "name down 42%", "name unknown" (no contribution).
std::string DescribeValue(const FrameColumn& column, size_t row);

}  // namespace tend::predict

#endif  // TEND_PREDICT_REASONS_H_
