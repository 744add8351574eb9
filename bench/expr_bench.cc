// Expression-language micro-benchmarks (Google Benchmark).
//
//   BM_EvaluateConditions: 20 conditions of ~10 nodes over 100,000 accounts, vectorised
//                          (Program::Evaluate). Target: well under 100 ms per iteration.
//   BM_EvaluateRow:        one ~10-node condition on one account (Program::EvaluateRow),
//                          the re-score-after-one-event path. Target: well under 1 us.
//   BM_Compile:            parse + check + plan of one condition.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "rules/expr/program.h"

namespace {

using tend::Column;
using tend::ValueType;
using namespace tend::rules::expr;

constexpr size_t kRows = 100'000;

const char* const kConditions[] = {
    "arr > 5000 AND seg IN ('smb', 'mid') AND health.overall < 40",
    "health.overall BETWEEN 40 AND 70 AND NOT churned",
    "coalesce(nps, 0) >= 9 OR (logins > 20 AND seats >= 10)",
    "arr / seats > 250 AND seg = 'ent'",
    "days_between(renewal, DATE '2026-06-30') < 90 AND arr > 10000",
    "CASE WHEN health.overall >= 70 THEN 'green' ELSE 'red' END = 'red' AND arr > 1000",
    "logins * 2 + tickets > 30 AND nps IS NOT NULL",
    "abs(nps - 7) <= 2 AND seg <> 'smb'",
    "tickets > 5 AND tickets / (logins + 1) > 0.5",
    "renewal < '2026-03-01' AND NOT churned AND arr >= 2000",
    "seg LIKE 'e%' OR arr > 50000",
    "greatest(nps, 5) > 6 AND least(logins, 10) < 5",
    "(arr > 1000 OR seats > 5) AND (nps < 5 OR tickets > 10)",
    "health.overall - 10 * tickets < 0 AND seg IN ('mid', 'ent')",
    "round(arr / 12, 0) > 400 AND logins BETWEEN 5 AND 50",
    "nps NOT IN (0, 1, 2) AND health.overall > 30 AND arr < 20000",
    "if(churned, 0, arr) > 3000 AND seats > 2",
    "coalesce(nps, 5) + coalesce(tickets, 0) > 12",
    "arr % 1000 < 500 AND seg IS NOT NULL AND logins > 1",
    "NOT (seg = 'smb' AND arr < 2000) AND health.overall >= 50",
};

struct Fixture {
  MapSchema schema;
  std::vector<std::string> names = {"arr",    "seg",   "health.overall", "churned", "nps",
                                    "logins", "seats", "tickets",        "renewal"};
  std::vector<Column> columns;

  Fixture() {
    std::mt19937 rng(7);
    const ValueType types[] = {ValueType::kNumber, ValueType::kText,   ValueType::kNumber,
                               ValueType::kBool,   ValueType::kNumber, ValueType::kNumber,
                               ValueType::kNumber, ValueType::kNumber, ValueType::kDate};
    const char* segs[] = {"smb", "mid", "ent"};
    for (size_t c = 0; c < names.size(); ++c) {
      schema.Add(names[c], types[c]);
      Column col(types[c], kRows);
      for (size_t i = 0; i < kRows; ++i) {
        if (rng() % 10 == 0) continue;  // NULL
        if (types[c] == ValueType::kText) {
          col.SetText(i, segs[rng() % 3]);
        } else if (types[c] == ValueType::kBool) {
          col.SetNum(i, rng() % 2);
        } else if (types[c] == ValueType::kDate) {
          col.SetNum(i, 20400 + rng() % 365);
        } else {
          col.SetNum(i, rng() % 60000 / 3.0);
        }
      }
      columns.push_back(std::move(col));
    }
  }

  Program Compile(const char* src) const {
    return std::get<Program>(Program::Compile(src, schema));
  }

  std::vector<const Column*> Inputs(const Program& p) const {
    std::vector<const Column*> v;
    for (const std::string& n : p.names()) {
      for (size_t c = 0; c < names.size(); ++c) {
        if (names[c] == n) v.push_back(&columns[c]);
      }
    }
    return v;
  }
};

const Fixture& TheFixture() {
  static const Fixture f;
  return f;
}

void BM_EvaluateConditions(benchmark::State& state) {
  const Fixture& f = TheFixture();
  std::vector<Program> programs;
  std::vector<std::vector<const Column*>> inputs;
  for (const char* src : kConditions) {
    programs.push_back(f.Compile(src));
    inputs.push_back(f.Inputs(programs.back()));
  }
  for (auto _ : state) {
    for (size_t i = 0; i < programs.size(); ++i) {
      Column out = programs[i].Evaluate(inputs[i], kRows);
      benchmark::DoNotOptimize(out.valid.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kRows * programs.size()));
}
BENCHMARK(BM_EvaluateConditions)->Unit(benchmark::kMillisecond);

void BM_EvaluateRow(benchmark::State& state) {
  const Fixture& f = TheFixture();
  Program p = f.Compile(kConditions[0]);
  std::vector<const Column*> inputs = f.Inputs(p);
  size_t row = 0;
  for (auto _ : state) {
    Value v = p.EvaluateRow(inputs, row);
    benchmark::DoNotOptimize(v);
    row = (row + 1) % kRows;
  }
}
BENCHMARK(BM_EvaluateRow);

void BM_Compile(benchmark::State& state) {
  const Fixture& f = TheFixture();
  for (auto _ : state) {
    auto r = Program::Compile(kConditions[0], f.schema);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Compile);

}  // namespace

BENCHMARK_MAIN();
