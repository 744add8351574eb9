// Unit tests for CompiledMetric: one group per MetricKind, plus windows, offsets and the
// workspace scope. The workspace is a real SQLite store with accounts, surveys, tickets and
// activities; events are added to the loaded WorkspaceData with AddEvent.
#include "metrics/metric_eval.h"

#include <gtest/gtest.h>

#include "metrics/event_match.h"
#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::metrics {
namespace {

EpochDay Day(const char* s) { return *ParseDate(s); }
EpochMs Ts(const char* s) { return *ParseTime(s); }

class MetricEvalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("tend.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    for (const char* id : {"A1", "A2", "A3"}) Account(id);
  }

  void Account(const std::string& id, const std::string& status = "active") {
    store::AccountRecord a;
    a.account_id = id;
    a.status = status;
    if (status == "churned") a.churned_on = Day("2026-09-01");
    ASSERT_OK(store_->UpsertAccount(a));
    store::ContactRecord c;
    c.contact_id = "K" + id;
    c.account_id = id;
    ASSERT_OK(store_->UpsertContact(c));
    store::ContactRecord c2 = c;
    c2.contact_id = "L" + id;
    ASSERT_OK(store_->UpsertContact(c2));
  }

  void Survey(const std::string& account, const char* ts, const std::string& survey, double score,
              const std::string& contact_prefix = "K") {
    store::SurveyRecord s;
    s.ts = Ts(ts);
    s.account_id = account;
    s.contact_id = contact_prefix + account;
    s.survey = survey;
    s.score = score;
    ASSERT_OK(store_->UpsertSurvey(s).status());
  }

  void Ticket(const std::string& id, const std::string& account, const char* opened,
              const char* closed, const std::string& priority, const std::string& status,
              std::optional<double> csat = std::nullopt) {
    store::TicketRecord t;
    t.ticket_id = id;
    t.account_id = account;
    if (opened) t.opened_at = Ts(opened);
    if (closed) t.closed_at = Ts(closed);
    t.priority = priority;
    t.status = status;
    t.csat = csat;
    ASSERT_OK(store_->UpsertTicket(t));
  }

  void Activity(const std::string& account, const char* ts, const std::string& type) {
    store::ActivityRecord a;
    a.ts = Ts(ts);
    a.account_id = account;
    a.type = type;
    a.subject = type + " " + ts;
    ASSERT_TRUE(store_->UpsertActivity(a).ok());
  }

  WorkspaceData& Load() {
    auto d = WorkspaceData::Load(*store_);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    data_ = std::make_unique<WorkspaceData>(std::move(d).value());
    return *data_;
  }

  void Event(const std::string& account, const char* ts, const std::string& user,
             const std::string& event) {
    data_->AddEvent(*data_->Index(account), Ts(ts), user, event);
  }

  // The value of `def` for `account` as of `day`, compiled now (after the events).
  std::optional<double> Value(const MetricDef& def, const std::string& account, const char* day) {
    CompiledMetric m(def, *data_);
    return m.Compute(*data_, *data_->Index(account), Day(day));
  }

  static MetricDef Def(MetricKind kind, int window = 0, int offset = 0) {
    MetricDef d;
    d.name = "m";
    d.kind = kind;
    d.window = window;
    d.offset = offset;
    return d;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<WorkspaceData> data_;
};

TEST(WindowRangeTest, WholeDaysEndingWithD) {
  DayRange r = WindowRange(30, 0, Day("2026-10-31"));
  EXPECT_EQ(r.lo, Day("2026-10-02"));
  EXPECT_EQ(r.hi, Day("2026-10-31"));
  r = WindowRange(30, 30, Day("2026-10-31"));
  EXPECT_EQ(r.lo, Day("2026-09-02"));
  EXPECT_EQ(r.hi, Day("2026-10-01"));
  r = WindowRange(1, 0, Day("2026-10-31"));
  EXPECT_EQ(r.lo, r.hi);
  r = WindowRange(0, 0, Day("2026-10-31"));
  EXPECT_LT(r.lo, Day("1900-01-01"));
  EXPECT_EQ(r.hi, Day("2026-10-31"));
}

// ---- usage metrics ----

TEST_F(MetricEvalTest, EventCountAtMidnightBoundaries) {
  Load();
  Event("A1", "2026-10-01T23:59:59.999Z", "u1", "login");  // D-30: out
  Event("A1", "2026-10-02T00:00:00Z", "u1", "login");      // D-29 00:00: in
  Event("A1", "2026-10-31T23:59:59.999Z", "u1", "login");  // end of D: in
  Event("A1", "2026-11-01T00:00:00Z", "u1", "login");      // D+1 00:00: out
  EXPECT_EQ(Value(Def(MetricKind::kEventCount, 30), "A1", "2026-10-31"), 2);
  EXPECT_EQ(Value(Def(MetricKind::kEventCount, 30, 30), "A1", "2026-10-31"), 1);
  EXPECT_EQ(Value(Def(MetricKind::kEventCount), "A1", "2026-10-31"), 3);
  EXPECT_EQ(Value(Def(MetricKind::kEventCount), "A1", "2026-11-01"), 4);
  EXPECT_EQ(Value(Def(MetricKind::kEventCount, 30), "A2", "2026-10-31"), 0);
}

TEST_F(MetricEvalTest, EventCountFiltersEventNames) {
  Load();
  Event("A1", "2026-10-10T10:00:00Z", "u1", "login");
  Event("A1", "2026-10-10T11:00:00Z", "u1", "export");
  Event("A1", "2026-10-11T10:00:00Z", "u2", "export");
  Event("A1", "2026-10-11T10:00:00Z", "u2", "report");
  MetricDef d = Def(MetricKind::kEventCount, 30);
  d.events = {"export"};
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 2);
  d.events = {"export", "login"};
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 3);
  d.events = {"never_seen"};
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 0);
}

// A metric compiled while an event name is still unknown must count the name once events
// with it arrive (the engine compiles metrics once and keeps them while events stream in).
TEST_F(MetricEvalTest, EventFilterCompiledBeforeTheNameWasSeen) {
  Load();
  MetricDef d = Def(MetricKind::kEventCount, 30);
  d.events = {"new_feature"};
  CompiledMetric m(d, *data_);
  Event("A1", "2026-10-10T10:00:00Z", "u1", "new_feature");
  EXPECT_EQ(m.Compute(*data_, *data_->Index("A1"), Day("2026-10-31")), 1)
      << "BUG: event_ids_ are resolved once in the CompiledMetric constructor";
}

TEST_F(MetricEvalTest, DistinctUsers) {
  Load();
  Event("A1", "2026-10-10T10:00:00Z", "u1", "login");
  Event("A1", "2026-10-11T10:00:00Z", "u1", "login");
  Event("A1", "2026-10-12T10:00:00Z", "u2", "login");
  Event("A1", "2026-11-01T00:00:00Z", "u3", "login");
  Event("A1", "2026-09-02T00:00:00Z", "u4", "login");
  EXPECT_EQ(Value(Def(MetricKind::kDistinctUsers, 30), "A1", "2026-10-31"), 2);
  EXPECT_EQ(Value(Def(MetricKind::kDistinctUsers, 1), "A1", "2026-10-12"), 1);
  EXPECT_EQ(Value(Def(MetricKind::kDistinctUsers), "A1", "2026-10-31"), 3);
  EXPECT_EQ(Value(Def(MetricKind::kDistinctUsers, 30, 30), "A1", "2026-10-31"), 1);
  EXPECT_EQ(Value(Def(MetricKind::kDistinctUsers, 30), "A2", "2026-10-31"), 0);
}

TEST_F(MetricEvalTest, DistinctFeatures) {
  Load();
  Event("A1", "2026-10-10T10:00:00Z", "u1", "login");
  Event("A1", "2026-10-11T10:00:00Z", "u1", "login");
  Event("A1", "2026-10-12T10:00:00Z", "u2", "export");
  Event("A1", "2026-08-01T10:00:00Z", "u2", "report");
  EXPECT_EQ(Value(Def(MetricKind::kDistinctFeatures, 30), "A1", "2026-10-31"), 2);
  EXPECT_EQ(Value(Def(MetricKind::kDistinctFeatures), "A1", "2026-10-31"), 3);
  EXPECT_EQ(Value(Def(MetricKind::kDistinctFeatures, 30), "A1", "2026-10-11"), 1);
}

// Page views are "Page Viewed <path>" (ingest/segment.h): "Page Viewed" counts them all, a
// trailing * matches a prefix, and distinct_features counts all pages as one feature.
TEST_F(MetricEvalTest, PageViews) {
  Load();
  Event("A1", "2026-10-10T10:00:00Z", "u1", "Page Viewed /billing");
  Event("A1", "2026-10-11T10:00:00Z", "u1", "Page Viewed /billing/invoices");
  Event("A1", "2026-10-12T10:00:00Z", "u2", "Page Viewed /settings");
  Event("A1", "2026-10-12T11:00:00Z", "u2", "Page Viewed");
  Event("A1", "2026-10-13T10:00:00Z", "u2", "export");
  Event("A2", "2026-10-13T10:00:00Z", "u3", "Page Viewed /settings");
  Event("A2", "2026-08-13T10:00:00Z", "u3", "Page Viewed /billing");  // out of the window
  MetricDef d = Def(MetricKind::kEventCount, 30);
  d.events = {"Page Viewed /billing*"};
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 2);
  EXPECT_EQ(Value(d, "A2", "2026-10-31"), 0);  // "visited the billing page in 30 days"
  d.events = {"Page Viewed /billing"};
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 1);
  d.events = {"Page Viewed"};
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 4);
  d.events = {"Page Viewed", "Page Viewed /billing*"};  // counted once each
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 4);
  EXPECT_EQ(Value(Def(MetricKind::kEventCount, 30), "A1", "2026-10-31"), 5);
  EXPECT_EQ(Value(Def(MetricKind::kDistinctFeatures, 30), "A1", "2026-10-31"), 2);  // pages, export
  MetricDef days = Def(MetricKind::kActiveDays, 30);
  days.events = {"Page Viewed /billing*"};
  EXPECT_EQ(Value(days, "A1", "2026-10-31"), 2);
  // The workspace scope counts families too: pages and export.
  MetricDef ws = Def(MetricKind::kDistinctFeatures, 30);
  ws.scope = MetricScope::kWorkspace;
  EXPECT_EQ(Value(ws, "A1", "2026-10-31"), 2);
}

TEST(EventMatchesTest, NamesPrefixesAndFamilies) {
  EXPECT_TRUE(EventMatches("export", "export"));
  EXPECT_FALSE(EventMatches("export", "export_csv"));
  EXPECT_TRUE(EventMatches("export*", "export_csv"));
  EXPECT_TRUE(EventMatches("*", "anything"));
  EXPECT_TRUE(EventMatches("Page Viewed", "Page Viewed /billing"));
  EXPECT_TRUE(EventMatches("Page Viewed", "Page Viewed"));
  EXPECT_FALSE(EventMatches("Page Viewed", "Page Viewedx"));
  EXPECT_TRUE(EventMatches("Screen Viewed", "Screen Viewed Home"));
  EXPECT_FALSE(EventMatches("Report", "Report Exported"));  // only pages and screens
  EXPECT_EQ(EventFamily("Page Viewed /a"), "Page Viewed");
  EXPECT_EQ(EventFamily("Report Exported"), "Report Exported");
}

TEST_F(MetricEvalTest, ActiveDays) {
  Load();
  Event("A1", "2026-10-10T00:00:00Z", "u1", "login");
  Event("A1", "2026-10-10T23:59:59Z", "u2", "export");
  Event("A1", "2026-10-11T10:00:00Z", "u1", "export");
  Event("A1", "2026-10-20T10:00:00Z", "u1", "login");
  EXPECT_EQ(Value(Def(MetricKind::kActiveDays, 30), "A1", "2026-10-31"), 3);
  MetricDef d = Def(MetricKind::kActiveDays, 30);
  d.events = {"export"};
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 2);
  d.events = {"login"};
  EXPECT_EQ(Value(d, "A1", "2026-10-15"), 1);
  d.events = {"nope"};
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 0);
}

TEST_F(MetricEvalTest, DaysSinceLastEvent) {
  Load();
  Event("A1", "2026-10-10T10:00:00Z", "u1", "login");
  Event("A1", "2026-10-20T23:59:59Z", "u1", "login");
  Event("A1", "2026-11-01T00:00:00Z", "u1", "login");
  EXPECT_EQ(Value(Def(MetricKind::kDaysSinceLastEvent), "A1", "2026-10-31"), 11);
  EXPECT_EQ(Value(Def(MetricKind::kDaysSinceLastEvent), "A1", "2026-10-20"), 0);
  EXPECT_EQ(Value(Def(MetricKind::kDaysSinceLastEvent), "A1", "2026-10-19"), 9);
  EXPECT_EQ(Value(Def(MetricKind::kDaysSinceLastEvent), "A1", "2026-10-09"), std::nullopt);
  EXPECT_EQ(Value(Def(MetricKind::kDaysSinceLastEvent, 7), "A1", "2026-10-31"), std::nullopt);
  EXPECT_EQ(Value(Def(MetricKind::kDaysSinceLastEvent, 12), "A1", "2026-10-31"), 11);
  EXPECT_EQ(Value(Def(MetricKind::kDaysSinceLastEvent), "A2", "2026-10-31"), std::nullopt);
}

// ---- surveys ----

TEST_F(MetricEvalTest, SurveyLatestTieInTimeTakesTheHigherScore) {
  Survey("A1", "2026-10-10T10:00:00Z", "nps", 9, "K");
  Survey("A1", "2026-10-10T10:00:00Z", "nps", 6, "L");
  Survey("A2", "2026-10-10T10:00:00Z", "nps", 6, "K");
  Survey("A2", "2026-10-10T10:00:00Z", "nps", 9, "L");
  Survey("A3", "2026-10-10T10:00:00Z", "nps", 9, "K");
  Survey("A3", "2026-10-10T10:00:01Z", "nps", 2, "L");
  Load();
  MetricDef d = Def(MetricKind::kSurveyLatest, 180);
  d.survey = "nps";
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 9);
  EXPECT_EQ(Value(d, "A2", "2026-10-31"), 9);
  EXPECT_EQ(Value(d, "A3", "2026-10-31"), 2);
  EXPECT_EQ(Value(d, "A3", "2026-10-09"), std::nullopt);
}

TEST_F(MetricEvalTest, SurveyAverageAndCountPerSurveyAndWindow) {
  Survey("A1", "2026-10-02T00:00:00Z", "nps", 10);
  Survey("A1", "2026-10-03T00:00:00Z", "nps", 5);
  Survey("A1", "2026-10-03T00:00:00Z", "csat", 1);
  Survey("A1", "2026-11-01T00:00:00Z", "nps", 0);
  Survey("A1", "2026-09-01T23:59:59Z", "nps", 3);
  Load();
  MetricDef avg = Def(MetricKind::kSurveyAverage, 30);
  avg.survey = "nps";
  EXPECT_EQ(Value(avg, "A1", "2026-10-31"), 7.5);
  MetricDef count = Def(MetricKind::kSurveyCount, 30);
  count.survey = "nps";
  EXPECT_EQ(Value(count, "A1", "2026-10-31"), 2);
  EXPECT_EQ(Value(count, "A2", "2026-10-31"), 0);
  EXPECT_EQ(Value(avg, "A2", "2026-10-31"), std::nullopt);
  count.window = 0;
  EXPECT_EQ(Value(count, "A1", "2026-10-31"), 3);
  count.survey = "csat";
  EXPECT_EQ(Value(count, "A1", "2026-10-31"), 1);
  count.survey = "advocacy_nps";
  EXPECT_EQ(Value(count, "A1", "2026-10-31"), 0);
  avg.window = 0;
  avg.offset = 30;  // all time up to 10-01
  EXPECT_EQ(Value(avg, "A1", "2026-10-31"), 3);
}

// ---- tickets ----

class TicketMetricTest : public MetricEvalTest {
 protected:
  void SetUp() override {
    MetricEvalTest::SetUp();
    Ticket("T1", "A1", "2026-10-01T09:00:00Z", nullptr, "high", "open");
    Ticket("T2", "A1", "2026-10-05T09:00:00Z", "2026-11-01T00:00:00Z", "urgent", "closed", 2);
    Ticket("T3", "A1", "2026-10-05T09:00:00Z", "2026-10-31T23:59:59Z", "high", "closed", 4);
    Ticket("T4", "A1", "2026-11-01T00:00:00Z", nullptr, "high", "open");
    Ticket("T5", "A1", "2026-06-01T09:00:00Z", "2026-06-10T09:00:00Z", "low", "closed", 1);
    Ticket("T6", "A1", "2026-10-20T09:00:00Z", nullptr, "", "open");
    Ticket("T7", "A1", nullptr, nullptr, "normal", "open");
    Load();
  }
  std::optional<double> Count(std::vector<std::string> status, std::vector<std::string> priority,
                              const char* day, int window = 0, int offset = 0) {
    MetricDef d = Def(MetricKind::kTicketCount, window, offset);
    d.statuses = std::move(status);
    d.priorities = std::move(priority);
    return Value(d, "A1", day);
  }
};

TEST_F(TicketMetricTest, StatusAsOfD) {
  // On 10-31: open T1, T2 (closed at 11-01 00:00), T6, T7; closed T3, T5; T4 not opened yet.
  EXPECT_EQ(Count({"open"}, {}, "2026-10-31"), 4);
  EXPECT_EQ(Count({"closed"}, {}, "2026-10-31"), 2);
  EXPECT_EQ(Count({}, {}, "2026-10-31"), 6);
  EXPECT_EQ(Count({"open", "closed"}, {}, "2026-10-31"), 6);
  EXPECT_EQ(Count({"open"}, {}, "2026-11-01"), 4);
  EXPECT_EQ(Count({"closed"}, {}, "2026-11-01"), 3);
  // On 06-05 only T5 (open then) and T7 (no opening time) exist.
  EXPECT_EQ(Count({"open"}, {}, "2026-06-05"), 2);
  EXPECT_EQ(Count({"closed"}, {}, "2026-06-05"), 0);
}

TEST_F(TicketMetricTest, Priorities) {
  EXPECT_EQ(Count({"open"}, {"high", "urgent"}, "2026-10-31"), 2);
  EXPECT_EQ(Count({}, {"urgent"}, "2026-10-31"), 1);
  EXPECT_EQ(Count({}, {"low"}, "2026-10-31"), 1);
  EXPECT_EQ(Count({}, {"normal"}, "2026-10-31"), 1);
  // T6 has no priority: it counts only without a priority filter.
  EXPECT_EQ(Count({"open"}, {"low", "normal", "high", "urgent"}, "2026-10-31"), 3);
}

TEST_F(TicketMetricTest, WindowOnOpeningTime) {
  // Opened 10-02..10-31: T2, T3, T6 (T7 has no opening time).
  EXPECT_EQ(Count({}, {}, "2026-10-31", 30), 3);
  EXPECT_EQ(Count({"open"}, {}, "2026-10-31", 30), 2);
  EXPECT_EQ(Count({}, {}, "2026-10-31", 30, 30), 1);  // T1, opened 10-01
}

// With an offset and no window the range is all time up to D - offset: T6 (opened 10-20) and
// T4 are after 10-01 and must not count.
TEST_F(TicketMetricTest, OffsetWithoutWindow) {
  EXPECT_EQ(Count({}, {}, "2026-10-31", 0, 30), 3)
      << "BUG: the all-time ticket count ignores the offset (T1, T5, T7 expected)";
}

TEST_F(TicketMetricTest, CsatAverageOfTicketsClosedInTheWindow) {
  MetricDef d = Def(MetricKind::kTicketCsatAverage, 30);
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 4);  // T3; T2 closed after D
  EXPECT_EQ(Value(d, "A1", "2026-11-01"), 3);  // T2 and T3
  EXPECT_EQ(Value(d, "A1", "2026-10-30"), std::nullopt);
  d.window = 0;
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 2.5);  // T3 and T5
  EXPECT_EQ(Value(d, "A2", "2026-10-31"), std::nullopt);
}

// ---- activities ----

TEST_F(MetricEvalTest, ActivityCountByType) {
  Activity("A1", "2025-10-31T23:59:59Z", "speaking");
  Activity("A1", "2025-11-01T00:00:00Z", "advisory_board");
  Activity("A1", "2026-03-01T10:00:00Z", "case_study");
  Activity("A1", "2026-10-30T10:00:00Z", "reference_call");
  Activity("A1", "2026-10-31T12:00:00Z", "meeting");
  Activity("A1", "2026-11-01T00:00:00Z", "qbr");
  Load();
  MetricDef d = Def(MetricKind::kActivityCount, 365);
  d.types = {"reference_call", "case_study", "speaking", "advisory_board"};
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 3);
  EXPECT_EQ(Value(d, "A1", "2026-11-01"), 2);
  d.types = {};
  d.window = 30;
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 2);
  EXPECT_EQ(Value(d, "A2", "2026-10-31"), 0);
}

TEST_F(MetricEvalTest, DaysSinceActivity) {
  Activity("A1", "2026-10-20T23:00:00Z", "call");
  Activity("A1", "2026-10-25T01:00:00Z", "email");
  Activity("A1", "2026-11-01T00:00:00Z", "meeting");
  Load();
  MetricDef d = Def(MetricKind::kDaysSinceActivity);
  d.types = {"meeting", "call"};
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 11);
  EXPECT_EQ(Value(d, "A1", "2026-11-01"), 0);
  EXPECT_EQ(Value(d, "A1", "2026-10-19"), std::nullopt);
  d.types = {};
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), 6);
  d.window = 5;
  EXPECT_EQ(Value(d, "A1", "2026-10-31"), std::nullopt);
  EXPECT_EQ(Value(d, "A2", "2026-10-31"), std::nullopt);
}

// ---- workspace scope ----

TEST_F(MetricEvalTest, WorkspaceDistinctFeaturesIncludeChurnedAccounts) {
  Account("C1", "churned");
  Load();
  Event("A1", "2026-10-10T10:00:00Z", "u1", "login");
  Event("A2", "2026-10-10T10:00:00Z", "u2", "login");
  Event("A2", "2026-10-11T10:00:00Z", "u2", "report");
  Event("C1", "2026-08-15T10:00:00Z", "u3", "legacy_export");
  Event("C1", "2026-07-01T10:00:00Z", "u3", "old");
  MetricDef d = Def(MetricKind::kDistinctFeatures, 90);
  d.scope = MetricScope::kWorkspace;
  CompiledMetric m(d, *data_);
  Column c = m.ComputeAll(*data_, Day("2026-10-31"));
  ASSERT_EQ(c.size(), 4u);
  for (size_t i = 0; i < c.size(); ++i) {
    ASSERT_FALSE(c.IsNull(i));
    EXPECT_EQ(c.num[i], 3) << data_->account(i).account_id;
  }
  EXPECT_EQ(m.Compute(*data_, 0, Day("2026-10-31")), 3);
  d.scope = MetricScope::kAccount;
  EXPECT_EQ(Value(d, "A2", "2026-10-31"), 2);
}

TEST_F(MetricEvalTest, WorkspaceEventCounts) {
  Load();
  Event("A1", "2026-10-10T10:00:00Z", "u1", "login");
  Event("A2", "2026-10-10T10:00:00Z", "u2", "login");
  Event("A2", "2026-10-11T10:00:00Z", "u2", "report");
  Event("A3", "2026-11-01T00:00:00Z", "u3", "login");
  MetricDef d = Def(MetricKind::kEventCount, 30);
  d.scope = MetricScope::kWorkspace;
  EXPECT_EQ(Value(d, "A3", "2026-10-31"), 3);
  d.events = {"login"};
  EXPECT_EQ(Value(d, "A3", "2026-10-31"), 2);
  EXPECT_EQ(Value(d, "A3", "2026-11-01"), 3);
}

// Aggregates that are not sums must not be summed over accounts.
TEST_F(MetricEvalTest, WorkspaceScopeOfNonAdditiveMetrics) {
  Survey("A1", "2026-10-01T00:00:00Z", "nps", 10);
  Survey("A2", "2026-10-01T00:00:00Z", "nps", 6);
  Survey("A2", "2026-10-02T00:00:00Z", "nps", 8);
  Load();
  Event("A1", "2026-10-10T10:00:00Z", "u1", "login");
  Event("A2", "2026-10-10T11:00:00Z", "u2", "login");
  Event("A2", "2026-10-21T10:00:00Z", "u2", "login");
  MetricDef days = Def(MetricKind::kActiveDays, 30);
  days.scope = MetricScope::kWorkspace;
  EXPECT_EQ(Value(days, "A1", "2026-10-31"), 2) << "BUG: active days summed over accounts";
  MetricDef since = Def(MetricKind::kDaysSinceLastEvent);
  since.scope = MetricScope::kWorkspace;
  EXPECT_EQ(Value(since, "A1", "2026-10-31"), 10) << "BUG: days since last event summed";
  MetricDef avg = Def(MetricKind::kSurveyAverage);
  avg.survey = "nps";
  avg.scope = MetricScope::kWorkspace;
  EXPECT_EQ(Value(avg, "A1", "2026-10-31"), 8) << "BUG: survey averages summed";
}

}  // namespace
}  // namespace tend::metrics
