#include "predict/cross_validation.h"

#include <chrono>
#include <thread>
#include <unordered_set>

#include "predict/evaluation.h"
#include "predict/feature_encoder.h"

namespace tend::predict {

Result<CvResult> CrossValidate(const Frame& frame, std::span<const float> labels,
                               const CvOptions& options) {
  const size_t n = labels.size();
  CvResult out;
  out.rows = SampleRows(labels, options.max_rows, options.seed, options.groups);
  const size_t m = out.rows.size();
  std::vector<std::string> sample_groups;
  if (!options.groups.empty() && m < n) {
    sample_groups.reserve(m);
    for (size_t r : out.rows) sample_groups.push_back(options.groups[r]);
  }
  for (size_t r : out.rows) out.labels.push_back(labels[r]);
  // Whether each class has at least `folds` examples (accounts, with groups) in the sample.
  {
    std::unordered_set<std::string_view> pos_units, neg_units;
    size_t pos = 0, neg = 0;
    for (size_t i = 0; i < m; ++i) {
      const size_t r = out.rows[i];
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
      StratifiedFolds(out.labels, options.folds, options.seed,
                      m < n ? std::span<const std::string>(sample_groups) : options.groups);
  out.xgb_oof.assign(m, 0.0);
  out.logreg_oof.assign(m, 0.0);
  const int folds = options.folds;
  out.xgb_auc.assign(folds, 0.0);
  out.logreg_auc.assign(folds, 0.0);
  out.xgb_rounds.assign(folds, 0);
  std::vector<Status> status(folds, Status::Ok());
  std::vector<double> xgb_seconds(folds, 0.0), logreg_seconds(folds, 0.0);
  // One fold: writes its slots (and its rows of the out-of-fold vectors) only.
  auto run_fold = [&](int f) -> Status {
    // Positions in out.rows (test_at) and the frame's rows they stand for.
    std::vector<size_t> train, test, test_at;
    for (size_t i = 0; i < m; ++i) {
      if (fold[i] == f) {
        test.push_back(out.rows[i]);
        test_at.push_back(i);
      } else {
        train.push_back(out.rows[i]);
      }
    }
    std::vector<float> y_train, y_test;
    for (size_t r : train) y_train.push_back(labels[r]);
    for (size_t r : test) y_test.push_back(labels[r]);
    using Clock = std::chrono::steady_clock;
    auto seconds = [](Clock::time_point a, Clock::time_point b) {
      return std::chrono::duration<double>(b - a).count();
    };
    const auto t0 = Clock::now();
    const FeatureEncoder encoder = FeatureEncoder::Fit(frame, train);
    const Matrix x_train = encoder.Transform(frame, train);
    const Matrix x_test = encoder.Transform(frame, test);
    const auto t1 = Clock::now();

    const LogisticRegression logreg = LogisticRegression::Fit(x_train, y_train, options.logreg);
    const std::vector<double> p_logreg = logreg.Predict(x_test);
    const auto t2 = Clock::now();

    XgbParams xgb = options.xgb ? *options.xgb : XgbParams::ForRows(train.size());
    xgb.seed = options.seed * 1000003ULL + static_cast<uint64_t>(f);
    xgb.nthread = 1;  // the folds run two at a time
    TEND_ASSIGN_OR_RETURN(XgbModel model, XgbModel::TrainWithEarlyStopping(x_train, y_train, xgb));
    TEND_ASSIGN_OR_RETURN(std::vector<double> p_xgb, model.Predict(x_test));
    const auto t3 = Clock::now();
    xgb_seconds[f] = seconds(t0, t1) + seconds(t2, t3);
    logreg_seconds[f] = seconds(t1, t2);

    out.logreg_auc[f] = RocAuc(p_logreg, y_test);
    out.xgb_auc[f] = RocAuc(p_xgb, y_test);
    out.xgb_rounds[f] = model.rounds();
    for (size_t i = 0; i < test.size(); ++i) {
      out.xgb_oof[test_at[i]] = p_xgb[i];
      out.logreg_oof[test_at[i]] = p_logreg[i];
    }
    return Status::Ok();
  };
  // Two folds at a time, each single-threaded: no fine-grained synchronisation, which on a
  // busy two-core machine slowed XGBoost's two-thread rounds more than tenfold.
  const auto start = std::chrono::steady_clock::now();
  auto worker = [&](int first) {
    for (int f = first; f < folds; f += 2) status[f] = run_fold(f);
  };
  std::thread second(worker, 1);
  worker(0);
  second.join();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (int f = 0; f < folds; ++f) {
    TEND_RETURN_IF_ERROR(status[f]);
    out.xgb_seconds += xgb_seconds[f];
    out.logreg_seconds += logreg_seconds[f];
  }
  return out;
}

}  // namespace tend::predict
