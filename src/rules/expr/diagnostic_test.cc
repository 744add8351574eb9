#include "rules/expr/diagnostic.h"

#include <gtest/gtest.h>

#include "rules/expr/program.h"
#include "testutil/testutil.h"

namespace tend::rules::expr {
namespace {

TEST(ExprDiagnosticTest, RenderPutsCaretUnderColumn) {
  Diagnostic d{2, 3, "expr.unknownName", "unknown name 'x'"};
  EXPECT_EQ(d.Render("a AND\n  x"), "2:3: unknown name 'x'\n  x\n  ^");
}

TEST(ExprDiagnosticTest, RenderKeepsTabsAligned) {
  Diagnostic d{1, 3, "expr.syntax", "m"};
  EXPECT_EQ(d.Render("\t\tx"), "1:3: m\n\t\tx\n\t\t^");
}

TEST(ExprDiagnosticTest, RenderOfEmptySource) {
  auto r = Program::Compile("", MapSchema());
  auto* diags = std::get_if<std::vector<Diagnostic>>(&r);
  ASSERT_NE(diags, nullptr);
  ASSERT_EQ(diags->size(), 1u);
  EXPECT_EQ((*diags)[0].Render(""),
            "1:1: syntax error: unexpected end of input, expected an expression\n\n^");
}

TEST(ExprDiagnosticTest, ShiftedAddsColumnsOnTheFirstLine) {
  // condition: "arr > 'x'" at line 12, column 16 of a YAML file.
  Diagnostic d{1, 5, "expr.typeMismatch", "m"};
  Diagnostic s = d.Shifted(12, 16);
  EXPECT_EQ(s.line, 12);
  EXPECT_EQ(s.column, 20);
}

TEST(ExprDiagnosticTest, ShiftedKeepsColumnsOnLaterLinesPlusIndent) {
  Diagnostic d{3, 2, "expr.unknownName", "m"};
  EXPECT_EQ(d.Shifted(12, 16).line, 14);
  EXPECT_EQ(d.Shifted(12, 16).column, 2);
  EXPECT_EQ(d.Shifted(12, 16, 4).column, 6);  // a YAML block scalar indented by 4
}

TEST(ExprDiagnosticTest, RenderAllSeparatesWithNewlines) {
  std::vector<Diagnostic> ds{{1, 1, "a", "first"}, {1, 3, "b", "second"}};
  EXPECT_EQ(RenderAll(ds, "x y"), "1:1: first\nx y\n^\n1:3: second\nx y\n  ^");
}

}  // namespace
}  // namespace tend::rules::expr
