// Workspace models: train, score and backtest churn / advocacy models on a workspace's
// point-in-time snapshots (workspace_features.h). What `tend predict train|score|backtest`
// run; the CLI only parses flags and prints.
//
// Train: rows from Snapshots(as_of, H); grouped (by account) stratified k-fold CV of both
// models (on a sample of whole accounts when there are more than cv_max_rows rows),
// reporting ROC AUC (mean/std over folds) and, over the out-of-fold predictions, PR AUC, lift
// in the top decile and calibration by decile; then the final XGBoost model on all rows (or
// fit_max_rows of them) for the median of the folds' early-stopped numbers of rounds, stored
// with its encoder and metrics as model.<target> (model_store.h).
// Score: the stored model applied as of a day to every active account, with the top three
// reasons (exact SHAP for the kExactReasonAccounts highest probabilities, approximate for the
// rest); stored as predictions.<target>.
// Backtest: cutoff C = as_of - H; trains on Snapshots(C, H) (labels known by C; at most
// fit_max_rows of them, whole accounts), predicts at C and compares with what happened in
// (C, as_of].
//
// Failures (Status): kFailedPrecondition "predict.noHistory" when no snapshot fits the
// history, "predict.oneClass" when the training rows have a single class; kNotFound
// "predict.noModel" (score without a model); and those of the modules used.
#ifndef TEND_PREDICT_WORKSPACE_MODEL_H_
#define TEND_PREDICT_WORKSPACE_MODEL_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "predict/reasons.h"
#include "predict/workspace_features.h"
#include "store/store.h"

namespace tend::predict {

struct WorkspaceModelOptions {
  Target target = Target::kChurn;
  int horizon_days = 90;
  std::optional<EpochDay> as_of;  // default: the latest event's day
  int folds = 5;
  uint64_t seed = 0;
  // Very large training sets: cross-validation runs on a sample of whole accounts of about
  // this many rows (SampleRows), the final model on a sample of about fit_max_rows. 0: every
  // row.
  size_t cv_max_rows = 100000;
  size_t fit_max_rows = 300000;
};

// Where the time of TrainWorkspaceModel went, in seconds (for benchmarks and logs).
struct TrainTimings {
  double open = 0;        // WorkspaceFeatures::Open: the workspace loaded into memory
  double features = 0;    // the snapshots' rows (one HealthEngine refresh per snapshot)
  double cv = 0;          // cross-validation of both models (wall time)
  double cv_xgboost = 0;  // of which XGBoost, summed over the folds (encoding included)
  double cv_logreg = 0;   // and the logistic regression; the folds run two at a time, so
                          // cv_xgboost + cv_logreg is about twice cv
  double final_fit = 0;   // the stored XGBoost model (encoding and early stopping included)
  double save = 0;        // serialising and storing the model
  int snapshots = 0;
  size_t rows = 0;
};

// Trains, stores model.<target> and returns what was stored (without the model bytes).
// `timings`, when given, receives where the time went.
Result<nlohmann::ordered_json> TrainWorkspaceModel(store::Store& store,
                                                   const WorkspaceModelOptions& options,
                                                   TrainTimings* timings = nullptr);

struct ScoredAccount {
  std::string account_id;
  double probability = 0;
  std::vector<Reason> reasons;
};
struct ScoreResult {
  EpochDay as_of = 0;
  std::vector<ScoredAccount> accounts;  // highest probability first
};
// Scoring explains the probabilities of this many accounts (the highest) with exact SHAP
// values; the others' reasons use XGBoost's approximate contributions (Saabas), which cost
// about as much as a prediction instead of some 60 us an account (XgbModel::Contributions).
inline constexpr size_t kExactReasonAccounts = 1000;

// Where the time of ScoreWorkspace went, in seconds.
struct ScoreTimings {
  double load = 0;      // the stored model and WorkspaceFeatures::Open
  double features = 0;  // the features as of the day (one HealthEngine refresh) and encoding
  double predict = 0;   // probabilities
  double reasons = 0;   // contributions and the top three reasons in words
  double save = 0;      // sorting and storing predictions.<target>
};

// Scores every active account with the stored model and stores predictions.<target>.
// `timings`, when given, receives where the time went.
Result<ScoreResult> ScoreWorkspace(store::Store& store, Target target,
                                   std::optional<EpochDay> as_of, ScoreTimings* timings = nullptr);

// Returns the backtest's report (nothing is stored).
Result<nlohmann::ordered_json> BacktestWorkspace(store::Store& store,
                                                 const WorkspaceModelOptions& options);

// ROC AUC, PR AUC, top-decile lift, base rate and calibration by decile, as JSON.
nlohmann::ordered_json EvaluationJson(std::span<const double> scores,
                                      std::span<const float> labels);

}  // namespace tend::predict

#endif  // TEND_PREDICT_WORKSPACE_MODEL_H_
