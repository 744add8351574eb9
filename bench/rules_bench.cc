// rules_bench: how fast tend evaluates and runs 20 rules over a generated workspace (the saas
// template's 8 rules plus 12 more over metrics, scores, colors, trends and attributes).
//
//   rules,evaluate_20   evaluating the 20 conditions column-wise over every account, as
//                       RuleEngine::Run does (engine.Get of each name + Program::Evaluate), on a
//                       refreshed session. rows = accounts. Target: <= 100 ms at 100k accounts.
//   rules,run_first     RuleEngine::Run on a workspace with no CTAs yet: evaluates, raises CTAs
//                       with playbook tasks, sets fields and scores, creates plans, queues
//                       webhooks, logs every firing, in one transaction.
//   rules,run_again     RuleEngine::Run again right after (idempotent: nothing to do). The
//                       note gives its evaluate_ms as the engine reports it.
//   rules,refresh       HealthSession::Refresh(D, save_history=true) before the runs, for scale.
// evaluate_20 is one warm-up then the median of --runs (default 5); the runs are one each (the
// first changes the workspace).
//
// Data: --data DIR is reused when it holds a generated workspace (e.g. build-bench/bench-data/
// 100000), else --accounts N are generated there. The tend workspace is copied from
// DIR/workspace.tend when score_bench built one (never modified in place), else imported.
//
// Usage: rules_bench [--accounts N] [--data DIR] [--work DIR] [--runs N] [--as-of YYYY-MM-DD]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "ingest/importer.h"
#include "rules/engine/rule_engine.h"
#include "scorecard/health_session.h"
#include "store/sqlite_store.h"

#ifndef TEND_SOURCE_DIR
#define TEND_SOURCE_DIR "."
#endif

namespace tend::bench {
namespace {

namespace fs = std::filesystem;

constexpr char kUsage[] =
    "usage: rules_bench [--accounts N] [--data DIR] [--work DIR] [--runs N] [--as-of YYYY-MM-DD]\n"
    "  --accounts N        accounts to generate when DIR has no events.csv (default 10000)\n"
    "  --data DIR          generated folder to reuse or generate into (default: temporary);\n"
    "                      DIR/workspace.tend (from score_bench) is copied when present\n"
    "  --work DIR          where the benchmark's workspace goes (default: a temporary folder)\n"
    "  --runs N            timed evaluations after one warm-up (default 5)\n"
    "  --as-of YYYY-MM-DD  the day D (default: the day of the latest event)\n";

// Twelve rules beside the saas template's eight: 20 in all.
constexpr char kExtraRules[] = R"y(
  - name: expansion_signal
    when: active_users_30d >= 10 AND health.color = 'green' AND segment IN ('smb', 'mid_market')
    actions:
      - cta: {type: expansion, priority: medium, title: "Expansion signal at {{account.name}}", playbook: advocacy_evaluation}
      - success_plan: {template: expansion}
  - name: no_touch_big_account
    when: days_since_touch > 60 AND arr > CASE WHEN segment = 'enterprise' THEN 100000 ELSE 20000 END
    actions:
      - cta: {type: activity, priority: medium, title: "No touch in {{days_since_touch}} days", playbook: red_account}
  - name: dormant
    when: days_since_last_event > 14
    auto_close: true
    actions:
      - cta: {type: risk, priority: high, title: "No usage for {{days_since_last_event}} days", playbook: usage_drop}
  - name: low_csat
    when: csat_avg_90d < 3
    actions:
      - cta: {type: risk, priority: medium, title: "CSAT {{csat_avg_90d}}", playbook: escalation}
  - name: ticket_heavy
    when: tickets_90d > 8 AND coalesce(ticket_csat_90d, 0) < 3.5
    actions:
      - webhook: {url: "http://127.0.0.1:9/tickets", text: "{{account.name}}: {{tickets_90d}} tickets"}
  - name: health_drop_7d
    when: health.overall_change_7d < -10
    auto_close: true
    actions:
      - cta: {type: risk, priority: high, title: "Health down {{health.overall_change_7d}} in 7 days", playbook: red_account}
  - name: enterprise_yellow
    when: segment = 'enterprise' AND health.color = 'yellow' AND arr > 100000
    actions:
      - cta: {type: risk, priority: high, title: "Enterprise account at {{health.overall}}", playbook: renewal_save}
  - name: narrow_adoption
    when: health.feature_breadth < 20 AND tenure_days > 90
    actions:
      - cta: {type: lifecycle, priority: low, title: "Narrow adoption", playbook: onboarding_rescue}
  - name: mark_at_risk
    when: health.overall < 40
    actions:
      - set_field: {field: at_risk, value: "true"}
  - name: engaged_promoter
    when: nps_latest_180d >= 9 AND meetings_90d >= 3
    actions:
      - set_score: {measure: executive_sponsor, score: 100, comment: "promoter with {{meetings_90d}} meetings"}
  - name: emea_renewal_weak_relationship
    when: region = 'emea' AND days_to_renewal BETWEEN 1 AND 120 AND health.relationship < 50
    actions:
      - cta: {type: risk, priority: high, title: "EMEA renewal, weak relationship", playbook: renewal_save}
  - name: power_users
    when: health.product_usage > 85 AND advocacy_activities_365d = 0 AND NOT (industry LIKE '%Gov%')
    actions:
      - cta: {type: advocacy, priority: low, title: "Power user without advocacy", playbook: advocacy_evaluation}
)y";

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "bench: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void ApplyRules(store::Store& store) {
  std::string yaml =
      ReadText(std::string(TEND_SOURCE_DIR) + "/examples/templates/saas.yaml") + kExtraRules;
  auto attrs = Check(store.LoadAttributeDefs(), "attributes");
  auto compiled = definitions::Compile({{"rules-bench.yaml", yaml}}, attrs);
  if (auto* errors = std::get_if<std::vector<std::string>>(&compiled)) {
    for (const auto& e : *errors) std::fprintf(stderr, "%s\n", e.c_str());
    std::exit(1);
  }
  if (std::get<definitions::Definitions>(compiled).rules.size() != 20) {
    std::fprintf(stderr, "bench: expected 20 rules\n");
    std::exit(1);
  }
  Check(store.Begin(), "begin");
  Check(store.ReplaceDefinitionFiles({{"rules-bench.yaml", yaml, NowMs()}}), "apply");
  Check(store.Commit(), "commit");
}

// Evaluates every enabled rule's condition over all accounts, as RuleEngine::Run does, and
// returns the (rule, active account) pairs that hold (RuleRunReport::matched, a cross-check).
size_t EvaluateAll(scorecard::HealthSession& s, const std::vector<size_t>& active,
                   std::string* per_rule = nullptr) {
  size_t matched = 0;
  scorecard::HealthEngine& e = s.engine();
  const size_t rows = s.data().size();
  for (const auto& r : s.defs().rules) {
    if (!r.enabled || !r.condition) continue;
    std::vector<const Column*> in;
    for (const auto& n : r.condition->names()) in.push_back(e.Get(n));
    Column c = r.condition->Evaluate(in, rows);
    size_t m = 0;
    for (size_t i : active) m += !c.IsNull(i) && c.num[i] != 0;
    matched += m;
    if (per_rule) *per_rule += (per_rule->empty() ? "" : " ") + r.name + "=" + std::to_string(m);
  }
  return matched;
}

int Main(int argc, char** argv) {
  Flags flags(argc, argv, {"accounts", "data", "work", "runs", "as-of"}, kUsage);
  const int accounts = static_cast<int>(flags.GetInt("accounts", 10000));
  const int runs = static_cast<int>(std::max<int64_t>(1, flags.GetInt("runs", 5)));
  const bool temp_work = !flags.Has("work");
  const std::string work = temp_work ? MakeTempDir() : flags.Get("work", "");
  fs::create_directories(work);
  const std::string data = flags.Has("data") ? flags.Get("data", "") : work + "/data";
  const std::string ws = work + "/rules-bench.tend";
  PrintHeader();
  if (auto gen = EnsureGenerated(data, accounts, kDefaultEndDay)) {
    PrintRow("generate", "tend", accounts, *gen, PeakRssMb());
  }
  RemoveDb(ws);
  const std::string built = data + "/workspace.tend";
  if (fs::exists(built) && !fs::exists(built + "-wal")) {
    std::fprintf(stderr, "bench: copying %s ...\n", built.c_str());
    fs::copy_file(built, ws);
  } else {
    std::fprintf(stderr, "bench: importing %s into %s ...\n", data.c_str(), ws.c_str());
    auto files = Check(ingest::FindImportFiles(data), "find import files");
    auto store = Check(store::OpenSqliteStore(ws), "create workspace");
    Timer t;
    auto report = Check(ingest::RunImport(*store, files, {}), "import");
    if (!report.committed) {
      std::fprintf(stderr, "bench: import not committed\n");
      return 1;
    }
    int64_t rows = 0;
    for (const auto& f : report.files) rows += f.imported;
    PrintRow("import_all", "tend", rows, t.Seconds(), PeakRssMb());
  }

  auto store = Check(store::OpenSqliteStore(ws), "open workspace");
  ApplyRules(*store);
  auto session = Check(scorecard::HealthSession::Open(*store), "open session");
  EpochDay d;
  if (flags.Has("as-of")) {
    auto parsed = ParseDate(flags.Get("as-of", ""));
    if (!parsed) {
      std::fprintf(stderr, "bench: --as-of is not a date\n");
      return 2;
    }
    d = *parsed;
  } else {
    auto latest = session->data().LatestEventDay();
    d = latest ? *latest : kDefaultEndDay;
  }
  const int64_t n = static_cast<int64_t>(session->data().size());
  Note("20 rules over %lld accounts as of %s (%s)", static_cast<long long>(n),
       FormatDate(d).c_str(), ws.c_str());

  {
    ResetPeakRss();
    Timer t;
    Check(session->Refresh(d, true), "refresh");
    PrintRow("rules", "refresh", n, t.Seconds(), PeakRssMb());
  }
  const std::vector<size_t> active = session->ActiveAccounts();
  std::string per_rule;
  size_t matched = EvaluateAll(*session, active, &per_rule);  // warm-up
  Note("matches per rule: %s", per_rule.c_str());
  std::vector<double> seconds;
  for (int r = 0; r < runs; ++r) {
    Timer t;
    size_t m = EvaluateAll(*session, active);
    seconds.push_back(t.Seconds());
    if (m != matched) std::abort();
  }
  double eval = Median(seconds);
  PrintRow("rules", "evaluate_20", n, eval, PeakRssMb());
  Note(
      "evaluate_20: %.1f ms (median of %d) over %lld accounts (%zu active), %zu (rule, active "
      "account) "
      "matches; target <= 100 ms at 100k accounts: %s",
      eval * 1000, runs, static_cast<long long>(n), active.size(), matched,
      eval <= 0.1 ? "met" : "MISSED");

  rules::RuleEngine engine(*session);
  {
    ResetPeakRss();
    Timer t;
    auto report = Check(engine.Run("bench"), "rules run");
    PrintRow("rules", "run_first", n, t.Seconds(), PeakRssMb());
    if (static_cast<size_t>(report.matched) != matched) {
      Note("MISMATCH: the run matched %d pairs, the evaluation %zu", report.matched, matched);
    }
    Note(
        "run_first: %d matches, %d firings, %d CTAs, %d fields, %d scores, %d plans, %d webhooks; "
        "evaluate_ms %.1f, total_ms %.1f",
        report.matched, report.fired, report.ctas_created, report.fields_set, report.scores_set,
        report.plans_created, report.webhooks_queued, report.evaluate_ms, report.total_ms);
  }
  {
    ResetPeakRss();
    Timer t;
    auto report = Check(engine.Run("bench"), "rules run again");
    PrintRow("rules", "run_again", n, t.Seconds(), PeakRssMb());
    Note("run_again: %d firings, %d CTAs created (expected 0); evaluate_ms %.1f, total_ms %.1f",
         report.fired, report.ctas_created, report.evaluate_ms, report.total_ms);
  }
  session.reset();
  store.reset();
  RemoveDb(ws);
  if (temp_work && !flags.Has("data")) RemoveAll(work);
  return 0;
}

}  // namespace
}  // namespace tend::bench

int main(int argc, char** argv) { return tend::bench::Main(argc, argv); }
