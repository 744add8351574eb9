// The Store contract on both stores: every test runs on SQLite and on PostgreSQL (a fresh
// database on the test cluster; skipped without one). What differs between the engines is
// what these pin down: byte order of text keys, NULL order, exact doubles and epoch
// milliseconds, binary blobs, identities, constraint errors, LIMIT, RETURNING, transactions.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "store/open_store.h"
#include "store/pg_store.h"
#include "testutil/pg_test.h"
#include "testutil/testutil.h"

namespace tend::store {
namespace {

class StoreConformanceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      pg_ = std::make_unique<testing::PgTestDatabase>();
      TEND_SKIP_WITHOUT_PG(*pg_);
      location_ = pg_->url();
    } else {
      location_ = dir_.File("w.db");
    }
    auto s = OpenStore(location_, Options());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }

  // Opened with a stand-in for advocacy's contact-change rule (the store records what the
  // rule decides, stamped by the clock): a title change of a stored contact; a new contact
  // whose name another account's contact has is a company move from the first of them.
  // shown_ gets, per write, the contact ids of the namesakes the rule was shown (sorted).
  OpenOptions Options() {
    OpenOptions o;
    o.clock = &clock_;
    o.contact_changes = [this](const ContactRecord& in, const std::optional<ContactRecord>& stored,
                               const std::vector<ContactRecord>& namesakes) {
      std::vector<std::string> ids;
      for (const ContactRecord& n : namesakes) ids.push_back(n.contact_id);
      std::sort(ids.begin(), ids.end());
      std::string line = in.contact_id + ":";
      for (const std::string& id : ids) line += " " + id;
      shown_.push_back(line);
      std::vector<ContactChangeRecord> out;
      if (stored && !stored->title.empty() && stored->title != in.title) {
        ContactChangeRecord c;
        c.contact_id = in.contact_id;
        c.kind = "title";
        c.old_title = stored->title;
        c.new_title = in.title;
        out.push_back(c);
      } else if (!stored && !namesakes.empty()) {
        ContactChangeRecord c;
        c.contact_id = in.contact_id;
        c.previous_contact_id = namesakes[0].contact_id;
        c.kind = "company";
        c.old_account_id = namesakes[0].account_id;
        c.new_account_id = in.account_id;
        out.push_back(c);
      }
      return out;
    };
    return o;
  }
  void TearDown() override { store_.reset(); }

  Store& st() { return *store_; }
  void AddAccount(const std::string& id) {
    AccountRecord a;
    a.account_id = id;
    a.name = "Name of " + id;
    ASSERT_OK(st().UpsertAccount(a));
  }

  std::vector<std::string> shown_;
  FakeClock clock_{1764000000123};
  testing::TempDir dir_;
  std::unique_ptr<testing::PgTestDatabase> pg_;
  std::string location_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformanceTest, NewWorkspaceIsAtTheLatestVersion) {
  EXPECT_EQ(st().schema_version(), LatestSchemaVersion());
  auto again = OpenStore(location_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->schema_version(), LatestSchemaVersion());
}

TEST_P(StoreConformanceTest, AccountsComeBackInByteOrderWithTheirAttributes) {
  // An ICU or glibc collation orders these acme_1 Acme_1 acme-2 ACME10; bytes do not.
  for (const char* id : {"acme_1", "Acme_1", "acme-2", "ACME10", "b\xc3\xa9ta", "beta"}) AddAccount(id);
  ASSERT_OK(st().SaveAttributeDef({"plan", ValueType::kText}));
  ASSERT_OK(st().SaveAttributeDef({"seats", ValueType::kNumber}));
  ASSERT_OK(st().SetAccountAttribute("acme-2", {"plan", std::nullopt, std::string("gold")}));
  ASSERT_OK(st().SetAccountAttribute("ACME10", {"seats", 12.5, std::nullopt}));
  ASSERT_OK(st().SetAccountAttribute("Acme_1", {"seats", 3, std::nullopt}));
  auto accounts = st().LoadAccounts();
  ASSERT_TRUE(accounts.ok()) << accounts.status().ToString();
  std::vector<std::string> ids;
  for (const auto& a : *accounts) ids.push_back(a.account_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"ACME10", "Acme_1", "acme-2", "acme_1", "beta",
                                           "b\xc3\xa9ta"}));
  // Every attribute reached its account through the merge of two sorted reads.
  EXPECT_EQ((*accounts)[0].attributes.size(), 1u);
  EXPECT_EQ((*accounts)[1].attributes.size(), 1u);
  ASSERT_EQ((*accounts)[2].attributes.size(), 1u);
  EXPECT_EQ((*accounts)[2].attributes[0].text, std::optional<std::string>("gold"));
  auto defs = st().LoadAttributeDefs();
  ASSERT_EQ(defs->size(), 2u);
  EXPECT_EQ((*defs)[1].type, ValueType::kNumber);
}

TEST_P(StoreConformanceTest, NumbersAndTimesSurviveExactly) {
  AccountRecord a;
  a.account_id = "A1";
  a.arr = 1234567.89;
  a.start_date = 19000;
  ASSERT_OK(st().UpsertAccount(a));
  SurveyRecord s{1764000000123, "A1", "", "nps", 0.1 + 0.2, "", ""};
  ASSERT_TRUE(*st().UpsertSurvey(s));
  auto accounts = *st().LoadAccounts();
  EXPECT_EQ(accounts[0].arr, 1234567.89);
  EXPECT_EQ(accounts[0].start_date, std::optional<EpochDay>(19000));
  EXPECT_FALSE(accounts[0].renewal_date.has_value());
  auto surveys = *st().LoadSurveys();
  ASSERT_EQ(surveys.size(), 1u);
  EXPECT_EQ(surveys[0].ts, 1764000000123);
  EXPECT_EQ(surveys[0].score, 0.1 + 0.2);  // the same bits
}

TEST_P(StoreConformanceTest, UsageBlobsAreBinarySafe) {
  AddAccount("A1");
  std::string blob("\0\x01\xff\\x00'\"\n", 9);
  blob += std::string(70000, '\x80');
  ASSERT_OK(st().SaveUsage("A1", blob, 42));
  auto back = st().LoadUsage("A1");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_TRUE(back->has_value());
  EXPECT_EQ(**back, blob);
  int seen = 0;
  ASSERT_OK(st().ForEachUsage([&](std::string_view id, std::string_view b) {
    EXPECT_EQ(id, "A1");
    EXPECT_EQ(b, blob);
    ++seen;
    return Status::Ok();
  }));
  EXPECT_EQ(seen, 1);
  EXPECT_EQ(st().Counts()->events, 42);
  EXPECT_FALSE(st().LoadUsage("nobody")->has_value());
}

TEST_P(StoreConformanceTest, SurveysAndActivitiesKeepTheirIdentity) {
  AddAccount("A1");
  SurveyRecord r{1000, "A1", "", "nps", 9, "fine", ""};
  EXPECT_TRUE(*st().UpsertSurvey(r));
  EXPECT_FALSE(*st().UpsertSurvey(r));  // the same answer again
  r.comment = "other";
  EXPECT_TRUE(*st().UpsertSurvey(r));
  SurveyRecord with_id{2000, "A1", "", "csat", 4, "", "S-1"};
  EXPECT_TRUE(*st().UpsertSurvey(with_id));
  with_id.score = 5;
  EXPECT_TRUE(*st().UpsertSurvey(with_id));  // same id: updated
  EXPECT_EQ(st().Counts()->surveys, 3);

  ActivityRecord a;
  a.ts = 5000;
  a.account_id = "A1";
  a.type = "call";
  a.subject = "kickoff";
  auto first = st().UpsertActivity(a);
  auto again = st().UpsertActivity(a);
  ASSERT_TRUE(first.ok() && again.ok()) << first.status().ToString();
  EXPECT_EQ(*first, *again);
  a.source = "user";
  auto logged1 = *st().UpsertActivity(a);
  auto logged2 = *st().UpsertActivity(a);
  EXPECT_NE(logged1, logged2);
  EXPECT_EQ(st().ListActivities("A1")->size(), 3u);
  auto got = st().GetActivity(logged2);
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->source, "user");
  EXPECT_TRUE(st().LoadContactActivities({})->empty());
}

TEST_P(StoreConformanceTest, TicketsReadInAccountOrderWithMissingTimesFirst) {
  AddAccount("A1");
  ASSERT_OK(st().UpsertTicket({"T2", "A1", 500, std::nullopt, "high", "open", std::nullopt}));
  ASSERT_OK(st().UpsertTicket({"T1", "A1", std::nullopt, std::nullopt, "", "open", 4.5}));
  std::vector<std::string> order;
  ASSERT_OK(st().ForEachTicket([&](const TicketRecord& t) { order.push_back(t.priority); }));
  EXPECT_EQ(order, (std::vector<std::string>{"", "high"}));
  EXPECT_EQ((*st().ListTickets("A1"))[0].csat, std::optional<double>(4.5));
}

TEST_P(StoreConformanceTest, ConstraintErrorsAreInvalidArgumentAndNamedOnes) {
  ContactRecord c{"C1", "missing", "Ann", "", "", "", "", ""};
  EXPECT_EQ(st().UpsertContact(c).code(), ErrorCode::kInvalidArgument);
  UserRecord u;
  u.email = "ann@example.com";
  u.name = "Ann";
  u.role = "admin";
  auto id = st().InsertUser(u);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto dup = st().InsertUser(u);
  EXPECT_EQ(dup.status().id(), "store.userExists");
  u.user_id = 999;
  EXPECT_EQ(st().UpdateUser(u).id(), "store.noUser");
  AddAccount("A1");
  CtaRecord cta;
  cta.account_id = "A1";
  cta.rule = "r1";
  cta.type = "risk";
  cta.priority = "high";
  cta.title = "t";
  ASSERT_TRUE(st().InsertCta(cta).ok());
  EXPECT_EQ(st().InsertCta(cta).status().id(), "store.ctaExists");
}

TEST_P(StoreConformanceTest, IdsComeFromTheStoreAndUpdatesNeedARow) {
  AddAccount("A1");
  CtaRecord cta;
  cta.account_id = "A1";
  cta.type = "risk";
  cta.priority = "low";
  cta.title = "manual";
  int64_t id1 = *st().InsertCta(cta);
  int64_t id2 = *st().InsertCta(cta);
  EXPECT_GT(id2, id1);
  CtaFilter f;
  f.cta_id = id2;
  ASSERT_EQ(st().ListCtas(f)->size(), 1u);
  f = {};
  f.statuses = {"open", "in_progress"};
  f.account_ids = {"A1", "B2"};
  EXPECT_EQ(st().ListCtas(f)->size(), 2u);
  cta.cta_id = 12345;
  EXPECT_EQ(st().UpdateCta(cta).id(), "store.noCta");
  TaskRecord t;
  t.cta_id = id1;
  t.account_id = "A1";
  t.title = "call";
  int64_t task = *st().InsertTask(t);
  EXPECT_EQ(st().ListTasks(id1, std::nullopt, "")->size(), 1u);
  EXPECT_EQ(st().ListTasks(std::nullopt, std::nullopt, "A1")->size(), 1u);
  EXPECT_EQ((*st().GetTask(task))->title, "call");
  EXPECT_FALSE(st().GetTask(task + 100)->has_value());
  EXPECT_EQ(st().DeleteSavedView(1, 77).id(), "store.noView");
}

TEST_P(StoreConformanceTest, ACtaKeepsItsRenewalThroughUpdates) {
  AddAccount("A1");
  CtaRecord cta;
  cta.account_id = "A1";
  cta.type = "risk";
  cta.priority = "high";
  cta.title = "save the renewal";
  cta.renewal_id = "S1";
  int64_t with = *st().InsertCta(cta);
  cta.renewal_id.clear();
  int64_t without = *st().InsertCta(cta);
  CtaFilter f;
  f.cta_id = with;
  CtaRecord got = (*st().ListCtas(f))[0];
  EXPECT_EQ(got.renewal_id, "S1");
  got.status = "in_progress";
  got.renewal_id = "changed";  // UpdateCta does not move a CTA to another renewal
  ASSERT_OK(st().UpdateCta(got));
  EXPECT_EQ((*st().ListCtas(f))[0].renewal_id, "S1");
  EXPECT_EQ((*st().ListCtas(f))[0].status, "in_progress");
  f.cta_id = without;
  EXPECT_EQ((*st().ListCtas(f))[0].renewal_id, "");
}

TEST_P(StoreConformanceTest, RuleFiringsHonourTheLimitAndNoLimit) {
  AddAccount("A1");
  for (int i = 0; i < 5; ++i) {
    ASSERT_OK(st().AddRuleFiring({0, "r", "A1", 1000 + i, 3, "{}", "ok"}));
  }
  EXPECT_EQ(st().ListRuleFirings("", 2)->size(), 2u);
  EXPECT_EQ(st().ListRuleFirings("A1", -1)->size(), 5u);
  EXPECT_EQ((*st().ListRuleFirings("A1", 1))[0].at, 1004);
}

TEST_P(StoreConformanceTest, JournalAttributionAndCheckpoints) {
  AddAccount("A1");
  int64_t s1 = *st().AppendJournal({0, "", "u1", "login", 10});
  int64_t s2 = *st().AppendJournal({0, "A1", "u2", "login", 11});
  int64_t s3 = *st().AppendJournal({0, "", "u1", "click", 12});
  EXPECT_LT(s1, s2);
  EXPECT_EQ(*st().CountJournal(), (std::pair<int64_t, int64_t>{1, 2}));
  auto moved = st().AttributeJournal("u1", "A1");
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  ASSERT_EQ(moved->size(), 2u);
  EXPECT_EQ((*moved)[0].seq, s1);
  EXPECT_EQ((*moved)[1].seq, s3);
  EXPECT_EQ((*moved)[1].account_id, "A1");
  std::vector<int64_t> seen;
  ASSERT_OK(st().ForEachJournalEvent(
      [&](const JournalEvent& e) {
        seen.push_back(e.seq);
        return Status::Ok();
      },
      2));
  EXPECT_EQ(seen, (std::vector<int64_t>{s1, s2}));
  ASSERT_OK(st().DeleteJournalThrough(s2));
  EXPECT_EQ(*st().CountJournal(), (std::pair<int64_t, int64_t>{1, 0}));
  EXPECT_TRUE(*st().InsertMessageId("m1"));
  EXPECT_FALSE(*st().InsertMessageId("m1"));
  ASSERT_OK(st().SetUserGroup("u1", "A1"));
  EXPECT_EQ(*st().GetUserGroup("u1"), std::optional<std::string>("A1"));
}

TEST_P(StoreConformanceTest, HeldIdentifiesComeBackInOrderOnce) {
  ASSERT_OK(st().HoldIdentify({0, "u1", 10, 11, "[1]"}));
  ASSERT_OK(st().HoldIdentify({0, "u2", 12, 13, "[]"}));
  ASSERT_OK(st().HoldIdentify({0, "u1", 14, 15, "[2]"}));
  EXPECT_EQ(*st().CountHeldIdentifies(), (std::pair<int64_t, int64_t>{3, 2}));
  auto held = *st().TakeHeldIdentifies("u1");
  ASSERT_EQ(held.size(), 2u);
  EXPECT_EQ(held[0].traits, "[1]");
  EXPECT_EQ(held[1].traits, "[2]");
  EXPECT_TRUE(st().TakeHeldIdentifies("u1")->empty());
}

TEST_P(StoreConformanceTest, HistoryUpsertsAndTheLastRowOfABatchWins) {
  AddAccount("A1");
  AddAccount("A2");
  std::vector<ScoreHistoryRecord> rows;
  for (int i = 0; i < 300; ++i) rows.push_back({"health", i % 2 ? "A1" : "A2", 100 + i / 2, i * 1.0, "red", "{}"});
  rows.push_back({"health", "A1", 100, std::nullopt, "", "{\"x\":1}"});  // repeats a key
  ASSERT_OK(st().SaveScoreHistory(rows));
  auto day = *st().LoadScoresOnDay("health", 100, true);
  ASSERT_EQ(day.size(), 2u);
  for (const auto& r : day) {
    if (r.account_id == "A1") {
      EXPECT_FALSE(r.overall.has_value());
      EXPECT_EQ(r.color, "");
      EXPECT_EQ(r.measures, "{\"x\":1}");
    }
  }
  EXPECT_EQ(st().LoadAccountHistory("A1")->size(), 150u);
  EXPECT_EQ(*st().LatestHistoryDayBefore("health", 105), std::optional<EpochDay>(104));
  EXPECT_FALSE(st().LatestHistoryDayBefore("health", 50)->has_value());
  ASSERT_OK(st().SaveDailySummary({"health", 100, 2, std::nullopt, 1, 0, 1, 10.5, 0, 20.25}));
  auto sums = *st().LoadDailySummaries("health", 0);
  ASSERT_EQ(sums.size(), 1u);
  EXPECT_FALSE(sums[0].average.has_value());
  EXPECT_EQ(sums[0].arr_total, 20.25);
}

TEST_P(StoreConformanceTest, RuleStateAndDefinitions) {
  AddAccount("A1");
  ASSERT_OK(st().SetRuleState("r1", "A1", true, 5));
  ASSERT_OK(st().SetRuleState("r1", "A1", true, 9));  // kept as it was
  ASSERT_OK(st().SetRuleState("r2", "A1", true, 5));
  EXPECT_EQ(st().LoadRuleState()->size(), 2u);
  EXPECT_EQ(st().LoadRuleStateOf({"A1", "zz"})->size(), 2u);
  EXPECT_TRUE(st().LoadRuleStateOf({})->empty());
  ASSERT_OK(st().SetRuleState("r1", "A1", false, 0));
  EXPECT_EQ(st().LoadRuleState()->size(), 1u);
  ASSERT_OK(st().ReplaceDefinitionFiles({{"b.yaml", "x: 1", 1}, {"a.yaml", "y: 2", 2}}));
  ASSERT_OK(st().ReplaceDefinitionFiles({{"c.yaml", "z: 3", 3}}));
  auto files = *st().LoadDefinitionFiles();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "c.yaml");
}

TEST_P(StoreConformanceTest, ContactMovesAreRecorded) {
  AddAccount("A1");
  AddAccount("A2");
  ASSERT_OK(st().UpsertContact({"C1", "A1", "Ann Lee", "ann@a1.com", "CTO", "", "champion", ""}));
  ASSERT_OK(st().UpsertContact({"C1", "A1", "Ann Lee", "ann@a1.com", "CEO", "", "champion", ""}));
  ASSERT_OK(st().UpsertContact({"C9", "A2", "Ann Lee", "ANN@a2.com", "VP", "", "", ""}));
  auto changes = *st().ListContactChanges(true);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, "title");
  EXPECT_EQ(changes[1].kind, "company");
  EXPECT_EQ(changes[1].previous_contact_id, "C1");
  EXPECT_EQ(changes[1].old_account_id, "A1");
  EXPECT_EQ(changes[0].ts, 1764000000123);  // the store's clock
  EXPECT_FALSE(changes[0].processed);
  ASSERT_OK(st().MarkContactChangeProcessed(changes[0].change_id, true));
  EXPECT_EQ(st().ListContactChanges(true)->size(), 1u);
  EXPECT_TRUE((*st().ListContactChanges(false))[0].champion);
}

TEST_P(StoreConformanceTest, ContactRuleSeesAtMostTwoNamesakesWithTheSameEmailLocalPart) {
  for (const char* id : {"A1", "A2", "A3", "A4", "A5"}) AddAccount(id);
  ASSERT_OK(st().UpsertContact({"C1", "A1", "Ann Lee", "ann.lee1@a1.com", "", "", "", "left"}));
  ASSERT_OK(st().UpsertContact({"C2", "A2", "Ann Lee", "ann.lee2@a2.com", "", "", "", ""}));
  ASSERT_OK(st().UpsertContact({"C3", "A3", "Ann Lee", "Ann.Lee1@a3.com", "", "", "", ""}));
  ASSERT_OK(st().UpsertContact({"C4", "A4", "Ann Lee", "ann.lee1@a4.com", "", "", "", ""}));
  ASSERT_OK(st().UpsertContact({"C5", "A1", "Ann Lee", "ann.lee1@a1.com", "", "", "", ""}));
  ASSERT_OK(st().UpsertContact({"C6", "A5", "Ann Lee", "ann.lee2@a5.com", "", "", "", ""}));
  ASSERT_OK(st().UpsertContact({"C8", "A5", "Ann Lee", "", "", "", "", ""}));  // no email
  // Stored and staying: no namesakes; stored and leaving now: its namesakes; left already: none.
  ASSERT_OK(st().UpsertContact({"C2", "A2", "Ann Lee", "ann.lee2@a2.com", "VP", "", "", ""}));
  ASSERT_OK(st().UpsertContact({"C2", "A2", "Ann Lee", "ann.lee2@a2.com", "", "", "", "bounced"}));
  ASSERT_OK(st().UpsertContact({"C2", "A2", "Ann Lee", "ann.lee2@a2.com", "", "", "", "left"}));
  ASSERT_EQ(shown_.size(), 10u);
  EXPECT_EQ(shown_[0], "C1:");
  EXPECT_EQ(shown_[1], "C2:");     // another local part
  EXPECT_EQ(shown_[2], "C3: C1");  // ASCII case ignored
  EXPECT_EQ(shown_[3], "C4: C1 C3");
  EXPECT_EQ(shown_[5], "C6: C2");
  EXPECT_EQ(shown_[6], "C8:");
  EXPECT_EQ(shown_[7], "C2:");
  EXPECT_EQ(shown_[8], "C2: C6");
  EXPECT_EQ(shown_[9], "C2:");
  // At most two, never one of the same account (C5 is at A1 with C1): any two of C3, C4 (and
  // not C1, which is at A1).
  EXPECT_EQ(shown_[4], "C5: C3 C4");
  auto c1 = st().GetContact("C1");
  ASSERT_TRUE(c1.ok() && c1->has_value());
  EXPECT_EQ((*c1)->status, "left");
  EXPECT_EQ((*st().GetContact("C2"))->status, "left");
  EXPECT_EQ((*st().GetContact("C3"))->status, "");
  ContactRecord bad{"C7", "A1", "X", "", "", "", "", "gone"};
  EXPECT_EQ(st().UpsertContact(bad).code(), ErrorCode::kInvalidArgument);
}

TEST_P(StoreConformanceTest, AdvocacyRoundTrips) {
  AddAccount("A1");
  ASSERT_OK(st().UpsertContact({"C1", "A1", "Ann", "", "", "", "", ""}));
  AdvocateRecord a;
  a.contact_id = "C1";
  a.account_id = "A1";
  a.status = "candidate";
  a.since = 100;
  ASSERT_OK(st().UpsertAdvocate(a));
  a.status = "active";
  a.since = 200;
  a.consent = true;
  ASSERT_OK(st().UpsertAdvocate(a));
  auto got = **st().GetAdvocate("C1");
  EXPECT_EQ(got.status, "active");
  EXPECT_EQ(got.since, 100);  // since stays as first written
  EXPECT_TRUE(got.consent);
  AskRecord ask;
  ask.contact_id = "C1";
  ask.account_id = "A1";
  ask.activity = "reference_call";
  ask.status = "asked";
  int64_t ask_id = *st().InsertAsk(ask);
  ask.ask_id = ask_id;
  ask.status = "accepted";
  ASSERT_OK(st().UpdateAsk(ask));
  EXPECT_EQ((*st().GetAsk(ask_id))->status, "accepted");
  EXPECT_EQ(st().ListAsks("")->size(), 1u);
  LedgerRecord e;
  e.contact_id = "C1";
  e.account_id = "A1";
  e.direction = "gave";
  e.kind = "call";
  e.units = 1.5;
  e.ask_id = ask_id;
  ASSERT_TRUE(st().InsertLedgerEntry(e).ok());
  EXPECT_EQ((*st().ListLedger("C1"))[0].units, 1.5);
  ReferenceRequestRecord r;
  r.requested_by = "sam";
  r.prospect = "Initech";
  int64_t req = *st().InsertReferenceRequest(r);
  r.request_id = req;
  r.status = "asked";
  ASSERT_OK(st().UpdateReferenceRequest(r));
  EXPECT_EQ((*st().GetReferenceRequest(req))->status, "asked");
  ASSERT_OK(st().SavePredictionHistory("churn", 10, {{"A1", 0.25}}));
  ASSERT_OK(st().SavePredictionHistory("churn", 10, {{"A1", 0.5}}));
  EXPECT_EQ(*st().LoadPredictionHistory("churn", "A1"),
            (std::vector<std::pair<EpochDay, double>>{{10, 0.5}}));
}

TEST_P(StoreConformanceTest, RollbackUndoesWritesAndOtherConnectionsSeeCommits) {
  ASSERT_OK(st().Begin());
  AddAccount("A1");
  EXPECT_EQ(st().Counts()->accounts, 1);
  ASSERT_OK(st().Rollback());
  EXPECT_EQ(st().Counts()->accounts, 0);
  auto other = st().OpenAnother();
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_OK(st().Begin());
  AddAccount("A2");
  ASSERT_OK(st().Commit());
  EXPECT_EQ((*other)->Counts()->accounts, 1);
  ASSERT_OK(st().SetMeta("k", "v1"));
  ASSERT_OK(st().SetMeta("k", "v2"));
  EXPECT_EQ(*(*other)->GetMeta("k"), std::optional<std::string>("v2"));
  EXPECT_TRUE(st().CheckIntegrity()->empty());
}

TEST_P(StoreConformanceTest, AuthRecordsRoundTrip) {
  UserRecord u;
  u.email = "ann@example.com";
  u.name = "Ann";
  u.role = "admin";
  u.created_at = 1764000000000;
  int64_t uid = *st().InsertUser(u);
  ASSERT_OK(st().RecordFailedLogin(uid, 1764000000500));
  auto got = **st().FindUserByEmail("ann@example.com");
  EXPECT_EQ(got.failed_logins, 1);
  EXPECT_EQ(got.last_failed_at, std::optional<EpochMs>(1764000000500));
  ASSERT_OK(st().ResetFailedLogins(uid));
  EXPECT_FALSE((*st().GetUserById(uid))->last_failed_at.has_value());
  ASSERT_OK(st().InsertSession({"h1", uid, "csrf", 1, 1764000000000}));
  EXPECT_TRUE(st().FindSession("h1")->has_value());
  ASSERT_OK(st().DeleteExpiredSessions(1764000000000));
  EXPECT_FALSE(st().FindSession("h1")->has_value());
  int64_t tok = *st().InsertApiToken({0, uid, "ci", "th", "tnd_1", 5, std::nullopt, std::nullopt});
  ASSERT_OK(st().RevokeApiToken(uid, tok, 7));
  ASSERT_OK(st().RevokeApiToken(uid, tok, 9));  // keeps the first time
  EXPECT_EQ((*st().FindApiTokenByHash("th"))->revoked_at, std::optional<EpochMs>(7));
  EXPECT_EQ(st().RevokeApiToken(uid, tok + 1, 9).id(), "store.noToken");
  int64_t key = *st().InsertWriteKey({0, "web", "kh", "wk_1", 5, std::nullopt});
  EXPECT_EQ(st().ListWriteKeys()->size(), 1u);
  EXPECT_EQ(st().RevokeWriteKey(key + 1, 9).id(), "store.noWriteKey");
}

// ---- Revenue (migration 8) ----

TEST_P(StoreConformanceTest, SubscriptionsUpsertAndReadInOrder) {
  AddAccount("A2");
  AddAccount("A1");
  SubscriptionRecord s1{"S2", "A1", "core", "gold", 12, 99.5, 14328.25, 20000, 20365, "active"};
  SubscriptionRecord s2{"S1", "A1", "core", "", 3, std::nullopt, 0.1, 20000, 20365, "active"};
  SubscriptionRecord s3{"S0", "A2", "addon", "", 1, 0, 1e9 + 0.5, 19000, 19365, "expired"};
  SubscriptionRecord s4{"S3", "A1", "core", "gold", 12, 99.5, 16000, 20365, 20730, "active"};
  for (const auto& s : {s1, s2, s3, s4}) ASSERT_OK(st().UpsertSubscription(s));
  auto all = *st().LoadSubscriptions();
  std::vector<std::string> ids;
  for (const auto& s : all) ids.push_back(s.subscription_id);
  // By account, start date, then id (byte order).
  EXPECT_EQ(ids, (std::vector<std::string>{"S1", "S2", "S3", "S0"}));
  EXPECT_EQ(all[0].plan, "");  // empty plan is NULL and reads back empty
  EXPECT_FALSE(all[0].unit_price.has_value());
  EXPECT_EQ(all[0].arr, 0.1);
  EXPECT_EQ(all[1].unit_price, std::optional<double>(99.5));
  EXPECT_EQ(all[1].arr, 14328.25);
  EXPECT_EQ(all[1].quantity, 12);
  EXPECT_EQ(all[1].start_date, 20000);
  EXPECT_EQ(all[1].end_date, 20365);
  EXPECT_EQ(all[3].arr, 1e9 + 0.5);
  EXPECT_EQ(all[3].status, "expired");
  // The same id again replaces every column.
  s1.status = "cancelled";
  s1.arr = 100;
  s1.unit_price.reset();
  ASSERT_OK(st().UpsertSubscription(s1));
  auto a1 = *st().ListSubscriptions("A1");
  ASSERT_EQ(a1.size(), 3u);
  EXPECT_EQ(a1[1].subscription_id, "S2");
  EXPECT_EQ(a1[1].status, "cancelled");
  EXPECT_EQ(a1[1].arr, 100);
  EXPECT_FALSE(a1[1].unit_price.has_value());
  EXPECT_TRUE(st().ListSubscriptions("A9")->empty());
  // Constraints: a status outside the vocabulary, an unknown account.
  SubscriptionRecord bad = s2;
  bad.subscription_id = "S9";
  bad.status = "paused";
  EXPECT_EQ(st().UpsertSubscription(bad).code(), ErrorCode::kInvalidArgument);
  bad.status = "active";
  bad.account_id = "nobody";
  EXPECT_EQ(st().UpsertSubscription(bad).code(), ErrorCode::kInvalidArgument);
}

TEST_P(StoreConformanceTest, PurchasesUpsertAndReadInOrder) {
  AddAccount("A1");
  AddAccount("B1");
  ASSERT_OK(st().UpsertPurchase({"P3", "B1", 1764000000001, "core", 10, "new"}));
  ASSERT_OK(st().UpsertPurchase({"P2", "A1", 1764000000999, "", -25.75, "refund"}));
  ASSERT_OK(st().UpsertPurchase({"P1", "A1", 1764000000999, "seats", 1234.5, "expansion"}));
  ASSERT_OK(st().UpsertPurchase({"P0", "A1", 1700000000000, "core", 5000, "new"}));
  auto all = *st().LoadPurchases();
  std::vector<std::string> ids;
  for (const auto& p : all) ids.push_back(p.purchase_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"P0", "P1", "P2", "P3"}));
  EXPECT_EQ(all[2].product, "");
  EXPECT_EQ(all[2].amount, -25.75);
  EXPECT_EQ(all[2].ts, 1764000000999);
  ASSERT_OK(st().UpsertPurchase({"P2", "A1", 1764000001000, "core", -20, "refund"}));
  auto a1 = *st().ListPurchases("A1");
  ASSERT_EQ(a1.size(), 3u);
  EXPECT_EQ(a1[1].purchase_id, "P1");
  EXPECT_EQ(a1[2].purchase_id, "P2");
  EXPECT_EQ(a1[2].product, "core");
  EXPECT_EQ(a1[2].amount, -20);
  EXPECT_EQ(st().UpsertPurchase({"P9", "A1", 1, "", 1, "gift"}).code(),
            ErrorCode::kInvalidArgument);
}

TEST_P(StoreConformanceTest, RenewalEditsReplaceAndNeedTheirSubscription) {
  AddAccount("A1");
  ASSERT_OK(st().UpsertSubscription({"S1", "A1", "core", "", 1, std::nullopt, 10, 1, 2, "active"}));
  ASSERT_OK(st().UpsertSubscription({"S0", "A1", "core", "", 1, std::nullopt, 10, 1, 2, "active"}));
  ASSERT_OK(st().UpsertRenewal({"S1", "in_progress", "ann@example.com", "commit", 1200.5,
                                "call booked", 1764000000000}));
  ASSERT_OK(st().UpsertRenewal({"S0", "", "", "", std::nullopt, "", 1764000000001}));
  auto all = *st().LoadRenewals();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].subscription_id, "S0");  // by subscription_id
  EXPECT_EQ(all[0].stage, "");              // unset: NULL, the derived value
  EXPECT_FALSE(all[0].arr_at_stake.has_value());
  EXPECT_EQ(all[1].stage, "in_progress");
  EXPECT_EQ(all[1].owner, "ann@example.com");
  EXPECT_EQ(all[1].forecast, "commit");
  EXPECT_EQ(all[1].arr_at_stake, std::optional<double>(1200.5));
  EXPECT_EQ(all[1].notes, "call booked");
  // An edit replaces the previous one, clearing what it leaves empty.
  ASSERT_OK(st().UpsertRenewal({"S1", "renewed", "", "", std::nullopt, "", 1764000000500}));
  all = *st().LoadRenewals();
  EXPECT_EQ(all[1].stage, "renewed");
  EXPECT_EQ(all[1].owner, "");
  EXPECT_FALSE(all[1].arr_at_stake.has_value());
  EXPECT_EQ(all[1].updated_at, 1764000000500);
  EXPECT_EQ(st().UpsertRenewal({"S1", "later", "", "", std::nullopt, "", 1}).code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(st().UpsertRenewal({"S7", "", "", "", std::nullopt, "", 1}).code(),
            ErrorCode::kInvalidArgument);
}

// ---- Feedback (migration 9) ----

namespace {

FeedbackItemRecord Item(std::string external_id, std::string account, EpochMs at,
                        std::string importance = "important") {
  FeedbackItemRecord f;
  f.external_id = std::move(external_id);
  f.account_id = std::move(account);
  f.source = "call";
  f.kind = "feature_request";
  f.text = "we need SSO";
  f.importance = std::move(importance);
  f.created_at = at;
  return f;
}

FeedbackRequestRecord Request(std::string title) {
  FeedbackRequestRecord r;
  r.title = std::move(title);
  r.created_at = r.updated_at = 1764000000000;
  return r;
}

}  // namespace

TEST_P(StoreConformanceTest, FeedbackItemsUpsertByExternalIdAndKeepTheirLink) {
  AddAccount("A1");
  AddAccount("A2");
  ASSERT_OK(st().UpsertContact({"C1", "A1", "Ann", "", "", "", "", ""}));
  int64_t r1 = *st().InsertFeedbackRequest(Request("SSO"));
  int64_t r2 = *st().InsertFeedbackRequest(Request("Audit log"));
  EXPECT_NE(r1, r2);
  FeedbackItemRecord f = Item("fb-1", "A1", 1764000000300);
  f.contact_id = "C1";
  f.source_ref = "ticket:T1";
  f.product_area = "security";
  f.created_by = "import";
  f.request_id = r1;
  int64_t i1 = *st().UpsertFeedbackItem(f);
  // The same external id updates that item in place; without a request it keeps its link.
  f.text = "we need SSO (Okta)";
  f.request_id.reset();
  EXPECT_EQ(*st().UpsertFeedbackItem(f), i1);
  auto got = **st().GetFeedbackItem(i1);
  EXPECT_EQ(got.text, "we need SSO (Okta)");
  EXPECT_EQ(got.request_id, std::optional<int64_t>(r1));
  EXPECT_EQ(got.contact_id, "C1");
  EXPECT_EQ(got.source_ref, "ticket:T1");
  EXPECT_EQ(got.product_area, "security");
  EXPECT_EQ(got.created_at, 1764000000300);
  EXPECT_FALSE(st().GetFeedbackItem(i1 + 100)->has_value());
  // Logged items (no external id) are always new.
  int64_t i2 = *st().UpsertFeedbackItem(Item("", "A2", 1764000000100));
  int64_t i3 = *st().UpsertFeedbackItem(Item("", "A1", 1764000000100));
  EXPECT_NE(i2, i3);
  EXPECT_EQ((*st().GetFeedbackItem(i2))->external_id, "");
  // Oldest first, then by id; filtered by account and by request.
  auto all = *st().ListFeedbackItems({});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].item_id, i2);
  EXPECT_EQ(all[1].item_id, i3);
  EXPECT_EQ(all[2].item_id, i1);
  EXPECT_EQ(st().ListFeedbackItems({"A1", std::nullopt})->size(), 2u);
  EXPECT_EQ(st().ListFeedbackItems({"", r1})->size(), 1u);
  EXPECT_EQ(st().ListFeedbackItems({"A2", r1})->size(), 0u);
  // Linking and unlinking; unknown items are kNotFound.
  ASSERT_OK(st().LinkFeedbackItem(i2, r2));
  EXPECT_EQ((*st().GetFeedbackItem(i2))->request_id, std::optional<int64_t>(r2));
  ASSERT_OK(st().LinkFeedbackItem(i2, std::nullopt));
  EXPECT_FALSE((*st().GetFeedbackItem(i2))->request_id.has_value());
  EXPECT_EQ(st().LinkFeedbackItem(i1 + 100, r1).id(), "store.noFeedbackItem");
  // Vocabularies and references are constraints.
  FeedbackItemRecord bad = Item("fb-x", "A1", 1);
  bad.source = "carrier pigeon";
  EXPECT_EQ(st().UpsertFeedbackItem(bad).status().code(), ErrorCode::kInvalidArgument);
  bad = Item("fb-y", "nobody", 1);
  EXPECT_EQ(st().UpsertFeedbackItem(bad).status().code(), ErrorCode::kInvalidArgument);
}

TEST_P(StoreConformanceTest, FeedbackRequestsMergeAndCountOpenBlockers) {
  AddAccount("A1");
  AddAccount("A2");
  FeedbackRequestRecord sso = Request("SSO");
  sso.description = "SAML and OIDC";
  sso.product_area = "security";
  sso.created_by = "pm@example.com";
  int64_t r1 = *st().InsertFeedbackRequest(sso);
  int64_t r2 = *st().InsertFeedbackRequest(Request("Single sign-on"));
  int64_t r3 = *st().InsertFeedbackRequest(Request("Dark mode"));
  auto got = **st().GetFeedbackRequest(r1);
  EXPECT_EQ(got.title, "SSO");
  EXPECT_EQ(got.description, "SAML and OIDC");
  EXPECT_EQ(got.status, "new");
  EXPECT_EQ(got.external_link, "");
  EXPECT_FALSE(got.merged_into.has_value());
  EXPECT_EQ(got.created_by, "pm@example.com");
  EXPECT_FALSE(st().GetFeedbackRequest(r3 + 100)->has_value());

  ASSERT_OK(st().UpsertFeedbackItem(Item("a", "A1", 1, "blocker")).status());
  int64_t a = *st().UpsertFeedbackItem(Item("a", "A1", 1, "blocker"));
  int64_t b = *st().UpsertFeedbackItem(Item("b", "A1", 2, "blocker"));
  int64_t c = *st().UpsertFeedbackItem(Item("c", "A2", 3, "blocker"));
  int64_t d = *st().UpsertFeedbackItem(Item("d", "A2", 4, "nice"));
  ASSERT_OK(st().LinkFeedbackItem(a, r1));
  ASSERT_OK(st().LinkFeedbackItem(b, r2));
  ASSERT_OK(st().LinkFeedbackItem(c, r2));
  ASSERT_OK(st().LinkFeedbackItem(d, r3));
  using Counts = std::vector<std::pair<std::string, int64_t>>;
  EXPECT_EQ(*st().CountOpenBlockerRequests(), (Counts{{"A1", 2}, {"A2", 1}}));

  // Merge r2 into r1: its items move, it is marked merged.
  EXPECT_EQ(*st().MoveFeedbackItems(r2, r1), 2);
  EXPECT_EQ(*st().MoveFeedbackItems(r2, r1), 0);
  FeedbackRequestRecord merged = **st().GetFeedbackRequest(r2);
  merged.merged_into = r1;
  merged.updated_at = 1764000000900;
  ASSERT_OK(st().UpdateFeedbackRequest(merged));
  EXPECT_EQ(st().ListFeedbackItems({"", r1})->size(), 3u);
  EXPECT_EQ((*st().GetFeedbackRequest(r2))->merged_into, std::optional<int64_t>(r1));
  EXPECT_EQ(*st().CountOpenBlockerRequests(), (Counts{{"A1", 1}, {"A2", 1}}));

  // Status, link and release edits; a shipped request no longer counts.
  got.status = "shipped";
  got.external_link = "https://jira.example.com/SSO-1";
  got.target_release = "2027.1";
  got.description = "";
  got.updated_at = 1764000001000;
  ASSERT_OK(st().UpdateFeedbackRequest(got));
  auto again = **st().GetFeedbackRequest(r1);
  EXPECT_EQ(again.status, "shipped");
  EXPECT_EQ(again.external_link, "https://jira.example.com/SSO-1");
  EXPECT_EQ(again.target_release, "2027.1");
  EXPECT_EQ(again.description, "");
  EXPECT_EQ(again.created_at, 1764000000000);
  EXPECT_EQ(again.updated_at, 1764000001000);
  EXPECT_TRUE(st().CountOpenBlockerRequests()->empty());
  got.status = "someday";
  EXPECT_EQ(st().UpdateFeedbackRequest(got).code(), ErrorCode::kInvalidArgument);
  FeedbackRequestRecord none = Request("none");
  none.request_id = r3 + 100;
  EXPECT_EQ(st().UpdateFeedbackRequest(none).id(), "store.noRequest");
  auto requests = *st().ListFeedbackRequests();  // merged ones too, by id
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].request_id, r1);
  EXPECT_EQ(requests[2].request_id, r3);
}

TEST_P(StoreConformanceTest, ProductAreasAreASetInByteOrder) {
  EXPECT_TRUE(st().ListProductAreas()->empty());
  for (const char* a : {"reporting", "Security", "api", "reporting"}) {
    ASSERT_OK(st().AddProductArea(a));
  }
  EXPECT_EQ(*st().ListProductAreas(), (std::vector<std::string>{"Security", "api", "reporting"}));
}

TEST_P(StoreConformanceTest, TheProductRoleIsAUserRole) {
  UserRecord u;
  u.email = "pm@example.com";
  u.name = "Pat";
  u.role = "product";
  u.created_at = 1764000000000;
  ASSERT_TRUE(st().InsertUser(u).ok());
  u.email = "x@example.com";
  u.role = "owner";
  EXPECT_EQ(st().InsertUser(u).status().code(), ErrorCode::kInvalidArgument);
}

TEST_P(StoreConformanceTest, TypedMetaRoundTrips) {
  EXPECT_FALSE(st().LoadModelDocument("churn")->has_value());
  ASSERT_OK(st().SaveModelDocument("churn", "{\"format_version\":1}"));
  EXPECT_EQ(st().LoadModelDocument("churn")->value_or(""), "{\"format_version\":1}");
  EXPECT_EQ(*st().GetWriteKeyOrigins(7), "");
  ASSERT_OK(st().SetWriteKeyOrigins(7, "https://a.example"));
  EXPECT_EQ(*st().GetWriteKeyOrigins(7), "https://a.example");
  EXPECT_FALSE(st().LoadProgramSettings()->has_value());
  ASSERT_OK(st().SaveProgramSettings("{\"tiers\":[]}"));
  EXPECT_EQ(st().LoadProgramSettings()->value_or(""), "{\"tiers\":[]}");
  PredictionSet set;
  set.target = "churn";
  set.as_of = "2026-12-01";
  set.horizon_days = 90;
  set.accounts.push_back({"A1", 0.25, {{"logins_30d", -0.5, "fewer logins"}}});
  ASSERT_OK(st().SaveLatestPredictions(set));
  auto got = **st().LoadLatestPredictions("churn");
  EXPECT_EQ(got.as_of, "2026-12-01");
  ASSERT_EQ(got.accounts.size(), 1u);
  EXPECT_EQ(got.accounts[0].probability, 0.25);
  EXPECT_FALSE(st().LoadLatestPredictions("advocate")->has_value());
}

namespace {

MailRecord Mail(std::string to, EpochMs due) {
  MailRecord m;
  m.recipient = std::move(to);
  m.subject = "Hällo";
  m.html = "<p>Hi</p>";
  m.text = "Hi";
  m.headers = "List-Unsubscribe: <https://t.example/u/1>\r\n";
  m.kind = "test";
  m.next_attempt_at = due;
  m.created_at = 1764000000000;
  return m;
}

}  // namespace

TEST_P(StoreConformanceTest, OutboxClaimsDueMailOnceWithALease) {
  int64_t m1 = *st().QueueMail(Mail("a@example.com", 100));
  int64_t m2 = *st().QueueMail(Mail("b@example.com", 300));
  int64_t m3 = *st().QueueMail(Mail("c@example.com", 200));
  auto got = **st().GetMail(m1);
  EXPECT_EQ(got.subject, "Hällo");
  EXPECT_EQ(got.headers, "List-Unsubscribe: <https://t.example/u/1>\r\n");
  EXPECT_EQ(got.status, "queued");
  EXPECT_EQ(got.ref, "");
  EXPECT_FALSE(got.sent_at.has_value());
  // Due at 250: m1 and m3, one of them per claim of one; a lease keeps them from the next.
  auto first = *st().ClaimDueMail(250, 10000, 1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].mail_id, m1);
  EXPECT_EQ(first[0].attempts, 1);
  EXPECT_EQ(first[0].next_attempt_at, 10000);
  // Another connection (another node) claims what is left, and nothing twice.
  auto other = std::move(st().OpenAnother()).value();
  auto second = *other->ClaimDueMail(250, 10000, 10);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].mail_id, m3);
  EXPECT_TRUE(st().ClaimDueMail(250, 10000, 10)->empty());
  // Outcomes: sent; retry later (queued, due then); given up (failed, with its error).
  ASSERT_OK(st().MarkMailSent(m1, 5000));
  ASSERT_OK(st().MarkMailUnsent(m3, "connection refused", 7000));
  got = **st().GetMail(m3);
  EXPECT_EQ(got.status, "queued");
  EXPECT_EQ(got.next_attempt_at, 7000);
  EXPECT_EQ(got.last_error, "connection refused");
  EXPECT_EQ(st().MarkMailSent(m3 + 100, 1).id(), "store.noMail");
  auto due = *st().ClaimDueMail(7000, 20000, 10);
  ASSERT_EQ(due.size(), 2u);  // m2 (due at 300) and m3 again, by id
  EXPECT_EQ(due[0].mail_id, m2);
  EXPECT_EQ(due[1].mail_id, m3);
  EXPECT_EQ(due[1].attempts, 2);
  ASSERT_OK(st().MarkMailUnsent(m3, "550 no such user", std::nullopt));
  ASSERT_OK(st().MarkMailSent(m2, 7100));
  got = **st().GetMail(m3);
  EXPECT_EQ(got.status, "failed");
  EXPECT_EQ(got.last_error, "550 no such user");
  got = **st().GetMail(m1);
  EXPECT_EQ(got.status, "sent");
  EXPECT_EQ(got.sent_at, std::optional<EpochMs>(5000));
  EXPECT_EQ(got.last_error, "");
  MailCounts counts = *st().CountMail();
  EXPECT_EQ(counts.queued, 0);
  EXPECT_EQ(counts.sent, 2);
  EXPECT_EQ(counts.failed, 1);
  // Newest first, by status.
  auto sent = *st().ListMail("sent", 10);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].mail_id, m2);
  EXPECT_EQ(st().ListMail("", 1)->size(), 1u);
  EXPECT_EQ(st().ListMail("", 10)->front().mail_id, m3);
  // Failed mail goes back in the queue, due now, with no attempts.
  EXPECT_EQ(*st().RequeueFailedMail(9000), 1);
  got = **st().GetMail(m3);
  EXPECT_EQ(got.status, "queued");
  EXPECT_EQ(got.attempts, 0);
  EXPECT_EQ(got.next_attempt_at, 9000);
  // The status is a constraint.
  MailRecord bad = Mail("d@example.com", 1);
  bad.status = "lost";
  EXPECT_EQ(st().QueueMail(bad).status().code(), ErrorCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreConformanceTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tend::store
