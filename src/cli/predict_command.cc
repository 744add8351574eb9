// tend predict eval|train|score|backtest|features (see docs/predictions.md)
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/format.h"
#include "common/time.h"
#include "predict/cross_validation.h"
#include "predict/evaluation.h"
#include "predict/feature_encoder.h"
#include "predict/tabular.h"

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
  const size_t features =
      predict::FeatureEncoder::Fit(table->frame, std::vector<size_t>{}).feature_names().size();
  (void)features;

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
    j["xgboost_pr_auc"] = predict::AveragePrecision(cv->xgb_oof, table->labels);
    j["logreg_pr_auc"] = predict::AveragePrecision(cv->logreg_oof, table->labels);
    nlohmann::ordered_json cols = nlohmann::ordered_json::array();
    for (const auto& c : table->columns) {
      cols.push_back({{"name", c.name}, {"type", predict::ColumnRoleName(c.role)},
                      {"distinct", c.distinct}, {"missing", c.missing}});
    }
    j["columns"] = cols;
    std::printf("%s\n", j.dump().c_str());
    return 0;
  }
  std::printf("%s: %zu rows, label %s (positive \"%s\": %zu), %d-fold stratified cross-validation, seed %llu\n",
              csv.c_str(), table->labels.size(), label.c_str(), table->positive.c_str(), positives,
              folds, static_cast<unsigned long long>(seed));
  std::vector<std::vector<std::string>> cols = {{"column", "type", "distinct", "missing"}};
  for (const auto& c : table->columns) {
    cols.push_back({c.name, std::string(predict::ColumnRoleName(c.role)), std::to_string(c.distinct),
                    std::to_string(c.missing)});
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

}  // namespace

int RunPredict(int argc, char** argv) {
  CLI::App app{"Predictive analytics: evaluate models on a CSV file, or train, score and backtest "
               "churn and advocacy models on a workspace.",
               "tend predict"};
  app.require_subcommand(1);
  std::string csv, id, label, positive, format = "table";
  int folds = 5;
  uint64_t seed = 0;
  auto* eval = app.add_subcommand("eval", "cross-validate XGBoost and logistic regression on a CSV file");
  eval->add_option("--csv", csv, "the CSV file (a header row, one example per row)")->required();
  eval->add_option("--id", id, "the identifier column (never a feature)");
  eval->add_option("--label", label, "the label column (exactly two distinct values)")->required();
  eval->add_option("--positive", positive, "the label value that is the positive class");
  eval->add_option("--folds", folds, "number of folds (default 5)")->check(CLI::Range(2, 50));
  eval->add_option("--seed", seed, "seed for the folds and XGBoost's sampling (default 0)");
  eval->add_option("--format", format, "json or table")->check(CLI::IsMember({"json", "table"}));
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if (eval->parsed()) return RunEval(csv, id, label, positive, folds, seed, format);
  return 0;
}

}  // namespace tend::cli
