// Tests for definitions::Compile: every definition error is reported as
// `file:line:column: message`, all of them at once and sorted by position, and nothing
// partial is returned. Positions are 1-based; the YAML texts below are written line by line
// so that the expected positions can be read off them (the column of a value is the length
// of what precedes it on its line, plus one).
#include "definitions/definitions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "testutil/testutil.h"

namespace tend::definitions {
namespace {

using testing::TempDir;
using testing::WriteFile;

// The errors of compiling `yaml` as defs.yaml; empty when it compiles. An exception escaping
// Compile is turned into a single "EXCEPTION: ..." entry, so tests fail with a message.
std::vector<std::string> Errors(const std::string& yaml,
                                const std::vector<store::AttributeDef>& attrs = {}) {
  try {
    auto r = Compile({{"defs.yaml", yaml}}, attrs);
    if (auto* e = std::get_if<std::vector<std::string>>(&r)) return *e;
    return {};
  } catch (const std::exception& e) {
    return {std::string("EXCEPTION: ") + e.what()};
  }
}

// The single error of compiling `yaml` (fails the test when there is not exactly one).
std::string OnlyError(const std::string& yaml, const std::vector<store::AttributeDef>& attrs = {}) {
  std::vector<std::string> e = Errors(yaml, attrs);
  EXPECT_EQ(e.size(), 1u) << ::testing::PrintToString(e);
  return e.empty() ? "(compiled)" : e[0];
}

Definitions MustCompile(const std::string& yaml,
                        const std::vector<store::AttributeDef>& attrs = {}) {
  auto r = Compile({{"defs.yaml", yaml}}, attrs);
  if (auto* e = std::get_if<std::vector<std::string>>(&r)) {
    ADD_FAILURE() << "does not compile: " << ::testing::PrintToString(*e);
    return {};
  }
  return std::get<Definitions>(std::move(r));
}

// A scorecard `health` with one measure `m` whose lines after `weight` are `rest`.
// Line numbers: 1 scorecards, 2 - name: health, 3 measures, 4 - name: m, 5 weight, 6.. rest.
std::string OneMeasure(const std::string& rest, const std::string& weight = "1") {
  return "scorecards:\n"
         "  - name: health\n"
         "    measures:\n"
         "      - name: m\n"
         "        weight: " +
         weight + "\n" + rest;
}

// A measure `m` scored by `steps` (one band per line at lines 9..), value `arr`.
// Line 6 value, 7 scoring, 8 steps, 9.. the bands, each `            - {...}` (band at col 15).
std::string Steps(const std::vector<std::string>& bands) {
  std::string s = OneMeasure(
      "        value: arr\n"
      "        scoring:\n"
      "          steps:\n");
  for (const auto& b : bands) s += "            - " + b + "\n";
  return s;
}

// ---- unknown names and type errors in expressions ----

TEST(DefinitionsTest, UnknownMetricInMeasureValue) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: events_30d * 2\n")),
            "defs.yaml:6:16: measure health.m: unknown name 'events_30d'");
}

TEST(DefinitionsTest, UnknownNameInExpressionMetric) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: ratio\n"
                      "    type: expression\n"
                      "    expr: arr / seats\n"),
            "defs.yaml:4:17: metric ratio: unknown name 'seats'");
}

TEST(DefinitionsTest, TextComparedWithNumber) {
  // `>` is column 9 of the expression, which starts at column 16.
  EXPECT_EQ(OnlyError(OneMeasure("        value: segment > 5\n"
                                 "        scoring: {map: {'true': 100, 'false': 0}}\n")),
            "defs.yaml:6:24: measure health.m: type error: cannot compare text with number");
}

TEST(DefinitionsTest, StepsScoringNeedsANumber) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: segment\n"
                                 "        scoring:\n"
                                 "          steps:\n"
                                 "            - {below: 1, score: 0}\n"
                                 "            - {min: 1, score: 100}\n")),
            "defs.yaml:6:16: measure health.m: type error: steps scoring needs a number, but "
            "the value is text");
}

TEST(DefinitionsTest, DefaultLinearScoringNeedsANumber) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: segment\n")),
            "defs.yaml:6:16: measure health.m: type error: linear scoring needs a number, but "
            "the value is text");
}

TEST(DefinitionsTest, MapScoringRejectsDates) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: renewal_date\n"
                                 "        scoring: {map: {'1': 100}}\n")),
            "defs.yaml:6:16: measure health.m: map scoring needs text, a number or a boolean, "
            "not a date");
}

TEST(DefinitionsTest, ScoringExpressionMustGiveANumber) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n"
                                 "        scoring: {expr: value > 10}\n")),
            "defs.yaml:7:25: measure health.m: type error: a scoring expression must give a "
            "number, not bool");
}

TEST(DefinitionsTest, ValueIsOnlyVisibleInsideScoringExpressions) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: value + 1\n")),
            "defs.yaml:6:16: measure health.m: unknown name 'value'");
}

// ---- cycles ----

TEST(DefinitionsTest, CycleBetweenExpressionMetrics) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: a\n"
                      "    type: expression\n"
                      "    expr: b + 1\n"
                      "  - name: b\n"
                      "    type: expression\n"
                      "    expr: a * 2\n"),
            "defs.yaml:4:11: cycle between definitions: a -> b -> a");
}

TEST(DefinitionsTest, MetricReferringToItself) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: a\n"
                      "    type: expression\n"
                      "    expr: a + 1\n"),
            "defs.yaml:4:11: cycle between definitions: a -> a");
}

TEST(DefinitionsTest, MeasureUsingItsOwnScorecardsOverall) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: health.overall / 2\n")),
            "defs.yaml:6:16: cycle between definitions: health.m -> health -> health.m");
}

TEST(DefinitionsTest, CycleThroughAMetricAndAScorecard) {
  // A metric using the overall of a scorecard whose measure uses the metric.
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: boosted\n"
                      "    type: expression\n"
                      "    expr: health.overall + 1\n" +
                      OneMeasure("        value: boosted\n")),
            "defs.yaml:4:11: cycle between definitions: boosted -> health -> health.m -> "
            "boosted");
}

TEST(DefinitionsTest, ScorecardMayUseAnotherScorecardsResults) {
  Definitions d = MustCompile(OneMeasure("        value: arr\n") +
                              "  - name: meta\n"
                              "    measures:\n"
                              "      - name: h\n"
                              "        weight: 1\n"
                              "        value: health.overall + health.m + health.m.value\n");
  ASSERT_EQ(d.scorecards.size(), 2u);
  auto pos = [&](const std::string& n) {
    return std::find(d.order.begin(), d.order.end(), n) - d.order.begin();
  };
  EXPECT_LT(pos("scorecard:health"), pos("measure:meta.h"));
  EXPECT_LT(pos("measure:health.m"), pos("scorecard:health"));
  EXPECT_EQ(static_cast<size_t>(pos("scorecard:meta")) + 1, d.order.size());
}

// ---- weights ----

TEST(DefinitionsTest, WeightZero) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n", "0")),
            "defs.yaml:5:17: measure health.m: weight must be a positive number, not \"0\"");
}

TEST(DefinitionsTest, WeightNegative) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n", "-1")),
            "defs.yaml:5:17: measure health.m: weight must be a positive number, not \"-1\"");
}

TEST(DefinitionsTest, WeightNotANumber) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n", "heavy")),
            "defs.yaml:5:17: measure health.m: weight must be a positive number, not \"heavy\"");
}

TEST(DefinitionsTest, WeightNotFinite) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n", "inf")),
            "defs.yaml:5:17: measure health.m: weight must be a positive number, not \"inf\"");
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n", "nan")),
            "defs.yaml:5:17: measure health.m: weight must be a positive number, not \"nan\"");
}

TEST(DefinitionsTest, WeightWithTrailingText) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n", "10kg")),
            "defs.yaml:5:17: measure health.m: weight must be a positive number, not \"10kg\"");
}

TEST(DefinitionsTest, WeightMissing) {
  EXPECT_EQ(OnlyError("scorecards:\n"
                      "  - name: health\n"
                      "    measures:\n"
                      "      - name: m\n"
                      "        value: arr\n"),
            "defs.yaml:4:9: measure health.m: missing \"weight\" (a positive number)");
}

TEST(DefinitionsTest, FractionalWeightIsFine) {
  Definitions d = MustCompile(OneMeasure("        value: arr\n", "0.25"));
  ASSERT_EQ(d.scorecards.size(), 1u);
  EXPECT_EQ(d.scorecards[0].measures[0].weight, 0.25);
}

// ---- step and color bands ----

TEST(DefinitionsTest, OverlappingSteps) {
  EXPECT_EQ(OnlyError(Steps({"{below: 10, score: 0}", "{min: 5, score: 100}"})),
            "defs.yaml:10:15: measure health.m: steps: overlapping bands (min 5 is below the "
            "previous band's end 10)");
}

TEST(DefinitionsTest, OverlappingStepsWithoutMin) {
  EXPECT_EQ(OnlyError(Steps({"{below: 10, score: 0}", "{below: 20, score: 100}"})),
            "defs.yaml:10:15: measure health.m: steps: overlapping bands (this band has no "
            "\"min\" but follows one that ends at 10)");
}

TEST(DefinitionsTest, UnorderedStepsAfterAnUnboundedBand) {
  EXPECT_EQ(OnlyError(Steps({"{min: 10, score: 100}", "{below: 10, score: 0}"})),
            "defs.yaml:10:15: measure health.m: steps: bands are not in increasing order (the "
            "previous band has no upper bound)");
}

TEST(DefinitionsTest, UnorderedSteps) {
  EXPECT_EQ(OnlyError(Steps({"{min: 5, below: 10, score: 50}", "{min: 0, below: 5, score: 0}"})),
            "defs.yaml:10:15: measure health.m: steps: bands are not in increasing order (min 0 "
            "comes after a band starting at 5)");
}

TEST(DefinitionsTest, GapBetweenSteps) {
  EXPECT_EQ(OnlyError(Steps({"{below: 5, score: 0}", "{min: 10, score: 100}"})),
            "defs.yaml:10:15: measure health.m: steps: gap between bands (values from 5 to 10 "
            "fall in no band)");
}

TEST(DefinitionsTest, EmptyStep) {
  EXPECT_EQ(OnlyError(Steps({"{min: 5, below: 5, score: 10}"})),
            "defs.yaml:9:15: measure health.m: steps: band is empty (min 5 is not below 5)");
}

TEST(DefinitionsTest, FractionalBoundsAreShownAsWritten) {
  EXPECT_EQ(OnlyError(Steps({"{below: 0.7, score: 0}", "{min: 0.75, score: 100}"})),
            "defs.yaml:10:15: measure health.m: steps: gap between bands (values from 0.7 to "
            "0.75 fall in no band)");
}

TEST(DefinitionsTest, StepScoreOutOfRange) {
  EXPECT_EQ(OnlyError(Steps({"{below: 5, score: 0}", "{min: 5, score: 120}"})),
            "defs.yaml:10:31: measure health.m: steps: score must be from 0 to 100, not 120");
}

TEST(DefinitionsTest, StepWithoutScore) {
  EXPECT_EQ(OnlyError(Steps({"{below: 5, score: 0}", "{min: 5}"})),
            "defs.yaml:10:15: measure health.m: steps: missing \"score\"");
}

TEST(DefinitionsTest, StepsMustBeAList) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n"
                                 "        scoring: {steps: 5}\n")),
            "defs.yaml:7:26: measure health.m: steps: expected a list of bands");
}

TEST(DefinitionsTest, OverlappingColorBands) {
  EXPECT_EQ(OnlyError("scorecards:\n"
                      "  - name: health\n"
                      "    bands:\n"
                      "      - {color: red, below: 60}\n"
                      "      - {color: green, min: 50}\n"
                      "    measures:\n"
                      "      - {name: m, weight: 1, value: arr}\n"),
            "defs.yaml:5:9: scorecard health: bands: overlapping bands (min 50 is below the "
            "previous band's end 60)");
}

TEST(DefinitionsTest, ColorBandWithoutColor) {
  EXPECT_EQ(OnlyError("scorecards:\n"
                      "  - name: health\n"
                      "    bands:\n"
                      "      - {color: red, below: 50}\n"
                      "      - {min: 50}\n"
                      "    measures:\n"
                      "      - {name: m, weight: 1, value: arr}\n"),
            "defs.yaml:5:9: scorecard health: bands: missing \"color\"");
}

TEST(DefinitionsTest, ColorBandsTakeNoScore) {
  EXPECT_EQ(OnlyError("scorecards:\n"
                      "  - name: health\n"
                      "    bands:\n"
                      "      - {color: red, below: 50, score: 3}\n"
                      "      - {color: green, min: 50}\n"
                      "    measures:\n"
                      "      - {name: m, weight: 1, value: arr}\n"),
            "defs.yaml:4:33: unknown key \"score\" in scorecard health: bands (expected one of "
            "min, below, color)");
}

// ---- other scoring schemes ----

TEST(DefinitionsTest, ScoringNeedsExactlyOneScheme) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n"
                                 "        scoring:\n"
                                 "          expr: value\n"
                                 "          linear: {from: 0, to: 10}\n")),
            "defs.yaml:8:11: measure health.m: scoring needs exactly one of steps, linear, map, "
            "expr");
}

TEST(DefinitionsTest, LinearFromEqualsTo) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n"
                                 "        scoring: {linear: {from: 5, to: 5}}\n")),
            "defs.yaml:7:27: measure health.m: linear from and to must differ");
}

TEST(DefinitionsTest, LinearNeedsFromAndTo) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n"
                                 "        scoring: {linear: {from: 5}}\n")),
            "defs.yaml:7:27: measure health.m: linear needs from and to");
}

TEST(DefinitionsTest, MapScoreNotANumber) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: segment\n"
                                 "        scoring: {map: {smb: high}}\n")),
            "defs.yaml:7:30: measure health.m: map score: \"high\" is not a number");
}

// Scores are 0..100 (the overall is a weighted mean of scores and must stay 0..100); steps
// check it, map and linear schemes must too.
TEST(DefinitionsTest, MapScoreOutOfRange) {
  std::vector<std::string> e =
      Errors(OneMeasure("        value: segment\n"
                        "        scoring: {map: {smb: 150}}\n"));
  ASSERT_EQ(e.size(), 1u) << "BUG: a map score of 150 is accepted (steps reject > 100)";
  EXPECT_EQ(e[0].rfind("defs.yaml:7:30: ", 0), 0u) << e[0];
}

TEST(DefinitionsTest, LinearScoreRangeOutOfRange) {
  std::vector<std::string> e =
      Errors(OneMeasure("        value: arr\n"
                        "        scoring: {linear: {from: 0, to: 10, "
                        "score_to: 200}}\n"));
  ASSERT_EQ(e.size(), 1u) << "BUG: linear score_to 200 is accepted (steps reject > 100)";
  EXPECT_NE(e[0].find("defs.yaml:7:"), std::string::npos) << e[0];
}

// ---- keys ----

TEST(DefinitionsTest, UnknownTopLevelKey) {
  EXPECT_EQ(OnlyError("metricz:\n"
                      "  - name: a\n"),
            "defs.yaml:1:1: unknown key \"metricz\" (expected metrics, scorecards, rules, "
            "playbooks, success_plan_templates, surveys)");
}

TEST(DefinitionsTest, UnknownMetricKey) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: a\n"
                      "    type: event_count\n"
                      "    windw: 30d\n"),
            "defs.yaml:4:5: unknown key \"windw\" in metric (expected one of name, type, window, "
            "offset, events, survey, status, priority, types, roles, scope, expr, description)");
}

TEST(DefinitionsTest, UnknownMeasureKey) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n"
                                 "        wieght: 3\n")),
            "defs.yaml:7:9: unknown key \"wieght\" in measure (expected one of name, label, "
            "group, value, weight, scoring, manual, description)");
}

TEST(DefinitionsTest, UnknownScorecardKey) {
  EXPECT_EQ(OnlyError("scorecards:\n"
                      "  - name: health\n"
                      "    colours: []\n"
                      "    measures:\n"
                      "      - {name: m, weight: 1, value: arr}\n"),
            "defs.yaml:3:5: unknown key \"colours\" in scorecard (expected one of name, label, "
            "measures, groups, bands, description)");
}

TEST(DefinitionsTest, UnknownLinearKey) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n"
                                 "        scoring: {linear: {from: 0, to: 10, max: 3}}\n")),
            "defs.yaml:7:45: unknown key \"max\" in measure health.m linear (expected one of "
            "from, to, score_from, score_to)");
}

// ---- metrics ----

TEST(DefinitionsTest, UnknownMetricType) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: a\n"
                      "    type: count\n"),
            "defs.yaml:3:11: metric a: unknown type \"count\" (expected event_count, "
            "distinct_users, distinct_features, active_days, days_since_last_event, "
            "survey_latest, survey_average, survey_count, ticket_count, ticket_csat_average, "
            "activity_count, days_since_activity, contact_count or expression)");
}

TEST(DefinitionsTest, MetricWithoutType) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: a\n"
                      "    window: 30\n"),
            "defs.yaml:2:5: metric a: missing \"type\"");
}

TEST(DefinitionsTest, MetricWithoutName) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - type: event_count\n"),
            "defs.yaml:2:5: metric: missing \"name\"");
}

TEST(DefinitionsTest, MetricNameMustBeAnIdentifier) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: Events-30d\n"
                      "    type: event_count\n"),
            "defs.yaml:2:11: metric Events-30d: a name must be lowercase letters, digits and _");
}

TEST(DefinitionsTest, MissingSurveyForSurveyMetrics) {
  for (const char* type : {"survey_latest", "survey_average", "survey_count"}) {
    EXPECT_EQ(OnlyError(std::string("metrics:\n"
                                    "  - name: nps\n"
                                    "    type: ") +
                        type + "\n"),
              "defs.yaml:2:5: metric nps: missing \"survey\" (nps, csat or advocacy_nps)")
        << type;
  }
}

TEST(DefinitionsTest, UnknownSurvey) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: nps\n"
                      "    type: survey_latest\n"
                      "    survey: ces\n"),
            "defs.yaml:4:13: metric nps: survey \"ces\" is not one of nps|csat|advocacy_nps");
}

TEST(DefinitionsTest, WindowZero) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: a\n"
                      "    type: event_count\n"
                      "    window: 0d\n"),
            "defs.yaml:4:13: metric a: window: expected a whole number of days from 1 to 36500, "
            "not \"0d\"");
}

TEST(DefinitionsTest, WindowNotADayCount) {
  for (const char* w : {"30 days", "-5", "1.5d", "30w", "d", "[30]"}) {
    std::string e = OnlyError(std::string("metrics:\n"
                                          "  - name: a\n"
                                          "    type: event_count\n"
                                          "    window: ") +
                              w + "\n");
    const std::string want =
        "defs.yaml:4:13: metric a: window: expected a whole number of days from 1 to 36500";
    EXPECT_EQ(e.substr(0, want.size()), want) << w;
  }
}

TEST(DefinitionsTest, OffsetMayBeZeroButNotNegative) {
  MustCompile(
      "metrics:\n"
      "  - {name: a, type: event_count, window: 30d, offset: 0}\n");
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: a\n"
                      "    type: event_count\n"
                      "    offset: -30d\n"),
            "defs.yaml:4:13: metric a: offset: expected a whole number of days from 0 to 36500, "
            "not \"-30d\"");
}

// A window too large for an int must be an error, not an exception escaping Compile.
TEST(DefinitionsTest, HugeWindowIsAnErrorNotAnException) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: a\n"
                      "    type: event_count\n"
                      "    window: 99999999999d\n"),
            "defs.yaml:4:13: metric a: window: expected a whole number of days from 1 to 36500, "
            "not \"99999999999d\"");
}

TEST(DefinitionsTest, TicketStatusAndPriorityEnums) {
  std::vector<std::string> e = Errors(
      "metrics:\n"
      "  - name: t\n"
      "    type: ticket_count\n"
      "    status: [pending]\n"
      "    priority: [high, critical]\n");
  EXPECT_EQ(e, (std::vector<std::string>{
                   "defs.yaml:4:14: metric t: \"pending\" is not one of open|closed",
                   "defs.yaml:5:22: metric t: \"critical\" is not one of low|normal|high|urgent"}));
}

TEST(DefinitionsTest, UnknownActivityType) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: a\n"
                      "    type: activity_count\n"
                      "    types: [qbr, lunch]\n"),
            "defs.yaml:4:12: metric a: \"lunch\" is not an activity type");
}

TEST(DefinitionsTest, BadScope) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: a\n"
                      "    type: event_count\n"
                      "    scope: global\n"),
            "defs.yaml:4:12: metric a: scope must be account or workspace");
}

TEST(DefinitionsTest, ExpressionMetricWithoutExpr) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: a\n"
                      "    type: expression\n"),
            "defs.yaml:2:5: metric a: missing \"expr\"");
}

// ---- duplicate names ----

TEST(DefinitionsTest, DuplicateMetric) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: a\n"
                      "    type: event_count\n"
                      "  - name: a\n"
                      "    type: distinct_users\n"),
            "defs.yaml:4:5: metric a: defined twice (also at defs.yaml:2:5)");
}

TEST(DefinitionsTest, DuplicateMetricAcrossFiles) {
  auto r = Compile({{"a.yaml", "metrics:\n  - {name: a, type: event_count}\n"},
                    {"b.yaml", "metrics:\n\n  - {name: a, type: event_count}\n"}},
                   {});
  ASSERT_TRUE(std::holds_alternative<std::vector<std::string>>(r));
  EXPECT_EQ(std::get<std::vector<std::string>>(r),
            (std::vector<std::string>{"b.yaml:3:5: metric a: defined twice (also at a.yaml:2:5)"}));
}

TEST(DefinitionsTest, DuplicateMeasure) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n"
                                 "      - name: m\n"
                                 "        weight: 2\n"
                                 "        value: arr\n")),
            "defs.yaml:7:9: measure health.m: defined twice (also at defs.yaml:4:9)");
}

TEST(DefinitionsTest, DuplicateScorecard) {
  EXPECT_EQ(OnlyError("scorecards:\n"
                      "  - name: health\n"
                      "    measures: [{name: m, weight: 1, value: arr}]\n"
                      "  - name: health\n"
                      "    measures: [{name: m, weight: 1, value: arr}]\n"),
            "defs.yaml:4:5: scorecard health: defined twice (also at defs.yaml:2:5)");
}

TEST(DefinitionsTest, MetricNamedLikeAnAttribute) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: arr\n"
                      "    type: event_count\n"),
            "defs.yaml:2:11: metric arr: the name is taken by an account attribute");
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: plan\n"
                      "    type: event_count\n",
                      {{"plan", ValueType::kText}}),
            "defs.yaml:2:11: metric plan: the name is taken by an account attribute");
}

TEST(DefinitionsTest, MeasureNameReservedForResults) {
  EXPECT_EQ(OnlyError("scorecards:\n"
                      "  - name: health\n"
                      "    measures:\n"
                      "      - name: overall\n"
                      "        weight: 1\n"
                      "        value: arr\n"),
            "defs.yaml:4:15: measure health.overall: \"overall\" is reserved for the scorecard's "
            "own results");
}

// Groups share the scorecard's name space (S.<group> is a column, like S.<measure> and
// S.overall): a group may not be called like a result or a measure, nor be declared twice.
// The engine writes group scores into the column of that name, so `color` would write numbers
// into the text column of the color.
TEST(DefinitionsTest, GroupNameReservedForResults) {
  for (const char* g : {"overall", "color", "overall_change_7d"}) {
    std::vector<std::string> e = Errors(std::string("scorecards:\n"
                                                    "  - name: health\n"
                                                    "    groups:\n"
                                                    "      - name: ") +
                                        g +
                                        "\n"
                                        "    measures:\n"
                                        "      - {name: m, weight: 1, value: arr, group: " +
                                        g + "}\n");
    ASSERT_EQ(e.size(), 1u) << "BUG: a group named \"" << g << "\" is accepted";
    EXPECT_EQ(e[0].rfind("defs.yaml:4:15: ", 0), 0u) << e[0];
  }
}

TEST(DefinitionsTest, GroupNamedLikeAMeasure) {
  std::vector<std::string> e = Errors(
      "scorecards:\n"
      "  - name: health\n"
      "    groups:\n"
      "      - name: usage\n"
      "    measures:\n"
      "      - {name: usage, weight: 1, value: arr, group: usage}\n");
  ASSERT_EQ(e.size(), 1u) << "BUG: group and measure both named \"usage\" (both are health.usage)";
}

TEST(DefinitionsTest, DuplicateGroup) {
  std::vector<std::string> e = Errors(
      "scorecards:\n"
      "  - name: health\n"
      "    groups:\n"
      "      - name: usage\n"
      "      - name: usage\n"
      "    measures:\n"
      "      - {name: m, weight: 1, value: arr, group: usage}\n");
  ASSERT_EQ(e.size(), 1u) << "BUG: a group declared twice is accepted";
  EXPECT_EQ(e[0].rfind("defs.yaml:5:", 0), 0u) << e[0];
}

// ---- groups, structure ----

TEST(DefinitionsTest, MeasureWithUnknownGroup) {
  EXPECT_EQ(OnlyError("scorecards:\n"
                      "  - name: health\n"
                      "    groups:\n"
                      "      - name: usage\n"
                      "    measures:\n"
                      "      - name: m\n"
                      "        group: adoption\n"
                      "        weight: 1\n"
                      "        value: arr\n"),
            "defs.yaml:7:16: measure health.m: unknown group \"adoption\" (declare it under the "
            "scorecard's groups)");
}

TEST(DefinitionsTest, ScorecardWithoutMeasures) {
  EXPECT_EQ(OnlyError("scorecards:\n"
                      "  - name: health\n"
                      "    measures: []\n"),
            "defs.yaml:2:5: scorecard health: expected a non-empty list of measures");
}

TEST(DefinitionsTest, MeasureWithoutValue) {
  EXPECT_EQ(OnlyError(OneMeasure("        label: Usage\n")),
            "defs.yaml:4:9: measure health.m: missing \"value\" (an expression), or set manual: "
            "true");
}

TEST(DefinitionsTest, ManualMeasureNeedsNoValue) {
  Definitions d = MustCompile(OneMeasure("        manual: true\n"));
  ASSERT_EQ(d.scorecards.size(), 1u);
  EXPECT_TRUE(d.scorecards[0].measures[0].manual);
  EXPECT_EQ(d.scorecards[0].measures[0].value, nullptr);
}

// YAML 1.2 spells true as true, True or TRUE.
TEST(DefinitionsTest, ManualAcceptsYamlTrueSpellings) {
  for (const char* t : {"True", "TRUE"}) {
    std::vector<std::string> e = Errors(OneMeasure(std::string("        manual: ") + t + "\n"));
    EXPECT_TRUE(e.empty()) << "manual: " << t << " -> " << ::testing::PrintToString(e);
  }
}

TEST(DefinitionsTest, MetricsMustBeAList) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  name: a\n"),
            "defs.yaml:2:3: metrics: expected a list");
}

TEST(DefinitionsTest, RootMustBeAMapping) {
  EXPECT_EQ(OnlyError("- a\n- b\n"),
            "defs.yaml:1:1: expected a mapping with keys metrics, scorecards, rules, playbooks, "
            "success_plan_templates, surveys");
}

TEST(DefinitionsTest, EmptyFileCompilesToNothing) {
  Definitions d = MustCompile("# nothing yet\n");
  EXPECT_TRUE(d.metrics.empty());
  EXPECT_TRUE(d.scorecards.empty());
}

// ---- YAML syntax ----

TEST(DefinitionsTest, YamlSyntaxError) {
  std::vector<std::string> e = Errors(
      "metrics:\n"
      "  - name: a\n"
      "    type: [event_count\n"
      "scorecards: []\n");
  ASSERT_EQ(e.size(), 1u) << ::testing::PrintToString(e);
  EXPECT_EQ(e[0].rfind("defs.yaml:", 0), 0u);
  EXPECT_NE(e[0].find(": YAML syntax error: "), std::string::npos) << e[0];
}

TEST(DefinitionsTest, YamlSyntaxErrorPosition) {
  // A key at the indentation of the sequence it follows: the error is on line 3.
  std::vector<std::string> e = Errors(
      "metrics:\n"
      "  - name: a\n"
      "  type: event_count\n"
      "  - x\n");
  ASSERT_EQ(e.size(), 1u) << ::testing::PrintToString(e);
  EXPECT_EQ(e[0].rfind("defs.yaml:3:", 0), 0u) << e[0];
  EXPECT_NE(e[0].find("YAML syntax error"), std::string::npos) << e[0];
}

TEST(DefinitionsTest, YamlSyntaxErrorInOneFileStillReportsTheOthers) {
  auto r = Compile({{"a.yaml", "metrics: [\n"}, {"b.yaml", "metricz: []\n"}}, {});
  ASSERT_TRUE(std::holds_alternative<std::vector<std::string>>(r));
  const auto& e = std::get<std::vector<std::string>>(r);
  ASSERT_EQ(e.size(), 2u) << ::testing::PrintToString(e);
  EXPECT_EQ(e[0].rfind("a.yaml:", 0), 0u);
  EXPECT_EQ(e[1],
            "b.yaml:1:1: unknown key \"metricz\" (expected metrics, scorecards, rules, playbooks, "
            "success_plan_templates, surveys)");
}

// ---- all errors at once, sorted by position ----

TEST(DefinitionsTest, MultipleErrorsSortedByPosition) {
  // Found in this order: weight (parse), steps gap (parse), unknown key (parse of a later
  // metric, but earlier in the file), then the expressions (compile). Reported by position.
  std::vector<std::string> e = Errors(
      "metrics:\n"                              // 1
      "  - name: ratio\n"                       // 2
      "    type: expression\n"                  // 3
      "    expr: arr / nope\n"                  // 4
      "  - name: b\n"                           // 5
      "    type: event_count\n"                 // 6
      "    colour: blue\n"                      // 7
      "scorecards:\n"                           // 8
      "  - name: health\n"                      // 9
      "    measures:\n"                         // 10
      "      - name: m\n"                       // 11
      "        weight: heavy\n"                 // 12
      "        value: segment > 5\n"            // 13
      "        scoring:\n"                      // 14
      "          steps:\n"                      // 15
      "            - {below: 1, score: 0}\n"    // 16
      "            - {min: 2, score: 100}\n");  // 17
  EXPECT_EQ(e, (std::vector<std::string>{
                   "defs.yaml:4:17: metric ratio: unknown name 'nope'",
                   "defs.yaml:7:5: unknown key \"colour\" in metric (expected one of name, type, "
                   "window, offset, events, survey, status, priority, types, roles, scope, expr, "
                   "description)",
                   "defs.yaml:12:17: measure health.m: weight must be a positive number, not "
                   "\"heavy\"",
                   "defs.yaml:13:24: measure health.m: type error: cannot compare text with "
                   "number",
                   "defs.yaml:17:15: measure health.m: steps: gap between bands (values from 1 "
                   "to 2 fall in no band)"}));
}

TEST(DefinitionsTest, AllErrorsOfOneExpression) {
  EXPECT_EQ(Errors(OneMeasure("        value: foo + bar\n")),
            (std::vector<std::string>{"defs.yaml:6:16: measure health.m: unknown name 'foo'",
                                      "defs.yaml:6:22: measure health.m: unknown name 'bar'"}));
}

// ---- expression positions inside YAML scalars ----

TEST(DefinitionsTest, PositionInPlainScalar) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: 1 + nope\n")),
            "defs.yaml:6:20: measure health.m: unknown name 'nope'");
}

TEST(DefinitionsTest, PositionInDoubleQuotedScalar) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: \"1 + nope\"\n")),
            "defs.yaml:6:21: measure health.m: unknown name 'nope'");
}

TEST(DefinitionsTest, PositionInSingleQuotedScalar) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: '1 + nope'\n")),
            "defs.yaml:6:21: measure health.m: unknown name 'nope'");
}

TEST(DefinitionsTest, PositionInFlowMapping) {
  EXPECT_EQ(OnlyError("scorecards:\n"
                      "  - name: health\n"
                      "    measures:\n"
                      "      - {name: m, weight: 1, value: 1 + nope}\n"),
            "defs.yaml:4:41: measure health.m: unknown name 'nope'");
}

TEST(DefinitionsTest, PositionInLiteralBlockScalar) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: |\n"
                                 "          arr +\n"
                                 "            1 + nope\n")),
            "defs.yaml:8:17: measure health.m: unknown name 'nope'");
}

TEST(DefinitionsTest, PositionInLiteralBlockScalarFirstLine) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: |-\n"
                                 "          nope +\n"
                                 "          1\n")),
            "defs.yaml:7:11: measure health.m: unknown name 'nope'");
}

TEST(DefinitionsTest, PositionInLiteralBlockScalarOfAnExpressionMetric) {
  EXPECT_EQ(OnlyError("metrics:\n"
                      "  - name: score\n"
                      "    type: expression\n"
                      "    expr: |\n"
                      "      if(segment = 'smb',\n"
                      "         arr > 'x', false)\n"),
            "defs.yaml:6:14: metric score: type error: cannot compare number with text");
}

TEST(DefinitionsTest, PositionInBlockScalarOfAScoringExpression) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr\n"
                                 "        scoring:\n"
                                 "          expr: |\n"
                                 "            round(value,\n"
                                 "                  nope)\n")),
            "defs.yaml:10:19: measure health.m scoring: unknown name 'nope'");
}

// In a folded block scalar, and in a plain scalar that continues on the next line, YAML joins
// the lines with spaces; the position must still be the one in the file.
TEST(DefinitionsTest, PositionInFoldedBlockScalar) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: >\n"
                                 "          arr +\n"
                                 "          nope\n")),
            "defs.yaml:8:11: measure health.m: unknown name 'nope'");
}

TEST(DefinitionsTest, PositionInMultiLinePlainScalar) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: arr +\n"
                                 "          nope\n")),
            "defs.yaml:7:11: measure health.m: unknown name 'nope'");
}

// In a single-quoted YAML scalar '' stands for ' (and the language quotes text with '), so
// the file columns after a '' are one more than the expression's.
TEST(DefinitionsTest, PositionInSingleQuotedScalarWithEscapedQuotes) {
  EXPECT_EQ(OnlyError(OneMeasure("        value: 'if(segment = ''smb'', nope, 0)'\n")),
            "defs.yaml:6:39: measure health.m: unknown name 'nope'");
}

// ---- what compiles ----

TEST(DefinitionsTest, BenchmarkExampleCompiles) {
  auto files = ReadDefinitionFiles(testing::SourceDir() + "/examples/benchmark.yaml");
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  auto r = Compile(*files, {});
  ASSERT_TRUE(std::holds_alternative<Definitions>(r))
      << ::testing::PrintToString(std::get<std::vector<std::string>>(r));
  const Definitions& d = std::get<Definitions>(r);
  EXPECT_EQ(d.metrics.size(), 8u);
  ASSERT_EQ(d.scorecards.size(), 1u);
  const auto& sc = d.scorecards[0];
  EXPECT_EQ(sc.name, "health");
  EXPECT_EQ(sc.label, "Customer health");
  ASSERT_EQ(sc.measures.size(), 6u);
  double weights = 0;
  for (const auto& m : sc.measures) weights += m.weight;
  EXPECT_EQ(weights, 100);
  EXPECT_EQ(sc.measures[2].scoring.kind, scorecard::SchemeKind::kExpression);
  EXPECT_EQ(sc.measures[0].scoring.steps.size(), 4u);
  ASSERT_EQ(sc.bands.size(), 3u);
  EXPECT_EQ(sc.bands[1].color, "yellow");
  const auto* ws = d.FindMetric("workspace_features_90d");
  ASSERT_NE(ws, nullptr);
  EXPECT_EQ(ws->scope, metrics::MetricScope::kWorkspace);
  EXPECT_EQ(ws->window, 90);
  const auto* prev = d.FindMetric("events_prev_30d");
  ASSERT_NE(prev, nullptr);
  EXPECT_EQ(prev->offset, 30);
  // Every node once, each after what it depends on.
  EXPECT_EQ(d.order.size(), 8u + 6u + 1u);
  auto pos = [&](const std::string& n) {
    auto it = std::find(d.order.begin(), d.order.end(), n);
    EXPECT_NE(it, d.order.end()) << n;
    return it - d.order.begin();
  };
  EXPECT_LT(pos("metric:events_prev_30d"), pos("measure:health.usage_trend"));
  EXPECT_LT(pos("metric:workspace_features_90d"), pos("measure:health.feature_breadth"));
  EXPECT_LT(pos("measure:health.advocacy"), pos("scorecard:health"));
}

TEST(DefinitionsTest, DefaultBandsAndLinearScoring) {
  Definitions d = MustCompile(OneMeasure("        value: arr\n"));
  ASSERT_EQ(d.scorecards.size(), 1u);
  const auto& sc = d.scorecards[0];
  ASSERT_EQ(sc.bands.size(), 3u);
  EXPECT_EQ(sc.bands[0].color, "red");
  EXPECT_EQ(sc.bands[0].below, 50);
  EXPECT_EQ(sc.bands[1].min, 50);
  EXPECT_EQ(sc.bands[2].min, 75);
  EXPECT_FALSE(sc.bands[2].below.has_value());
  EXPECT_EQ(sc.measures[0].scoring.kind, scorecard::SchemeKind::kLinear);
  EXPECT_EQ(sc.measures[0].scoring.from, 0);
  EXPECT_EQ(sc.measures[0].scoring.to, 100);
}

TEST(DefinitionsTest, WindowsAcceptPlainAndSuffixedDays) {
  Definitions d = MustCompile(
      "metrics:\n"
      "  - {name: a, type: event_count, window: 30}\n"
      "  - {name: b, type: event_count, window: 7d, offset: 7d}\n"
      "  - {name: c, type: event_count}\n");
  ASSERT_EQ(d.metrics.size(), 3u);
  EXPECT_EQ(d.metrics[0].window, 30);
  EXPECT_EQ(d.metrics[1].window, 7);
  EXPECT_EQ(d.metrics[1].offset, 7);
  EXPECT_EQ(d.metrics[2].window, 0);
}

TEST(DefinitionsTest, CustomAttributesAreVisible) {
  Definitions d = MustCompile(OneMeasure("        value: plan\n"
                                         "        scoring: {map: {growth: 80, starter: 40}, "
                                         "default: 10}\n"),
                              {{"plan", ValueType::kText}});
  ASSERT_EQ(d.scorecards.size(), 1u);
  const auto& s = d.scorecards[0].measures[0].scoring;
  EXPECT_EQ(s.kind, scorecard::SchemeKind::kMap);
  EXPECT_EQ(s.map.at("growth"), 80);
  EXPECT_EQ(s.map_default, 10);
  EXPECT_EQ(NameType(d, "plan"), ValueType::kText);
  // Without the attribute the same text is an error.
  EXPECT_EQ(OnlyError(OneMeasure("        value: plan\n"
                                 "        scoring: {map: {growth: 80}}\n")),
            "defs.yaml:6:16: measure health.m: unknown name 'plan'");
}

TEST(DefinitionsTest, NameTypes) {
  Definitions d = MustCompile(
      "metrics:\n"
      "  - {name: e, type: event_count}\n"
      "  - {name: big, type: expression, expr: arr > 1000}\n"
      "scorecards:\n"
      "  - name: health\n"
      "    groups: [{name: usage}]\n"
      "    measures:\n"
      "      - {name: seg, weight: 1, value: segment, scoring: {map: "
      "{smb: 50}}}\n"
      "      - {name: u, weight: 1, value: e, group: usage}\n");
  EXPECT_EQ(NameType(d, "e"), ValueType::kNumber);
  EXPECT_EQ(NameType(d, "big"), ValueType::kBool);
  EXPECT_EQ(NameType(d, "tenure_days"), ValueType::kNumber);
  EXPECT_EQ(NameType(d, "renewal_date"), ValueType::kDate);
  EXPECT_EQ(NameType(d, "health.overall"), ValueType::kNumber);
  EXPECT_EQ(NameType(d, "health.color"), ValueType::kText);
  EXPECT_EQ(NameType(d, "health.overall_change_7d"), ValueType::kNumber);
  EXPECT_EQ(NameType(d, "health.overall_change_30d"), ValueType::kNumber);
  EXPECT_EQ(NameType(d, "health.usage"), ValueType::kNumber);
  EXPECT_EQ(NameType(d, "health.seg"), ValueType::kNumber);
  EXPECT_EQ(NameType(d, "health.seg.value"), ValueType::kText);
  EXPECT_EQ(NameType(d, "health.nope"), std::nullopt);
  EXPECT_EQ(NameType(d, "nope"), std::nullopt);
  EXPECT_EQ(NameType(d, "nope.overall"), std::nullopt);
}

TEST(DefinitionsTest, ReadDefinitionFilesFromAFolderSortedByPath) {
  TempDir dir;
  std::filesystem::create_directories(dir.File("sub"));
  WriteFile(dir.File("b.yaml"), "metrics: []\n");
  WriteFile(dir.File("a.yml"), "scorecards: []\n");
  WriteFile(dir.File("sub/c.yaml"), "metrics: []\n");
  WriteFile(dir.File("notes.txt"), "not yaml");
  auto files = ReadDefinitionFiles(dir.path());
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ((*files)[0].path, dir.File("a.yml"));
  EXPECT_EQ((*files)[1].path, dir.File("b.yaml"));
  EXPECT_EQ((*files)[2].path, dir.File("sub/c.yaml"));
  EXPECT_EQ((*files)[0].content, "scorecards: []\n");
}

TEST(DefinitionsTest, ReadDefinitionFilesErrors) {
  TempDir dir;
  auto none = ReadDefinitionFiles(dir.path());
  EXPECT_EQ(none.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(none.status().message(), dir.path() + ": no .yaml or .yml files");
  auto missing = ReadDefinitionFiles(dir.File("nope.yaml"));
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.status().message(), dir.File("nope.yaml") + ": no such file or folder");
}

// Issue 17, item 4: hostile nesting in a definitions file is a located error, not a crash.
TEST(DefinitionsTest, DeeplyNestedYamlIsALocatedError) {
  std::string flow = "metrics: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  std::string e = OnlyError(flow);
  EXPECT_EQ(e.rfind("defs.yaml:1:", 0), 0u) << e;
  EXPECT_NE(e.find("YAML syntax error"), std::string::npos) << e;
  std::string block = "metrics:\n";
  for (int i = 0; i < 5000; ++i) block += std::string(2 * i + 2, ' ') + "- \n";
  EXPECT_EQ(Errors(block).size(), 1u);
}

TEST(DefinitionsTest, DeeplyNestedConditionIsAnErrorAtItsPosition) {
  std::string value = std::string(10000, '(') + "arr" + std::string(10000, ')');
  std::string e = OnlyError(OneMeasure("        value: \"" + value + "\"\n"));
  // Line 6, inside the quoted value: the level past the limit.
  EXPECT_EQ(e.rfind("defs.yaml:6:", 0), 0u) << e.substr(0, 200);
  EXPECT_NE(e.find("nests more than"), std::string::npos) << e.substr(0, 200);
}

// ---- surveys ----

TEST(DefinitionsTest, SurveysCompileWithTheirTemplatesAndQuestions) {
  Definitions d = MustCompile(
      "surveys:\n"
      "  - name: nps_q4\n"
      "    kind: nps\n"
      "    subject: \"{{contact.first_name}}, about {{account.name}}\"\n"
      "    body: Hi {{contact.name}}\n"
      "    expires_in_days: 14d\n"
      "    questions:\n"
      "      - {id: area, type: single_choice, text: which one, options: [support, product]}\n"
      "      - {id: effort, type: scale, text: how easy, min: 1, max: 7}\n"
      "rules:\n"
      "  - name: ask\n"
      "    when: arr > 1\n"
      "    actions:\n"
      "      - send_survey: nps_q4\n");
  const surveys::SurveyDef* s = d.FindSurvey("nps_q4");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kind, "nps");
  EXPECT_EQ(s->expires_in_days, 14);
  ASSERT_EQ(s->questions.size(), 2u);
  EXPECT_EQ(s->questions[0].options, (std::vector<std::string>{"support", "product"}));
  EXPECT_EQ(s->questions[1].max, 7);
  EXPECT_EQ(d.rules[0].actions[0].kind, rules::ActionKind::kSendSurvey);
  EXPECT_EQ(d.rules[0].actions[0].survey, "nps_q4");
}

TEST(DefinitionsTest, SurveyMistakesAreReportedWhereTheyAre) {
  auto e = Errors(
      "surveys:\n"
      "  - name: s1\n"
      "    kind: stars\n"
      "    subject: \"hi {{nope}}\"\n"
      "    questions:\n"
      "      - {id: q, type: single_choice, text: which one, options: [one]}\n"
      "rules:\n"
      "  - name: ask\n"
      "    when: arr > 1\n"
      "    actions:\n"
      "      - send_survey: missing\n");
  std::string all;
  for (const auto& m : e) all += m + "\n";
  EXPECT_NE(all.find("defs.yaml:3:11: survey s1: kind \"stars\" is not one of nps|csat|advocacy_nps"),
            std::string::npos) << all;
  EXPECT_NE(all.find("survey s1: missing \"body\""), std::string::npos) << all;
  EXPECT_NE(all.find("unknown name \"nope\""), std::string::npos) << all;
  EXPECT_NE(all.find("needs at least two options"), std::string::npos) << all;
  EXPECT_NE(all.find("defs.yaml:11:9: rule ask: send_survey: unknown survey \"missing\""),
            std::string::npos) << all;
}

}  // namespace
}  // namespace tend::definitions
