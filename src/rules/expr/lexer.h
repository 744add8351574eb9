// Lexer: turns expression source text into Tokens.
//
// Lexical grammar (see docs/rules-language.md for the full EBNF):
//   number     ::= digit+ [ '.' digit* ] [ exponent ] | '.' digit+ [ exponent ]
//   text       ::= "'" { any-but-quote | "''" } "'"
//   identifier ::= part { '.' part }   part ::= [A-Za-z_][A-Za-z0-9_]*
//   quoted     ::= '"' { any-but-dquote | '""' } '"'
//   comment    ::= '--' to the end of the line (skipped, like whitespace)
// Keywords and identifiers are case-insensitive; identifiers are lower-cased.
#ifndef TEND_RULES_EXPR_LEXER_H_
#define TEND_RULES_EXPR_LEXER_H_

#include <optional>
#include <string_view>
#include <vector>

#include "rules/expr/diagnostic.h"
#include "rules/expr/token.h"

namespace tend::rules::expr {

struct LexResult {
  std::vector<Token> tokens;        // always ends with a kEnd token when error is empty
  std::optional<Diagnostic> error;  // the first lexical error ("expr.syntax"); lexing stops there
};

// Splits `source` into tokens. Failures are reported in LexResult::error (channel:
// diagnostics); lexing never fails otherwise.
LexResult Lex(std::string_view source);

}  // namespace tend::rules::expr

#endif  // TEND_RULES_EXPR_LEXER_H_
