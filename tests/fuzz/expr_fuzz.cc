// Fuzzes the expression language (rules/expr) with arbitrary source text: lexer, parser,
// checker, planner, printer and evaluator.
//
// Invariants:
//   - Compile never crashes, whatever the nesting (kMaxExprDepth bounds every tree);
//   - a failure has at least one diagnostic, each at a position inside the source (line >= 1,
//     column >= 1) and rendered without crashing;
//   - a compiled program prints (ToSExpr), and evaluates on a row of NULLs and on a row of
//     values, vectorised and row by row alike, to a value of its static type (or NULL).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rules/expr/program.h"

namespace {

using namespace tend;
using namespace tend::rules::expr;

void Fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "expr_fuzz: %s (input of %zu bytes)\n", what, input.size());
  std::abort();
}

const MapSchema& FuzzSchema() {
  static const MapSchema* schema = [] {
    auto* s = new MapSchema();
    s->Add("arr", ValueType::kNumber);
    s->Add("seats", ValueType::kNumber);
    s->Add("segment", ValueType::kText);
    s->Add("churned", ValueType::kBool);
    s->Add("renewal_date", ValueType::kDate);
    return s;
  }();
  return *schema;
}

Column InputFor(ValueType t, bool null_row) {
  Column c(t, 2);
  if (!null_row) {
    switch (t) {
      case ValueType::kText:
        c.SetText(0, "smb");
        c.SetText(1, "");
        break;
      case ValueType::kBool:
        c.SetNum(0, 1);
        c.SetNum(1, 0);
        break;
      case ValueType::kDate:
        c.SetNum(0, 20000);
        c.SetNum(1, -3);
        break;
      default:
        c.SetNum(0, 5000);
        c.SetNum(1, -0.5);
        break;
    }
  }
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  auto compiled = Program::Compile(input, FuzzSchema());
  if (auto* diags = std::get_if<std::vector<Diagnostic>>(&compiled)) {
    if (diags->empty()) Fail("a failed compile without diagnostics", input);
    for (const Diagnostic& d : *diags) {
      if (d.line < 1 || d.column < 1) Fail("a diagnostic outside the source", input);
    }
    (void)RenderAll(*diags, input);
    return 0;
  }
  const Program& p = std::get<Program>(compiled);
  (void)p.ToSExpr();
  for (bool null_row : {true, false}) {
    std::vector<Column> cols;
    for (const std::string& name : p.names()) {
      cols.push_back(InputFor(*FuzzSchema().TypeOf(name), null_row));
    }
    std::vector<const Column*> inputs;
    for (const Column& c : cols) inputs.push_back(&c);
    Column out = p.Evaluate(inputs, 2);
    for (size_t row = 0; row < 2; ++row) {
      Value v = p.EvaluateRow(inputs, row);
      if (v.type() != ValueType::kNull && v.type() != p.type()) {
        Fail("a value of another type than the program's", input);
      }
      if (v.type() == ValueType::kNull && !out.IsNull(row) && p.type() != ValueType::kNull) {
        Fail("row and vectorised evaluation disagree on NULL", input);
      }
    }
  }
  return 0;
}
