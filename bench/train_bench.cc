// train_bench: `tend predict train` and `tend predict score` end to end on a large workspace
// with a year of monthly snapshots.
//
// Builds once, and caches, a workspace of --accounts generated accounts (default 100,000) with
// --history-days of usage ending --end (default 456 days, 15 months, ending 2026-06-30), the
// saas template applied as `tend init --template saas` does: <dir>/<accounts>x<days>.tend
// (--dir, default /tmp/tend-train-bench). The generated CSV files are removed once imported
// (the workspace is what is cached; --keep-csv keeps them). Delete the .tend file to rebuild.
//
// Then, --runs times (default 3), TrainWorkspaceModel (churn, horizon 90 days, 5 folds: with
// 15 months of history that is 13 monthly snapshots) and --score-runs times (default 5)
// ScoreWorkspace (the stored model as of the latest event's day, with reasons), each split
// into its steps (TrainTimings, ScoreTimings). Rows report the median of the runs:
//   predict_train,open        the workspace loaded (WorkspaceFeatures::Open)
//   predict_train,features    the snapshots' rows: one HealthEngine refresh per snapshot
//   predict_train,cv          cross-validation of both models, wall time (rows = the rows
//                             cross-validated)
//   predict_train,cv_xgboost  of which XGBoost, summed over the folds (which run two at a
//   predict_train,cv_logreg   time: the two sum to about twice cv), and the logistic regression
//   predict_train,final_fit   the stored XGBoost model
//   predict_train,save        storing it
//   predict_train,total       all of TrainWorkspaceModel; train_excl_open: total - open
//   predict_score,load|features|predict|reasons|save|total; score = features + predict +
//                             reasons (the accounts' probabilities and reasons, the workspace
//                             loaded)
// Notes (#) give the snapshots, rows, positives, cross-validated AUCs and the machine.
// Targets (docs/predictions.md): training <= 60 s, scoring <= 1 s, on 2 cores.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_util.h"
#include "cli/templates.h"
#include "definitions/definitions.h"
#include "ingest/importer.h"
#include "predict/workspace_model.h"
#include "store/sqlite_store.h"

namespace tend::bench {
namespace {

namespace fs = std::filesystem;

constexpr char kUsage[] =
    "usage: train_bench [--accounts 100000] [--history-days 456] [--end 2026-06-30]\n"
    "                   [--dir /tmp/tend-train-bench] [--runs 3] [--score-runs 5]\n"
    "                   [--target churn|advocate] [--keep-csv]";

void ApplySaasTemplate(store::Store& store) {
  const cli::Template* saas = nullptr;
  for (const auto& t : cli::Templates()) {
    if (t.name == "saas") saas = &t;
  }
  if (!saas) {
    std::fprintf(stderr, "bench: no saas template\n");
    std::exit(1);
  }
  const std::string path = "templates/saas.yaml";
  auto attrs = Check(store.LoadAttributeDefs(), "attributes");
  auto compiled = definitions::Compile({{path, saas->content}}, attrs);
  if (auto* errors = std::get_if<std::vector<std::string>>(&compiled)) {
    for (const auto& e : *errors) std::fprintf(stderr, "%s\n", e.c_str());
    std::exit(1);
  }
  Check(store.Begin(), "begin");
  Check(store.ReplaceDefinitionFiles({{path, saas->content, NowMs()}}), "apply the template");
  Check(store.Commit(), "commit");
}

// Generates, imports and applies the template into `ws` (through `ws`.tmp, renamed at the
// end, so an interrupted build never looks complete).
void BuildWorkspace(const std::string& ws, const std::string& data, int accounts, EpochDay end,
                    int history_days, bool keep_csv) {
  if (auto gen = EnsureGenerated(data, accounts, end, history_days)) {
    PrintRow("generate", "tend", accounts, *gen, PeakRssMb());
  }
  const std::string tmp = ws + ".tmp";
  RemoveDb(tmp);
  {
    auto files = Check(ingest::FindImportFiles(data), "find import files");
    auto store = Check(store::OpenSqliteStore(tmp), "create workspace");
    std::fprintf(stderr, "bench: importing %s into %s ...\n", data.c_str(), tmp.c_str());
    Timer t;
    auto report = Check(ingest::RunImport(*store, files, {}), "import");
    if (!report.committed) {
      std::fprintf(stderr, "bench: import not committed\n");
      std::exit(1);
    }
    int64_t rows = 0;
    for (const auto& f : report.files) rows += f.imported;
    ApplySaasTemplate(*store);
    store.reset();
    PrintRow("import_all", "tend", rows, t.Seconds(), PeakRssMb());
  }
  for (const char* suffix : {"-wal", "-shm"}) {
    if (fs::exists(tmp + suffix)) {
      std::fprintf(stderr, "bench: %s%s left behind\n", tmp.c_str(), suffix);
      std::exit(1);
    }
  }
  fs::rename(tmp, ws);
  if (!keep_csv) RemoveAll(data);
}

struct Runs {
  std::vector<double> v;
  void Add(double s) { v.push_back(s); }
  double Median() const { return bench::Median(v); }
};

int Main(int argc, char** argv) {
  Flags flags(
      argc, argv,
      {"accounts", "history-days", "end", "dir", "runs", "score-runs", "target", "keep-csv"},
      kUsage);
  const int accounts = static_cast<int>(flags.GetInt("accounts", 100000));
  const int history_days = static_cast<int>(flags.GetInt("history-days", 456));
  const int runs = static_cast<int>(std::max<int64_t>(1, flags.GetInt("runs", 3)));
  const int score_runs = static_cast<int>(std::max<int64_t>(1, flags.GetInt("score-runs", 5)));
  EpochDay end = kDefaultEndDay;
  if (flags.Has("end")) {
    auto d = ParseDate(flags.Get("end", ""));
    if (!d) {
      std::fprintf(stderr, "train_bench: --end is not a date\n%s\n", kUsage);
      return 2;
    }
    end = *d;
  }
  auto target = predict::ParseTarget(flags.Get("target", "churn"));
  if (!target) {
    std::fprintf(stderr, "train_bench: --target is churn or advocate\n%s\n", kUsage);
    return 2;
  }
  const std::string dir = flags.Get("dir", "/tmp/tend-train-bench");
  fs::create_directories(dir);
  const std::string name = std::to_string(accounts) + "x" + std::to_string(history_days);
  const std::string ws = dir + "/" + name + ".tend";
  const std::string data = dir + "/" + name + "-csv";

  PrintHeader();
  if (!fs::exists(ws)) {
    BuildWorkspace(ws, data, accounts, end, history_days, flags.Has("keep-csv"));
  }
  Note("workspace %s: %d accounts, %d days of history ending %s", ws.c_str(), accounts,
       history_days, FormatDate(end).c_str());

  auto store = Check(store::OpenSqliteStore(ws), "open workspace");
  predict::WorkspaceModelOptions options;
  options.target = *target;
  options.horizon_days = 90;

  Runs open, features, cv, cv_xgb, cv_logreg, final_fit, save, total;
  predict::TrainTimings last;
  nlohmann::ordered_json info;
  for (int r = 0; r < runs; ++r) {
    std::fprintf(stderr, "bench: train run %d/%d ...\n", r + 1, runs);
    predict::TrainTimings t;
    Timer whole;
    info = Check(predict::TrainWorkspaceModel(*store, options, &t), "train");
    total.Add(whole.Seconds());
    open.Add(t.open);
    features.Add(t.features);
    cv.Add(t.cv);
    cv_xgb.Add(t.cv_xgboost);
    cv_logreg.Add(t.cv_logreg);
    final_fit.Add(t.final_fit);
    save.Add(t.save);
    std::fprintf(stderr,
                 "bench:   open %.2f, features %.2f, cv %.2f (fold-seconds: xgboost %.2f, logreg "
                 "%.2f), final fit %.2f, save %.2f: %.2f s\n",
                 t.open, t.features, t.cv, t.cv_xgboost, t.cv_logreg, t.final_fit, t.save,
                 total.v.back());
    last = t;
  }
  const int64_t rows = static_cast<int64_t>(last.rows);
  const int64_t cv_rows = info.value("cv_rows", rows);
  const double rss = PeakRssMb();
  PrintRow("predict_train", "open", accounts, open.Median(), rss);
  PrintRow("predict_train", "features", rows, features.Median(), rss);
  PrintRow("predict_train", "cv", cv_rows, cv.Median(), rss);
  PrintRow("predict_train", "cv_xgboost", cv_rows, cv_xgb.Median(), rss);
  PrintRow("predict_train", "cv_logreg", cv_rows, cv_logreg.Median(), rss);
  PrintRow("predict_train", "final_fit", info.value("final_rows", rows), final_fit.Median(), rss);
  PrintRow("predict_train", "save", 1, save.Median(), rss);
  PrintRow("predict_train", "total", rows, total.Median(), rss);
  std::vector<double> excl;
  for (size_t i = 0; i < total.v.size(); ++i) excl.push_back(total.v[i] - open.v[i]);
  PrintRow("predict_train", "train_excl_open", rows, Median(excl), rss);
  const auto& m = info["metrics"];
  Note(
      "train: %d snapshots, %lld rows (%lld positive), cross-validated on %lld rows; "
      "%d XGBoost rounds; xgboost ROC AUC %.4f +- %.4f, logreg %.4f +- %.4f; %d runs; target "
      "<= 60 s",
      last.snapshots, static_cast<long long>(rows),
      static_cast<long long>(info["positives"].get<int64_t>()), static_cast<long long>(cv_rows),
      info["xgboost_rounds"].get<int>(), m["xgboost_auc"]["mean"].get<double>(),
      m["xgboost_auc"]["std"].get<double>(), m["logreg_auc"]["mean"].get<double>(),
      m["logreg_auc"]["std"].get<double>(), runs);

  Runs s_load, s_features, s_predict, s_reasons, s_save, s_total, s_score;
  size_t scored = 0;
  std::string first_reason;
  for (int r = 0; r < score_runs; ++r) {
    std::fprintf(stderr, "bench: score run %d/%d ...\n", r + 1, score_runs);
    predict::ScoreTimings t;
    Timer whole;
    auto result = Check(predict::ScoreWorkspace(*store, *target, std::nullopt, &t), "score");
    s_total.Add(whole.Seconds());
    s_load.Add(t.load);
    s_features.Add(t.features);
    s_predict.Add(t.predict);
    s_reasons.Add(t.reasons);
    s_save.Add(t.save);
    s_score.Add(t.features + t.predict + t.reasons);
    scored = result.accounts.size();
    if (!result.accounts.empty() && !result.accounts[0].reasons.empty()) {
      first_reason = result.accounts[0].reasons[0].text;
    }
  }
  const int64_t n = static_cast<int64_t>(scored);
  const double srss = PeakRssMb();
  PrintRow("predict_score", "load", n, s_load.Median(), srss);
  PrintRow("predict_score", "features", n, s_features.Median(), srss);
  PrintRow("predict_score", "predict", n, s_predict.Median(), srss);
  PrintRow("predict_score", "reasons", n, s_reasons.Median(), srss);
  PrintRow("predict_score", "save", n, s_save.Median(), srss);
  PrintRow("predict_score", "score", n, s_score.Median(), srss);
  PrintRow("predict_score", "total", n, s_total.Median(), srss);
  Note(
      "score: %zu active accounts, each with a probability and three reasons (top: %s); %d "
      "runs; target <= 1 s for features + predict + reasons",
      scored, first_reason.c_str(), score_runs);
  return 0;
}

}  // namespace
}  // namespace tend::bench

int main(int argc, char** argv) { return tend::bench::Main(argc, argv); }
