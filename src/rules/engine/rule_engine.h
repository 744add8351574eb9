// RuleEngine: evaluates the workspace's rules over a refreshed HealthSession and takes their
// actions, idempotently.
//
// For each enabled rule, the condition is evaluated column-wise over all accounts; only
// active accounts count. A rule *fires* for an account when its condition holds and either it
// did not hold at the previous run (rule_state) or the rule raises CTAs and the account has
// none from it that is not closed (a closed CTA comes back while the condition holds; a
// snoozed one stays open, so it is not raised again until its snooze ends). Firing takes
// every action: a CTA (with its playbook's tasks), set_field (when the value differs),
// set_score (an override), success_plan (unless one from the template is active), webhook
// (queued, delivered after the run), send_survey (the survey's mail to the account's contacts,
// queued in the outbox; surveys/surveys.h). Each firing is logged with the values of the names the
// condition uses. When the condition stops holding, auto_close rules close their open CTA
// (reason resolved_by_rule).
//
// One Run() is one transaction. Failures (Status) come from the store.
#ifndef TEND_RULES_ENGINE_RULE_ENGINE_H_
#define TEND_RULES_ENGINE_RULE_ENGINE_H_

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "scorecard/health_session.h"

namespace tend::rules {

struct RuleRunReport {
  int rules = 0;
  int matched = 0;  // (rule, active account) pairs whose condition holds
  int fired = 0;
  int ctas_created = 0, ctas_closed = 0, fields_set = 0, scores_set = 0, plans_created = 0,
      webhooks_queued = 0, surveys_queued = 0;
  std::vector<int64_t> created_ctas;  // ids of the CTAs created
  double evaluate_ms = 0;             // evaluating the conditions
  double total_ms = 0;
};

// The accounts a condition matches, with the values of the names it uses.
struct Preview {
  std::vector<std::string> names;
  struct Row {
    std::string account_id;
    std::vector<std::string> values;  // per name, formatted; empty for NULL
  };
  std::vector<Row> rows;
};

// Renders a template's {{names}} for one account.
std::string Render(const std::string& text, scorecard::HealthEngine& engine, size_t row);

class RuleEngine {
 public:
  explicit RuleEngine(scorecard::HealthSession& session) : session_(session) {}

  // Runs every enabled rule. REQUIRES: the session was refreshed.
  Result<RuleRunReport> Run(const std::string& actor = "rules");
  // Runs every enabled rule for the accounts `rows` (indexes) only, evaluating conditions row
  // by row: what the server does after an event re-scores one account (microseconds, plus
  // the store's reads of that account's rule state and CTAs).
  Result<RuleRunReport> RunAccounts(const std::vector<size_t>& rows,
                                    const std::string& actor = "rules");

  // Evaluates a condition over the active accounts without acting. kInvalidArgument with
  // the rendered diagnostics when it does not compile.
  Result<Preview> PreviewCondition(const std::string& condition);

 private:
  Result<RuleRunReport> RunOn(const std::vector<size_t>* only, const std::string& actor);
  scorecard::HealthSession& session_;
};

}  // namespace tend::rules

#endif  // TEND_RULES_ENGINE_RULE_ENGINE_H_
