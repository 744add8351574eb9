#include "predict/cross_validation.h"

#include <set>

#include "predict/evaluation.h"
#include "predict/feature_encoder.h"

namespace tend::predict {

Result<CvResult> CrossValidate(const Frame& frame, std::span<const float> labels,
                               const CvOptions& options) {
  const size_t n = labels.size();
  {
    std::set<std::string_view> pos_units, neg_units;
    size_t pos = 0, neg = 0;
    for (size_t r = 0; r < n; ++r) {
      if (labels[r] > 0.5f) {
        ++pos;
        if (!options.groups.empty()) pos_units.insert(options.groups[r]);
      } else {
        ++neg;
        if (!options.groups.empty()) neg_units.insert(options.groups[r]);
      }
    }
    if (!options.groups.empty()) {
      pos = pos_units.size();
      for (auto g : pos_units) neg_units.erase(g);
      neg = neg_units.size();
    }
    const size_t k = static_cast<size_t>(options.folds);
    if (pos < k || neg < k) {
      return InvalidArgument(
          "predict.tooFewExamples",
          std::to_string(pos) + " positive and " + std::to_string(neg) + " negative examples" +
              (options.groups.empty() ? "" : " (accounts)") + ": " + std::to_string(k) +
              "-fold cross-validation needs at least " + std::to_string(k) + " of each");
    }
  }
  const std::vector<int> fold =
      StratifiedFolds(labels, options.folds, options.seed, options.groups);
  CvResult out;
  out.xgb_oof.assign(n, 0.0);
  out.logreg_oof.assign(n, 0.0);
  for (int f = 0; f < options.folds; ++f) {
    std::vector<size_t> train, test;
    for (size_t r = 0; r < n; ++r) (fold[r] == f ? test : train).push_back(r);
    std::vector<float> y_train, y_test;
    for (size_t r : train) y_train.push_back(labels[r]);
    for (size_t r : test) y_test.push_back(labels[r]);
    const FeatureEncoder encoder = FeatureEncoder::Fit(frame, train);
    const Matrix x_train = encoder.Transform(frame, train);
    const Matrix x_test = encoder.Transform(frame, test);

    const LogisticRegression logreg = LogisticRegression::Fit(x_train, y_train, options.logreg);
    const std::vector<double> p_logreg = logreg.Predict(x_test);

    XgbParams xgb = options.xgb;
    xgb.seed = options.seed * 1000003ULL + static_cast<uint64_t>(f);
    TEND_ASSIGN_OR_RETURN(XgbModel model, XgbModel::TrainWithEarlyStopping(x_train, y_train, xgb));
    TEND_ASSIGN_OR_RETURN(std::vector<double> p_xgb, model.Predict(x_test));

    out.logreg_auc.push_back(RocAuc(p_logreg, y_test));
    out.xgb_auc.push_back(RocAuc(p_xgb, y_test));
    out.xgb_rounds.push_back(model.rounds());
    for (size_t i = 0; i < test.size(); ++i) {
      out.xgb_oof[test[i]] = p_xgb[i];
      out.logreg_oof[test[i]] = p_logreg[i];
    }
  }
  return out;
}

}  // namespace tend::predict
