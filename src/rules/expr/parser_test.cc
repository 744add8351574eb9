// Hostile nesting (issue 17, item 4): conditions that nest or chain far past any real rule
// must come back as an "expr.tooDeep" diagnostic at the offending token, never as a stack
// overflow in the parser, the checker, the planner, the printer or the destructor.
#include "rules/expr/parser.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "rules/expr/program.h"

namespace tend::rules::expr {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

MapSchema DepthSchema() {
  MapSchema s;
  s.Add("arr", ValueType::kNumber);
  s.Add("ok", ValueType::kBool);
  return s;
}

// The diagnostic Compile gives for `src`; fails the test when it compiles.
Diagnostic CompileError(const std::string& src) {
  auto r = Program::Compile(src, DepthSchema());
  auto* d = std::get_if<std::vector<Diagnostic>>(&r);
  if (!d || d->empty()) {
    ADD_FAILURE() << "compiled: " << src.substr(0, 80) << "...";
    return {};
  }
  return d->front();
}

TEST(ParserDepthTest, TenThousandParenthesesAreRefusedAtTheDeepestOne) {
  // The 20 KB condition: 10,000 nested parentheses.
  Diagnostic d = CompileError(Repeat("(", 10000) + "arr > 1" + Repeat(")", 10000));
  EXPECT_EQ(d.id, "expr.tooDeep");
  EXPECT_EQ(d.line, 1);
  // Reported where the level past the limit begins: the top level is one level, each '('
  // opens one more, so the inside of parenthesis kMaxExprDepth is one too many.
  EXPECT_EQ(d.column, kMaxExprDepth + 1);
  EXPECT_NE(d.message.find(std::to_string(kMaxExprDepth)), std::string::npos) << d.message;
}

TEST(ParserDepthTest, TwentyThousandNotsAreRefused) {
  Diagnostic d = CompileError(Repeat("NOT ", 20000) + "ok");
  EXPECT_EQ(d.id, "expr.tooDeep");
  EXPECT_EQ(d.column, 1 + 4 * (kMaxExprDepth - 1));  // the NOT that opens one level too many
}

TEST(ParserDepthTest, SignsCallsCaseAndInListsAreCounted) {
  // ("- " with spaces: "--" starts a comment.)
  EXPECT_EQ(CompileError(Repeat("- ", 20000) + "arr > 0").id, "expr.tooDeep");
  EXPECT_EQ(CompileError(Repeat("+ ", 20000) + "arr > 0").id, "expr.tooDeep");
  EXPECT_EQ(CompileError(Repeat("abs(", 5000) + "arr" + Repeat(")", 5000) + " > 0").id,
            "expr.tooDeep");
  EXPECT_EQ(
      CompileError(Repeat("CASE WHEN ok THEN ", 5000) + "1" + Repeat(" END", 5000) + " > 0").id,
      "expr.tooDeep");
  EXPECT_EQ(CompileError(Repeat("arr IN (", 5000) + "1" + Repeat(")", 5000)).id, "expr.tooDeep");
}

TEST(ParserDepthTest, LongLeftDeepChainsAreRefusedToo) {
  // No recursion in the parser, but a tree 20,000 high for every later walk.
  Diagnostic d = CompileError("arr" + Repeat(" + arr", 20000) + " > 0");
  EXPECT_EQ(d.id, "expr.tooDeep");
  EXPECT_EQ(CompileError("ok" + Repeat(" OR ok", 20000)).id, "expr.tooDeep");
  EXPECT_EQ(CompileError("ok" + Repeat(" AND ok", 20000)).id, "expr.tooDeep");
}

TEST(ParserDepthTest, TheLimitItselfCompilesEvaluatesAndPrints) {
  // kMaxExprDepth - 1 parentheses around a comparison of two leaves: a tree of height 2,
  // nesting kMaxExprDepth levels while parsing.
  std::string nested = Repeat("(", kMaxExprDepth - 1) + "arr > 1" + Repeat(")", kMaxExprDepth - 1);
  auto r = Program::Compile(nested, DepthSchema());
  ASSERT_TRUE(std::holds_alternative<Program>(r));
  // A chain as high as allowed: every walk (checker, planner, printer, evaluator) runs it.
  std::string chain = "arr" + Repeat(" + 1", kMaxExprDepth - 2) + " > 0";
  auto c = Program::Compile(chain, DepthSchema());
  ASSERT_TRUE(std::holds_alternative<Program>(c))
      << RenderAll(std::get<std::vector<Diagnostic>>(c), chain);
  const Program& p = std::get<Program>(c);
  EXPECT_FALSE(p.ToSExpr().empty());
  Column arr(ValueType::kNumber, 1);
  arr.SetNum(0, 5);
  const Column* inputs[] = {&arr};
  Value v = p.EvaluateRow(inputs, 0);
  EXPECT_EQ(v.type(), ValueType::kBool);
}

}  // namespace
}  // namespace tend::rules::expr
