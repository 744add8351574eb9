// Tests for the advocacy program on a real SQLite workspace: settings parsing and storage,
// the advocate lifecycle (consent before active, forbidden moves, tier capacity), asks with
// the quarterly cap, reference requests through their states, the give-back balance and the
// extraction warning, quarters, matching's exclusions, and contact changes found by
// DecideContactChanges as the store writes contacts turned into milestones (the champion rules of
// the template raise the CTAs).
#include "advocacy/program.h"

#include <gtest/gtest.h>

#include "advocacy/contact_moves.h"
#include "advocacy/matching.h"
#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::advocacy {
namespace {

using testing::TempDir;

class ProgramTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::OpenOptions options;
    options.contact_changes = DecideContactChanges;
    auto s = store::OpenSqliteStore(dir_.File("tend.db"), options);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    for (const char* id : {"A1", "A2", "A3"}) {
      store::AccountRecord a;
      a.account_id = id;
      a.name = std::string("Account ") + id;
      a.csm = "Cara";
      a.industry = "Fintech";
      ASSERT_TRUE(store_->UpsertAccount(a).ok());
    }
    int n = 0;
    for (const char* acc : {"A1", "A1", "A2", "A3"}) {
      store::ContactRecord c;
      c.contact_id = "C" + std::to_string(++n);
      c.account_id = acc;
      c.name = "Person " + std::to_string(n);
      c.email = "p" + std::to_string(n) + "@" + acc + ".example.com";
      c.title = "Director";
      c.seniority = "director";
      c.role = n == 1 ? "champion" : "user";
      ASSERT_TRUE(store_->UpsertContact(c).ok());
    }
  }

  Program MakeProgram(Settings s = DefaultSettings()) { return Program(*store_, s); }

  // Invites and activates `contact` in `tier` with consent.
  void Activate(Program& p, const std::string& contact, const std::string& tier) {
    ASSERT_TRUE(p.Invite(contact, tier, "", "t").ok());
    Program::Change ch;
    ch.status = "active";
    ch.consent = true;
    ASSERT_TRUE(p.Update(contact, ch, "t").ok());
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(ProgramTest, SettingsParseAndRoundTrip) {
  Settings s = DefaultSettings();
  ASSERT_EQ(s.tiers.size(), 4u);
  EXPECT_EQ(s.Tier("advisory_board")->capacity, 12);
  EXPECT_EQ(s.Tier("reference_network")->quarterly_cap, 2);
  auto bad = ParseSettings(nlohmann::json::parse(R"({"tiers": [{"tier": "gold"}]})"), s);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().id(), "tiers[0].tier");
  bad = ParseSettings(nlohmann::json::parse(R"({"recency_days": -1})"), s);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().id(), "recency_days");
  bad = ParseSettings(
      nlohmann::json::parse(R"({"tiers": [{"tier": "advisory_board", "min_members": 20}]})"), s);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("capacity"), std::string::npos);
  auto good =
      ParseSettings(nlohmann::json::parse(R"({"recency_days": 45, "tiers": [{"tier": "case_study",
                                "quarterly_cap": 2, "capacity": null}]})"),
                    s);
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  ASSERT_TRUE(SaveSettings(*store_, *good).ok());
  auto loaded = LoadSettings(*store_);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->recency_days, 45);
  EXPECT_EQ(loaded->Tier("case_study")->quarterly_cap, 2);
  EXPECT_EQ(loaded->Tier("advisory_board")->capacity, 12);
}

TEST_F(ProgramTest, QuarterStart) {
  EXPECT_EQ(QuarterStart(*ParseDate("2026-11-24")), *ParseDate("2026-10-01"));
  EXPECT_EQ(QuarterStart(*ParseDate("2026-03-31")), *ParseDate("2026-01-01"));
  EXPECT_EQ(QuarterStart(*ParseDate("2026-04-01")), *ParseDate("2026-04-01"));
}

TEST_F(ProgramTest, LifecycleNeedsConsentAndAllowedMoves) {
  Program p = MakeProgram();
  auto a = p.Invite("C1", "reference_network", "great NPS", "cara");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->status, "invited");
  EXPECT_EQ(p.Invite("C1", "case_study", "", "cara").status().id(), "advocacy.alreadyInProgram");
  Program::Change active;
  active.status = "active";
  EXPECT_EQ(p.Update("C1", active, "cara").status().id(), "advocacy.noConsent");
  active.consent = true;
  auto b = p.Update("C1", active, "cara");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_TRUE(b->consent_at.has_value());
  Program::Change back;
  back.status = "invited";
  EXPECT_EQ(p.Update("C1", back, "cara").status().id(), "advocacy.badMove");
  Program::Change retire;
  retire.status = "retired";
  ASSERT_TRUE(p.Update("C1", retire, "cara").ok());
  Program::Change again;
  again.status = "active";
  EXPECT_EQ(p.Update("C1", again, "cara").status().id(), "advocacy.badMove");
  EXPECT_EQ(p.Update("C9", again, "cara").status().code(), ErrorCode::kNotFound);
  // Lifecycle moves are on the timeline.
  auto tl = store_->ListActivities("A1");
  ASSERT_TRUE(tl.ok());
  int advocacy = 0;
  for (const auto& x : *tl) advocacy += x.type == "advocacy";
  EXPECT_EQ(advocacy, 3);  // invited, active, retired
}

TEST_F(ProgramTest, CapacityIsEnforced) {
  Settings s = DefaultSettings();
  for (auto& t : s.tiers) {
    if (t.tier == "advisory_board") t.capacity = 2;
  }
  Program p = MakeProgram(s);
  ASSERT_TRUE(p.Invite("C1", "advisory_board", "", "t").ok());
  ASSERT_TRUE(p.Invite("C2", "advisory_board", "", "t").ok());
  auto full = p.Invite("C3", "advisory_board", "", "t");
  EXPECT_EQ(full.status().id(), "advocacy.tierFull");
  // Retiring one frees a place.
  Program::Change retire;
  retire.status = "retired";
  ASSERT_TRUE(p.Update("C2", retire, "t").ok());
  EXPECT_TRUE(p.Invite("C3", "advisory_board", "", "t").ok());
}

TEST_F(ProgramTest, SnoozeAndDismissNeedReasons) {
  Program p = MakeProgram();
  EXPECT_EQ(p.Snooze("C2", 30, "", "t").id(), "reason");
  EXPECT_EQ(p.Snooze("C2", 0, "later", "t").id(), "days");
  ASSERT_TRUE(p.Snooze("C2", 30, "later", "t").ok());
  auto a = store_->GetAdvocate("C2");
  ASSERT_TRUE(a.ok() && a->has_value());
  EXPECT_EQ((*a)->status, "candidate");
  EXPECT_TRUE((*a)->snoozed_until.has_value());
  EXPECT_EQ(p.Dismiss("C2", "", "t").id(), "reason");
  ASSERT_TRUE(p.Dismiss("C2", "left the company", "t").ok());
  // A dismissed contact can still be invited later.
  EXPECT_TRUE(p.Invite("C2", "case_study", "", "t").ok());
}

TEST_F(ProgramTest, AsksRespectTheQuarterlyCapAndLifecycle) {
  Program p = MakeProgram();
  Activate(p, "C1", "reference_network");
  EXPECT_EQ(p.Ask("C2", "reference_call", "", std::nullopt, "t").status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(p.Ask("C1", "golf", "", std::nullopt, "t").status().id(), "activity");
  auto a1 = p.Ask("C1", "reference_call", "", std::nullopt, "t");
  ASSERT_TRUE(a1.ok()) << a1.status().ToString();
  auto a2 = p.Ask("C1", "case_study", "", std::nullopt, "t");
  ASSERT_TRUE(a2.ok());
  EXPECT_EQ(p.Ask("C1", "speaking", "", std::nullopt, "t").status().id(), "advocacy.overCap");
  EXPECT_EQ(p.CompleteAsk(*a1, "done", "t").id(), "advocacy.badMove");  // not accepted yet
  ASSERT_TRUE(p.AnswerAsk(*a1, true, "", "t").ok());
  EXPECT_EQ(p.CompleteAsk(*a1, "", "t").id(), "outcome");
  ASSERT_TRUE(p.CompleteAsk(*a1, "went well", "t").ok());
  EXPECT_EQ(p.AnswerAsk(*a1, false, "", "t").id(), "advocacy.badMove");
  ASSERT_TRUE(p.AnswerAsk(*a2, false, "no time", "t").ok());
  // The completed ask logged the advocacy activity itself.
  auto tl = store_->ListActivities("A1");
  ASSERT_TRUE(tl.ok());
  bool call = false;
  for (const auto& x : *tl) call |= x.type == "reference_call" && x.contact_id == "C1";
  EXPECT_TRUE(call);
  // A paused advocate is not asked.
  Program::Change pause;
  pause.status = "paused";
  ASSERT_TRUE(p.Update("C1", pause, "t").ok());
  EXPECT_EQ(p.Ask("C1", "speaking", "", std::nullopt, "t").status().id(), "advocacy.notAskable");
}

TEST_F(ProgramTest, BalanceAndExtractionWarning) {
  Program p = MakeProgram();
  Activate(p, "C1", "case_study");
  ASSERT_TRUE(p.Ask("C1", "case_study", "", std::nullopt, "t").ok());  // 3 units asked
  auto asks = store_->ListAsks("");
  auto ledger = store_->ListLedger("");
  ASSERT_TRUE(asks.ok() && ledger.ok());
  Balance b = BalanceOf("C1", *asks, *ledger, {}, NowMs());
  EXPECT_DOUBLE_EQ(b.gave, 3);
  EXPECT_DOUBLE_EQ(b.received, 0);
  EXPECT_TRUE(b.warning);
  EXPECT_EQ(p.AddLedger("C1", "received", "reference_call", std::nullopt, "", std::nullopt, "t")
                .status()
                .id(),
            "kind");
  EXPECT_EQ(
      p.AddLedger("C1", "took", "honorarium", std::nullopt, "", std::nullopt, "t").status().id(),
      "direction");
  ASSERT_TRUE(
      p.AddLedger("C1", "received", "honorarium", std::nullopt, "", std::nullopt, "t").ok());
  ledger = store_->ListLedger("");
  b = BalanceOf("C1", *asks, *ledger, {}, NowMs());
  EXPECT_DOUBLE_EQ(b.received, 2);
  EXPECT_TRUE(b.warning);  // 3 > 2
  ASSERT_TRUE(
      p.AddLedger("C1", "received", "recognition", std::nullopt, "", std::nullopt, "t").ok());
  ledger = store_->ListLedger("");
  b = BalanceOf("C1", *asks, *ledger, {}, NowMs());
  EXPECT_FALSE(b.warning);  // 3 = 3
  // Imported advocacy activities count as given; those an ask logged (system) do not.
  store::ActivityRecord imported;
  imported.contact_id = "C1";
  imported.type = "speaking";
  imported.source = "import";
  imported.ts = NowMs() - 10 * kMsPerDay;
  store::ActivityRecord logged = imported;
  logged.source = "system";
  store::ActivityRecord old = imported;
  old.ts = NowMs() - 200 * kMsPerDay;
  b = BalanceOf("C1", *asks, *ledger, {imported, logged, old}, NowMs());
  EXPECT_DOUBLE_EQ(b.gave, 6);
  EXPECT_TRUE(b.warning);
}

TEST_F(ProgramTest, ReferenceRequestLifecycle) {
  Program p = MakeProgram();
  store::ReferenceRequestRecord r;
  r.prospect = "  ";
  EXPECT_EQ(p.CreateRequest(r, "sam", std::nullopt).status().id(), "prospect");
  r.prospect = "Umbrella";
  EXPECT_EQ(p.CreateRequest(r, "sam", std::nullopt).status().id(), "deadline");
  r.deadline = *ParseDate("2026-12-31");
  auto id = p.CreateRequest(r, "sam", std::nullopt);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(p.AnswerRequest(*id, true, "", "t").id(), "advocacy.badMove");
  Activate(p, "C1", "reference_network");
  ASSERT_TRUE(p.AskForRequest(*id, "C1", "t").ok());
  EXPECT_EQ(p.AskForRequest(*id, "C1", "t").id(), "advocacy.badMove");
  ASSERT_TRUE(p.AnswerRequest(*id, false, "travelling", "t").ok());
  auto got = store_->GetReferenceRequest(*id);
  EXPECT_EQ((*got)->status, "declined");
  // Asked again: C1 is at the cap after a second ask.
  ASSERT_TRUE(p.AskForRequest(*id, "C1", "t").ok());
  ASSERT_TRUE(p.AnswerRequest(*id, true, "", "t").ok());
  ASSERT_TRUE(p.CompleteRequest(*id, "deal won", "t").ok());
  got = store_->GetReferenceRequest(*id);
  EXPECT_EQ((*got)->status, "completed");
  EXPECT_EQ((*got)->outcome, "deal won");
  EXPECT_EQ(p.CancelRequest(*id, "t").id(), "advocacy.badMove");
}

TEST_F(ProgramTest, ContactMovesBecomeMilestones) {
  // C1 (the champion of A1) left (the CRM says so) and shows up at A2 with a new email there:
  // the store notes the move.
  store::ContactRecord gone = *store_->GetContact("C1").value();
  gone.status = "left";
  ASSERT_TRUE(store_->UpsertContact(gone).ok());
  store::ContactRecord moved;
  moved.contact_id = "C9";
  moved.account_id = "A2";
  moved.name = "Person 1";
  moved.email = "P1@a2.example.com";
  moved.title = "VP Operations";
  moved.seniority = "vp";
  moved.role = "champion";
  ASSERT_TRUE(store_->UpsertContact(moved).ok());
  // C3 changes title where they are.
  store::ContactRecord promoted = *store_->GetContact("C3").value();
  promoted.title = "VP Finance";
  promoted.seniority = "vp";
  ASSERT_TRUE(store_->UpsertContact(promoted).ok());
  // Writing the same again changes nothing.
  ASSERT_TRUE(store_->UpsertContact(promoted).ok());
  auto changes = store_->ListContactChanges(true);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0].kind, "company");
  EXPECT_EQ((*changes)[0].previous_contact_id, "C1");
  EXPECT_EQ((*changes)[0].old_account_id, "A1");
  EXPECT_EQ((*changes)[1].kind, "title");

  Program p = MakeProgram();
  auto touched = p.ProcessContactChanges("t");
  ASSERT_TRUE(touched.ok()) << touched.status().ToString();
  EXPECT_EQ(*touched, (std::vector<std::string>{"A1", "A2"}));
  EXPECT_TRUE(store_->ListContactChanges(true)->empty());
  auto all = store_->ListContactChanges(false);
  EXPECT_TRUE((*all)[0].champion);  // C1 was A1's champion
  EXPECT_FALSE((*all)[1].champion);
  // No CTAs here: the template's rules raise them from days_since_champion_left/arrived.
  store::CtaFilter f;
  EXPECT_TRUE(store_->ListCtas(f)->empty());
  auto left = store_->ListActivities("A1");
  bool logged = false;
  for (const auto& x : *left)
    logged |= x.subject == "Person 1 (a champion) left for Account A2 (VP Operations)";
  EXPECT_TRUE(logged);
  // Processing again finds nothing new.
  EXPECT_TRUE(p.ProcessContactChanges("t")->empty());
  auto tl = store_->ListActivities("A2");  // C3's account
  bool promotion = false;
  for (const auto& x : *tl) promotion |= x.subject.rfind("Promotion:", 0) == 0;
  EXPECT_TRUE(promotion);
}

}  // namespace
}  // namespace tend::advocacy
