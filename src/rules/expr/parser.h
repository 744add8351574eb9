// Parser: a hand-written recursive-descent parser from source text to an AST.
//
// Each parse function in parser.cc is headed by the production it implements; the whole
// grammar is in docs/rules-language.md. Precedence, loosest first:
//   OR < AND < NOT < comparison / IS / BETWEEN / IN / LIKE < + - || < * / % < unary - < primary
#ifndef TEND_RULES_EXPR_PARSER_H_
#define TEND_RULES_EXPR_PARSER_H_

#include <memory>
#include <string_view>
#include <variant>

#include "rules/expr/ast.h"
#include "rules/expr/diagnostic.h"

namespace tend::rules::expr {

// The highest tree Parse returns, and the deepest it nests while parsing (parentheses,
// NOT, signs, argument lists, CASE). Every recursive walk over a tree (the checker, the
// planner, the printer, the destructor) relies on this bound instead of guarding itself:
// Parse is the only way a tree is built.
inline constexpr int kMaxExprDepth = 256;

// Parses one expression covering the whole of `source`. On failure returns the first
// lexical or syntax error (channel: diagnostics; id "expr.syntax", "expr.badDate" for a
// DATE literal that is not a valid YYYY-MM-DD, or "expr.tooDeep" at the token where the
// expression nests deeper than kMaxExprDepth). The returned tree is unchecked: every
// node's `type` is still kNull.
std::variant<std::unique_ptr<Expr>, Diagnostic> Parse(std::string_view source);

}  // namespace tend::rules::expr

#endif  // TEND_RULES_EXPR_PARSER_H_
