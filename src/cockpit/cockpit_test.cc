// Tests for the Cockpit on in-memory fakes of its stores (no SQLite) and a FakeClock: the CTA
// lifecycle (open -> in_progress -> closed with a reason), snooze, reassign, comments and the full
// history; its error cases (closing twice, bad reasons, unknown ids); playbook tasks; success plans
// and objective statuses; the timeline entries the cockpit writes; owner resolution.
#include "cockpit/cockpit.h"

#include <gtest/gtest.h>

#include "common/clock.h"
#include "store/fake_account_store.h"
#include "store/fake_cockpit_store.h"
#include "testutil/testutil.h"

namespace tend::cockpit {
namespace {

EpochDay Day(const char* s) { return *ParseDate(s); }

store::AccountRecord Account(const std::string& id, const std::string& name,
                             const std::string& csm) {
  store::AccountRecord a;
  a.account_id = id;
  a.name = name;
  a.csm = csm;
  a.attributes.push_back({"tam", std::nullopt, std::string("tina")});
  a.attributes.push_back({"seats", 12.0, std::nullopt});
  return a;
}

PlaybookDef Playbook() {
  PlaybookDef p;
  p.name = "rescue";
  p.label = "Rescue";
  p.tasks = {
      {"Call the champion", 2, "csm"}, {"Review usage", 5, "tam"}, {"Escalate", 9, "Dana Boss"}};
  return p;
}

PlanTemplateDef PlanTemplate() {
  PlanTemplateDef t;
  t.name = "onboarding";
  t.label = "Onboarding";
  ObjectiveTemplate a;
  a.title = "Technical setup";
  a.description = "SSO and integrations";
  a.due_in_days = 14;
  a.tasks = {{"Kick-off call", 3, "csm"}, {"Integrations", 14, "tam"}};
  ObjectiveTemplate b;
  b.title = "First value";
  b.due_in_days = 45;
  t.objectives = {a, b};
  return t;
}

class CockpitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(accounts_.SaveAttributeDef({"tam", ValueType::kText}));
    ASSERT_OK(accounts_.SaveAttributeDef({"seats", ValueType::kNumber}));
    ASSERT_OK(accounts_.UpsertAccount(acme_));
    ASSERT_OK(accounts_.UpsertAccount(Account("A2", "Beta", "bob")));
  }

  int64_t NewCta(const std::string& rule = "", const PlaybookDef* pb = nullptr,
                 const std::string& title = "Check in") {
    store::CtaRecord c;
    c.account_id = "A1";
    c.rule = rule;
    c.type = "risk";
    c.priority = "high";
    c.title = title;
    c.owner = "ann";
    c.due_day = Day("2026-10-08");
    auto id = cp().CreateCta(c, pb, &acme_, Day("2026-10-01"), "ann");
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  CtaDetail Detail(int64_t id) {
    auto d = cp().GetCta(id);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? *d : CtaDetail{};
  }

  std::vector<std::string> HistoryKinds(int64_t id) {
    std::vector<std::string> out;
    for (const auto& e : Detail(id).history) out.push_back(e.kind);
    return out;
  }

  std::vector<store::ActivityRecord> Timeline(const std::string& account, const std::string& type) {
    auto r = accounts_.ListActivities(account);
    EXPECT_TRUE(r.ok());
    std::vector<store::ActivityRecord> out;
    for (auto& a : *r) {
      if (a.type == type) out.push_back(a);
    }
    return out;
  }

  // A Cockpit holds only references to the stores and the clock.
  Cockpit cp() { return Cockpit(cockpit_, accounts_, clock_); }

  store::FakeAccountStore accounts_;
  store::FakeCockpitStore cockpit_;
  FakeClock clock_{*ParseTime("2026-10-01T09:00:00Z")};
  store::AccountRecord acme_ = Account("A1", "Acme", "ann");
};

TEST(CloseReasonTest, TheFiveReasons) {
  for (const char* r : {"success", "lost", "no_action", "duplicate", "resolved_by_rule"}) {
    EXPECT_TRUE(IsCloseReason(r)) << r;
  }
  for (const char* r : {"", "Success", "won", "resolved", "no action"})
    EXPECT_FALSE(IsCloseReason(r)) << r;
}

TEST(ResolveOwnerTest, CsmOtherTextFieldsAndNamedUsers) {
  store::AccountRecord a = Account("A1", "Acme", "ann");
  EXPECT_EQ(ResolveOwner("csm", &a), "ann");
  EXPECT_EQ(ResolveOwner("tam", &a), "tina");
  EXPECT_EQ(ResolveOwner("seats", &a), "seats");  // not a text field: taken as a name
  EXPECT_EQ(ResolveOwner("Dana Boss", &a), "Dana Boss");
  EXPECT_EQ(ResolveOwner("dana@example.com", &a), "dana@example.com");
  EXPECT_EQ(ResolveOwner("csm", nullptr), "csm");
}

TEST_F(CockpitTest, CreateWritesTheCtaItsTasksHistoryAndTimeline) {
  PlaybookDef pb = Playbook();
  int64_t id = NewCta("", &pb);
  CtaDetail d = Detail(id);
  EXPECT_EQ(d.cta.status, "open");
  EXPECT_EQ(d.cta.playbook, "rescue");
  EXPECT_EQ(d.cta.title, "Check in");
  EXPECT_GT(d.cta.created_at, 0);
  EXPECT_EQ(d.cta.due_day, Day("2026-10-08"));
  ASSERT_EQ(d.tasks.size(), 3u);
  EXPECT_EQ(d.tasks[0].title, "Call the champion");
  EXPECT_EQ(d.tasks[0].owner, "ann");
  EXPECT_EQ(d.tasks[0].due_day, Day("2026-10-03"));
  EXPECT_EQ(d.tasks[1].owner, "tina");
  EXPECT_EQ(d.tasks[2].owner, "Dana Boss");
  EXPECT_EQ(d.tasks[2].due_day, Day("2026-10-10"));
  for (size_t k = 0; k < d.tasks.size(); ++k) {
    EXPECT_EQ(d.tasks[k].position, static_cast<int>(k));
    EXPECT_EQ(d.tasks[k].cta_id, id);
    EXPECT_FALSE(d.tasks[k].objective_id.has_value());
  }
  ASSERT_EQ(d.history.size(), 1u);
  EXPECT_EQ(d.history[0].kind, "created");
  EXPECT_EQ(d.history[0].actor, "ann");
  EXPECT_EQ(d.history[0].detail, "Check in");
  auto tl = Timeline("A1", "cta_opened");
  ASSERT_EQ(tl.size(), 1u);
  EXPECT_EQ(tl[0].subject, "Check in");
  EXPECT_EQ(tl[0].source, "system");
  EXPECT_EQ(tl[0].author, "ann");
}

TEST_F(CockpitTest, WritesAreStampedByTheClock) {
  const EpochMs opened = clock_.NowMs();
  int64_t id = NewCta();
  clock_.Advance(60'000);
  ASSERT_OK(cp().StartCta(id, "ann"));
  CtaDetail d = Detail(id);
  EXPECT_EQ(d.cta.created_at, opened);
  EXPECT_EQ(d.cta.updated_at, opened + 60'000);
  ASSERT_EQ(d.history.size(), 2u);
  EXPECT_EQ(d.history[0].at, opened);
  EXPECT_EQ(d.history[1].at, opened + 60'000);
  store::ActivityRecord a;
  a.account_id = "A1";
  a.type = "note";
  auto logged = cp().Log(a);
  ASSERT_TRUE(logged.ok());
  EXPECT_EQ(Timeline("A1", "note")[0].ts, opened + 60'000);
}

TEST_F(CockpitTest, OneOpenCtaPerRuleAndAccount) {
  int64_t id = NewCta("low_usage");
  store::CtaRecord c;
  c.account_id = "A1";
  c.rule = "low_usage";
  c.type = "risk";
  c.priority = "low";
  c.title = "again";
  auto dup = cp().CreateCta(c, nullptr, &acme_, Day("2026-10-01"), "rules");
  EXPECT_EQ(dup.status().code(), ErrorCode::kAlreadyExists);
  // In progress still counts as open.
  ASSERT_OK(cp().StartCta(id, "ann"));
  EXPECT_EQ(cp().CreateCta(c, nullptr, &acme_, Day("2026-10-01"), "rules").status().code(),
            ErrorCode::kAlreadyExists);
  ASSERT_OK(cp().CloseCta(id, "success", "", "ann"));
  EXPECT_TRUE(cp().CreateCta(c, nullptr, &acme_, Day("2026-10-01"), "rules").ok());
  // CTAs people create (no rule) are not limited.
  NewCta();
  NewCta();
}

TEST_F(CockpitTest, LifecycleWithFullHistory) {
  int64_t id = NewCta();
  ASSERT_OK(cp().StartCta(id, "ann"));
  EXPECT_EQ(Detail(id).cta.status, "in_progress");
  ASSERT_OK(cp().CommentCta(id, "Left a voicemail", "ann"));
  ASSERT_OK(cp().ReassignCta(id, "zed", "ann"));
  EXPECT_EQ(Detail(id).cta.owner, "zed");
  ASSERT_OK(cp().SnoozeCta(id, Day("2026-10-20"), "zed"));
  EXPECT_EQ(Detail(id).cta.snoozed_until, Day("2026-10-20"));
  EXPECT_EQ(Detail(id).cta.status, "in_progress");  // snoozing does not change the status
  ASSERT_OK(cp().CloseCta(id, "success", "renewed", "zed"));
  CtaDetail d = Detail(id);
  EXPECT_EQ(d.cta.status, "closed");
  EXPECT_EQ(d.cta.close_reason, "success");
  EXPECT_TRUE(d.cta.closed_at.has_value());
  EXPECT_FALSE(d.cta.snoozed_until.has_value());
  EXPECT_EQ(HistoryKinds(id), (std::vector<std::string>{"created", "status", "comment",
                                                        "reassigned", "snoozed", "closed"}));
  EXPECT_EQ(d.history[1].detail, "in_progress");
  EXPECT_EQ(d.history[2].detail, "Left a voicemail");
  EXPECT_EQ(d.history[3].detail, "ann -> zed");
  EXPECT_EQ(d.history[4].detail, "until 2026-10-20");
  EXPECT_EQ(d.history[5].detail, "success: renewed");
  EXPECT_EQ(d.history[5].actor, "zed");
  for (size_t k = 1; k < d.history.size(); ++k) EXPECT_GE(d.history[k].at, d.history[k - 1].at);
  auto closed = Timeline("A1", "cta_closed");
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].subject, "Check in (success)");
  EXPECT_EQ(closed[0].notes, "CTA " + std::to_string(id) + ": renewed");
  EXPECT_EQ(closed[0].source, "system");
}

TEST_F(CockpitTest, CloseWithoutComment) {
  int64_t id = NewCta();
  ASSERT_OK(cp().CloseCta(id, "no_action", "", "ann"));
  EXPECT_EQ(Detail(id).history.back().detail, "no_action");
}

TEST_F(CockpitTest, EveryCloseReasonIsAccepted) {
  for (const char* r : {"success", "lost", "no_action", "duplicate", "resolved_by_rule"}) {
    int64_t id = NewCta("", nullptr, std::string("cta ") + r);
    EXPECT_OK(cp().CloseCta(id, r, "", "ann"));
    EXPECT_EQ(Detail(id).cta.close_reason, r);
  }
}

TEST_F(CockpitTest, ClosingTwiceFails) {
  int64_t id = NewCta();
  ASSERT_OK(cp().CloseCta(id, "lost", "", "ann"));
  Status again = cp().CloseCta(id, "success", "", "ann");
  EXPECT_EQ(again.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(again.message(), "CTA " + std::to_string(id) + " is already closed");
  EXPECT_EQ(Detail(id).cta.close_reason, "lost");
  EXPECT_EQ(Timeline("A1", "cta_closed").size(), 1u);
}

TEST_F(CockpitTest, BadCloseReason) {
  int64_t id = NewCta();
  Status s = cp().CloseCta(id, "won", "", "ann");
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "close reason \"won\" is not one of success|lost|no_action|duplicate|resolved_by_rule");
  EXPECT_EQ(Detail(id).cta.status, "open");
  EXPECT_EQ(Detail(id).history.size(), 1u);
}

TEST_F(CockpitTest, ClosedCtaCannotBeStartedOrSnoozed) {
  int64_t id = NewCta();
  ASSERT_OK(cp().CloseCta(id, "duplicate", "", "ann"));
  EXPECT_EQ(cp().StartCta(id, "ann").code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(cp().SnoozeCta(id, Day("2026-11-01"), "ann").code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Detail(id).cta.status, "closed");
}

TEST_F(CockpitTest, UnknownCtaIsNotFound) {
  EXPECT_EQ(cp().GetCta(999).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(cp().GetCta(999).status().message(), "no CTA 999");
  EXPECT_EQ(cp().StartCta(999, "x").code(), ErrorCode::kNotFound);
  EXPECT_EQ(cp().CloseCta(999, "success", "", "x").code(), ErrorCode::kNotFound);
  EXPECT_EQ(cp().SnoozeCta(999, Day("2026-10-01"), "x").code(), ErrorCode::kNotFound);
  EXPECT_EQ(cp().ReassignCta(999, "zed", "x").code(), ErrorCode::kNotFound);
  EXPECT_EQ(cp().CommentCta(999, "hi", "x").code(), ErrorCode::kNotFound);
}

TEST_F(CockpitTest, ReassignAndCommentNeedText) {
  int64_t id = NewCta();
  EXPECT_EQ(cp().ReassignCta(id, "", "ann").code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(cp().CommentCta(id, "", "ann").code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Detail(id).cta.owner, "ann");
  EXPECT_EQ(HistoryKinds(id), (std::vector<std::string>{"created"}));
}

// ---- tasks ----

TEST_F(CockpitTest, TasksCanBeCompletedReassignedAndNoted) {
  PlaybookDef pb = Playbook();
  int64_t id = NewCta("", &pb);
  auto tasks = Detail(id).tasks;
  ASSERT_EQ(tasks.size(), 3u);
  int64_t t = tasks[0].task_id;
  ASSERT_OK(cp().CompleteTask(t, "ann"));
  ASSERT_OK(cp().ReassignTask(tasks[1].task_id, "zed", "ann"));
  ASSERT_OK(cp().NoteTask(tasks[2].task_id, "waiting for the VP", "ann"));
  auto after = Detail(id);
  EXPECT_EQ(after.tasks[0].status, "done");
  EXPECT_TRUE(after.tasks[0].completed_at.has_value());
  EXPECT_EQ(after.tasks[1].owner, "zed");
  EXPECT_EQ(after.tasks[1].status, "open");
  EXPECT_EQ(after.tasks[2].notes, "waiting for the VP");
  EXPECT_EQ(HistoryKinds(id), (std::vector<std::string>{"created", "task", "task", "task"}));
  EXPECT_EQ(after.history[1].detail, "done: Call the champion");
  EXPECT_EQ(after.history[2].detail, "Review usage: tina -> zed");
  EXPECT_EQ(after.history[3].detail, "Escalate: note");
  // Completing again is a no-op, with no new history entry.
  ASSERT_OK(cp().CompleteTask(t, "ann"));
  EXPECT_EQ(Detail(id).history.size(), 4u);
}

TEST_F(CockpitTest, UnknownTaskIsNotFound) {
  EXPECT_EQ(cp().CompleteTask(12345, "ann").code(), ErrorCode::kNotFound);
  EXPECT_EQ(cp().ReassignTask(12345, "zed", "ann").code(), ErrorCode::kNotFound);
  EXPECT_EQ(cp().NoteTask(12345, "x", "ann").code(), ErrorCode::kNotFound);
}

// ---- success plans ----

TEST_F(CockpitTest, PlanFromTemplateWithObjectivesAndTasks) {
  auto id = cp().CreatePlan("A1", PlanTemplate(), &acme_, Day("2026-10-01"), "ann");
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto plans = cp().Plans("A1");
  ASSERT_TRUE(plans.ok());
  ASSERT_EQ(plans->size(), 1u);
  const PlanDetail& p = (*plans)[0];
  EXPECT_EQ(p.plan.plan_id, *id);
  EXPECT_EQ(p.plan.name, "Onboarding");
  EXPECT_EQ(p.plan.template_name, "onboarding");
  EXPECT_EQ(p.plan.status, "active");
  EXPECT_EQ(p.plan.created_by, "ann");
  ASSERT_EQ(p.objectives.size(), 2u);
  EXPECT_EQ(p.objectives[0].title, "Technical setup");
  EXPECT_EQ(p.objectives[0].description, "SSO and integrations");
  EXPECT_EQ(p.objectives[0].due_day, Day("2026-10-15"));
  EXPECT_EQ(p.objectives[0].status, "not_started");
  EXPECT_EQ(p.objectives[1].due_day, Day("2026-11-15"));
  ASSERT_EQ(p.tasks.size(), 2u);
  ASSERT_EQ(p.tasks[0].size(), 2u);
  EXPECT_EQ(p.tasks[0][0].title, "Kick-off call");
  EXPECT_EQ(p.tasks[0][0].owner, "ann");
  EXPECT_EQ(p.tasks[0][0].due_day, Day("2026-10-04"));
  EXPECT_EQ(p.tasks[0][1].owner, "tina");
  EXPECT_EQ(p.tasks[0][1].objective_id, p.objectives[0].objective_id);
  EXPECT_FALSE(p.tasks[0][1].cta_id.has_value());
  EXPECT_TRUE(p.tasks[1].empty());
  auto tl = Timeline("A1", "plan_created");
  ASSERT_EQ(tl.size(), 1u);
  EXPECT_EQ(tl[0].subject, "Success plan: Onboarding");
  // Plan tasks are worked like CTA tasks.
  ASSERT_OK(cp().CompleteTask(p.tasks[0][0].task_id, "ann"));
  auto again = cp().Plans("A1");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[0].tasks[0][0].status, "done");
  // Other accounts have none.
  auto none = cp().Plans("A2");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(CockpitTest, ObjectiveStatusIsValidated) {
  ASSERT_TRUE(cp().CreatePlan("A1", PlanTemplate(), &acme_, Day("2026-10-01"), "ann").ok());
  auto plans = cp().Plans("A1");
  ASSERT_TRUE(plans.ok());
  int64_t o = (*plans)[0].objectives[0].objective_id;
  for (const char* s : {"on_track", "at_risk", "done", "not_started"}) {
    ASSERT_OK(cp().SetObjectiveStatus(o, s));
    auto got = cockpit_.GetObjective(o);
    ASSERT_TRUE(got.ok() && got->has_value());
    EXPECT_EQ((*got)->status, s);
  }
  Status bad = cp().SetObjectiveStatus(o, "late");
  EXPECT_EQ(bad.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.message(),
            "objective status \"late\" is not one of not_started|on_track|at_risk|done");
  EXPECT_EQ(cp().SetObjectiveStatus(o, "").code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(cp().SetObjectiveStatus(987654, "done").code(), ErrorCode::kNotFound);
}

// ---- the timeline ----

TEST_F(CockpitTest, LogAddsUserActivitiesNewestFirst) {
  store::ActivityRecord a;
  a.account_id = "A1";
  a.type = "meeting";
  a.subject = "QBR prep";
  a.author = "ann";
  a.ts = *ParseTime("2026-10-01T10:00:00Z");
  auto id1 = cp().Log(a);
  ASSERT_TRUE(id1.ok()) << id1.status().ToString();
  a.type = "call";
  a.subject = "Follow-up";
  a.ts = *ParseTime("2026-10-02T10:00:00Z");
  auto id2 = cp().Log(a);
  ASSERT_TRUE(id2.ok());
  // The same entry logged twice by a person is two entries.
  auto id3 = cp().Log(a);
  ASSERT_TRUE(id3.ok());
  EXPECT_NE(*id2, *id3);
  auto all = accounts_.ListActivities("A1");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].type, "call");
  EXPECT_EQ((*all)[2].type, "meeting");
  for (const auto& x : *all) EXPECT_EQ(x.source, "user");
}

TEST_F(CockpitTest, LogNeedsAnAccountAndAType) {
  store::ActivityRecord a;
  a.type = "note";
  EXPECT_EQ(cp().Log(a).status().code(), ErrorCode::kInvalidArgument);
  a.account_id = "A1";
  a.type = "";
  EXPECT_EQ(cp().Log(a).status().code(), ErrorCode::kInvalidArgument);
  a.type = "note";
  a.ts = 0;
  auto id = cp().Log(a);
  ASSERT_TRUE(id.ok());
  auto all = accounts_.ListActivities("A1");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_GT((*all)[0].ts, 0);  // defaults to now
}

}  // namespace
}  // namespace tend::cockpit
