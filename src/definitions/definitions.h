// Workspace definitions as code: metrics, scorecards, rules, playbooks and success-plan
// templates declared in YAML files, parsed, validated and compiled together.
//
// Compile() either returns a complete, type-checked Definitions, or every error found, each
// as `file:line:column: message` (unknown names, type errors in expressions, cycles between
// definitions, weights that are not positive numbers, overlapping, unordered or gapped
// bands, unknown keys, ...). Nothing partial is ever returned, so `tend apply` is
// all-or-nothing.
//
// Names an expression can use: standard and custom account attributes (definitions/attributes.h),
// metric names, and for each scorecard S: S.overall, S.color, S.overall_change_7d,
// S.overall_change_30d, S.<group>, S.<measure> (its score) and S.<measure>.value.
// Inside a measure's `scoring: {expr: ...}`, `value` is the measure's value.
#ifndef TEND_DEFINITIONS_DEFINITIONS_H_
#define TEND_DEFINITIONS_DEFINITIONS_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/result.h"
#include "definitions/metric_def.h"
#include "definitions/plan_template_def.h"
#include "definitions/playbook_def.h"
#include "definitions/rule_def.h"
#include "definitions/scorecard_def.h"
#include "definitions/survey_def.h"
#include "rules/expr/program.h"
#include "store/records.h"

namespace tend::definitions {

struct DefinitionFile {
  std::string path;
  std::string content;
};

struct Definitions {
  std::vector<metrics::MetricDef> metrics;
  // Compiled programs of kExpression metrics, by metric name.
  std::map<std::string, std::shared_ptr<const rules::expr::Program>> metric_programs;
  std::vector<scorecard::ScorecardDef> scorecards;
  std::vector<rules::RuleDef> rules;
  std::vector<cockpit::PlaybookDef> playbooks;
  std::vector<cockpit::PlanTemplateDef> plan_templates;
  std::vector<surveys::SurveyDef> surveys;
  std::vector<DefinitionFile> files;
  // Every definition name in an order where each comes after what it depends on:
  // "metric:<name>", "measure:<scorecard>.<measure>", "scorecard:<name>".
  std::vector<std::string> order;
  // The attributes the definitions were checked against.
  std::vector<store::AttributeDef> custom_attributes;
  // Custom fields that rules set (set_field) and that the workspace may not have yet.
  std::vector<store::AttributeDef> rule_fields;

  const metrics::MetricDef* FindMetric(std::string_view name) const;
  const scorecard::ScorecardDef* FindScorecard(std::string_view name) const;
  const rules::RuleDef* FindRule(std::string_view name) const;
  const cockpit::PlaybookDef* FindPlaybook(std::string_view name) const;
  const cockpit::PlanTemplateDef* FindPlanTemplate(std::string_view name) const;
  const surveys::SurveyDef* FindSurvey(std::string_view name) const;
};

// Compiles `files` against the workspace's custom attributes. On failure, the messages.
// Rules may set custom attributes that do not exist yet (set_field); those are declared by
// the rules themselves.
std::variant<Definitions, std::vector<std::string>> Compile(
    std::vector<DefinitionFile> files, const std::vector<store::AttributeDef>& custom_attributes);

// Reads a YAML file, or every *.yaml / *.yml file below a folder (sorted by path).
Result<std::vector<DefinitionFile>> ReadDefinitionFiles(const std::string& path);

// The type of `name` in the definitions' expression scope, or nullopt.
std::optional<ValueType> NameType(const Definitions& defs, std::string_view name);

// Compiles a free-standing condition (a rule preview) against the definitions' scope.
// Returns the rendered diagnostics on failure.
std::variant<std::shared_ptr<const rules::expr::Program>, std::string> CompileCondition(
    const Definitions& defs, const std::string& condition);

}  // namespace tend::definitions

#endif  // TEND_DEFINITIONS_DEFINITIONS_H_
