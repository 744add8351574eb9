// Tests for the advocacy read models (queries.h) on hand-made program state: which advocates
// the list shows, the standing of an advocate, the ledger merge, the candidate search and
// page, and the queue's fingerprint.
#include "advocacy/queries.h"

#include <gtest/gtest.h>

namespace tend::advocacy {
namespace {

store::AdvocateRecord Advocate(const char* id, const char* status, const char* tier) {
  store::AdvocateRecord a;
  a.contact_id = id;
  a.account_id = "A1";
  a.status = status;
  a.tier = tier;
  return a;
}

ProgramState State() {
  ProgramState s;
  s.advocates = {Advocate("c1", "active", "case_study"), Advocate("c2", "candidate", ""),
                 Advocate("c3", "dismissed", ""), Advocate("c4", "paused", "case_study"),
                 Advocate("c5", "active", "reference_network")};
  return s;
}

std::vector<std::string> Ids(const std::vector<const store::AdvocateRecord*>& list) {
  std::vector<std::string> out;
  for (const auto* a : list) out.push_back(a->contact_id);
  return out;
}

TEST(AdvocateListTest, LeavesOutCandidatesAndDismissedAndFilters) {
  ProgramState s = State();
  EXPECT_EQ(Ids(ListAdvocates(s, {})), (std::vector<std::string>{"c1", "c4", "c5"}));
  EXPECT_EQ(Ids(ListAdvocates(s, {"case_study", ""})), (std::vector<std::string>{"c1", "c4"}));
  EXPECT_EQ(Ids(ListAdvocates(s, {"case_study", "active"})), (std::vector<std::string>{"c1"}));
  EXPECT_TRUE(ListAdvocates(s, {"", "candidate"}).empty());
}

TEST(AdvocateLedgerTest, MergesEntriesAndActivitiesNewestFirst) {
  ProgramState s = State();
  store::LedgerRecord e;
  e.entry_id = 7;
  e.contact_id = "c1";
  e.ts = 2000;
  e.direction = "received";
  e.kind = "swag";
  e.units = 0.5;
  s.ledger.push_back(e);
  e.contact_id = "c5";  // someone else's
  s.ledger.push_back(e);
  store::ActivityRecord ask, logged;
  ask.contact_id = logged.contact_id = "c1";
  ask.ts = 3000;
  ask.type = "case_study";
  ask.source = "system";
  logged.ts = 1000;
  logged.type = "reference_call";
  logged.source = "user";
  s.facts.activities = {logged, ask};
  auto ledger = AdvocateLedger(s, "c1");
  ASSERT_EQ(ledger.size(), 3u);
  EXPECT_EQ(ledger[0].source, "ask");
  EXPECT_EQ(ledger[0].direction, "gave");
  EXPECT_DOUBLE_EQ(ledger[0].units, KindUnits("case_study"));
  EXPECT_FALSE(ledger[0].entry_id.has_value());
  EXPECT_EQ(ledger[1].source, "ledger");
  EXPECT_EQ(ledger[1].entry_id, 7);
  EXPECT_EQ(ledger[1].direction, "received");
  EXPECT_EQ(ledger[2].source, "timeline");
}

TEST(AdvocateStandingTest, CountsTheQuartersAsks) {
  ProgramState s = State();
  const EpochMs now = static_cast<EpochMs>(*ParseDate("2026-05-20")) * kMsPerDay;
  store::AskRecord a;
  a.contact_id = "c1";
  a.status = "asked";
  a.asked_at = now - kMsPerDay;
  s.asks.push_back(a);
  a.asked_at = static_cast<EpochMs>(*ParseDate("2026-03-01")) * kMsPerDay;  // last quarter
  s.asks.push_back(a);
  Standing st = StandingOf(s, "c1", now);
  EXPECT_EQ(st.load.asks_this_quarter, 1);
  EXPECT_EQ(st.load.last_asked_at, now - kMsPerDay);
  EXPECT_EQ(StandingOf(s, "c5", now).load.asks_this_quarter, 0);
}

CandidateRow Row(const char* id, const char* name, const char* account) {
  CandidateRow r;
  r.contact_id = id;
  r.name = name;
  r.account_name = account;
  return r;
}

TEST(CandidateSearchTest, SearchesNameAccountAndIdThenPages) {
  std::vector<CandidateRow> queue = {Row("c1", "Ann Lee", "Acme"), Row("c2", "Bob", "Beta"),
                                     Row("x3", "Carl", "ACME West"), Row("c4", "Dee", "Delta")};
  auto all = SearchCandidates(queue, "", 0, 10);
  EXPECT_EQ(all.total, 4);
  ASSERT_EQ(all.rows.size(), 4u);
  auto acme = SearchCandidates(queue, "acme", 0, 10);
  EXPECT_EQ(acme.total, 2);
  EXPECT_EQ(acme.rows[1]->contact_id, "x3");
  EXPECT_EQ(SearchCandidates(queue, "X3", 0, 10).total, 1);
  EXPECT_EQ(SearchCandidates(queue, "BOB", 0, 10).rows[0]->contact_id, "c2");
  auto page = SearchCandidates(queue, "", 1, 2);
  EXPECT_EQ(page.total, 4);
  ASSERT_EQ(page.rows.size(), 2u);
  EXPECT_EQ(page.rows[0]->contact_id, "c2");
  EXPECT_EQ(page.rows[1]->contact_id, "x3");
}

TEST(CandidateQueueTest, FingerprintFollowsSettingsDayAndAdvocates) {
  Settings settings;
  auto advocates = State().advocates;
  const uint64_t base = CandidateQueueFingerprint(settings, advocates, 100);
  EXPECT_EQ(base, CandidateQueueFingerprint(settings, advocates, 100));
  EXPECT_NE(base, CandidateQueueFingerprint(settings, advocates, 101));
  advocates[1].status = "dismissed";
  EXPECT_NE(base, CandidateQueueFingerprint(settings, advocates, 100));
  advocates = State().advocates;
  settings.min_score += 1;
  EXPECT_NE(base, CandidateQueueFingerprint(settings, advocates, 100));
}

}  // namespace
}  // namespace tend::advocacy
