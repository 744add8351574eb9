// Diagnostic: a lexing, parsing or type error with its position in the expression source.
//
// This is the first of the language's three error channels (STYLE 3.3 item 6): everything
// wrong with an expression's text is reported as Diagnostics before anything runs.
// Positions are 1-based; columns count bytes.
#ifndef TEND_RULES_EXPR_DIAGNOSTIC_H_
#define TEND_RULES_EXPR_DIAGNOSTIC_H_

#include <string>
#include <string_view>
#include <vector>

namespace tend::rules::expr {

struct Diagnostic {
  int line = 1;    // 1-based within the source
  int column = 1;  // 1-based byte column within that line
  std::string id;  // "expr.syntax", "expr.unknownName", "expr.typeMismatch", ...
  std::string message;

  // "line:col: message", then the source line, then a caret under the column:
  //
  //   1:5: type error: cannot compare text with number
  //   seg > 5
  //       ^
  //
  // Tabs before the caret are copied from the source line so the caret stays aligned.
  // `source` is the expression the positions refer to (not a shifted file).
  std::string Render(std::string_view source) const;

  // The same diagnostic with its position translated to a file in which the expression's
  // first character sits at (start_line, start_col). On the expression's first line the
  // columns add (column = start_col + column - 1). Later lines keep their line offset
  // (line = start_line + line - 1) and get `continuation_indent` added to the column: pass
  // the number of characters stripped from the start of each continuation line (for a YAML
  // block scalar, its indentation); pass 0 when lines are embedded verbatim.
  Diagnostic Shifted(int start_line, int start_col, int continuation_indent = 0) const;

  bool operator==(const Diagnostic&) const = default;
};

// Renders every diagnostic, one after the other, separated by newlines.
std::string RenderAll(const std::vector<Diagnostic>& diagnostics, std::string_view source);

}  // namespace tend::rules::expr

#endif  // TEND_RULES_EXPR_DIAGNOSTIC_H_
