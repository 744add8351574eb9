// RuleDef: a rule as declared in YAML: a condition over the expression scope (metrics,
// attributes, scores, colors, trends) and the actions it takes for each account it holds for.
#ifndef TEND_DEFINITIONS_RULE_DEF_H_
#define TEND_DEFINITIONS_RULE_DEF_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "definitions/scorecard_def.h"
#include "rules/expr/program.h"

namespace tend::rules {

enum class ActionKind { kCta, kSetField, kSetScore, kSuccessPlan, kWebhook, kSendSurvey };

struct ActionDef {
  ActionKind kind = ActionKind::kCta;
  // kCta
  std::string cta_type;  // risk | opportunity | lifecycle | advocacy | expansion | activity
  std::string priority = "medium";  // low | medium | high | urgent
  std::string title;          // a template: {{account.name}}, {{metric.nps}}, {{health.overall}}
  std::string description;    // a template
  std::string owner = "csm";  // an account text field (csm), else a user's name or email
  int due_in_days = 7;
  std::string playbook;  // optional
  std::string reason;    // reason code
  std::string renewal;   // "next": link the CTA to the account's next renewal; "": none
  // kSetField: a custom account attribute and its value (a literal, or an expression)
  std::string field;
  std::string literal;  // when no expression
  std::shared_ptr<const expr::Program> value;
  // kSetScore
  std::string scorecard, measure;
  double score = 0;
  std::string comment;  // a template
  // kSuccessPlan
  std::string plan_template;
  // kWebhook
  std::string url;
  std::string format = "json";  // json | slack
  std::string text;             // a template (Slack text, or "message" in JSON)
  // kSendSurvey: the survey sent to the account's contacts (surveys/)
  std::string survey;
  scorecard::SourcePos pos;
};

struct RuleDef {
  std::string name;
  std::string description;
  std::shared_ptr<const expr::Program> condition;
  std::vector<ActionDef> actions;
  bool auto_close = false;  // close the rule's open CTA (resolved_by_rule) when it stops holding
  bool enabled = true;
  scorecard::SourcePos pos;
};

// The names a template uses: "{{ name }}" -> "name". `account.X` and `metric.X` are
// spellings of X.
std::vector<std::string> TemplateNames(const std::string& text);
// The canonical expression name of a template name ("account.csm" -> "csm").
std::string TemplateNameToExpressionName(const std::string& name);
// `text` with each "{{ name }}" replaced by value(name) (the name trimmed, as written);
// an unclosed "{{" stays as it is.
std::string RenderTemplate(const std::string& text,
                           const std::function<std::string(const std::string& name)>& value);

}  // namespace tend::rules

#endif  // TEND_DEFINITIONS_RULE_DEF_H_
