// tend predict eval|train|score|backtest|features (see docs/predictions.md)
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/command.h"
#include "cli/flags.h"
#include "cli/format.h"
#include "common/json_text.h"
#include "common/time.h"
#include "predict/cross_validation.h"
#include "predict/evaluation.h"
#include "predict/feature_encoder.h"
#include "predict/model_store.h"
#include "predict/prediction_history.h"
#include "predict/tabular.h"
#include "predict/workspace_features.h"
#include "predict/workspace_model.h"
#include "store/prediction_document.h"

namespace tend::cli {
namespace {

int RunEval(const std::string& csv, const std::string& id, const std::string& label,
            const std::string& positive, int folds, uint64_t seed, const std::string& format) {
  auto table = predict::ReadLabelledCsv(csv, id, label, positive);
  if (!table.ok()) return Fail(table.status());
  predict::CvOptions options;
  options.folds = folds;
  options.seed = seed;
  auto cv = predict::CrossValidate(table->frame, table->labels, options);
  if (!cv.ok()) return Fail(cv.status().WithContext(csv));
  const predict::MeanStd xgb = predict::Summarize(cv->xgb_auc);
  const predict::MeanStd logreg = predict::Summarize(cv->logreg_auc);
  size_t positives = 0;
  for (float v : table->labels) positives += v > 0.5f;

  if (format == "json") {
    nlohmann::ordered_json j;
    j["xgboost_auc"] = {{"mean", xgb.mean}, {"std", xgb.std}};
    j["logreg_auc"] = {{"mean", logreg.mean}, {"std", logreg.std}};
    j["rows"] = table->labels.size();
    j["positive"] = table->positive;
    j["positives"] = positives;
    j["folds"] = folds;
    j["seed"] = seed;
    j["xgboost_fold_auc"] = cv->xgb_auc;
    j["logreg_fold_auc"] = cv->logreg_auc;
    j["xgboost_rounds"] = cv->xgb_rounds;
    j["xgboost_pr_auc"] = predict::AveragePrecision(cv->xgb_oof, cv->labels);
    j["logreg_pr_auc"] = predict::AveragePrecision(cv->logreg_oof, cv->labels);
    nlohmann::ordered_json cols = nlohmann::ordered_json::array();
    for (const auto& c : table->columns) {
      cols.push_back({{"name", c.name},
                      {"type", predict::ColumnRoleName(c.role)},
                      {"distinct", c.distinct},
                      {"missing", c.missing}});
    }
    j["columns"] = cols;
    std::printf("%s\n", DumpJson(j).c_str());
    return 0;
  }
  std::printf(
      "%s: %zu rows, label %s (positive \"%s\": %zu), %d-fold stratified cross-validation, seed "
      "%llu\n",
      csv.c_str(), table->labels.size(), label.c_str(), table->positive.c_str(), positives, folds,
      static_cast<unsigned long long>(seed));
  std::vector<std::vector<std::string>> cols = {{"column", "type", "distinct", "missing"}};
  for (const auto& c : table->columns) {
    cols.push_back({c.name, std::string(predict::ColumnRoleName(c.role)),
                    std::to_string(c.distinct), std::to_string(c.missing)});
  }
  PrintTable(cols);
  std::printf("\n");
  auto fmt = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return std::string(buf);
  };
  std::vector<std::vector<std::string>> rows = {{"model", "roc_auc_mean", "roc_auc_std", "folds"}};
  auto folds_text = [&](const std::vector<double>& v) {
    std::string s;
    for (double a : v) s += (s.empty() ? "" : " ") + fmt(a);
    return s;
  };
  rows.push_back({"xgboost", fmt(xgb.mean), fmt(xgb.std), folds_text(cv->xgb_auc)});
  rows.push_back({"logreg", fmt(logreg.mean), fmt(logreg.std), folds_text(cv->logreg_auc)});
  PrintTable(rows);
  return 0;
}

std::string Fixed(double v, int digits = 4) {
  if (!std::isfinite(v)) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

double JsonNum(const nlohmann::ordered_json& j) { return j.is_number() ? j.get<double>() : NAN; }

void PrintEvaluation(const char* model, const nlohmann::ordered_json& e,
                     std::vector<std::vector<std::string>>* rows) {
  rows->push_back({model, Fixed(JsonNum(e["roc_auc"])), Fixed(JsonNum(e["pr_auc"])),
                   Fixed(JsonNum(e["top_decile_lift"]), 2), Fixed(JsonNum(e["base_rate"]))});
}

void PrintCalibration(const nlohmann::ordered_json& e) {
  std::vector<std::vector<std::string>> rows = {
      {"decile", "count", "mean_predicted", "observed_rate"}};
  int k = 1;
  for (const auto& b : e["calibration"]) {
    rows.push_back({std::to_string(k++), std::to_string(b["count"].get<size_t>()),
                    Fixed(b["mean_predicted"].get<double>()),
                    Fixed(b["observed_rate"].get<double>())});
  }
  PrintTable(rows);
}

int RunTrain(store::Store& store, const predict::WorkspaceModelOptions& options,
             const std::string& format) {
  auto info = predict::TrainWorkspaceModel(store, options);
  if (!info.ok()) return Fail(info.status());
  if (format == "json") {
    std::printf("%s\n", info->dump().c_str());
    return 0;
  }
  const auto& m = (*info)["metrics"];
  std::printf(
      "%s model, horizon %d days, as of %s: %zu rows (%zu positive) from %zu snapshots, %zu "
      "features\n",
      std::string(predict::TargetName(options.target)).c_str(), options.horizon_days,
      (*info)["as_of"].get<std::string>().c_str(), (*info)["rows"].get<size_t>(),
      (*info)["positives"].get<size_t>(), (*info)["snapshots"].size(),
      (*info)["feature_names"].size());
  std::printf("%d-fold cross-validation, grouped by account:\n\n", options.folds);
  std::vector<std::vector<std::string>> rows = {
      {"model", "roc_auc_mean", "roc_auc_std", "pr_auc", "top_decile_lift", "base_rate"}};
  for (const char* model : {"xgboost", "logreg"}) {
    const auto& auc = m[std::string(model) + "_auc"];
    const auto& e = m[model];
    rows.push_back({model, Fixed(JsonNum(auc["mean"])), Fixed(JsonNum(auc["std"])),
                    Fixed(JsonNum(e["pr_auc"])), Fixed(JsonNum(e["top_decile_lift"]), 2),
                    Fixed(JsonNum(e["base_rate"]))});
  }
  PrintTable(rows);
  std::printf("\ncalibration of xgboost (out of fold, by decile of predicted probability):\n");
  PrintCalibration(m["xgboost"]);
  std::printf("\nstored as model.%s (%d rounds)\n",
              std::string(predict::TargetName(options.target)).c_str(),
              (*info)["xgboost_rounds"].get<int>());
  return 0;
}

int RunScoreAccounts(store::Store& store, predict::Target target, std::optional<EpochDay> as_of,
                     const std::string& format) {
  auto result = predict::ScoreWorkspace(store, target, as_of);
  if (!result.ok()) return Fail(result.status());
  Status s = store.Begin();
  if (s.ok()) s = predict::RecordPredictionHistory(store, target, *result);
  if (s.ok()) s = store.Commit();
  if (!s.ok()) {
    (void)store.Rollback();
    return Fail(s);
  }
  if (format == "json") {
    auto stored = store.LoadLatestPredictions(predict::TargetName(target));
    if (!stored.ok()) return Fail(stored.status());
    std::printf("%s\n", *stored ? store::EncodePredictions(**stored).c_str() : "{}");
    return 0;
  }
  std::printf("account_id,probability,reason_1,reason_2,reason_3\n");
  for (const auto& a : result->accounts) {
    std::string line = CsvField(a.account_id) + "," + Fixed(a.probability);
    for (size_t k = 0; k < 3; ++k)
      line += "," + (k < a.reasons.size() ? CsvField(a.reasons[k].text) : "");
    std::printf("%s\n", line.c_str());
  }
  return 0;
}

int RunBacktest(store::Store& store, const predict::WorkspaceModelOptions& options,
                const std::string& format) {
  auto report = predict::BacktestWorkspace(store, options);
  if (!report.ok()) return Fail(report.status());
  if (format == "json") {
    std::printf("%s\n", report->dump().c_str());
    return 0;
  }
  const auto& r = *report;
  std::printf(
      "%s backtest, horizon %d days: trained on %zu rows (%zu positive) from snapshots up to %s,\n"
      "predicted at %s for %zu accounts, %zu of which turned positive by %s\n\n",
      r["target"].get<std::string>().c_str(), options.horizon_days, r["train_rows"].get<size_t>(),
      r["train_positives"].get<size_t>(), r["train_snapshots"].back().get<std::string>().c_str(),
      r["cutoff"].get<std::string>().c_str(), r["test_rows"].get<size_t>(),
      r["test_positives"].get<size_t>(), r["as_of"].get<std::string>().c_str());
  std::vector<std::vector<std::string>> rows = {
      {"model", "roc_auc", "pr_auc", "top_decile_lift", "base_rate"}};
  PrintEvaluation("xgboost", r["xgboost"], &rows);
  PrintEvaluation("logreg", r["logreg"], &rows);
  PrintTable(rows);
  return 0;
}

// The raw point-in-time features (before encoding), one CSV row per active account.
int RunFeatures(store::Store& store, std::optional<EpochDay> as_of) {
  auto wf = predict::WorkspaceFeatures::Open(store);
  if (!wf.ok()) return Fail(wf.status());
  const EpochDay day = as_of ? *as_of : (*wf)->DefaultAsOf();
  predict::SnapshotRows rows = (*wf)->FeaturesAt(day);
  std::string line = "account_id";
  for (const auto& c : rows.frame.columns) line += "," + CsvField(c.name);
  std::printf("%s\n", line.c_str());
  for (size_t r = 0; r < rows.frame.rows; ++r) {
    line = CsvField(rows.account_ids[r]);
    for (const auto& c : rows.frame.columns) {
      line += ",";
      if (c.kind == predict::FeatureKind::kCategorical) {
        line += CsvField(c.cat[r]);
      } else if (!std::isnan(c.num[r])) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.10g", c.num[r]);
        line += buf;
      }
    }
    std::printf("%s\n", line.c_str());
  }
  return 0;
}

}  // namespace

int RunPredict(int argc, char** argv) {
  CLI::App app{
      "Predictive analytics: evaluate models on a CSV file, or train, score and backtest "
      "churn and advocacy models on a workspace.",
      "tend predict"};
  app.require_subcommand(1);
  std::string csv, id, label, positive, format = "table";
  int folds = 5;
  uint64_t seed = 0;
  auto* eval =
      app.add_subcommand("eval", "cross-validate XGBoost and logistic regression on a CSV file");
  eval->add_option("--csv", csv, "the CSV file (a header row, one example per row)")->required();
  eval->add_option("--id", id, "the identifier column (never a feature)");
  eval->add_option("--label", label, "the label column (exactly two distinct values)")->required();
  eval->add_option("--positive", positive, "the label value that is the positive class");
  eval->add_option("--folds", folds, "number of folds (default 5)")->check(CLI::Range(2, 50));
  eval->add_option("--seed", seed, "seed for the folds and XGBoost's sampling (default 0)");
  eval->add_option("--format", format, "json or table")->check(CLI::IsMember({"json", "table"}));

  std::string db, target = "churn", horizon = "90d", as_of;
  auto* train = app.add_subcommand(
      "train", "train churn or advocacy models on the workspace's history and store them");
  auto* score =
      app.add_subcommand("score", "probability and top three reasons for every active account");
  auto* backtest = app.add_subcommand(
      "backtest", "train as of D - horizon, predict then, compare with what happened");
  auto* features = app.add_subcommand(
      "features", "print the point-in-time features of the active accounts as of a day");
  for (auto* sub : {train, score, backtest, features}) {
    AddDbOption(*sub, &db);
    sub->add_option("--as-of", as_of,
                    "the as-of day, YYYY-MM-DD (default: the latest event's day)");
  }
  for (auto* sub : {train, score, backtest}) {
    sub->add_option("--target", target, "churn or advocate (default churn)")
        ->check(CLI::IsMember({"churn", "advocate"}));
  }
  for (auto* sub : {train, backtest}) {
    sub->add_option("--horizon", horizon, "the label's horizon in days (default 90d)");
    sub->add_option("--folds", folds, "cross-validation folds (default 5)")
        ->check(CLI::Range(2, 50));
    sub->add_option("--seed", seed, "seed for the folds and XGBoost's sampling (default 0)");
    sub->add_option("--format", format, "json or table")->check(CLI::IsMember({"json", "table"}));
  }
  score->add_option("--format", format, "csv or json (default csv)")
      ->check(CLI::IsMember({"csv", "json"}));
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if (eval->parsed()) return RunEval(csv, id, label, positive, folds, seed, format);

  auto day = ParseAsOfFlag(as_of);
  if (!day.ok()) return Fail(day.status());
  predict::WorkspaceModelOptions options;
  options.target = *predict::ParseTarget(target);
  options.as_of = *day;
  options.folds = folds;
  options.seed = seed;
  if (train->parsed() || backtest->parsed()) {
    auto h = ParseDaysFlag("--horizon", horizon, 1, 3650, "predict.badHorizon");
    if (!h.ok()) return Fail(h.status());
    options.horizon_days = *h;
  }
  auto ws = OpenWorkspace(db, /*create=*/false);
  if (!ws.ok()) return Fail(ws.status());
  if (train->parsed()) return RunTrain(**ws, options, format);
  if (score->parsed()) return RunScoreAccounts(**ws, options.target, *day, format);
  if (backtest->parsed()) return RunBacktest(**ws, options, format);
  return RunFeatures(**ws, *day);
}

}  // namespace tend::cli
