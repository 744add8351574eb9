// Tests for the rules, playbooks and success-plan templates of definitions::Compile: every
// error is reported as `file:line:column: message`. Each YAML text is a list of lines, and the
// expected column is computed from the line itself (Col), so a position can be checked by
// reading the line: the column is where the token named in the test starts, 1-based.
#include <gtest/gtest.h>

#include <algorithm>

#include "definitions/definitions.h"
#include "testutil/testutil.h"

namespace tend::definitions {
namespace {

// Lines 1..11 of every text: a scorecard, a playbook and a plan template. Rules start at 12.
const std::vector<std::string> kHead = {
    "scorecards:",                                    // 1
    "  - name: health",                               // 2
    "    measures:",                                  // 3
    "      - {name: m, weight: 1, value: arr}",       // 4
    "      - {name: exec, weight: 1, manual: true}",  // 5
    "playbooks:",                                     // 6
    "  - name: pb",                                   // 7
    "    tasks: [{title: t}]",                        // 8
    "success_plan_templates:",                        // 9
    "  - name: tpl",                                  // 10
    "    objectives: [{title: o}]",                   // 11
    "rules:",                                         // 12
};

struct Text {
  std::vector<std::string> lines;
  std::string yaml() const {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
  }
  // "defs.yaml:L:C" where C is the first column of `token` on line L (1-based).
  std::string At(size_t line, const std::string& token) const {
    size_t col = lines.at(line - 1).find(token);
    EXPECT_NE(col, std::string::npos) << "no '" << token << "' on line " << line;
    return "defs.yaml:" + std::to_string(line) + ":" + std::to_string(col + 1);
  }
};

// kHead + a rule r (line 13 name, 14 when, 15 actions, 16.. the action lines).
Text Rule(const std::string& when, const std::vector<std::string>& actions,
          const std::vector<std::string>& extra = {}) {
  Text t{kHead};
  t.lines.push_back("  - name: r");
  t.lines.push_back("    when: " + when);
  t.lines.push_back("    actions:");
  for (const auto& a : actions) t.lines.push_back(a);
  for (const auto& e : extra) t.lines.push_back(e);
  return t;
}

std::vector<std::string> Errors(const Text& t, const std::vector<store::AttributeDef>& attrs = {}) {
  try {
    auto r = Compile({{"defs.yaml", t.yaml()}}, attrs);
    if (auto* e = std::get_if<std::vector<std::string>>(&r)) return *e;
    return {};
  } catch (const std::exception& e) {
    return {std::string("EXCEPTION: ") + e.what()};
  }
}

std::string OnlyError(const Text& t, const std::vector<store::AttributeDef>& attrs = {}) {
  auto e = Errors(t, attrs);
  EXPECT_EQ(e.size(), 1u) << ::testing::PrintToString(e);
  return e.empty() ? "(compiled)" : e[0];
}

Definitions MustCompile(const Text& t, const std::vector<store::AttributeDef>& attrs = {}) {
  auto r = Compile({{"defs.yaml", t.yaml()}}, attrs);
  if (auto* e = std::get_if<std::vector<std::string>>(&r)) {
    ADD_FAILURE() << "does not compile: " << ::testing::PrintToString(*e);
    return {};
  }
  return std::get<Definitions>(std::move(r));
}

// ---- what compiles ----

TEST(RuleDefinitionsTest, EveryActionKindCompiles) {
  Text t =
      Rule("arr > 100 AND health.color = 'red'",
           {"      - cta:", "          type: risk", "          priority: urgent",
            "          title: \"{{account.name}} at {{health.overall}} ({{metric.arr}})\"",
            "          description: \"CSM {{account.csm}}\"", "          owner: csm",
            "          due_in_days: 3", "          playbook: pb", "          reason: red",
            "      - set_field: {field: flagged, value: \"yes\"}",
            "      - set_field: {field: arr_k, expr: \"arr / 1000\"}",
            "      - set_score: {measure: exec, score: 20, comment: \"red at {{health.overall}}\"}",
            "      - success_plan: {template: tpl}",
            "      - webhook: {url: \"https://hooks.example.com/a\", format: slack, text: "
            "\"{{name}}\"}"},
           {"    auto_close: true"});
  Definitions d = MustCompile(t);
  ASSERT_EQ(d.rules.size(), 1u);
  const rules::RuleDef& r = d.rules[0];
  EXPECT_EQ(r.name, "r");
  EXPECT_TRUE(r.auto_close);
  EXPECT_TRUE(r.enabled);
  ASSERT_TRUE(r.condition != nullptr);
  EXPECT_EQ(r.condition->type(), ValueType::kBool);
  ASSERT_EQ(r.actions.size(), 6u);
  EXPECT_EQ(r.actions[0].kind, rules::ActionKind::kCta);
  EXPECT_EQ(r.actions[0].cta_type, "risk");
  EXPECT_EQ(r.actions[0].priority, "urgent");
  EXPECT_EQ(r.actions[0].due_in_days, 3);
  EXPECT_EQ(r.actions[0].playbook, "pb");
  EXPECT_EQ(r.actions[0].reason, "red");
  EXPECT_EQ(r.actions[1].kind, rules::ActionKind::kSetField);
  EXPECT_EQ(r.actions[1].literal, "yes");
  EXPECT_EQ(r.actions[2].kind, rules::ActionKind::kSetField);
  ASSERT_TRUE(r.actions[2].value != nullptr);
  EXPECT_EQ(r.actions[3].kind, rules::ActionKind::kSetScore);
  EXPECT_EQ(r.actions[3].scorecard, "health");
  EXPECT_EQ(r.actions[3].score, 20);
  EXPECT_EQ(r.actions[4].kind, rules::ActionKind::kSuccessPlan);
  EXPECT_EQ(r.actions[5].kind, rules::ActionKind::kWebhook);
  EXPECT_EQ(r.actions[5].format, "slack");
  // Fields the rules set are declared with the type of their value.
  std::map<std::string, ValueType> fields;
  for (const auto& f : d.rule_fields) fields[f.name] = f.type;
  EXPECT_EQ(fields["flagged"], ValueType::kBool);
  EXPECT_EQ(fields["arr_k"], ValueType::kNumber);
}

TEST(RuleDefinitionsTest, CtaDefaults) {
  Definitions d = MustCompile(Rule("arr > 1", {"      - cta: {type: activity, title: x}"}));
  const rules::ActionDef& a = d.rules[0].actions[0];
  EXPECT_EQ(a.priority, "medium");
  EXPECT_EQ(a.owner, "csm");
  EXPECT_EQ(a.due_in_days, 7);
  EXPECT_EQ(a.playbook, "");
  EXPECT_FALSE(d.rules[0].auto_close);
}

TEST(RuleDefinitionsTest, AConditionMayUseAFieldAnotherRuleSets) {
  Text t = Rule("arr > 1", {"      - set_field: {field: vip, value: \"true\"}"});
  t.lines.push_back("  - name: r2");
  t.lines.push_back("    when: vip = true AND arr_tier > 2");
  t.lines.push_back("    actions:");
  t.lines.push_back("      - cta: {type: expansion, title: \"VIP {{vip}}\"}");
  t.lines.push_back("  - name: r3");
  t.lines.push_back("    when: arr > 5");
  t.lines.push_back("    actions:");
  t.lines.push_back("      - set_field: {field: arr_tier, expr: \"arr / 100\"}");
  Definitions d = MustCompile(t);
  EXPECT_EQ(d.rules.size(), 3u);
  EXPECT_EQ(NameType(d, "vip"), ValueType::kBool);
}

TEST(RuleDefinitionsTest, DisabledRule) {
  Definitions d =
      MustCompile(Rule("arr > 1", {"      - cta: {type: risk, title: x}"}, {"    enabled: false"}));
  EXPECT_FALSE(d.rules[0].enabled);
}

TEST(RuleDefinitionsTest, SaasTemplateCompiles) {
  std::string yaml = testing::ReadFile(testing::SourceDir() + "/examples/templates/saas.yaml");
  auto r = Compile({{"saas.yaml", yaml}}, {});
  ASSERT_TRUE(std::holds_alternative<Definitions>(r))
      << ::testing::PrintToString(std::get<std::vector<std::string>>(r));
  const Definitions& d = std::get<Definitions>(r);
  std::vector<std::string> names;
  for (const auto& rule : d.rules) {
    names.push_back(rule.name);
    // Each rule raises a CTA with a playbook that exists.
    bool has_playbook = false;
    for (const auto& a : rule.actions) {
      if (a.kind == rules::ActionKind::kCta && !a.playbook.empty()) {
        has_playbook = true;
        EXPECT_NE(d.FindPlaybook(a.playbook), nullptr) << rule.name;
      }
    }
    EXPECT_TRUE(has_playbook) << rule.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"advocacy_candidate", "usage_drop", "nps_detractor",
                                             "ticket_escalation", "champion_left",
                                             "champion_moved_away", "former_champion_arrived",
                                             "health_red", "renewal_risk", "renewal_with_open_blocker",
                                             "onboarding_stalled"}));
}

// ---- references ----

TEST(RuleDefinitionsTest, UnknownPlaybook) {
  Text t = Rule("arr > 1", {"      - cta: {type: risk, title: x, playbook: nope}"});
  EXPECT_EQ(OnlyError(t), t.At(16, "nope") + ": rule r: cta: unknown playbook \"nope\"");
}

TEST(RuleDefinitionsTest, UnknownPlanTemplate) {
  Text t = Rule("arr > 1", {"      - success_plan: {template: nope}"});
  EXPECT_EQ(OnlyError(t), t.At(16, "success_plan") +
                              ": rule r: success_plan: unknown success plan template \"nope\"");
}

TEST(RuleDefinitionsTest, UnknownMeasureInSetScore) {
  Text t = Rule("arr > 1", {"      - set_score: {measure: nope, score: 50}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "set_score") + ": rule r: set_score: unknown measure \"health.nope\"");
}

TEST(RuleDefinitionsTest, UnknownScorecardInSetScore) {
  Text t = Rule("arr > 1", {"      - set_score: {scorecard: other, measure: exec, score: 50}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "set_score") + ": rule r: set_score: unknown measure \"other.exec\"");
}

TEST(RuleDefinitionsTest, SetScoreOutOfRange) {
  Text t = Rule("arr > 1", {"      - set_score: {measure: exec, score: 150}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "150") + ": rule r: set_score: score must be from 0 to 100, not 150");
}

TEST(RuleDefinitionsTest, SetScoreWithoutScore) {
  Text t = Rule("arr > 1", {"      - set_score: {measure: exec}"});
  EXPECT_EQ(OnlyError(t), t.At(16, "set_score") + ": rule r: set_score: missing \"score\"");
}

// ---- templates ----

TEST(RuleDefinitionsTest, UnknownNameInATitle) {
  Text t = Rule("arr > 1", {"      - cta: {type: risk, title: \"Hello {{nope}}\"}"});
  EXPECT_EQ(OnlyError(t), t.At(16, "\"Hello") + ": rule r: cta: unknown name \"nope\" in {{...}}");
}

TEST(RuleDefinitionsTest, UnknownAccountFieldInADescription) {
  Text t = Rule("arr > 1", {"      - cta:", "          type: risk", "          title: ok",
                            "          description: \"{{account.name}} / {{ account.nope }}\""});
  EXPECT_EQ(OnlyError(t),
            t.At(19, "\"{{") + ": rule r: cta: unknown name \"account.nope\" in {{...}}");
}

TEST(RuleDefinitionsTest, UnknownNameInAWebhookText) {
  Text t =
      Rule("arr > 1", {"      - webhook: {url: \"http://x.test/h\", text: \"{{metric.nope}}\"}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "\"{{") + ": rule r: webhook: unknown name \"metric.nope\" in {{...}}");
}

TEST(RuleDefinitionsTest, UnknownNameInASetScoreComment) {
  Text t = Rule("arr > 1",
                {"      - set_score: {measure: exec, score: 5, comment: \"{{health.nope}}\"}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "\"{{") + ": rule r: set_score: unknown name \"health.nope\" in {{...}}");
}

TEST(RuleDefinitionsTest, EveryUnknownTemplateNameIsReported) {
  Text t = Rule("arr > 1", {"      - cta: {type: risk, title: \"{{a1}} {{name}} {{b2}}\"}"});
  auto e = Errors(t);
  ASSERT_EQ(e.size(), 2u) << ::testing::PrintToString(e);
  EXPECT_EQ(e[0], t.At(16, "\"{{") + ": rule r: cta: unknown name \"a1\" in {{...}}");
  EXPECT_EQ(e[1], t.At(16, "\"{{") + ": rule r: cta: unknown name \"b2\" in {{...}}");
}

// ---- conditions ----

TEST(RuleDefinitionsTest, ConditionMustBeBoolean) {
  Text t = Rule("arr + 1", {"      - cta: {type: risk, title: x}"});
  EXPECT_EQ(
      OnlyError(t),
      t.At(14, "arr") + ": rule r: type error: a condition must be true or false, not number");
}

TEST(RuleDefinitionsTest, TextConditionIsNotBoolean) {
  Text t = Rule("csm", {"      - cta: {type: risk, title: x}"});
  EXPECT_EQ(OnlyError(t),
            t.At(14, "csm") + ": rule r: type error: a condition must be true or false, not text");
}

TEST(RuleDefinitionsTest, UnknownNameInCondition) {
  Text t = Rule("arr > 1 AND nope < 3", {"      - cta: {type: risk, title: x}"});
  EXPECT_EQ(OnlyError(t), t.At(14, "nope") + ": rule r: unknown name 'nope'");
}

TEST(RuleDefinitionsTest, MissingCondition) {
  Text t{kHead};
  t.lines.insert(t.lines.end(),
                 {"  - name: r", "    actions:", "      - cta: {type: risk, title: x}"});
  EXPECT_EQ(OnlyError(t), t.At(13, "name") + ": rule r: missing \"when\" (a condition)");
}

// ---- cta values ----

TEST(RuleDefinitionsTest, BadCtaType) {
  Text t = Rule("arr > 1", {"      - cta: {type: danger, title: x}"});
  EXPECT_EQ(OnlyError(t), t.At(16, "danger") +
                              ": rule r: cta: type \"danger\" is not one of "
                              "risk|opportunity|lifecycle|advocacy|expansion|activity");
}

TEST(RuleDefinitionsTest, BadCtaPriority) {
  Text t = Rule("arr > 1", {"      - cta: {type: risk, priority: critical, title: x}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "critical") +
                ": rule r: cta: priority \"critical\" is not one of low|medium|high|urgent");
}

TEST(RuleDefinitionsTest, CtaRenewalIsNextOrNothing) {
  Text t = Rule("arr > 1", {"      - cta: {type: risk, title: x, renewal: last}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "last") + ": rule r: cta: renewal \"last\" is not one of next");
  Definitions d = MustCompile(Rule("arr > 1", {"      - cta: {type: risk, title: x, renewal: next}"}));
  ASSERT_EQ(d.rules.size(), 1u);
  EXPECT_EQ(d.rules[0].actions[0].renewal, "next");
}

TEST(RuleDefinitionsTest, CtaWithoutType) {
  Text t = Rule("arr > 1", {"      - cta: {title: x}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "cta") +
                ": rule r: cta: missing \"type\" (risk, opportunity, lifecycle, advocacy, "
                "expansion or activity)");
}

TEST(RuleDefinitionsTest, CtaWithoutTitle) {
  Text t = Rule("arr > 1", {"      - cta: {type: risk}"});
  EXPECT_EQ(OnlyError(t), t.At(16, "{type") + ": rule r: cta: missing \"title\"");
}

TEST(RuleDefinitionsTest, CtaUnknownKey) {
  Text t = Rule("arr > 1", {"      - cta: {type: risk, title: x, colour: red}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "colour") +
                ": unknown key \"colour\" in rule r: cta (expected one of type, priority, "
                "title, description, owner, due_in_days, playbook, reason, renewal)");
}

TEST(RuleDefinitionsTest, CtaNegativeDueDays) {
  Text t = Rule("arr > 1", {"      - cta: {type: risk, title: x, due_in_days: -2}"});
  EXPECT_EQ(OnlyError(t), t.At(16, "-2") +
                              ": rule r: cta: due_in_days: expected a whole number of days from 0 "
                              "to 36500, not \"-2\"");
}

// ---- webhooks ----

TEST(RuleDefinitionsTest, BadWebhookUrl) {
  Text t = Rule("arr > 1", {"      - webhook: {url: \"ftp://hooks.example.com\"}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "\"ftp") + ": rule r: webhook: url must start with http:// or https://");
}

TEST(RuleDefinitionsTest, WebhookWithoutUrl) {
  Text t = Rule("arr > 1", {"      - webhook: {text: hi}"});
  EXPECT_EQ(OnlyError(t), t.At(16, "{text") + ": rule r: webhook: missing \"url\"");
}

TEST(RuleDefinitionsTest, BadWebhookFormat) {
  Text t = Rule("arr > 1", {"      - webhook: {url: \"http://x.test\", format: teams}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "teams") + ": rule r: webhook: format \"teams\" is not one of json|slack");
}

// ---- actions ----

TEST(RuleDefinitionsTest, UnknownActionKind) {
  Text t = Rule("arr > 1", {"      - email: {to: ann}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "email") +
                ": rule r: unknown action \"email\" (expected cta, set_field, set_score, "
                "success_plan, webhook or send_survey)");
}

TEST(RuleDefinitionsTest, ActionsMustBeANonEmptyList) {
  Text t{kHead};
  t.lines.insert(t.lines.end(), {"  - name: r", "    when: arr > 1", "    actions: []"});
  EXPECT_EQ(OnlyError(t), t.At(13, "name") + ": rule r: expected a non-empty list of actions");
}

TEST(RuleDefinitionsTest, ActionWithTwoKinds) {
  Text t =
      Rule("arr > 1", {"      - {cta: {type: risk, title: x}, webhook: {url: \"http://x.test\"}}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "{cta") +
                ": rule r: each action is a mapping with one of cta, set_field, set_score, "
                "success_plan, webhook, send_survey");
}

TEST(RuleDefinitionsTest, SetFieldOnAStandardAttribute) {
  Text t = Rule("arr > 1", {"      - set_field: {field: csm, value: bob}"});
  EXPECT_EQ(OnlyError(t),
            t.At(16, "csm") +
                ": rule r: set_field: \"csm\" is a standard attribute; rules set custom fields");
}

TEST(RuleDefinitionsTest, SetFieldTypeConflictsWithTheWorkspace) {
  Text t = Rule("arr > 1", {"      - set_field: {field: tier, value: \"3\"}"});
  EXPECT_EQ(OnlyError(t, {{"tier", ValueType::kText}}),
            t.At(16, "tier") + ": rule r: set_field: field \"tier\" holds text, not number");
}

TEST(RuleDefinitionsTest, SetFieldTypeConflictsBetweenRules) {
  Text t = Rule("arr > 1", {"      - set_field: {field: flag, value: \"true\"}"});
  t.lines.insert(t.lines.end(), {"  - name: r2", "    when: arr > 2",
                                 "    actions:", "      - set_field: {field: flag, value: maybe}"});
  EXPECT_EQ(OnlyError(t),
            t.At(20, "flag") + ": rule r2: set_field: field \"flag\" holds bool, not text");
}

TEST(RuleDefinitionsTest, SetFieldExpressionWithAnUnknownName) {
  Text t = Rule("arr > 1", {"      - set_field: {field: f, expr: \"arr * nope\"}"});
  auto e = OnlyError(t);
  EXPECT_EQ(e, t.At(16, "nope") + ": rule r: set_field: unknown name 'nope'");
}

// ---- rules as a whole ----

TEST(RuleDefinitionsTest, RuleDefinedTwice) {
  Text t = Rule("arr > 1", {"      - cta: {type: risk, title: x}"});
  t.lines.insert(t.lines.end(), {"  - name: r", "    when: arr > 2",
                                 "    actions:", "      - cta: {type: risk, title: y}"});
  EXPECT_EQ(OnlyError(t), "defs.yaml:17:5: rule r: defined twice");
}

TEST(RuleDefinitionsTest, RuleNameMustBeAnIdentifier) {
  Text t{kHead};
  t.lines.insert(t.lines.end(), {"  - name: Low-Usage", "    when: arr > 1",
                                 "    actions:", "      - cta: {type: risk, title: x}"});
  EXPECT_EQ(OnlyError(t),
            t.At(13, "Low") + ": rule Low-Usage: a name must be lowercase letters, digits and _");
}

TEST(RuleDefinitionsTest, UnknownRuleKey) {
  Text t = Rule("arr > 1", {"      - cta: {type: risk, title: x}"}, {"    autoclose: true"});
  EXPECT_EQ(OnlyError(t),
            t.At(17, "autoclose") +
                ": unknown key \"autoclose\" in rule (expected one of name, description, when, "
                "actions, auto_close, enabled)");
}

TEST(RuleDefinitionsTest, AutoCloseMustBeABoolean) {
  Text t = Rule("arr > 1", {"      - cta: {type: risk, title: x}"}, {"    auto_close: sometimes"});
  EXPECT_EQ(OnlyError(t), t.At(17, "sometimes") + ": rule r: auto_close must be true or false");
}

TEST(RuleDefinitionsTest, AllErrorsAtOnceInOrder) {
  Text t = Rule("arr + 1", {"      - cta: {type: danger, title: \"{{nope}}\", playbook: missing}",
                            "      - webhook: {url: \"mailto:x\"}", "      - frobnicate: {}"});
  auto e = Errors(t);
  ASSERT_EQ(e.size(), 6u) << ::testing::PrintToString(e);
  EXPECT_TRUE(std::is_sorted(e.begin(), e.end(), [](const std::string& a, const std::string& b) {
    auto key = [](const std::string& s) {
      size_t p1 = s.find(':'), p2 = s.find(':', p1 + 1), p3 = s.find(':', p2 + 1);
      return std::make_pair(std::stoi(s.substr(p1 + 1, p2 - p1 - 1)),
                            std::stoi(s.substr(p2 + 1, p3 - p2 - 1)));
    };
    return key(a) < key(b);
  })) << ::testing::PrintToString(e);
}

// ---- playbooks and plan templates ----

TEST(PlaybookDefinitionsTest, PlaybookNeedsTasks) {
  Text t{{"playbooks:", "  - name: empty", "    label: Empty"}};
  EXPECT_EQ(OnlyError(t), "defs.yaml:2:5: playbook empty: expected a non-empty list of tasks");
}

TEST(PlaybookDefinitionsTest, PlaybookTaskNeedsATitle) {
  Text t{{"playbooks:", "  - name: p", "    tasks:", "      - {due_in_days: 3}",
          "      - {title: ok}"}};
  EXPECT_EQ(OnlyError(t), t.At(4, "{due") + ": playbook p task: missing \"title\"");
}

TEST(PlaybookDefinitionsTest, PlaybookDefinedTwice) {
  Text t{{"playbooks:", "  - name: p", "    tasks: [{title: a}]", "  - name: p",
          "    tasks: [{title: b}]"}};
  EXPECT_EQ(OnlyError(t), "defs.yaml:4:5: playbook p: defined twice");
}

TEST(PlaybookDefinitionsTest, PlaybookTaskBadDueDays) {
  Text t{{"playbooks:", "  - name: p", "    tasks:", "      - {title: a, due_in_days: soon}"}};
  EXPECT_EQ(OnlyError(t), t.At(4, "soon") +
                              ": playbook p: due_in_days: expected a whole number of days from 0 "
                              "to 36500, not \"soon\"");
}

TEST(PlaybookDefinitionsTest, PlanTemplateNeedsObjectives) {
  Text t{{"success_plan_templates:", "  - name: t", "    label: T"}};
  EXPECT_EQ(OnlyError(t),
            "defs.yaml:2:5: success plan template t: expected a non-empty list of objectives");
}

TEST(PlaybookDefinitionsTest, PlanTemplateUnknownObjectiveKey) {
  Text t{{"success_plan_templates:", "  - name: t",
          "    objectives:", "      - {title: o, owner: ann}"}};
  EXPECT_EQ(OnlyError(t),
            t.At(4, "owner") +
                ": unknown key \"owner\" in success plan template t objective (expected one "
                "of title, description, due_in_days, tasks)");
}

TEST(PlaybookDefinitionsTest, PlanTemplateParsed) {
  Text t{{"success_plan_templates:", "  - name: t", "    label: T", "    objectives:",
          "      - title: o1", "        description: d1", "        due_in_days: 20",
          "        tasks:", "          - {title: k1, due_in_days: 5, owner: tam}",
          "      - {title: o2}"}};
  Definitions d = MustCompile(t);
  const cockpit::PlanTemplateDef* p = d.FindPlanTemplate("t");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->label, "T");
  ASSERT_EQ(p->objectives.size(), 2u);
  EXPECT_EQ(p->objectives[0].description, "d1");
  EXPECT_EQ(p->objectives[0].due_in_days, 20);
  ASSERT_EQ(p->objectives[0].tasks.size(), 1u);
  EXPECT_EQ(p->objectives[0].tasks[0].owner_role, "tam");
  EXPECT_EQ(p->objectives[0].tasks[0].due_in_days, 5);
  EXPECT_EQ(p->objectives[1].due_in_days, 30);
}

}  // namespace
}  // namespace tend::definitions
