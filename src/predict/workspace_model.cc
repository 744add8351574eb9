#include "predict/workspace_model.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "predict/cross_validation.h"
#include "predict/evaluation.h"
#include "predict/feature_encoder.h"
#include "predict/logistic_regression.h"
#include "predict/model_store.h"
#include "predict/xgboost_model.h"

namespace tend::predict {
namespace {

// JSON has no NaN: undefined metrics are null.
nlohmann::ordered_json Num(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

Status NoHistory(const WorkspaceFeatures& wf, EpochDay cutoff, int horizon) {
  std::string span = wf.FirstEventDay() ? "events begin on " + FormatDate(*wf.FirstEventDay())
                                        : "the workspace has no events";
  return FailedPrecondition("predict.noHistory",
                            "no snapshot day: labels over " + std::to_string(horizon) +
                                " days must be known by " + FormatDate(cutoff) +
                                ", so a snapshot must be on or before " +
                                FormatDate(cutoff - horizon) + ", and " + span);
}

Status CheckTwoClasses(const SnapshotRows& rows, Target target) {
  size_t pos = 0;
  for (float v : rows.labels) pos += v > 0.5f;
  if (pos == 0 || pos == rows.labels.size()) {
    return FailedPrecondition(
        "predict.oneClass", std::to_string(rows.labels.size()) + " training rows, " +
                                std::to_string(pos) + " positive for " +
                                std::string(TargetName(target)) + ": a model needs both outcomes");
  }
  return Status::Ok();
}

std::vector<std::string> Dates(const std::vector<EpochDay>& days) {
  std::vector<std::string> out;
  for (EpochDay d : days) out.push_back(FormatDate(d));
  return out;
}

// Seconds since the last call (or construction), for TrainTimings / ScoreTimings.
class Lap {
 public:
  double Next() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// The median of the folds' numbers of rounds (the lower middle one of an even count).
int MedianRounds(std::vector<int> rounds) {
  if (rounds.empty()) return XgbParams{}.min_rounds;
  std::sort(rounds.begin(), rounds.end());
  return rounds[(rounds.size() - 1) / 2];
}

size_t Positives(std::span<const float> labels) {
  size_t n = 0;
  for (float v : labels) n += v > 0.5f;
  return n;
}

// The contributions behind the reasons: exact SHAP values for the kExactReasonAccounts
// highest probabilities, approximate ones (Saabas) for the other rows.
Result<Matrix> ReasonContributions(const XgbModel& model, const Matrix& x,
                                   const std::vector<double>& p) {
  if (x.rows <= kExactReasonAccounts) return model.Contributions(x);
  TEND_ASSIGN_OR_RETURN(Matrix c, model.Contributions(x, /*approximate=*/true));
  std::vector<size_t> top(x.rows);
  for (size_t r = 0; r < top.size(); ++r) top[r] = r;
  std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(kExactReasonAccounts),
                    top.end(),
                    [&](size_t a, size_t b) { return p[a] != p[b] ? p[a] > p[b] : a < b; });
  top.resize(kExactReasonAccounts);
  Matrix x_top(top.size(), x.cols);
  for (size_t i = 0; i < top.size(); ++i) {
    std::copy(x.row(top[i]), x.row(top[i]) + x.cols, x_top.data.begin() + i * x.cols);
  }
  TEND_ASSIGN_OR_RETURN(Matrix exact, model.Contributions(x_top));
  for (size_t i = 0; i < top.size(); ++i) {
    std::copy(exact.row(i), exact.row(i) + exact.cols, c.data.begin() + top[i] * c.cols);
  }
  return c;
}

}  // namespace

nlohmann::ordered_json EvaluationJson(std::span<const double> scores,
                                      std::span<const float> labels) {
  nlohmann::ordered_json j;
  j["roc_auc"] = Num(RocAuc(scores, labels));
  j["pr_auc"] = Num(AveragePrecision(scores, labels));
  j["top_decile_lift"] = Num(TopDecileLift(scores, labels));
  j["base_rate"] =
      labels.empty() ? Num(NAN) : Num(static_cast<double>(Positives(labels)) / labels.size());
  nlohmann::ordered_json bins = nlohmann::ordered_json::array();
  for (const CalibrationBin& b : Calibration(scores, labels, 10)) {
    bins.push_back({{"count", b.count},
                    {"mean_predicted", b.mean_predicted},
                    {"observed_rate", b.observed_rate}});
  }
  j["calibration"] = std::move(bins);
  return j;
}

Result<nlohmann::ordered_json> TrainWorkspaceModel(store::Store& store,
                                                   const WorkspaceModelOptions& options,
                                                   TrainTimings* timings) {
  TrainTimings local;
  TrainTimings& t = timings ? *timings : local;
  Lap lap;
  TEND_ASSIGN_OR_RETURN(auto wf, WorkspaceFeatures::Open(store));
  t.open = lap.Next();
  const EpochDay as_of = options.as_of ? *options.as_of : wf->DefaultAsOf();
  const std::vector<EpochDay> snapshots = wf->Snapshots(as_of, options.horizon_days);
  if (snapshots.empty()) return NoHistory(*wf, as_of, options.horizon_days);
  SnapshotRows rows = wf->Build(options.target, snapshots, options.horizon_days);
  t.features = lap.Next();
  t.snapshots = static_cast<int>(snapshots.size());
  t.rows = rows.labels.size();
  TEND_RETURN_IF_ERROR(CheckTwoClasses(rows, options.target));

  CvOptions cv_options;
  cv_options.folds = options.folds;
  cv_options.seed = options.seed;
  cv_options.groups = rows.account_ids;
  cv_options.max_rows = options.cv_max_rows;
  TEND_ASSIGN_OR_RETURN(CvResult cv, CrossValidate(rows.frame, rows.labels, cv_options));
  t.cv = cv.seconds;
  t.cv_xgboost = cv.xgb_seconds;
  t.cv_logreg = cv.logreg_seconds;
  lap.Next();

  // The final model: on every row (or a sample of whole accounts), for the median of the
  // numbers of rounds early stopping chose in the folds.
  const std::vector<size_t> fit_rows =
      SampleRows(rows.labels, options.fit_max_rows, options.seed + 1, rows.account_ids);
  const FeatureEncoder encoder = FeatureEncoder::Fit(rows.frame, fit_rows);
  const Matrix x = encoder.Transform(rows.frame, fit_rows);
  std::vector<float> y;
  y.reserve(fit_rows.size());
  for (size_t r : fit_rows) y.push_back(rows.labels[r]);
  // The folds' settings (their training rows, not these, decided the number of rounds).
  XgbParams params = XgbParams::ForRows(cv.rows.size() - cv.rows.size() / options.folds);
  params.seed = options.seed;
  TEND_ASSIGN_OR_RETURN(XgbModel model, XgbModel::Train(x, y, params, MedianRounds(cv.xgb_rounds)));
  t.final_fit = lap.Next();
  TEND_ASSIGN_OR_RETURN(std::string bytes, model.Serialize());

  nlohmann::ordered_json info;
  info["format_version"] = kModelFormatVersion;
  info["target"] = TargetName(options.target);
  info["horizon_days"] = options.horizon_days;
  info["as_of"] = FormatDate(as_of);
  info["trained_at"] = FormatTime(NowMs());
  info["snapshots"] = Dates(snapshots);
  info["rows"] = rows.labels.size();
  info["positives"] = Positives(rows.labels);
  info["cv_rows"] = cv.rows.size();
  info["final_rows"] = fit_rows.size();
  info["feature_names"] = encoder.feature_names();
  info["xgboost_rounds"] = model.rounds();
  info["xgboost_params"] = {{"eta", params.eta},
                            {"max_depth", params.max_depth},
                            {"subsample", params.subsample},
                            {"colsample_bytree", params.colsample_bytree},
                            {"min_child_weight", params.min_child_weight},
                            {"lambda", params.lambda}};
  const MeanStd xgb_auc = Summarize(cv.xgb_auc), logreg_auc = Summarize(cv.logreg_auc);
  nlohmann::ordered_json metrics;
  metrics["folds"] = options.folds;
  metrics["xgboost_auc"] = {{"mean", Num(xgb_auc.mean)}, {"std", Num(xgb_auc.std)}};
  metrics["logreg_auc"] = {{"mean", Num(logreg_auc.mean)}, {"std", Num(logreg_auc.std)}};
  metrics["xgboost"] = EvaluationJson(cv.xgb_oof, cv.labels);
  metrics["logreg"] = EvaluationJson(cv.logreg_oof, cv.labels);
  info["metrics"] = std::move(metrics);
  TEND_RETURN_IF_ERROR(SaveModel(store, options.target, info, encoder, bytes));
  t.save = lap.Next();
  return info;
}

Result<ScoreResult> ScoreWorkspace(store::Store& store, Target target,
                                   std::optional<EpochDay> as_of, ScoreTimings* timings) {
  ScoreTimings local;
  ScoreTimings& t = timings ? *timings : local;
  Lap lap;
  TEND_ASSIGN_OR_RETURN(StoredModel stored, LoadModel(store, target));
  TEND_ASSIGN_OR_RETURN(XgbModel model, XgbModel::Deserialize(stored.xgboost_bytes, 2));
  TEND_ASSIGN_OR_RETURN(auto wf, WorkspaceFeatures::Open(store));
  t.load = lap.Next();
  ScoreResult out;
  out.as_of = as_of ? *as_of : wf->DefaultAsOf();
  SnapshotRows rows = wf->FeaturesAt(out.as_of);
  const Matrix x = stored.encoder.TransformAll(rows.frame);
  t.features = lap.Next();
  TEND_ASSIGN_OR_RETURN(std::vector<double> p, model.Predict(x));
  t.predict = lap.Next();
  TEND_ASSIGN_OR_RETURN(Matrix contributions, ReasonContributions(model, x, p));
  std::vector<std::vector<Reason>> reasons =
      TopReasons(rows.frame, stored.encoder, contributions, 3);
  t.reasons = lap.Next();
  for (size_t r = 0; r < rows.account_ids.size(); ++r) {
    out.accounts.push_back({rows.account_ids[r], p[r], std::move(reasons[r])});
  }
  std::stable_sort(
      out.accounts.begin(), out.accounts.end(),
      [](const ScoredAccount& a, const ScoredAccount& b) { return a.probability > b.probability; });

  store::PredictionSet set;
  set.target = TargetName(target);
  set.as_of = FormatDate(out.as_of);
  set.scored_at = FormatTime(NowMs());
  set.model_trained_at = stored.info.value("trained_at", "");
  set.horizon_days = stored.info.value("horizon_days", 0);
  // The first `exact_reasons` accounts (the highest probabilities) have exact SHAP reasons.
  set.exact_reasons = static_cast<int64_t>(std::min(out.accounts.size(), kExactReasonAccounts));
  for (const ScoredAccount& a : out.accounts) {
    store::PredictedAccount& p = set.accounts.emplace_back();
    p.account_id = a.account_id;
    p.probability = a.probability;
    for (const Reason& r : a.reasons) p.reasons.push_back({r.column, r.contribution, r.text});
  }
  TEND_RETURN_IF_ERROR(SavePredictions(store, set));
  t.save = lap.Next();
  return out;
}

Result<nlohmann::ordered_json> BacktestWorkspace(store::Store& store,
                                                 const WorkspaceModelOptions& options) {
  TEND_ASSIGN_OR_RETURN(auto wf, WorkspaceFeatures::Open(store));
  const EpochDay as_of = options.as_of ? *options.as_of : wf->DefaultAsOf();
  const EpochDay cutoff = as_of - options.horizon_days;
  const std::vector<EpochDay> snapshots = wf->Snapshots(cutoff, options.horizon_days);
  if (snapshots.empty()) return NoHistory(*wf, cutoff, options.horizon_days);
  SnapshotRows train = wf->Build(options.target, snapshots, options.horizon_days);
  TEND_RETURN_IF_ERROR(CheckTwoClasses(train, options.target));
  SnapshotRows test = wf->Build(options.target, {cutoff}, options.horizon_days);

  // Both models on every training row (or a sample of whole accounts, as the final model).
  const std::vector<size_t> fit_rows =
      SampleRows(train.labels, options.fit_max_rows, options.seed + 1, train.account_ids);
  const FeatureEncoder encoder = FeatureEncoder::Fit(train.frame, fit_rows);
  const Matrix x_train = encoder.Transform(train.frame, fit_rows);
  const Matrix x_test = encoder.TransformAll(test.frame);
  std::vector<float> y_train;
  y_train.reserve(fit_rows.size());
  for (size_t r : fit_rows) y_train.push_back(train.labels[r]);
  XgbParams params = XgbParams::ForRows(fit_rows.size());
  params.seed = options.seed;
  TEND_ASSIGN_OR_RETURN(XgbModel model, XgbModel::TrainWithEarlyStopping(x_train, y_train, params));
  TEND_ASSIGN_OR_RETURN(std::vector<double> p_xgb, model.Predict(x_test));
  const LogisticRegression logreg = LogisticRegression::Fit(x_train, y_train);
  const std::vector<double> p_logreg = logreg.Predict(x_test);

  nlohmann::ordered_json j;
  j["target"] = TargetName(options.target);
  j["horizon_days"] = options.horizon_days;
  j["as_of"] = FormatDate(as_of);
  j["cutoff"] = FormatDate(cutoff);
  j["train_snapshots"] = Dates(snapshots);
  j["train_rows"] = train.labels.size();
  j["train_positives"] = Positives(train.labels);
  j["fit_rows"] = fit_rows.size();
  j["test_rows"] = test.labels.size();
  j["test_positives"] = Positives(test.labels);
  j["xgboost"] = EvaluationJson(p_xgb, test.labels);
  j["logreg"] = EvaluationJson(p_logreg, test.labels);
  return j;
}

}  // namespace tend::predict
