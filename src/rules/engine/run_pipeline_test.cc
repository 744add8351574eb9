// Tests for the refresh-then-rules pipeline (run_pipeline.h): a full run refreshes and runs
// the rules (and stores history only when asked), a refresh-only run does not act, an empty
// workspace opens only when allowed, and RescoreAccounts reports score changes of the rows it
// re-scores.
#include "rules/engine/run_pipeline.h"

#include <gtest/gtest.h>

#include "testutil/session_fixture.h"

namespace tend::rules {
namespace {

constexpr char kAccounts[] =
    "account_id,name,csm,status,usage\n"
    "A1,Acme,ann,active,20\n"
    "A2,Beta,bob,active,80\n";

constexpr char kDefs[] = R"y(scorecards:
  - name: health
    measures:
      - {name: usage, weight: 1, value: usage}
rules:
  - name: low_usage
    when: usage < 30
    actions:
      - cta: {type: risk, title: "Low usage at {{account.name}}"}
)y";

class RunPipelineTest : public testing::SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    ASSERT_NO_FATAL_FAILURE(ImportAccounts(kAccounts));
  }

  int64_t HistoryDays() {
    auto d = store_->LoadDailySummaries("health", 0);
    EXPECT_TRUE(d.ok());
    return d.ok() ? static_cast<int64_t>(d->size()) : -1;
  }
};

TEST_F(RunPipelineTest, RefreshesThenRunsTheRules) {
  ASSERT_NO_FATAL_FAILURE(Apply(kDefs));
  PipelineOptions o;
  o.as_of = *ParseDate("2026-10-01");
  o.rules_actor = "";  // refresh only
  auto r = RunPipeline(*store_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->session->engine().as_of(), *o.as_of);
  EXPECT_EQ(r->rules.rules, 0);
  EXPECT_EQ(HistoryDays(), 0);
  o.rules_actor = "rules";
  o.save_history = true;
  o.milestones_actor = "rules";
  r = RunPipeline(*store_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rules.rules, 1);
  EXPECT_EQ(r->rules.ctas_created, 1);  // A1
  EXPECT_EQ(r->rules.created_ctas.size(), 1u);
  EXPECT_EQ(HistoryDays(), 1);
  r = RunPipeline(*store_, o);  // idempotent
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rules.ctas_created, 0);
}

TEST_F(RunPipelineTest, AnEmptyWorkspaceOpensOnlyWhenAllowed) {
  PipelineOptions o;
  EXPECT_FALSE(RunPipeline(*store_, o).ok());
  o.allow_empty = true;
  o.save_history = true;
  auto r = RunPipeline(*store_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rules.rules, 0);
}

TEST_F(RunPipelineTest, RescoreAccountsReportsChangedScoresOnly) {
  ASSERT_NO_FATAL_FAILURE(Apply(kDefs));
  PipelineOptions o;
  o.as_of = *ParseDate("2026-10-01");
  auto r = RunPipeline(*store_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  scorecard::HealthSession& s = *r->session;
  const size_t a1 = *s.data().Index("A1");
  auto same = RescoreAccounts(s, "health", {a1});
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_TRUE(same->changes.empty());
  EXPECT_EQ(same->rules.ctas_created, 0);  // raised by the full run already
  // A new usage value moves A1's score: the change is reported with the old and new values.
  store::AccountRecord rec = s.data().account(a1);
  for (auto& v : rec.attributes) {
    if (v.name == "usage") v.num = 95;
  }
  s.data().SetAccount(a1, rec);
  auto moved = RescoreAccounts(s, "health", {a1});
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  ASSERT_EQ(moved->changes.size(), 1u);
  const ScoreChange& ch = moved->changes[0];
  EXPECT_EQ(ch.account_id, "A1");
  EXPECT_EQ(ch.scorecard, "health");
  ASSERT_TRUE(ch.overall && ch.previous_overall);
  EXPECT_GT(*ch.overall, *ch.previous_overall);
  EXPECT_TRUE(RescoreAccounts(s, "", {a1})->changes.empty());  // no scorecard, no changes
}

}  // namespace
}  // namespace tend::rules
