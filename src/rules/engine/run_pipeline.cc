#include "rules/engine/run_pipeline.h"

#include <chrono>

#include "advocacy/program.h"

namespace tend::rules {

namespace {

double MsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

Status Milestones(store::Store& store, const std::string& actor) {
  TEND_RETURN_IF_ERROR(store.Begin());
  auto touched = advocacy::ProcessMilestones(store, actor);
  Status st = touched.ok() ? store.Commit() : touched.status();
  if (!st.ok()) (void)store.Rollback();
  return st;
}

// The main scorecard's overall and color of account `i`.
std::pair<std::optional<double>, std::string> ScoreOf(const scorecard::HealthEngine& engine,
                                                      const std::string& main, size_t i) {
  if (main.empty()) return {std::nullopt, ""};
  const Column* overall = engine.Find(main + ".overall");
  const Column* color = engine.Find(main + ".color");
  std::pair<std::optional<double>, std::string> out;
  if (overall && !overall->IsNull(i)) out.first = overall->num[i];
  if (color && !color->IsNull(i)) out.second = color->text[i];
  return out;
}

}  // namespace

Result<PipelineResult> RunPipeline(store::Store& store, const PipelineOptions& options) {
  if (!options.milestones_actor.empty()) {
    TEND_RETURN_IF_ERROR(Milestones(store, options.milestones_actor));
  }
  PipelineResult out;
  TEND_ASSIGN_OR_RETURN(out.session, scorecard::HealthSession::Open(store, options.allow_empty));
  TEND_RETURN_IF_ERROR(out.session->Refresh(
      options.as_of, options.save_history && !out.session->defs().scorecards.empty()));
  if (!options.rules_actor.empty()) {
    auto start = std::chrono::steady_clock::now();
    TEND_ASSIGN_OR_RETURN(out.rules, RuleEngine(*out.session).Run(options.rules_actor));
    out.rules_ms = MsSince(start);
  }
  return out;
}

Result<RescoreResult> RescoreAccounts(scorecard::HealthSession& session,
                                      const std::string& main_scorecard,
                                      const std::vector<size_t>& rows) {
  scorecard::HealthEngine& engine = session.engine();
  std::vector<std::pair<std::optional<double>, std::string>> before;
  before.reserve(rows.size());
  for (size_t i : rows) before.push_back(ScoreOf(engine, main_scorecard, i));
  bool full = false;
  for (size_t i : rows) full |= !engine.RefreshAccount(i);
  if (full) {
    engine.Refresh(engine.as_of());
    engine.ApplyPriors();
  }
  RescoreResult out;
  auto start = std::chrono::steady_clock::now();
  auto run = RuleEngine(session).RunAccounts(rows, "rules");
  out.rules_ms = MsSince(start);
  if (!run.ok()) return run.status();
  out.rules = std::move(run).value();
  for (size_t k = 0; k < rows.size(); ++k) {
    auto after = ScoreOf(engine, main_scorecard, rows[k]);
    if (after == before[k]) continue;
    out.changes.push_back({session.data().account(rows[k]).account_id, main_scorecard,
                           after.first, before[k].first, after.second, before[k].second});
  }
  return out;
}

}  // namespace tend::rules
