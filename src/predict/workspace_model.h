// Workspace models: train, score and backtest churn / advocacy models on a workspace's
// point-in-time snapshots (workspace_features.h). What `tend predict train|score|backtest`
// run; the CLI only parses flags and prints.
//
// Train: rows from Snapshots(as_of, H); grouped (by account) stratified k-fold CV of both
// models, reporting ROC AUC (mean/std over folds) and, over the out-of-fold predictions, PR
// AUC, lift in the top decile and calibration by decile; then the final XGBoost model on all
// rows, stored with its encoder and metrics as model.<target> (model_store.h).
// Score: the stored model applied as of a day to every active account, with the top three
// SHAP reasons; stored as predictions.<target>.
// Backtest: cutoff C = as_of - H; trains on Snapshots(C, H) (labels known by C), predicts at
// C and compares with what happened in (C, as_of].
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
};

// Trains, stores model.<target> and returns what was stored (without the model bytes).
Result<nlohmann::ordered_json> TrainWorkspaceModel(store::Store& store,
                                                   const WorkspaceModelOptions& options);

struct ScoredAccount {
  std::string account_id;
  double probability = 0;
  std::vector<Reason> reasons;
};
struct ScoreResult {
  EpochDay as_of = 0;
  std::vector<ScoredAccount> accounts;  // highest probability first
};
// Scores every active account with the stored model and stores predictions.<target>.
Result<ScoreResult> ScoreWorkspace(store::Store& store, Target target,
                                   std::optional<EpochDay> as_of);

// Returns the backtest's report (nothing is stored).
Result<nlohmann::ordered_json> BacktestWorkspace(store::Store& store,
                                                 const WorkspaceModelOptions& options);

// ROC AUC, PR AUC, top-decile lift, base rate and calibration by decile, as JSON.
nlohmann::ordered_json EvaluationJson(std::span<const double> scores,
                                      std::span<const float> labels);

}  // namespace tend::predict

#endif  // TEND_PREDICT_WORKSPACE_MODEL_H_
