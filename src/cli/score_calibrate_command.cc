// tend score calibrate [--db F] [--scorecard S] [--horizon 90d] [--step 7d] [--lookback 90d]
//                      [--as-of D] [--format json|table]
#include <cstdio>
#include <nlohmann/json.hpp>

#include "api/json/calibration_json.h"
#include "cli/command.h"
#include "cli/flags.h"
#include "cli/format.h"
#include "common/json_text.h"
#include "common/time.h"
#include "scorecard/calibration.h"

namespace tend::cli {

namespace {

std::string Num(const std::optional<double>& v, int digits) {
  if (!v) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, *v);
  return buf;
}

void PrintReport(const scorecard::Calibration& c) {
  std::printf("%s, horizon %d days, as of %s: %lld observations on %zu days (%s .. %s)\n",
              c.scorecard.c_str(), c.horizon_days, FormatDate(c.as_of).c_str(),
              static_cast<long long>(c.observations), c.days.size(),
              FormatDate(c.days.front()).c_str(), FormatDate(c.days.back()).c_str());
  std::printf("outcomes: %lld churned, %lld contracted, %lld expanded, %lld renewed\n\n",
              static_cast<long long>(c.churned), static_cast<long long>(c.contracted),
              static_cast<long long>(c.expanded), static_cast<long long>(c.renewed));
  std::vector<std::vector<std::string>> t = {{"", "current", "suggested"}};
  t.push_back({"AUC (churn)", Num(c.current.auc, 3), Num(c.suggested.auc, 3)});
  t.push_back({"AUC (churn or contraction)", Num(c.current.auc_churn_or_contraction, 3),
               Num(c.suggested.auc_churn_or_contraction, 3)});
  for (size_t i = 0; i < c.current.bands.size(); ++i) {
    const auto& b = c.current.bands[i];
    const auto& s = c.suggested.bands[i];
    t.push_back({"churn rate " + b.color,
                 Num(b.churn_rate * 100, 1) + "% of " + std::to_string(b.observations),
                 Num(s.churn_rate * 100, 1) + "% of " + std::to_string(s.observations)});
  }
  for (size_t i = 0; i < c.current.deciles.size() && i < c.suggested.deciles.size(); ++i)
    t.push_back({"lift decile " + std::to_string(c.current.deciles[i].decile),
                 Num(c.current.deciles[i].lift, 2), Num(c.suggested.deciles[i].lift, 2)});
  PrintTable(t);
  std::printf("\n");
  std::vector<std::vector<std::string>> m = {
      {"measure", "weight", "suggested", "auc", "direction", "scored"}};
  for (const auto& x : c.measures)
    m.push_back({x.name, Compact(x.weight), Compact(x.suggested_weight), Num(x.auc, 3), x.direction,
                 std::to_string(x.observations)});
  PrintTable(m);
  std::printf("\n%zu of %lld accounts would change color with the suggested weights\n\n%s",
              c.switches.size(), static_cast<long long>(c.accounts_scored),
              c.suggested_yaml.c_str());
}

}  // namespace

int RunScoreCalibrate(int argc, char** argv) {
  CLI::App app{
      "Check a scorecard against what happened next: replay it on past days, measure how well "
      "health separated the accounts that churned (AUC, churn by color, lift by decile, per "
      "measure), and suggest weights. Nothing is applied.",
      "tend score calibrate"};
  std::string db, scorecard_name, horizon = "90d", step = "7d", lookback = "90d", as_of,
                                  format = "table";
  AddDbOption(app, &db);
  app.add_option("--scorecard", scorecard_name, "scorecard (default: health, else the first)");
  app.add_option("--horizon", horizon, "the outcome window after each day (default 90d)");
  app.add_option("--step", step, "days between sample days (default 7d)");
  app.add_option("--lookback", lookback, "how far before as-of - horizon to sample (default 90d)");
  app.add_option("--as-of", as_of, "the last day outcomes are known, YYYY-MM-DD");
  app.add_option("--format", format, "json or table")->check(CLI::IsMember({"json", "table"}));
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  scorecard::CalibrationOptions o;
  o.scorecard = scorecard_name;
  for (auto [flag, text, out] : {std::tuple{"--horizon", &horizon, &o.horizon_days},
                                 std::tuple{"--step", &step, &o.step_days},
                                 std::tuple{"--lookback", &lookback, &o.lookback_days}}) {
    auto days = ParseDaysFlag(flag, *text, 0, 3650);
    if (!days.ok()) return Fail(days.status());
    *out = *days;
  }
  auto day = ParseAsOfFlag(as_of);
  if (!day.ok()) return Fail(day.status());
  o.as_of = *day;
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  auto c = scorecard::CalibrateScorecard(**ws, o);
  if (!c.ok()) return Fail(c.status());
  if (format == "json") {
    std::printf("%s\n", DumpJson(api::json::CalibrationJson(*c), 2).c_str());
  } else {
    PrintReport(*c);
  }
  return 0;
}

}  // namespace tend::cli
