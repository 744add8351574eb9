// The refresh-then-rules pipeline, the one way scores and rules are brought up to date:
// champion milestones (contacts that changed title or company become milestones, so the
// champion rules see them) -> open a HealthSession -> refresh every account -> run every rule.
// `tend rules run`, `tend rules preview`, the server (api::LiveWorkspace: at start, after
// imports and definition changes, daily) and the text-test runner all call RunPipeline.
//
// RescoreAccounts is the same pipeline for a few accounts of an already refreshed session:
// what the server does after an event touched them.
//
// Threads: both take the caller's session and store; the caller serialises them (the server
// holds its writer lock, and its exclusive lock for RescoreAccounts).
#ifndef TEND_RULES_ENGINE_RUN_PIPELINE_H_
#define TEND_RULES_ENGINE_RUN_PIPELINE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "rules/engine/rule_engine.h"
#include "scorecard/health_session.h"
#include "store/store.h"

namespace tend::rules {

struct PipelineOptions {
  // The actor of the milestones step, one transaction of its own before the session opens
  // (advocacy::ProcessMilestones); empty: no milestones step.
  std::string milestones_actor;
  // Open a workspace without definitions too (the server).
  bool allow_empty = false;
  // The day to refresh as of (default: HealthSession::Refresh's).
  std::optional<EpochDay> as_of;
  // Store the day's history (only when there are scorecards).
  bool save_history = false;
  // Run every rule after the refresh, as this actor; empty: refresh only.
  std::string rules_actor = "rules";
};

struct PipelineResult {
  std::unique_ptr<scorecard::HealthSession> session;
  RuleRunReport rules;    // zero when no rules ran
  double rules_ms = 0;    // wall time of the rule run
};

// Runs the pipeline on `store`. Failures: the store's, the definitions' (HealthSession::Open),
// the rule run's; the milestones transaction rolls back on failure.
Result<PipelineResult> RunPipeline(store::Store& store, const PipelineOptions& options);

// A re-scored account's score in the main scorecard, before and after.
struct ScoreChange {
  std::string account_id, scorecard;
  std::optional<double> overall, previous_overall;
  std::string color, previous_color;
};

struct RescoreResult {
  std::vector<ScoreChange> changes;  // only accounts whose overall or color changed
  RuleRunReport rules;
  double rules_ms = 0;
};

// Re-scores accounts `rows` of a refreshed `session` (HealthEngine::RefreshAccount, else a
// full refresh) and runs every rule for them (RuleEngine::RunAccounts, actor "rules").
// `main_scorecard` names the scorecard whose score changes are reported ("" for none).
Result<RescoreResult> RescoreAccounts(scorecard::HealthSession& session,
                                      const std::string& main_scorecard,
                                      const std::vector<size_t>& rows);

}  // namespace tend::rules

#endif  // TEND_RULES_ENGINE_RUN_PIPELINE_H_
