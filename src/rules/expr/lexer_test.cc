#include "rules/expr/lexer.h"

#include <gtest/gtest.h>

#include "testutil/testutil.h"

namespace tend::rules::expr {
namespace {

std::vector<TokenKind> Kinds(std::string_view src) {
  LexResult r = Lex(src);
  EXPECT_FALSE(r.error.has_value()) << r.error->message;
  std::vector<TokenKind> kinds;
  for (const Token& t : r.tokens) kinds.push_back(t.kind);
  return kinds;
}

TEST(ExprLexerTest, OperatorsAndKeywords) {
  EXPECT_EQ(Kinds("a<=b<>c!=d==e||f"),
            (std::vector<TokenKind>{TokenKind::kIdent, TokenKind::kLe, TokenKind::kIdent,
                                    TokenKind::kNe, TokenKind::kIdent, TokenKind::kNe,
                                    TokenKind::kIdent, TokenKind::kEq, TokenKind::kIdent,
                                    TokenKind::kConcat, TokenKind::kIdent, TokenKind::kEnd}));
  EXPECT_EQ(Kinds("Not nULL End"), (std::vector<TokenKind>{TokenKind::kNot, TokenKind::kNull,
                                                           TokenKind::kEndKw, TokenKind::kEnd}));
}

TEST(ExprLexerTest, DottedNamesAreOneLowerCasedToken) {
  LexResult r = Lex("Health.Overall");
  ASSERT_EQ(r.tokens.size(), 2u);
  EXPECT_EQ(r.tokens[0].kind, TokenKind::kIdent);
  EXPECT_EQ(r.tokens[0].text, "health.overall");
}

TEST(ExprLexerTest, PositionsCountLinesAndColumns) {
  LexResult r = Lex("a AND\n  'x''y'");
  ASSERT_EQ(r.tokens.size(), 4u);
  EXPECT_EQ(r.tokens[2].line, 2);
  EXPECT_EQ(r.tokens[2].column, 3);
  EXPECT_EQ(r.tokens[2].text, "x'y");
  EXPECT_EQ(r.tokens[2].length, 6);
}

TEST(ExprLexerTest, NumbersParse) {
  LexResult r = Lex("1e3 .5 2.");
  ASSERT_EQ(r.tokens.size(), 4u);
  EXPECT_EQ(r.tokens[0].number, 1000);
  EXPECT_EQ(r.tokens[1].number, 0.5);
  EXPECT_EQ(r.tokens[2].number, 2);
}

TEST(ExprLexerTest, ErrorsCarryPositions) {
  LexResult r = Lex("a = \x01");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->id, "expr.syntax");
  EXPECT_EQ(r.error->column, 5);
  EXPECT_EQ(r.error->message, "syntax error: unexpected character byte 0x01");
}

}  // namespace
}  // namespace tend::rules::expr
