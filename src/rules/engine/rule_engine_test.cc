// Tests for RuleEngine on small real workspaces (SQLite, imported through the importer): every
// action kind, idempotence, auto_close, snooze and re-raise semantics as rule_engine.h
// documents them, the firing log, previews, and a generated workspace under the saas template.
//
// The fixture workspace: four accounts with custom attributes `usage` and `sentiment`
// (numbers) and `tam` (text); C1 is churned. The scorecard `health` averages `usage` and a
// manual measure `exec`. Each test applies the shared scorecard, playbooks and plan templates
// plus its own rules.
#include "rules/engine/rule_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cockpit/cockpit.h"
#include "generate/generator.h"
#include "ingest/importer.h"
#include "store/sqlite_store.h"
#include "testutil/session_fixture.h"
#include "testutil/testutil.h"

namespace tend::rules {
namespace {

using testing::TempDir;
using testing::WriteFile;

EpochDay Day(const char* s) { return *ParseDate(s); }

constexpr char kAccounts[] =
    "account_id,name,csm,status,churned_on,start_date,renewal_date,usage,sentiment,tam\n"
    "A1,Acme,ann,active,,2025-01-01,2026-12-01,20,9,tina\n"
    "A2,Beta,bob,active,,2025-03-01,2027-03-01,80,3,tom\n"
    "A3,Gamma,ann,active,,2026-09-01,2026-11-15,55,,tina\n"
    "C1,Churny,bob,churned,2026-09-01,2025-01-01,2026-12-01,10,2,tom\n";

// Scorecard, playbook and plan template every test shares; rules come after `rules:`.
constexpr char kBase[] = R"y(scorecards:
  - name: health
    measures:
      - {name: usage, weight: 1, value: usage}
      - {name: exec, weight: 1, manual: true}
playbooks:
  - name: rescue
    label: Rescue
    tasks:
      - {title: "Call the champion", due_in_days: 2}
      - {title: "Review usage", due_in_days: 5, owner: tam}
      - {title: "Escalate", due_in_days: 9, owner: "Dana Boss"}
success_plan_templates:
  - name: growth
    label: Growth plan
    objectives:
      - title: Expand seats
        description: more teams on the product
        due_in_days: 30
        tasks:
          - {title: "Find teams", due_in_days: 10}
          - {title: "Pitch", due_in_days: 20, owner: tam}
      - title: Executive review
        due_in_days: 60
rules:
)y";

constexpr char kLowUsage[] = R"y(  - name: low_usage
    when: usage < 30
    auto_close: true
    actions:
      - cta:
          type: risk
          priority: high
          title: "Low usage at {{account.name}} ({{usage}})"
          description: "Health {{health.overall}}, CSM {{account.csm}}"
          owner: csm
          due_in_days: 5
          playbook: rescue
          reason: usage_decline
      - webhook: {url: "http://127.0.0.1:9/hook", text: "{{account.name}} usage {{metric.usage}}"}
)y";

constexpr char kDetractor[] = R"y(  - name: detractor
    when: sentiment <= 6
    actions:
      - cta: {type: risk, priority: urgent, title: "Detractor {{account.name}}", owner: "Carol Named", due_in_days: 3}
)y";

constexpr char kFlagLow[] = R"y(  - name: flag_low
    when: usage < 30
    actions:
      - set_field: {field: at_risk_flag, value: "true"}
)y";

constexpr char kFlagged[] = R"y(  - name: flagged
    when: at_risk_flag = true
    actions:
      - cta: {type: activity, title: "Flagged {{account.name}}"}
)y";

constexpr char kPromoter[] = R"y(  - name: promoter
    when: sentiment >= 9
    actions:
      - set_score: {measure: exec, score: 90, comment: "Promoter {{account.name}} ({{sentiment}})"}
)y";

constexpr char kGrow[] = R"y(  - name: grow
    when: usage >= 50
    actions:
      - success_plan: {template: growth}
      - set_field: {field: usage_double, expr: "usage * 2"}
)y";

constexpr char kRedHook[] = R"y(  - name: red_hook
    when: health.color = 'red'
    actions:
      - webhook: {url: "https://hooks.example.com/x", format: slack, text: "{{account.name}} is red ({{health.overall}})"}
)y";

class RuleEngineTest : public testing::SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    ImportAccounts(kAccounts);
  }

  // Applies kBase + `rules` like `tend apply`.
  void Apply(const std::string& rules) { SessionFixture::Apply(std::string(kBase) + rules); }

  // Like `tend rules run --as-of day --no-deliver`: a fresh session, refreshed with history.
  RuleRunReport Run(const char* day) {
    auto session = scorecard::HealthSession::Open(*store_);
    EXPECT_TRUE(session.ok()) << session.status().ToString();
    if (!session.ok()) return {};
    Status st = (*session)->Refresh(Day(day), true);
    EXPECT_OK(st);
    auto r = RuleEngine(**session).Run();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RuleRunReport{};
  }

  std::vector<store::CtaRecord> Ctas(const std::string& rule = "",
                                     std::vector<std::string> statuses = {}) {
    store::CtaFilter f;
    f.rule = rule;
    f.statuses = std::move(statuses);
    auto r = store_->ListCtas(f);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<store::CtaRecord>{};
  }
  std::vector<store::RuleFiringRecord> Firings(const std::string& account = "") {
    auto r = store_->ListRuleFirings(account, 1000);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<store::RuleFiringRecord>{};
  }
  std::vector<store::ActivityRecord> Timeline(const std::string& account,
                                              const std::string& type = "") {
    auto r = store_->ListActivities(account);
    EXPECT_TRUE(r.ok());
    std::vector<store::ActivityRecord> out;
    if (r.ok()) {
      for (auto& a : *r) {
        if (type.empty() || a.type == type) out.push_back(a);
      }
    }
    return out;
  }
  std::vector<store::WebhookDeliveryRecord> Webhooks() {
    auto r = store_->ListWebhookDeliveries("");
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<store::WebhookDeliveryRecord>{};
  }
  std::vector<store::OverrideRecord> Overrides() {
    auto r = store_->LoadOverrides();
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<store::OverrideRecord>{};
  }
  std::vector<store::PlanRecord> Plans(const std::string& account) {
    auto r = store_->ListPlans(account);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<store::PlanRecord>{};
  }
  std::optional<store::AttributeValue> Attribute(const std::string& account,
                                                 const std::string& name) {
    auto accounts = store_->LoadAccounts();
    EXPECT_TRUE(accounts.ok());
    for (const auto& a : *accounts) {
      if (a.account_id != account) continue;
      for (const auto& v : a.attributes) {
        if (v.name == name) return v;
      }
    }
    return std::nullopt;
  }

  // Everything the engine writes, counted, to compare before and after a run.
  std::map<std::string, size_t> Snapshot() {
    std::map<std::string, size_t> m;
    m["ctas"] = Ctas().size();
    m["firings"] = Firings().size();
    m["webhooks"] = Webhooks().size();
    m["overrides"] = Overrides().size();
    // Timeline entries the rules write (color changes come from the refresh, not the rules).
    auto acts = store_->LoadActivities();
    EXPECT_TRUE(acts.ok());
    for (const auto& a : *acts) {
      if (a.type != "color_change") ++m["timeline:" + a.type];
    }
    size_t plans = 0, t = 0;
    for (const char* a : {"A1", "A2", "A3", "C1"}) {
      plans += Plans(a).size();
      auto tk = store_->ListTasks(std::nullopt, std::nullopt, a);
      t += tk.ok() ? tk->size() : 0;
    }
    m["plans"] = plans;
    m["tasks"] = t;
    for (const char* a : {"A1", "A2", "A3"}) {
      for (const char* f : {"at_risk_flag", "usage_double"}) {
        auto v = Attribute(a, f);
        if (v) m[std::string("attr:") + a + "." + f] = v->num ? static_cast<size_t>(*v->num) : 999;
      }
    }
    return m;
  }

};

// ---- the cta action ----

TEST_F(RuleEngineTest, CtaAboutTheNextRenewalNamesTheSubscriptionThatEndsFirst) {
  // A1 has two terms; the one that ends first on or after the day is its next renewal. A3 has
  // none: its CTA is about no renewal.
  for (auto [id, account, start, end] :
       {std::tuple{"S-late", "A1", "2026-03-01", "2027-03-01"},
        std::tuple{"S-next", "A1", "2025-12-01", "2026-12-01"},
        std::tuple{"S-old", "A1", "2025-01-01", "2025-12-01"}}) {
    store::SubscriptionRecord sub;
    sub.subscription_id = id;
    sub.account_id = account;
    sub.product = "platform";
    sub.quantity = 10;
    sub.arr = 1000;
    sub.start_date = Day(start);
    sub.end_date = Day(end);
    ASSERT_OK(store_->UpsertSubscription(sub));
  }
  Apply(R"y(  - name: renewal_watch
    when: usage < 60
    actions:
      - cta: {type: risk, title: "Renewal of {{account.name}}", renewal: next}
)y");
  Run("2026-10-01");
  std::map<std::string, std::string> renewal_of;
  for (const auto& c : Ctas("renewal_watch")) renewal_of[c.account_id] = c.renewal_id;
  EXPECT_EQ(renewal_of["A1"], "S-next");
  ASSERT_TRUE(renewal_of.count("A3"));
  EXPECT_EQ(renewal_of["A3"], "");
}

TEST_F(RuleEngineTest, CtaRendersTemplatesResolvesOwnerAndAttachesPlaybookTasks) {
  Apply(kLowUsage);
  RuleRunReport r = Run("2026-10-01");
  EXPECT_EQ(r.rules, 1);
  EXPECT_EQ(r.matched, 1);  // A1; C1 (usage 10) is churned
  EXPECT_EQ(r.fired, 1);
  EXPECT_EQ(r.ctas_created, 1);
  EXPECT_EQ(r.webhooks_queued, 1);
  auto ctas = Ctas();
  ASSERT_EQ(ctas.size(), 1u);
  const auto& c = ctas[0];
  EXPECT_EQ(c.account_id, "A1");
  EXPECT_EQ(c.rule, "low_usage");
  EXPECT_EQ(c.type, "risk");
  EXPECT_EQ(c.priority, "high");
  EXPECT_EQ(c.title, "Low usage at Acme (20)");
  EXPECT_EQ(c.description, "Health 20, CSM ann");
  EXPECT_EQ(c.owner, "ann");  // owner: csm
  EXPECT_EQ(c.status, "open");
  EXPECT_EQ(c.due_day, Day("2026-10-06"));  // as-of + due_in_days
  EXPECT_EQ(c.playbook, "rescue");
  EXPECT_EQ(c.reason_code, "usage_decline");

  cockpit::Cockpit cp(*store_);
  auto d = cp.GetCta(c.cta_id);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->tasks.size(), 3u);
  EXPECT_EQ(d->tasks[0].title, "Call the champion");
  EXPECT_EQ(d->tasks[0].owner, "ann");  // default owner role csm
  EXPECT_EQ(d->tasks[0].due_day, Day("2026-10-03"));
  EXPECT_EQ(d->tasks[1].owner, "tina");  // owner: tam, a custom text attribute
  EXPECT_EQ(d->tasks[1].due_day, Day("2026-10-06"));
  EXPECT_EQ(d->tasks[2].owner, "Dana Boss");  // a named user
  EXPECT_EQ(d->tasks[2].due_day, Day("2026-10-10"));
  for (const auto& t : d->tasks) {
    EXPECT_EQ(t.status, "open");
    EXPECT_EQ(t.account_id, "A1");
  }
  ASSERT_EQ(d->history.size(), 1u);
  EXPECT_EQ(d->history[0].kind, "created");
  EXPECT_EQ(d->history[0].actor, "rules");

  auto opened = Timeline("A1", "cta_opened");
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0].subject, "Low usage at Acme (20)");
  EXPECT_EQ(opened[0].source, "system");
}

TEST_F(RuleEngineTest, CtaOwnerCanBeANamedUser) {
  Apply(kDetractor);
  Run("2026-10-01");
  auto ctas = Ctas("detractor");
  ASSERT_EQ(ctas.size(), 1u);  // A2 (sentiment 3); C1 is churned; A3 has none
  EXPECT_EQ(ctas[0].account_id, "A2");
  EXPECT_EQ(ctas[0].owner, "Carol Named");
  EXPECT_EQ(ctas[0].priority, "urgent");
  EXPECT_EQ(ctas[0].playbook, "");
  auto d = cockpit::Cockpit(*store_).GetCta(ctas[0].cta_id);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->tasks.empty());
}

TEST_F(RuleEngineTest, ChurnedAccountsAndDisabledRulesNeverFire) {
  Apply(std::string(kLowUsage) +
        "  - name: off\n"
        "    enabled: false\n"
        "    when: usage > 0\n"
        "    actions:\n"
        "      - cta: {type: risk, title: off}\n");
  RuleRunReport r = Run("2026-10-01");
  EXPECT_EQ(r.rules, 1);
  EXPECT_TRUE(Ctas("off").empty());
  for (const auto& c : Ctas()) EXPECT_NE(c.account_id, "C1");
  EXPECT_TRUE(Firings("C1").empty());
}

// ---- idempotence ----

TEST_F(RuleEngineTest, RunningTwiceChangesNothing) {
  Apply(std::string(kLowUsage) + kDetractor + kFlagLow + kPromoter + kGrow);
  RuleRunReport first = Run("2026-10-01");
  EXPECT_EQ(first.ctas_created, 2);   // low_usage A1, detractor A2
  EXPECT_EQ(first.fields_set, 3);     // at_risk_flag A1, usage_double A2 and A3
  EXPECT_EQ(first.scores_set, 1);     // promoter A1
  EXPECT_EQ(first.plans_created, 2);  // grow A2, A3
  EXPECT_EQ(first.webhooks_queued, 1);
  auto before = Snapshot();

  RuleRunReport second = Run("2026-10-01");
  EXPECT_EQ(second.matched, first.matched);
  EXPECT_EQ(second.fired, 0);
  EXPECT_EQ(second.ctas_created + second.ctas_closed + second.fields_set + second.scores_set +
                second.plans_created + second.webhooks_queued,
            0);
  EXPECT_EQ(Snapshot(), before);

  // A later day with the same data: still nothing new.
  RuleRunReport third = Run("2026-10-02");
  EXPECT_EQ(third.fired, 0);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(RuleEngineTest, TwoRunsOnOneSessionChangeNothingTheSecondTime) {
  Apply(std::string(kLowUsage) + kDetractor + kGrow);
  auto session = scorecard::HealthSession::Open(*store_);
  ASSERT_TRUE(session.ok());
  ASSERT_OK((*session)->Refresh(Day("2026-10-01"), true));
  RuleEngine engine(**session);
  auto a = engine.Run();
  ASSERT_TRUE(a.ok());
  auto before = Snapshot();
  auto b = engine.Run();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->fired, 0);
  EXPECT_EQ(Snapshot(), before);
}

// ---- set_field, set_score, success_plan, webhook ----

TEST_F(RuleEngineTest, SetFieldDeclaresTheFieldAndAnotherRuleUsesItOnTheNextRun) {
  Apply(std::string(kFlagLow) + kFlagged + kGrow);
  RuleRunReport r1 = Run("2026-10-01");
  EXPECT_EQ(r1.fields_set, 3);
  // Conditions are evaluated before any action: the flag is not visible in this run.
  EXPECT_TRUE(Ctas("flagged").empty());
  auto flag = Attribute("A1", "at_risk_flag");
  ASSERT_TRUE(flag.has_value());
  EXPECT_EQ(flag->num, 1.0);
  EXPECT_FALSE(Attribute("A2", "at_risk_flag").has_value());
  auto dbl = Attribute("A2", "usage_double");
  ASSERT_TRUE(dbl.has_value());
  EXPECT_EQ(dbl->num, 160.0);
  auto defs = store_->LoadAttributeDefs();
  ASSERT_TRUE(defs.ok());
  std::map<std::string, ValueType> types;
  for (const auto& d : *defs) types[d.name] = d.type;
  EXPECT_EQ(types["at_risk_flag"], ValueType::kBool);
  EXPECT_EQ(types["usage_double"], ValueType::kNumber);

  RuleRunReport r2 = Run("2026-10-01");
  auto flagged = Ctas("flagged");
  ASSERT_EQ(flagged.size(), 1u);
  EXPECT_EQ(flagged[0].account_id, "A1");
  EXPECT_EQ(flagged[0].title, "Flagged Acme");
  EXPECT_EQ(r2.fields_set, 0);
  EXPECT_EQ(Run("2026-10-01").fired, 0);
}

TEST_F(RuleEngineTest, SetFieldDoesNotRewriteAnEqualValue) {
  // The workspace already holds the value the rule would set: nothing is written.
  ImportAccounts(
      "account_id,name,csm,status,usage,sentiment,tam,label\n"
      "A1,Acme,ann,active,20,9,tina,watch\n"
      "A2,Beta,bob,active,80,3,tom,\n");
  Apply(
      "  - name: label_low\n"
      "    when: usage < 30\n"
      "    actions:\n"
      "      - set_field: {field: label, value: watch}\n"
      "  - name: label_high\n"
      "    when: usage > 30\n"
      "    actions:\n"
      "      - set_field: {field: label, value: fine}\n");
  RuleRunReport r = Run("2026-10-01");
  EXPECT_EQ(r.fired, 3);       // A1 low; A2 and A3 (kept from SetUp, usage 55) high
  EXPECT_EQ(r.fields_set, 2);  // A1 already holds "watch"
  EXPECT_EQ(Attribute("A2", "label").value_or(store::AttributeValue{}).text, "fine");
  EXPECT_EQ(Attribute("A1", "label").value_or(store::AttributeValue{}).text, "watch");
  auto f = Firings("A1");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].outcome, "no change");
}

TEST_F(RuleEngineTest, SetScoreAddsAnOverrideAuthoredByTheRule) {
  Apply(kPromoter);
  RuleRunReport r = Run("2026-10-01");
  EXPECT_EQ(r.scores_set, 1);
  auto o = Overrides();
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0].scorecard, "health");
  EXPECT_EQ(o[0].measure, "exec");
  EXPECT_EQ(o[0].account_id, "A1");
  EXPECT_EQ(o[0].score, 90.0);
  EXPECT_EQ(o[0].author, "rule:promoter");
  EXPECT_EQ(o[0].comment, "Promoter Acme (9)");
  // The next refresh scores the manual measure: (20 + 90) / 2.
  auto session = scorecard::HealthSession::Open(*store_);
  ASSERT_TRUE(session.ok());
  ASSERT_OK((*session)->Refresh(Day("2026-10-02"), false));
  const Column* overall = (*session)->engine().Get("health.overall");
  auto i = (*session)->data().Index("A1");
  ASSERT_TRUE(i.has_value());
  EXPECT_EQ(overall->num[*i], 55);
  EXPECT_EQ(Run("2026-10-02").scores_set, 0);
  EXPECT_EQ(Overrides().size(), 1u);
}

TEST_F(RuleEngineTest, SetScoreSkipsWhenTheLatestOverrideIsTheSame) {
  store::OverrideRecord o;
  o.scorecard = "health";
  o.measure = "exec";
  o.account_id = "A1";
  o.score = 90;
  o.author = "ann";
  o.created_at = 1;
  ASSERT_TRUE(store_->AddOverride(o).ok());
  Apply(kPromoter);
  RuleRunReport r = Run("2026-10-01");
  EXPECT_EQ(r.fired, 1);
  EXPECT_EQ(r.scores_set, 0);
  EXPECT_EQ(Overrides().size(), 1u);
}

TEST_F(RuleEngineTest, SuccessPlanFromTemplateWithObjectivesAndTasks) {
  Apply(kGrow);
  RuleRunReport r = Run("2026-10-01");
  EXPECT_EQ(r.plans_created, 2);
  auto plans = cockpit::Cockpit(*store_).Plans("A2");
  ASSERT_TRUE(plans.ok());
  ASSERT_EQ(plans->size(), 1u);
  const auto& p = (*plans)[0];
  EXPECT_EQ(p.plan.name, "Growth plan");
  EXPECT_EQ(p.plan.template_name, "growth");
  EXPECT_EQ(p.plan.status, "active");
  EXPECT_EQ(p.plan.created_by, "rules");
  ASSERT_EQ(p.objectives.size(), 2u);
  EXPECT_EQ(p.objectives[0].title, "Expand seats");
  EXPECT_EQ(p.objectives[0].description, "more teams on the product");
  EXPECT_EQ(p.objectives[0].status, "not_started");
  EXPECT_EQ(p.objectives[0].due_day, Day("2026-10-31"));
  EXPECT_EQ(p.objectives[1].due_day, Day("2026-11-30"));
  ASSERT_EQ(p.tasks.size(), 2u);
  ASSERT_EQ(p.tasks[0].size(), 2u);
  EXPECT_TRUE(p.tasks[1].empty());
  EXPECT_EQ(p.tasks[0][0].owner, "bob");
  EXPECT_EQ(p.tasks[0][1].owner, "tom");
  EXPECT_EQ(p.tasks[0][1].due_day, Day("2026-10-21"));
  auto tl = Timeline("A2", "plan_created");
  ASSERT_EQ(tl.size(), 1u);
  EXPECT_EQ(tl[0].subject, "Success plan: Growth plan");
  EXPECT_TRUE(Plans("A1").empty());
  // Again, and after the condition stopped and started holding: still one active plan.
  Run("2026-10-01");
  ImportAccounts("account_id,name,csm,status,usage,sentiment,tam\nA2,Beta,bob,active,10,3,tom\n");
  Run("2026-10-02");
  ImportAccounts("account_id,name,csm,status,usage,sentiment,tam\nA2,Beta,bob,active,90,3,tom\n");
  RuleRunReport again = Run("2026-10-03");
  EXPECT_EQ(again.fired, 1);
  EXPECT_EQ(again.plans_created, 0);
  EXPECT_EQ(Plans("A2").size(), 1u);
}

TEST_F(RuleEngineTest, WebhookIsQueuedWithAJsonPayload) {
  Apply(kLowUsage);
  Run("2026-10-01");
  auto w = Webhooks();
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].rule, "low_usage");
  EXPECT_EQ(w[0].account_id, "A1");
  EXPECT_EQ(w[0].url, "http://127.0.0.1:9/hook");
  EXPECT_EQ(w[0].status, "pending");
  EXPECT_EQ(w[0].attempts, 0);
  auto j = nlohmann::json::parse(w[0].payload);
  EXPECT_EQ(j["rule"], "low_usage");
  EXPECT_EQ(j["account_id"], "A1");
  EXPECT_EQ(j["account_name"], "Acme");
  EXPECT_EQ(j["message"], "Acme usage 20");
  EXPECT_EQ(j["as_of"], "2026-10-01");
  EXPECT_EQ(j["values"], nlohmann::json::parse(R"j({"usage": 20})j"));
}

TEST_F(RuleEngineTest, SlackWebhookPayloadIsOnlyText) {
  Apply(kRedHook);
  Run("2026-10-01");
  auto w = Webhooks();
  ASSERT_EQ(w.size(), 1u);  // A1 (overall 20) is the only red active account
  EXPECT_EQ(nlohmann::json::parse(w[0].payload),
            nlohmann::json::parse(R"j({"text": "Acme is red (20)"})j"));
}

TEST_F(RuleEngineTest, WebhookWithoutTextHasADefaultMessage) {
  Apply(
      "  - name: hook\n"
      "    when: usage > 70\n"
      "    actions:\n"
      "      - webhook: {url: \"http://127.0.0.1:9/x\"}\n");
  Run("2026-10-01");
  auto w = Webhooks();
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(w[0].payload)["message"], "Rule hook fired for Beta (A2)");
}

// ---- the firing log ----

TEST_F(RuleEngineTest, FiringLogHoldsTheValuesThatMadeTheConditionTrue) {
  Apply(
      "  - name: multi\n"
      "    when: health.overall < 50 AND days_to_renewal BETWEEN 0 AND 90 AND csm = 'ann' AND "
      "(sentiment IS NULL OR sentiment > 0)\n"
      "    actions:\n"
      "      - cta: {type: risk, title: \"x\"}\n"
      "  - name: gamma\n"
      "    when: sentiment IS NULL AND start_date > DATE '2026-01-01'\n"
      "    actions:\n"
      "      - set_field: {field: note, value: new}\n");
  RuleRunReport r = Run("2026-10-01");
  EXPECT_EQ(r.fired, 2);
  auto f = Firings("A1");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "multi");
  EXPECT_EQ(f[0].day, Day("2026-10-01"));
  EXPECT_GT(f[0].at, 0);
  EXPECT_EQ(
      nlohmann::json::parse(f[0].values),
      nlohmann::json::parse(
          R"j({"health.overall": 20, "days_to_renewal": 61, "csm": "ann", "sentiment": 9})j"));
  EXPECT_EQ(f[0].outcome, "cta 1 created");
  auto g = Firings("A3");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(g[0].values),
            nlohmann::json::parse(R"j({"sentiment": null, "start_date": "2026-09-01"})j"));
  EXPECT_EQ(g[0].outcome, "note set");
}

// ---- auto_close ----

TEST_F(RuleEngineTest, AutoCloseWhenTheDataChanges) {
  Apply(kLowUsage);
  Run("2026-10-01");
  ASSERT_EQ(Ctas("low_usage", {"open"}).size(), 1u);
  int64_t id = Ctas()[0].cta_id;
  ImportAccounts("account_id,name,csm,status,usage,sentiment,tam\nA1,Acme,ann,active,45,9,tina\n");
  RuleRunReport r = Run("2026-10-02");
  EXPECT_EQ(r.ctas_closed, 1);
  EXPECT_EQ(r.fired, 0);
  auto d = cockpit::Cockpit(*store_).GetCta(id);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->cta.status, "closed");
  EXPECT_EQ(d->cta.close_reason, "resolved_by_rule");
  EXPECT_TRUE(d->cta.closed_at.has_value());
  ASSERT_EQ(d->history.size(), 2u);
  EXPECT_EQ(d->history[1].kind, "closed");
  EXPECT_EQ(d->history[1].actor, "rules");
  EXPECT_EQ(d->history[1].detail,
            "resolved_by_rule: the condition of rule low_usage no longer holds");
  auto tl = Timeline("A1", "cta_closed");
  ASSERT_EQ(tl.size(), 1u);
  EXPECT_EQ(tl[0].subject, "Low usage at Acme (20) (resolved_by_rule)");
  EXPECT_EQ(tl[0].source, "system");
  // Closing is idempotent too, and a new drop raises a new CTA.
  EXPECT_EQ(Run("2026-10-02").ctas_closed, 0);
  ImportAccounts("account_id,name,csm,status,usage,sentiment,tam\nA1,Acme,ann,active,5,9,tina\n");
  RuleRunReport again = Run("2026-10-03");
  EXPECT_EQ(again.ctas_created, 1);
  auto open = Ctas("low_usage", {"open"});
  ASSERT_EQ(open.size(), 1u);
  EXPECT_NE(open[0].cta_id, id);
  EXPECT_EQ(open[0].title, "Low usage at Acme (5)");
  EXPECT_EQ(Firings("A1").size(), 2u);
}

TEST_F(RuleEngineTest, AutoCloseWhenTheAsOfDayMovesOn) {
  Apply(
      "  - name: renewal_soon\n"
      "    when: days_to_renewal BETWEEN 0 AND 30\n"
      "    auto_close: true\n"
      "    actions:\n"
      "      - cta: {type: lifecycle, title: \"Renewal of {{account.name}} in {{days_to_renewal}} "
      "days\"}\n");
  Run("2026-10-20");
  auto c = Ctas("renewal_soon");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].account_id, "A3");  // renews 2026-11-15
  EXPECT_EQ(c[0].title, "Renewal of Gamma in 26 days");
  RuleRunReport r = Run("2026-11-20");  // renewed 5 days ago: -5
  EXPECT_EQ(r.ctas_closed, 1);
  auto closed = Ctas("renewal_soon", {"closed"});
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].close_reason, "resolved_by_rule");
}

TEST_F(RuleEngineTest, AutoCloseAlsoClosesAnInProgressCta) {
  Apply(kLowUsage);
  Run("2026-10-01");
  int64_t id = Ctas()[0].cta_id;
  ASSERT_OK(cockpit::Cockpit(*store_).StartCta(id, "ann"));
  ImportAccounts("account_id,name,csm,status,usage,sentiment,tam\nA1,Acme,ann,active,45,9,tina\n");
  EXPECT_EQ(Run("2026-10-02").ctas_closed, 1);
  EXPECT_EQ(Ctas("low_usage", {"closed"}).size(), 1u);
}

TEST_F(RuleEngineTest, WithoutAutoCloseTheCtaStaysOpen) {
  Apply(kDetractor);
  Run("2026-10-01");
  ImportAccounts("account_id,name,csm,status,usage,sentiment,tam\nA2,Beta,bob,active,80,10,tom\n");
  RuleRunReport r = Run("2026-10-02");
  EXPECT_EQ(r.ctas_closed, 0);
  EXPECT_EQ(Ctas("detractor", {"open"}).size(), 1u);
}

// ---- snooze and re-raise (rule_engine.h: a closed CTA comes back while the condition holds;
// a snoozed one stays open, so it is not raised again) ----

TEST_F(RuleEngineTest, SnoozedCtaIsNotRaisedAgain) {
  Apply(kDetractor);
  Run("2026-10-01");
  int64_t id = Ctas()[0].cta_id;
  ASSERT_OK(cockpit::Cockpit(*store_).SnoozeCta(id, Day("2026-10-10"), "bob"));
  RuleRunReport during = Run("2026-10-05");
  EXPECT_EQ(during.fired, 0);
  EXPECT_EQ(during.ctas_created, 0);
  RuleRunReport after = Run("2026-10-15");  // the snooze has ended; the CTA is still open
  EXPECT_EQ(after.ctas_created, 0);
  auto all = Ctas("detractor");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].status, "open");
  EXPECT_EQ(all[0].snoozed_until, Day("2026-10-10"));
  EXPECT_EQ(Firings("A2").size(), 1u);
}

TEST_F(RuleEngineTest, SnoozedCtaIsStillAutoClosed) {
  Apply(kLowUsage);
  Run("2026-10-01");
  int64_t id = Ctas()[0].cta_id;
  ASSERT_OK(cockpit::Cockpit(*store_).SnoozeCta(id, Day("2026-12-01"), "ann"));
  ImportAccounts("account_id,name,csm,status,usage,sentiment,tam\nA1,Acme,ann,active,45,9,tina\n");
  EXPECT_EQ(Run("2026-10-02").ctas_closed, 1);
  auto d = cockpit::Cockpit(*store_).GetCta(id);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->cta.status, "closed");
  EXPECT_FALSE(d->cta.snoozed_until.has_value());
}

TEST_F(RuleEngineTest, ClosedCtaIsRaisedAgainWhileTheConditionHolds) {
  Apply(kDetractor);
  Run("2026-10-01");
  int64_t id = Ctas()[0].cta_id;
  ASSERT_OK(cockpit::Cockpit(*store_).CloseCta(id, "success", "called them", "bob"));
  RuleRunReport r = Run("2026-10-02");
  EXPECT_EQ(r.fired, 1);
  EXPECT_EQ(r.ctas_created, 1);
  auto open = Ctas("detractor", {"open"});
  ASSERT_EQ(open.size(), 1u);
  EXPECT_NE(open[0].cta_id, id);
  EXPECT_EQ(Ctas("detractor", {"closed"}).size(), 1u);
  EXPECT_EQ(Firings("A2").size(), 2u);
  EXPECT_EQ(Run("2026-10-02").fired, 0);
}

TEST_F(RuleEngineTest, InProgressCtaIsNotRaisedAgain) {
  Apply(kDetractor);
  Run("2026-10-01");
  ASSERT_OK(cockpit::Cockpit(*store_).StartCta(Ctas()[0].cta_id, "bob"));
  EXPECT_EQ(Run("2026-10-02").fired, 0);
  EXPECT_EQ(Ctas().size(), 1u);
}

// A rule whose condition stops and starts holding again while its CTA is open fires again
// (it did not hold at the previous run) but must not raise a second CTA.
TEST_F(RuleEngineTest, ConditionHoldingAgainWithAnOpenCtaDoesNotRaiseASecond) {
  Apply(kDetractor);
  Run("2026-10-01");
  ImportAccounts("account_id,name,csm,status,usage,sentiment,tam\nA2,Beta,bob,active,80,10,tom\n");
  Run("2026-10-02");
  ImportAccounts("account_id,name,csm,status,usage,sentiment,tam\nA2,Beta,bob,active,80,2,tom\n");
  RuleRunReport r = Run("2026-10-03");
  EXPECT_EQ(r.fired, 1);
  EXPECT_EQ(r.ctas_created, 0);
  EXPECT_EQ(Ctas("detractor").size(), 1u);
  auto f = Firings("A2");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].outcome, "cta " + std::to_string(Ctas()[0].cta_id) + " already open");
}

// ---- probes of edge cases ----

// Two rules with the same title for one account, in one run: two CTAs, and the timeline must
// show both openings. System timeline entries are keyed by (ms, account, type, subject), so two
// openings within the same millisecond collapse into one.
TEST_F(RuleEngineTest, TwoCtasWithTheSameTitleBothReachTheTimeline) {
  // The loss needs both openings in one millisecond: try a few fresh workspaces.
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto s = store::OpenSqliteStore(dir_.File("same-title-" + std::to_string(attempt) + ".db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    ImportAccounts(kAccounts);
    Apply(
        "  - name: one\n"
        "    when: usage < 30\n"
        "    actions:\n"
        "      - cta: {type: risk, title: \"Check {{account.name}}\"}\n"
        "  - name: two\n"
        "    when: sentiment >= 9\n"
        "    actions:\n"
        "      - cta: {type: risk, title: \"Check {{account.name}}\"}\n");
    RuleRunReport r = Run("2026-10-01");
    ASSERT_EQ(r.ctas_created, 2);
    ASSERT_EQ(Timeline("A1", "cta_opened").size(), 2u)
        << "BUG: a CTA opening was dropped from the timeline (same ms, same subject), attempt "
        << attempt;
  }
}

// The issue lists rule firings among the timeline's system entries ("CTAs opened/closed, rule
// firings/plans"). A firing whose only action sets a field leaves no trace on the timeline.
TEST_F(RuleEngineTest, EveryFiringLeavesATimelineEntry) {
  Apply(std::string(kFlagLow) + kPromoter);
  RuleRunReport r = Run("2026-10-01");
  EXPECT_EQ(r.fired, 2);  // flag_low and promoter, both for A1
  size_t system = 0;
  for (const auto& a : Timeline("A1")) system += a.source == "system" && a.type != "color_change";
  EXPECT_GE(system, 1u)
      << "GAP: rule firings (set_field, set_score, webhook) do not reach the timeline";
}

// A rule may list the cta action twice (the definitions accept it); a run must not fail.
TEST_F(RuleEngineTest, RuleWithTwoCtaActionsDoesNotFailTheRun) {
  Apply(
      "  - name: twice\n"
      "    when: usage < 30\n"
      "    actions:\n"
      "      - cta: {type: risk, title: first}\n"
      "      - cta: {type: risk, title: second}\n");
  auto session = scorecard::HealthSession::Open(*store_);
  ASSERT_TRUE(session.ok());
  ASSERT_OK((*session)->Refresh(Day("2026-10-01"), true));
  auto r = RuleEngine(**session).Run();
  EXPECT_TRUE(r.ok()) << "BUG: " << r.status().ToString();
  EXPECT_EQ(Ctas("twice").size(), 1u);
}

// ---- preview ----

TEST_F(RuleEngineTest, PreviewListsActiveMatchesWithValues) {
  Apply(kLowUsage);
  auto session = scorecard::HealthSession::Open(*store_);
  ASSERT_TRUE(session.ok());
  ASSERT_OK((*session)->Refresh(Day("2026-10-01"), false));
  RuleEngine engine(**session);
  auto p = engine.PreviewCondition("usage < 60 AND health.color <> 'green'");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->names, (std::vector<std::string>{"usage", "health.color"}));
  ASSERT_EQ(p->rows.size(), 2u);  // A1, A3 (C1 churned)
  EXPECT_EQ(p->rows[0].account_id, "A1");
  EXPECT_EQ(p->rows[0].values, (std::vector<std::string>{"20", "red"}));
  EXPECT_EQ(p->rows[1].account_id, "A3");
  EXPECT_EQ(p->rows[1].values, (std::vector<std::string>{"55", "yellow"}));
  auto bad = engine.PreviewCondition("usage < ");
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  auto unknown = engine.PreviewCondition("nope > 1");
  EXPECT_EQ(unknown.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("nope"), std::string::npos)
      << unknown.status().message();
  auto number = engine.PreviewCondition("usage + 1");
  EXPECT_EQ(number.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(number.status().message().find("must be true or false"), std::string::npos);
  // Previewing writes nothing.
  EXPECT_TRUE(Ctas().empty());
  EXPECT_TRUE(Firings().empty());
}

// ---- Render, TemplateNames (FormatCell: common/cell_test.cc) ----

TEST(TemplateTest, TemplateNames) {
  EXPECT_EQ(TemplateNames("{{ account.name }} has {{metric.nps}} and {{health.overall}}"),
            (std::vector<std::string>{"account.name", "metric.nps", "health.overall"}));
  EXPECT_EQ(TemplateNames("no names {{ unclosed"), std::vector<std::string>{});
  EXPECT_EQ(TemplateNameToExpressionName("account.csm"), "csm");
  EXPECT_EQ(TemplateNameToExpressionName("metric.nps"), "nps");
  EXPECT_EQ(TemplateNameToExpressionName("health.nps.value"), "health.nps.value");
}

TEST_F(RuleEngineTest, RenderUnknownNamesAndUnclosedBraces) {
  Apply(kLowUsage);
  auto session = scorecard::HealthSession::Open(*store_);
  ASSERT_TRUE(session.ok());
  ASSERT_OK((*session)->Refresh(Day("2026-10-01"), false));
  auto& e = (*session)->engine();
  size_t a1 = *(*session)->data().Index("A1");
  size_t a3 = *(*session)->data().Index("A3");
  EXPECT_EQ(Render("{{NAME}}: {{ metric.usage }}/{{health.color}}", e, a1), "Acme: 20/red");
  EXPECT_EQ(Render("sentiment={{sentiment}}.", e, a3), "sentiment=.");  // NULL renders empty
  EXPECT_EQ(Render("{{renewal_date}} {{unclosed", e, a3), "2026-11-15 {{unclosed");
  EXPECT_EQ(Render("plain", e, a1), "plain");
}

// ---- a generated workspace under the saas template ----

class SaasWorkspaceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    generate::GenerateOptions g;
    g.accounts = 50;
    g.seed = 7;
    g.end_day = Day("2026-06-30");
    g.history_days = 90;
    g.out_dir = dir_->File("data");
    auto gen = generate::Generate(g);
    ASSERT_TRUE(gen.ok()) << gen.status().ToString();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_->File(
        "ws-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
        ".db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    auto files = ingest::FindImportFiles(dir_->File("data"));
    ASSERT_TRUE(files.ok());
    auto r = ingest::RunImport(*store_, *files, {});
    ASSERT_TRUE(r.ok() && r->committed);
    std::string yaml = testing::ReadFile(testing::SourceDir() + "/examples/templates/saas.yaml");
    auto attrs = store_->LoadAttributeDefs();
    ASSERT_TRUE(attrs.ok());
    auto compiled = definitions::Compile({{"saas.yaml", yaml}}, *attrs);
    ASSERT_TRUE(std::holds_alternative<definitions::Definitions>(compiled));
    ASSERT_OK(store_->ReplaceDefinitionFiles({{"saas.yaml", yaml, 0}}));
  }

  RuleRunReport Run(const char* day) {
    auto session = scorecard::HealthSession::Open(*store_);
    EXPECT_TRUE(session.ok()) << session.status().ToString();
    if (!session.ok()) return {};
    EXPECT_OK((*session)->Refresh(Day(day), true));
    auto r = RuleEngine(**session).Run();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RuleRunReport{};
  }

  static TempDir* dir_;
  std::unique_ptr<store::Store> store_;
};
TempDir* SaasWorkspaceTest::dir_ = nullptr;

TEST_F(SaasWorkspaceTest, RunsIdempotentlyWithPlaybookTasksAndCsmOwners) {
  RuleRunReport first = Run("2026-06-30");
  EXPECT_EQ(first.rules, 11);
  EXPECT_GT(first.ctas_created, 0);
  auto ctas = store_->ListCtas({});
  ASSERT_TRUE(ctas.ok());
  EXPECT_EQ(static_cast<int>(ctas->size()), first.ctas_created);
  auto accounts = store_->LoadAccounts();
  ASSERT_TRUE(accounts.ok());
  std::map<std::string, std::string> csm;
  for (const auto& a : *accounts) csm[a.account_id] = a.csm;
  std::set<std::string> rules;
  for (const auto& c : *ctas) {
    rules.insert(c.rule);
    EXPECT_EQ(c.owner, csm[c.account_id]) << c.rule << " " << c.account_id;
    EXPECT_FALSE(c.playbook.empty()) << c.rule;
    auto tasks = store_->ListTasks(c.cta_id, std::nullopt, "");
    ASSERT_TRUE(tasks.ok());
    EXPECT_GE(tasks->size(), 2u) << c.rule;
    EXPECT_EQ(c.title.find("{{"), std::string::npos) << c.title;
  }
  auto firings = store_->ListRuleFirings("", 100000);
  ASSERT_TRUE(firings.ok());
  EXPECT_EQ(static_cast<int>(firings->size()), first.fired);

  RuleRunReport second = Run("2026-06-30");
  EXPECT_EQ(second.fired, 0);
  EXPECT_EQ(second.ctas_created, 0);
  EXPECT_EQ(second.plans_created, 0);
  EXPECT_EQ(second.fields_set, 0);
  EXPECT_EQ(second.ctas_closed, 0);
  auto again = store_->ListRuleFirings("", 100000);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->size(), firings->size());
  auto ctas2 = store_->ListCtas({});
  ASSERT_TRUE(ctas2.ok());
  EXPECT_EQ(ctas2->size(), ctas->size());
}

TEST_F(SaasWorkspaceTest, MatchesAgreeWithPreview) {
  auto session = scorecard::HealthSession::Open(*store_);
  ASSERT_TRUE(session.ok());
  ASSERT_OK((*session)->Refresh(Day("2026-06-30"), false));
  RuleEngine engine(**session);
  int previewed = 0;
  // RuleDef does not keep the condition's text: these are the saas template's conditions.
  for (const char* cond :
       {"usage_change_30d < -0.3", "nps_latest_180d BETWEEN 0 AND 6", "open_high_tickets >= 2",
        "champions = 0", "health.color = 'red'",
        "health.overall < 50 AND days_to_renewal BETWEEN 1 AND 90",
        "open_blocker_requests >= 1 AND days_to_renewal BETWEEN 0 AND 120",
        "tenure_days < 60 AND active_users_30d < 3",
        "health.nps.value >= 9 AND health.color = 'green' AND tenure_days > 182"}) {
    auto p = engine.PreviewCondition(cond);
    ASSERT_TRUE(p.ok()) << cond << ": " << p.status().ToString();
    previewed += static_cast<int>(p->rows.size());
  }
  auto report = engine.Run();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->matched, previewed);
}

}  // namespace
}  // namespace tend::rules
