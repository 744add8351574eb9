// Unit tests for the health engine: RoundHalfUp, ScoreValue, overrides, trends and history
// rows, and what text tests cannot say: RefreshAccount after WorkspaceData::AddEvent gives
// the same columns as a full Refresh (random events on a generated workspace).
#include "scorecard/health_engine.h"

#include <gtest/gtest.h>

#include <random>

#include "generate/generator.h"
#include "ingest/importer.h"
#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::scorecard {
namespace {

using testing::TempDir;

EpochDay Day(const char* s) { return *ParseDate(s); }

// ---- RoundHalfUp ----

TEST(RoundHalfUpTest, HalfwayCasesRoundUpDespiteBinaryRepresentation) {
  EXPECT_EQ(RoundHalfUp(68.555, 2), 68.56);  // stored as 68.55499999...
  EXPECT_EQ(RoundHalfUp(0.125, 2), 0.13);    // exact in binary
  EXPECT_EQ(RoundHalfUp(49.995, 2), 50.00);
  EXPECT_EQ(RoundHalfUp(2.675, 2), 2.68);
  EXPECT_EQ(RoundHalfUp(1.005, 2), 1.01);
  EXPECT_EQ(RoundHalfUp(74.995, 2), 75.00);
  EXPECT_EQ(RoundHalfUp(2.5, 0), 3);
  EXPECT_EQ(RoundHalfUp(0.5, 0), 1);
}

TEST(RoundHalfUpTest, NegativeValuesRoundAwayFromZero) {
  EXPECT_EQ(RoundHalfUp(-0.125, 2), -0.13);
  EXPECT_EQ(RoundHalfUp(-68.555, 2), -68.56);
  EXPECT_EQ(RoundHalfUp(-2.5, 0), -3);
  EXPECT_EQ(RoundHalfUp(-12.344, 2), -12.34);
}

TEST(RoundHalfUpTest, OtherValues) {
  EXPECT_EQ(RoundHalfUp(0, 2), 0);
  EXPECT_EQ(RoundHalfUp(100, 2), 100);
  EXPECT_EQ(RoundHalfUp(100.0 / 3, 2), 33.33);
  EXPECT_EQ(RoundHalfUp(200.0 / 3, 2), 66.67);
  EXPECT_EQ(RoundHalfUp(12.344999, 2), 12.34);
  EXPECT_EQ(RoundHalfUp(49.994999, 2), 49.99);
  EXPECT_EQ(RoundHalfUp(84.9995, 2), 85);
}

// A value 1e-8 below the halfway point is not a representation artefact (doubles near 50
// are 7e-15 apart) and must round down.
TEST(RoundHalfUpTest, ValuesJustBelowHalfwayRoundDown) {
  EXPECT_EQ(RoundHalfUp(49.99499999, 2), 49.99)
      << "BUG: the nudge 1e-9 * |x| is 5e-6 at x = 4999.5, far more than binary error";
  EXPECT_EQ(RoundHalfUp(0.12499999, 2), 0.12);
}

// ---- ScoreValue ----

Column Num(std::initializer_list<std::optional<double>> values) {
  Column c(ValueType::kNumber, values.size());
  size_t i = 0;
  for (auto v : values) {
    if (v) c.SetNum(i, *v);
    ++i;
  }
  return c;
}

TEST(ScoreValueTest, Steps) {
  Scoring s;
  s.kind = SchemeKind::kSteps;
  Band a, b, c;
  a.below = 1;
  a.score = 0;
  b.min = 1;
  b.below = 3;
  b.score = 40;
  c.min = 3;
  c.score = 100;
  s.steps = {a, b, c};
  Column v = Num({-5, 0.999, 1, 2.5, 3, 1e9, std::nullopt});
  EXPECT_EQ(ScoreValue(s, v, 0), 0);
  EXPECT_EQ(ScoreValue(s, v, 1), 0);
  EXPECT_EQ(ScoreValue(s, v, 2), 40);
  EXPECT_EQ(ScoreValue(s, v, 3), 40);
  EXPECT_EQ(ScoreValue(s, v, 4), 100);
  EXPECT_EQ(ScoreValue(s, v, 5), 100);
  EXPECT_EQ(ScoreValue(s, v, 6), std::nullopt);
  s.steps = {b};  // values outside every band are N/A
  EXPECT_EQ(ScoreValue(s, v, 0), std::nullopt);
  EXPECT_EQ(ScoreValue(s, v, 4), std::nullopt);
}

TEST(ScoreValueTest, LinearIsClampedAndMayBeReversed) {
  Scoring s;
  s.kind = SchemeKind::kLinear;
  s.from = 10;
  s.to = 20;
  Column v = Num({5, 10, 12.5, 20, 25, std::nullopt});
  EXPECT_EQ(ScoreValue(s, v, 0), 0);
  EXPECT_EQ(ScoreValue(s, v, 1), 0);
  EXPECT_EQ(ScoreValue(s, v, 2), 25);
  EXPECT_EQ(ScoreValue(s, v, 3), 100);
  EXPECT_EQ(ScoreValue(s, v, 4), 100);
  EXPECT_EQ(ScoreValue(s, v, 5), std::nullopt);
  s.from = 20;
  s.to = 10;
  s.score_from = 20;
  s.score_to = 80;
  EXPECT_EQ(ScoreValue(s, v, 0), 80);
  EXPECT_EQ(ScoreValue(s, v, 2), 65);
  EXPECT_EQ(ScoreValue(s, v, 4), 20);
}

TEST(ScoreValueTest, MapOnTextNumbersAndBooleans) {
  Scoring s;
  s.kind = SchemeKind::kMap;
  s.map = {{"smb", 40}, {"5", 50}, {"2.5", 25}, {"true", 100}};
  Column text(ValueType::kText, 3);
  text.SetText(0, "smb");
  text.SetText(1, "SMB");
  EXPECT_EQ(ScoreValue(s, text, 0), 40);
  EXPECT_EQ(ScoreValue(s, text, 1), std::nullopt);
  EXPECT_EQ(ScoreValue(s, text, 2), std::nullopt);
  Column n = Num({5, 2.5, 7});
  EXPECT_EQ(ScoreValue(s, n, 0), 50);
  EXPECT_EQ(ScoreValue(s, n, 1), 25);
  EXPECT_EQ(ScoreValue(s, n, 2), std::nullopt);
  Column b(ValueType::kBool, 2);
  b.SetNum(0, 1);
  b.SetNum(1, 0);
  EXPECT_EQ(ScoreValue(s, b, 0), 100);
  EXPECT_EQ(ScoreValue(s, b, 1), std::nullopt);
  s.map_default = 10;
  EXPECT_EQ(ScoreValue(s, b, 1), 10);
  EXPECT_EQ(ScoreValue(s, text, 1), 10);
  EXPECT_EQ(ScoreValue(s, text, 2), std::nullopt);  // NULL stays N/A
}

// ---- the engine over a small workspace ----

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("tend.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  void Accounts(std::initializer_list<const char*> ids) {
    for (const char* id : ids) {
      store::AccountRecord a;
      a.account_id = id;
      ASSERT_OK(store_->UpsertAccount(a));
    }
  }

  // Compiles `yaml`, loads the data and builds an engine.
  void Build(const std::string& yaml) {
    auto attrs = store_->LoadAttributeDefs();
    ASSERT_TRUE(attrs.ok());
    auto r = definitions::Compile({{"defs.yaml", yaml}}, *attrs);
    ASSERT_TRUE(std::holds_alternative<definitions::Definitions>(r))
        << ::testing::PrintToString(std::get<std::vector<std::string>>(r));
    defs_ = std::make_unique<definitions::Definitions>(
        std::get<definitions::Definitions>(std::move(r)));
    auto d = metrics::WorkspaceData::Load(*store_);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    data_ = std::make_unique<metrics::WorkspaceData>(std::move(d).value());
    engine_ = std::make_unique<HealthEngine>(*defs_, *data_);
  }

  std::optional<double> NumAt(const std::string& name, size_t row) {
    const Column* c = engine_->Get(name);
    EXPECT_NE(c, nullptr) << name;
    if (!c || c->IsNull(row)) return std::nullopt;
    return c->num[row];
  }
  std::string TextAt(const std::string& name, size_t row) {
    const Column* c = engine_->Get(name);
    EXPECT_NE(c, nullptr) << name;
    if (!c || c->IsNull(row)) return "NULL";
    return c->text[row];
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<definitions::Definitions> defs_;
  std::unique_ptr<metrics::WorkspaceData> data_;
  std::unique_ptr<HealthEngine> engine_;
};

TEST_F(EngineTest, OverallIsRoundedHalfUpBeforeTheColorIsChosen) {
  Accounts({"A1"});
  ASSERT_NO_FATAL_FAILURE(
      Build("scorecards:\n"
            "  - name: h\n"
            "    measures:\n"
            "      - {name: a, weight: 1, value: 49.995}\n"
            "  - name: g\n"
            "    measures:\n"
            "      - {name: a, weight: 1, value: 68.555}\n"
            "  - name: f\n"
            "    measures:\n"
            "      - {name: a, weight: 1, value: 0.125}\n"
            "  - name: e\n"
            "    measures:\n"
            "      - {name: a, weight: 3, value: 74.99}\n"
            "      - {name: b, weight: 1, value: 75.02}\n"));
  engine_->Refresh(Day("2026-10-31"));
  EXPECT_EQ(NumAt("h.overall", 0), 50.00);
  EXPECT_EQ(TextAt("h.color", 0), "yellow");
  EXPECT_EQ(NumAt("h.a", 0), 49.995);  // the measure's own score is not rounded
  EXPECT_EQ(NumAt("g.overall", 0), 68.56);
  EXPECT_EQ(NumAt("f.overall", 0), 0.13);
  EXPECT_EQ(TextAt("f.color", 0), "red");
  // (3 * 74.99 + 75.02) / 4 = 74.9975 -> 75.00, green.
  EXPECT_EQ(NumAt("e.overall", 0), 75.00);
  EXPECT_EQ(TextAt("e.color", 0), "green");
}

TEST_F(EngineTest, OverridesLatestWinsAndNullClears) {
  Accounts({"A1", "A2", "A3"});
  ASSERT_NO_FATAL_FAILURE(
      Build("scorecards:\n"
            "  - name: h\n"
            "    measures:\n"
            "      - {name: a, weight: 1, value: 40}\n"
            "      - {name: m, weight: 1, manual: true}\n"));
  auto o = [](const char* account, const char* measure, std::optional<double> score) {
    store::OverrideRecord r;
    r.scorecard = "h";
    r.measure = measure;
    r.account_id = account;
    r.score = score;
    return r;
  };
  engine_->SetOverrides({o("A1", "m", 100), o("A1", "m", 80), o("A2", "a", 90),
                         o("A2", "a", std::nullopt), o("A3", "a", 0), o("ZZ", "a", 5),
                         o("A3", "nope", 5)});
  engine_->Refresh(Day("2026-10-31"));
  EXPECT_EQ(NumAt("h.m", 0), 80);
  EXPECT_EQ(NumAt("h.overall", 0), 60);
  EXPECT_EQ(NumAt("h.a", 1), 40);
  EXPECT_EQ(NumAt("h.m", 1), std::nullopt);
  EXPECT_EQ(NumAt("h.overall", 1), 40);
  EXPECT_EQ(NumAt("h.a", 2), 0);
  EXPECT_EQ(NumAt("h.overall", 2), 0);
  EXPECT_EQ(TextAt("h.color", 2), "red");
  // RefreshAccount keeps the overrides.
  EXPECT_TRUE(engine_->RefreshAccount(0));
  EXPECT_EQ(NumAt("h.m", 0), 80);
  EXPECT_EQ(NumAt("h.overall", 0), 60);
}

TEST_F(EngineTest, TrendsFromPriorOveralls) {
  Accounts({"A1", "A2", "A3"});
  ASSERT_NO_FATAL_FAILURE(
      Build("scorecards:\n"
            "  - name: h\n"
            "    measures:\n"
            "      - {name: a, weight: 1, value: 70.5}\n"));
  Column p7(ValueType::kNumber, 3), p30(ValueType::kNumber, 3);
  p7.SetNum(0, 60.25);
  p7.SetNum(1, 80);
  p30.SetNum(0, 70.5);
  engine_->SetPriorOverall("h", 7, p7);
  engine_->SetPriorOverall("h", 30, p30);
  engine_->Refresh(Day("2026-10-31"));
  EXPECT_EQ(NumAt("h.overall_change_7d", 0), 10.25);
  EXPECT_EQ(NumAt("h.overall_change_7d", 1), -9.5);
  EXPECT_EQ(NumAt("h.overall_change_7d", 2), std::nullopt);
  EXPECT_EQ(NumAt("h.overall_change_30d", 0), 0);
  EXPECT_EQ(NumAt("h.overall_change_30d", 1), std::nullopt);
}

TEST_F(EngineTest, HistoryRowsHoldEveryMeasureAsJson) {
  Accounts({"A1", "A2"});
  ASSERT_NO_FATAL_FAILURE(Build(
      "scorecards:\n"
      "  - name: h\n"
      "    measures:\n"
      "      - name: seg\n"
      "        weight: 1\n"
      "        value: |\n"
      "          if(account_id = 'A1', 'say \"hi\" \\ there', NULL)\n"
      "        scoring: {map: {x: 1}, default: 50}\n"
      "      - {name: flag, weight: 1, value: account_id = 'A1', scoring: {map: {'true': 100}}}\n"
      "      - {name: ratio, weight: 2, value: 1 / 3}\n"));
  engine_->Refresh(Day("2026-10-31"));
  auto rows = engine_->HistoryRows(defs_->scorecards[0], {0, 1});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].scorecard, "h");
  EXPECT_EQ(rows[0].account_id, "A1");
  EXPECT_EQ(rows[0].day, Day("2026-10-31"));
  // (50 + 100 + 2 * 0.333...) / 4 = 37.67
  EXPECT_EQ(rows[0].overall, 37.67);
  EXPECT_EQ(rows[0].color, "red");
  EXPECT_EQ(rows[0].measures,
            "{\"seg\":{\"value\":\"say \\\"hi\\\" \\\\ there\",\"score\":50},"
            "\"flag\":{\"value\":true,\"score\":100},"
            "\"ratio\":{\"value\":0.3333333333333333,\"score\":0.3333333333333333}}");
  EXPECT_EQ(rows[1].measures,
            "{\"seg\":{\"value\":null,\"score\":null},"
            "\"flag\":{\"value\":false,\"score\":null},"
            "\"ratio\":{\"value\":0.3333333333333333,\"score\":0.3333333333333333}}");
  EXPECT_EQ(rows[1].overall, 0.33);
}

// ---- RefreshAccount against a full refresh ----

// Every column the definitions produce.
std::vector<std::string> AllNames(const definitions::Definitions& defs) {
  std::vector<std::string> names;
  for (const auto& m : defs.metrics) names.push_back(m.name);
  for (const auto& sc : defs.scorecards) {
    for (const auto& m : sc.measures) {
      names.push_back(sc.name + "." + m.name);
      names.push_back(sc.name + "." + m.name + ".value");
    }
    for (const auto& g : sc.groups) names.push_back(sc.name + "." + g.name);
    for (const char* r : {".overall", ".color", ".overall_change_7d", ".overall_change_30d"}) {
      names.push_back(sc.name + r);
    }
  }
  return names;
}

// Compares every column of `a` and `b`; returns a description of the first differences.
std::string Diff(HealthEngine& a, HealthEngine& b, const definitions::Definitions& defs,
                 const metrics::WorkspaceData& data) {
  std::string out;
  int shown = 0;
  for (const std::string& name : AllNames(defs)) {
    const Column* x = a.Get(name);
    const Column* y = b.Get(name);
    if (!x || !y) {
      out += name + ": missing column\n";
      continue;
    }
    if (x->type != y->type || x->size() != y->size()) {
      out += name + ": type or size differs\n";
      continue;
    }
    for (size_t i = 0; i < x->size() && shown < 10; ++i) {
      bool same = x->IsNull(i) == y->IsNull(i);
      if (same && !x->IsNull(i)) {
        same = x->type == ValueType::kText ? x->text[i] == y->text[i] : x->num[i] == y->num[i];
      }
      if (!same) {
        ++shown;
        auto cell = [&](const Column* c) {
          if (c->IsNull(i)) return std::string("NULL");
          return c->type == ValueType::kText ? c->text[i] : std::to_string(c->num[i]);
        };
        out += name + " of " + data.account(i).account_id + ": incremental " + cell(x) + ", full " +
               cell(y) + "\n";
      }
    }
  }
  return out;
}

class RefreshAccountTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    generate::GenerateOptions g;
    g.accounts = 50;
    g.seed = 7;
    g.end_day = Day("2026-10-31");
    g.history_days = 90;
    g.out_dir = dir_->File("gen");
    auto report = generate::Generate(g);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    auto s = store::OpenSqliteStore(dir_->File("tend.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value().release();
    auto files = ingest::FindImportFiles(g.out_dir);
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    auto r = ingest::RunImport(*store_, *files, {});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->committed) << ::testing::PrintToString(r->messages);
  }
  static void TearDownTestSuite() {
    delete store_;
    store_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(store_, nullptr);
    auto d = metrics::WorkspaceData::Load(*store_);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    data_ = std::make_unique<metrics::WorkspaceData>(std::move(d).value());
    ASSERT_EQ(data_->size(), 50u);
    ASSERT_GE(data_->event_names().size(), 2u);
  }

  void Compile(std::vector<definitions::DefinitionFile> files) {
    auto attrs = store_->LoadAttributeDefs();
    ASSERT_TRUE(attrs.ok());
    auto r = definitions::Compile(std::move(files), *attrs);
    ASSERT_TRUE(std::holds_alternative<definitions::Definitions>(r))
        << ::testing::PrintToString(std::get<std::vector<std::string>>(r));
    defs_ = std::make_unique<definitions::Definitions>(
        std::get<definitions::Definitions>(std::move(r)));
  }

  // The benchmark scorecard plus metrics of every usage kind, filters, an expression metric,
  // groups and a scorecard that uses another's overall.
  // Callers check HasFatalFailure() after it.
  void CompileRich(bool with_workspace_sum) {
    auto bench =
        definitions::ReadDefinitionFiles(testing::SourceDir() + "/examples/benchmark.yaml");
    ASSERT_TRUE(bench.ok()) << bench.status().ToString();
    const std::string e1 = data_->event_names()[0], e2 = data_->event_names()[1];
    std::string extra =
        "metrics:\n"
        "  - {name: ev_filtered_30d, type: event_count, window: 30d, events: [" +
        e1 + ", " + e2 +
        "]}\n"
        "  - {name: active_days_30d, type: active_days, window: 30d}\n"
        "  - {name: active_days_filtered, type: active_days, window: 14d, events: [" +
        e1 +
        "]}\n"
        "  - {name: since_last, type: days_since_last_event}\n"
        "  - {name: users_7d, type: distinct_users, window: 7d}\n"
        "  - {name: features_all, type: distinct_features}\n"
        "  - {name: intensity, type: expression, expr: \"events_30d / "
        "greatest(active_users_30d, 1)\"}\n" +
        std::string(with_workspace_sum
                        ? "  - {name: ws_events_7d, type: event_count, window: 7d, scope: "
                          "workspace}\n"
                        : "") +
        "scorecards:\n"
        "  - name: engagement\n"
        "    groups: [{name: usage}, {name: other}]\n"
        "    measures:\n"
        "      - {name: intensity, weight: 2, group: usage, value: intensity, scoring: {linear: "
        "{from: 0, to: 50}}}\n"
        "      - name: recency\n"
        "        weight: 1\n"
        "        group: usage\n"
        "        value: since_last\n"
        "        scoring:\n"
        "          steps:\n"
        "            - {below: 3, score: 100}\n"
        "            - {min: 3, below: 14, score: 50}\n"
        "            - {min: 14, score: 0}\n"
        "      - {name: days, weight: 1, group: other, value: active_days_30d * 4}\n"
        "      - {name: link, weight: 1, value: health.overall}\n"
        "      - {name: filtered, weight: 1, value: ev_filtered_30d + active_days_filtered + "
        "users_7d + features_all" +
        (with_workspace_sum ? " + ws_events_7d / 100" : "") + "}\n";
    std::vector<definitions::DefinitionFile> files = *bench;
    files.push_back({"extra.yaml", extra});
    Compile(files);
  }

  static TempDir* dir_;
  static store::Store* store_;
  std::unique_ptr<metrics::WorkspaceData> data_;
  std::unique_ptr<definitions::Definitions> defs_;
};

TempDir* RefreshAccountTest::dir_ = nullptr;
store::Store* RefreshAccountTest::store_ = nullptr;

// Random events on random accounts: after each, RefreshAccount (or, when it says a workspace
// aggregate changed, Refresh) must leave exactly the columns a fresh engine computes.
TEST_F(RefreshAccountTest, SameResultsAsAFullRefreshAfterRandomEvents) {
  ASSERT_NO_FATAL_FAILURE(CompileRich(false));
  const EpochDay d = Day("2026-10-31");
  HealthEngine live(*defs_, *data_);
  live.Refresh(d);
  const uint32_t seed = 20261031;
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  auto total = [&](HealthEngine& e, const std::string& name) {
    const Column* c = e.Get(name);
    double sum = 0;
    for (size_t i = 0; c && i < c->size(); ++i) sum += c->IsNull(i) ? 0 : c->num[i];
    return sum;
  };
  const double events_before = total(live, "events_30d");
  int incremental = 0, full = 0;
  for (int step = 0; step < 150; ++step) {
    size_t i = rng() % data_->size();
    // From 40 days before D to the end of D+1 (events after D must change nothing).
    EpochMs ts = (d - 40) * kMsPerDay + static_cast<EpochMs>(rng() % (42 * kMsPerDay));
    std::string user = "rnd_u" + std::to_string(rng() % 4);
    const std::string& event = data_->event_names()[rng() % data_->event_names().size()];
    data_->AddEvent(i, ts, user, event);
    if (live.RefreshAccount(i)) {
      ++incremental;
    } else {
      ++full;
      live.Refresh(d);
    }
    HealthEngine fresh(*defs_, *data_);
    fresh.Refresh(d);
    std::string diff = Diff(live, fresh, *defs_, *data_);
    ASSERT_EQ(diff, "") << "after event " << step << " on " << data_->account(i).account_id
                        << " at " << FormatTime(ts) << " (" << event << ")";
  }
  EXPECT_GT(incremental, 0);
  // The events did change the results (most fall in the 30-day window).
  EXPECT_GT(total(live, "events_30d"), events_before + 50);
  std::cout << "[ info ] " << incremental << " incremental, " << full << " full refreshes\n";
}

TEST_F(RefreshAccountTest, WorkspaceSumsAskForAFullRefresh) {
  ASSERT_NO_FATAL_FAILURE(CompileRich(true));
  const EpochDay d = Day("2026-10-31");
  HealthEngine live(*defs_, *data_);
  live.Refresh(d);
  data_->AddEvent(3, (d - 1) * kMsPerDay + 5, "rnd_u0", data_->event_names()[0]);
  EXPECT_FALSE(live.RefreshAccount(3));
  live.Refresh(d);
  HealthEngine fresh(*defs_, *data_);
  fresh.Refresh(d);
  EXPECT_EQ(Diff(live, fresh, *defs_, *data_), "");
}

TEST_F(RefreshAccountTest, AFeatureNewToTheWorkspaceAsksForAFullRefresh) {
  ASSERT_NO_FATAL_FAILURE(CompileRich(false));
  const EpochDay d = Day("2026-10-31");
  HealthEngine live(*defs_, *data_);
  live.Refresh(d);
  const Column* ws = live.Get("workspace_features_90d");
  ASSERT_NE(ws, nullptr);
  ASSERT_FALSE(ws->IsNull(0));
  const double before = ws->num[0];
  data_->AddEvent(5, d * kMsPerDay, "rnd_u0", "feature_never_seen_before");
  EXPECT_FALSE(live.RefreshAccount(5));
  live.Refresh(d);
  EXPECT_EQ(live.Get("workspace_features_90d")->num[0], before + 1);
  HealthEngine fresh(*defs_, *data_);
  fresh.Refresh(d);
  EXPECT_EQ(Diff(live, fresh, *defs_, *data_), "");
}

// A metric filtering on an event name the workspace has not seen yet must count the events
// once they arrive, as a freshly loaded engine does.
TEST_F(RefreshAccountTest, EventNameFirstSeenAfterTheEngineWasBuilt) {
  ASSERT_NO_FATAL_FAILURE(
      Compile({{"defs.yaml",
                "metrics:\n"
                "  - {name: beta_uses, type: event_count, window: 30d, events: [beta_feature]}\n"
                "scorecards:\n"
                "  - name: h\n"
                "    measures:\n"
                "      - {name: beta, weight: 1, value: beta_uses * 10}\n"}}));
  const EpochDay d = Day("2026-10-31");
  HealthEngine live(*defs_, *data_);
  live.Refresh(d);
  data_->AddEvent(0, d * kMsPerDay, "rnd_u0", "beta_feature");
  if (!live.RefreshAccount(0)) live.Refresh(d);
  HealthEngine fresh(*defs_, *data_);
  fresh.Refresh(d);
  EXPECT_EQ(fresh.Get("beta_uses")->num[0], 1);
  EXPECT_EQ(Diff(live, fresh, *defs_, *data_), "")
      << "BUG: CompiledMetric resolves event names once, when the engine is built";
}

}  // namespace
}  // namespace tend::scorecard
