// Unit tests for WorkspaceData: loading a workspace from the store (accounts in id order,
// usage states, facts attached to their accounts), the workspace-wide aggregates, and keeping
// them exact with AddEvent.
#include "metrics/workspace_data.h"

#include <gtest/gtest.h>

#include "definitions/activity_types.h"
#include "ingest/importer.h"
#include "metrics/metric_eval.h"
#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::metrics {
namespace {

using definitions::ActivityTypes;
using definitions::ParseActivityType;

using testing::TempDir;
using testing::WriteFile;

EpochDay Day(const char* s) { return *ParseDate(s); }
EpochMs Ts(const char* s) { return *ParseTime(s); }

// The value of a metric of `kind` over `window` days for account `i` as of `day`.
std::optional<double> Metric(const WorkspaceData& d, MetricKind kind, size_t i, const char* day,
                             int window = 0, MetricScope scope = MetricScope::kAccount,
                             std::vector<std::string> events = {}) {
  MetricDef def;
  def.name = "m";
  def.kind = kind;
  def.window = window;
  def.scope = scope;
  def.events = std::move(events);
  return CompiledMetric(def, d).Compute(d, i, Day(day));
}

class WorkspaceDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("tend.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  void Import(ingest::ImportKind kind, const std::string& name, const std::string& csv) {
    WriteFile(dir_.File(name), csv);
    auto r = ingest::RunImport(*store_, {{kind, dir_.File(name)}}, {});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->committed) << ::testing::PrintToString(r->messages);
  }

  void ImportAll() {
    Import(ingest::ImportKind::kAccounts, "accounts.csv",
           "account_id,status,churned_on,plan\n"
           "B2,active,,growth\n"
           "A1,active,,starter\n"
           "C9,churned,2026-09-01,\n");
    Import(ingest::ImportKind::kContacts, "contacts.csv", "contact_id,account_id\nK1,A1\nK2,B2\n");
    Import(ingest::ImportKind::kEvents, "events.csv",
           "ts,account_id,user_id,event\n"
           "2026-10-01T10:00:00Z,A1,u1,login\n"
           "2026-10-02T10:00:00Z,A1,u2,export\n"
           "2026-10-02T11:00:00Z,B2,u3,login\n"
           "2026-08-20T11:00:00Z,C9,u4,legacy\n");
    Import(ingest::ImportKind::kSurveys, "surveys.csv",
           "ts,account_id,contact_id,survey,score\n"
           "2026-10-01T10:00:00Z,A1,K1,nps,9\n"
           "2026-10-02T10:00:00Z,B2,K2,csat,4\n");
    Import(ingest::ImportKind::kTickets, "tickets.csv",
           "ticket_id,account_id,opened_at,closed_at,priority,status,csat\n"
           "T1,B2,2026-10-01T10:00:00Z,,urgent,open,\n"
           "T2,B2,2026-10-01T10:00:00Z,2026-10-03T10:00:00Z,,closed,5\n");
    Import(ingest::ImportKind::kActivities, "activities.csv",
           "ts,account_id,contact_id,type,subject\n"
           "2026-10-05T10:00:00Z,A1,K1,qbr,Q3\n");
  }

  WorkspaceData Load() {
    auto d = WorkspaceData::Load(*store_);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? std::move(d).value() : WorkspaceData();
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST(WorkspaceEnumsTest, ParsesSurveyPriorityAndActivityType) {
  EXPECT_EQ(ParseSurveyType("nps"), SurveyType::kNps);
  EXPECT_EQ(ParseSurveyType("csat"), SurveyType::kCsat);
  EXPECT_EQ(ParseSurveyType("advocacy_nps"), SurveyType::kAdvocacyNps);
  EXPECT_EQ(ParseSurveyType("NPS"), SurveyType::kOther);
  EXPECT_EQ(ParsePriority("low"), 0);
  EXPECT_EQ(ParsePriority("urgent"), 3);
  EXPECT_EQ(ParsePriority(""), 255);
  EXPECT_EQ(ActivityTypes().size(), 12u);
  for (size_t i = 0; i < ActivityTypes().size(); ++i) {
    EXPECT_EQ(ParseActivityType(ActivityTypes()[i]), i);
  }
  EXPECT_EQ(ParseActivityType("lunch"), 255);
}

TEST_F(WorkspaceDataTest, EmptyWorkspace) {
  WorkspaceData d = Load();
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(d.LatestEventDay(), std::nullopt);
  EXPECT_TRUE(d.event_names().empty());
}

TEST_F(WorkspaceDataTest, LoadsAccountsInIdOrderWithTheirFacts) {
  ImportAll();
  WorkspaceData d = Load();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d.account(0).account_id, "A1");
  EXPECT_EQ(d.account(1).account_id, "B2");
  EXPECT_EQ(d.account(2).account_id, "C9");
  EXPECT_EQ(d.account(2).status, "churned");
  EXPECT_EQ(d.Index("B2"), 1u);
  EXPECT_EQ(d.Index("Z"), std::nullopt);
  ASSERT_EQ(d.attribute_defs().size(), 1u);
  EXPECT_EQ(d.attribute_defs()[0].name, "plan");

  ASSERT_EQ(d.surveys(0).size(), 1u);
  EXPECT_EQ(d.surveys(0)[0].survey, SurveyType::kNps);
  EXPECT_EQ(d.surveys(0)[0].score, 9);
  EXPECT_EQ(d.surveys(0)[0].ts, Ts("2026-10-01T10:00:00Z"));
  ASSERT_EQ(d.surveys(1).size(), 1u);
  EXPECT_EQ(d.surveys(1)[0].survey, SurveyType::kCsat);
  EXPECT_TRUE(d.surveys(2).empty());

  ASSERT_EQ(d.tickets(1).size(), 2u);
  const TicketFact* open = d.tickets(1)[0].open ? &d.tickets(1)[0] : &d.tickets(1)[1];
  const TicketFact* closed = d.tickets(1)[0].open ? &d.tickets(1)[1] : &d.tickets(1)[0];
  EXPECT_TRUE(open->open);
  EXPECT_EQ(open->priority, 3);
  EXPECT_EQ(open->closed_at, std::nullopt);
  EXPECT_FALSE(closed->open);
  EXPECT_EQ(closed->priority, 255);
  EXPECT_EQ(closed->csat, 5);
  EXPECT_EQ(closed->closed_at, Ts("2026-10-03T10:00:00Z"));
  EXPECT_TRUE(d.tickets(0).empty());

  ASSERT_EQ(d.activities(0).size(), 1u);
  EXPECT_EQ(d.activities(0)[0].type, ParseActivityType("qbr"));
}

TEST_F(WorkspaceDataTest, LoadsUsageAndWorkspaceAggregates) {
  ImportAll();
  WorkspaceData d = Load();
  EXPECT_EQ(d.usage(0).events(), 2u);
  EXPECT_EQ(d.usage(0).users(), 2u);
  EXPECT_EQ(d.usage(1).events(), 1u);
  EXPECT_EQ(d.usage(2).events(), 1u);
  EXPECT_EQ(d.usage(0).last_event(), Ts("2026-10-02T10:00:00Z"));
  EXPECT_EQ(d.LatestEventDay(), Day("2026-10-02"));
  ASSERT_TRUE(d.EventId("login").has_value());
  ASSERT_TRUE(d.EventId("legacy").has_value());
  EXPECT_EQ(d.EventId("never"), std::nullopt);
  EXPECT_EQ(d.event_names().size(), 3u);
  // Workspace aggregates include the churned account (C9's legacy on 08-20).
  EXPECT_EQ(Metric(d, MetricKind::kEventCount, 0, "2026-10-31", 0, MetricScope::kWorkspace), 4);
  EXPECT_EQ(Metric(d, MetricKind::kEventCount, 0, "2026-10-02", 1, MetricScope::kWorkspace), 2);
  EXPECT_EQ(Metric(d, MetricKind::kDistinctFeatures, 0, "2026-10-31", 90, MetricScope::kWorkspace),
            3);
  EXPECT_EQ(Metric(d, MetricKind::kDistinctFeatures, 0, "2026-10-31", 30, MetricScope::kWorkspace),
            2);
  EXPECT_EQ(Metric(d, MetricKind::kDistinctUsers, 0, "2026-10-31", 30), 1);  // u1 was on 10-01
  EXPECT_EQ(Metric(d, MetricKind::kDistinctUsers, 0, "2026-10-31", 31), 2);
}

TEST_F(WorkspaceDataTest, AddEventKeepsEverythingExact) {
  ImportAll();
  WorkspaceData d = Load();
  d.AddEvent(1, Ts("2026-10-10T00:00:00Z"), "u3", "login");
  d.AddEvent(1, Ts("2026-10-10T05:00:00Z"), "u9", "brand_new");
  d.AddEvent(0, Ts("2026-09-15T05:00:00Z"), "u1", "export");  // out of time order
  EXPECT_EQ(d.usage(1).events(), 3u);
  EXPECT_EQ(d.usage(1).users(), 2u);
  EXPECT_EQ(d.usage(1).last_event(), Ts("2026-10-10T05:00:00Z"));
  EXPECT_EQ(d.usage(0).last_event(), Ts("2026-10-02T10:00:00Z"));
  EXPECT_EQ(d.usage(0).events(), 3u);
  EXPECT_EQ(d.LatestEventDay(), Day("2026-10-10"));
  ASSERT_TRUE(d.EventId("brand_new").has_value());
  EXPECT_EQ(d.event_names().size(), 4u);
  EXPECT_EQ(Metric(d, MetricKind::kEventCount, 0, "2026-12-31", 0, MetricScope::kWorkspace), 7);
  EXPECT_EQ(Metric(d, MetricKind::kEventCount, 0, "2026-09-15", 1, MetricScope::kWorkspace), 1);
  EXPECT_EQ(Metric(d, MetricKind::kDistinctFeatures, 0, "2026-10-31", 90, MetricScope::kWorkspace),
            4);
  EXPECT_EQ(
      Metric(d, MetricKind::kEventCount, 0, "2026-10-31", 0, MetricScope::kAccount, {"export"}), 2);
  EXPECT_EQ(Metric(d, MetricKind::kActiveDays, 0, "2026-10-31", 60), 3);
  EXPECT_EQ(Metric(d, MetricKind::kDistinctUsers, 1, "2026-10-31", 30), 2);
}

// The metrics after AddEvent equal those of the same events imported and loaded again.
TEST_F(WorkspaceDataTest, AddEventMatchesAReload) {
  ImportAll();
  WorkspaceData live = Load();
  live.AddEvent(*live.Index("B2"), Ts("2026-10-12T00:00:00Z"), "u3", "report");
  live.AddEvent(*live.Index("C9"), Ts("2026-08-21T00:00:00Z"), "u4", "legacy");
  live.AddEvent(*live.Index("A1"), Ts("2026-09-30T23:59:59Z"), "u7", "login");
  Import(ingest::ImportKind::kEvents, "more.csv",
         "ts,account_id,user_id,event\n"
         "2026-10-12T00:00:00Z,B2,u3,report\n"
         "2026-08-21T00:00:00Z,C9,u4,legacy\n"
         "2026-09-30T23:59:59Z,A1,u7,login\n");
  WorkspaceData reloaded = Load();
  ASSERT_EQ(live.event_names(), reloaded.event_names());
  ASSERT_EQ(live.size(), reloaded.size());
  for (size_t i = 0; i < live.size(); ++i) {
    EXPECT_EQ(live.usage(i).events(), reloaded.usage(i).events());
    EXPECT_EQ(live.usage(i).users(), reloaded.usage(i).users());
    EXPECT_EQ(live.usage(i).last_event(), reloaded.usage(i).last_event());
    for (const char* day : {"2026-08-21", "2026-09-30", "2026-10-12", "2026-10-31"}) {
      for (int window : {0, 1, 7, 30}) {
        for (MetricKind kind :
             {MetricKind::kEventCount, MetricKind::kDistinctUsers, MetricKind::kDistinctFeatures,
              MetricKind::kActiveDays, MetricKind::kDaysSinceLastEvent}) {
          for (MetricScope scope : {MetricScope::kAccount, MetricScope::kWorkspace}) {
            EXPECT_EQ(Metric(live, kind, i, day, window, scope),
                      Metric(reloaded, kind, i, day, window, scope))
                << "account " << i << " kind " << MetricKindName(kind) << " window " << window
                << " day " << day;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace tend::metrics
