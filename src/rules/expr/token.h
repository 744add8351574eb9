// Token: one lexical unit of the expression language, produced by the Lexer and consumed by
// the Parser. Tokens carry their 1-based line/column and byte offset in the source so that
// every later diagnostic can point at them.
#ifndef TEND_RULES_EXPR_TOKEN_H_
#define TEND_RULES_EXPR_TOKEN_H_

#include <string>
#include <string_view>

namespace tend::rules::expr {

enum class TokenKind {
  kEnd,          // end of input
  kNumber,       // 12  0.5  1e3  .5
  kString,       // 'it''s'  (text holds the unescaped value)
  kIdent,        // health.overall (text holds the lower-cased canonical name)
  kQuotedIdent,  // "Net Score"    (text holds the lower-cased unescaped name)
  kLParen,
  kRParen,
  kComma,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kConcat,  // ||
  kEq,      // = or ==
  kNe,      // != or <>
  kLt,
  kLe,
  kGt,
  kGe,
  // Reserved keywords (case-insensitive). DATE and IF are not reserved: DATE is a literal
  // prefix only when a text literal follows, IF is an ordinary function name.
  kAnd,
  kOr,
  kNot,
  kIs,
  kNull,
  kTrue,
  kFalse,
  kBetween,
  kIn,
  kLike,
  kCase,
  kWhen,
  kThen,
  kElse,
  kEndKw,  // END
};

// A short description used in syntax errors: "')'", "AND", "end of input", ...
std::string_view TokenKindName(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;   // unescaped literal / canonical name; empty for operators
  double number = 0;  // kNumber only
  int offset = 0;     // byte offset of the first character
  int length = 0;     // bytes of source covered
  int line = 1;       // 1-based
  int column = 1;     // 1-based, in bytes
};

}  // namespace tend::rules::expr

#endif  // TEND_RULES_EXPR_TOKEN_H_
