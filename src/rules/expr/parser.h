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

// Parses one expression covering the whole of `source`. On failure returns the first
// lexical or syntax error (channel: diagnostics; id "expr.syntax", or "expr.badDate" for a
// DATE literal that is not a valid YYYY-MM-DD). The returned tree is unchecked: every
// node's `type` is still kNull.
std::variant<std::unique_ptr<Expr>, Diagnostic> Parse(std::string_view source);

}  // namespace tend::rules::expr

#endif  // TEND_RULES_EXPR_PARSER_H_
