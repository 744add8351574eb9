#include "rules/expr/parser.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/time.h"
#include "rules/expr/lexer.h"

namespace tend::rules::expr {

namespace {

using ExprPtr = std::unique_ptr<Expr>;

// Carries the first syntax error out of the recursion; every parse function returns
// nullptr after calling Fail and its callers return immediately.
class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  // input ::= expr <end of input>
  ExprPtr ParseInput() {
    ExprPtr e = ParseExpr();
    if (!e) return nullptr;
    if (Cur().kind != TokenKind::kEnd) {
      return Fail(Cur(), "unexpected " + Describe(Cur()) + " after the end of the expression");
    }
    return e;
  }

  Diagnostic TakeError() { return std::move(*error_); }

 private:
  const Token& Cur() const { return tokens_[pos_]; }
  const Token& PeekAt(size_t ahead) const {
    size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  bool Is(TokenKind k) const { return Cur().kind == k; }
  const Token& Next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool Accept(TokenKind k) {
    if (!Is(k)) return false;
    Next();
    return true;
  }

  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case TokenKind::kNumber:
        return "number " + t.text;
      case TokenKind::kString:
        return "text literal";
      case TokenKind::kIdent:
        return "name '" + t.text + "'";
      case TokenKind::kQuotedIdent:
        return "name \"" + t.text + "\"";
      default:
        return std::string(TokenKindName(t.kind));
    }
  }

  ExprPtr Fail(const Token& at, std::string message, const char* id = "expr.syntax") {
    if (!error_) {
      error_ =
          Diagnostic{at.line, at.column, id,
                     std::string(id == std::string_view("expr.syntax") ? "syntax error: " : "") +
                         std::move(message)};
    }
    return nullptr;
  }

  bool Expect(TokenKind k, const char* context) {
    if (Accept(k)) return true;
    Fail(Cur(), "expected " + std::string(TokenKindName(k)) + " " + context + " but found " +
                    Describe(Cur()));
    return false;
  }

  static ExprPtr Node(ExprKind kind, const Token& at) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->line = at.line;
    e->column = at.column;
    return e;
  }

  // Gives `e` its children, sets its height and refuses a tree higher than kMaxExprDepth
  // (reported at `at`). Every node with children is finished here, so no tree Parse returns
  // is higher than the limit, whether it grew by nesting or by a long left-deep chain.
  ExprPtr Finish(ExprPtr e, const Token& at) {
    int height = 0;
    for (const ExprPtr& arg : e->args) height = std::max(height, arg->height);
    e->height = height + 1;
    if (e->height > kMaxExprDepth) return TooDeep(at);
    return e;
  }

  ExprPtr TooDeep(const Token& at) {
    return Fail(at,
                "expression nests more than " + std::to_string(kMaxExprDepth) +
                    " levels deep here; split it into named metrics or simpler conditions",
                "expr.tooDeep");
  }

  // Counts the nesting levels open on the stack (each parenthesis, argument, IN item and
  // CASE part enters ParseExpr; each NOT and sign recurses once), so that `((((...))))` or
  // `NOT NOT NOT ...` stops at the limit instead of at the end of the stack.
  class DepthGuard {
   public:
    explicit DepthGuard(Parser& p) : p_(p) { ++p_.depth_; }
    ~DepthGuard() { --p_.depth_; }
    bool Exceeded() const { return p_.depth_ > kMaxExprDepth; }

   private:
    Parser& p_;
  };

  ExprPtr Binary(BinaryOp op, const Token& at, ExprPtr l, ExprPtr r) {
    ExprPtr e = Node(ExprKind::kBinary, at);
    e->binary_op = op;
    e->args.push_back(std::move(l));
    e->args.push_back(std::move(r));
    return Finish(std::move(e), at);
  }

  // expr ::= or_expr
  // or_expr ::= and_expr { OR and_expr }
  ExprPtr ParseExpr() {
    DepthGuard guard(*this);
    if (guard.Exceeded()) return TooDeep(Cur());
    ExprPtr left = ParseAnd();
    while (left && Is(TokenKind::kOr)) {
      Token op = Next();
      ExprPtr right = ParseAnd();
      if (!right) return nullptr;
      left = Binary(BinaryOp::kOr, op, std::move(left), std::move(right));
    }
    return left;
  }

  // and_expr ::= not_expr { AND not_expr }
  ExprPtr ParseAnd() {
    ExprPtr left = ParseNot();
    while (left && Is(TokenKind::kAnd)) {
      Token op = Next();
      ExprPtr right = ParseNot();
      if (!right) return nullptr;
      left = Binary(BinaryOp::kAnd, op, std::move(left), std::move(right));
    }
    return left;
  }

  // not_expr ::= NOT not_expr | predicate
  ExprPtr ParseNot() {
    if (!Is(TokenKind::kNot)) return ParsePredicate();
    DepthGuard guard(*this);
    if (guard.Exceeded()) return TooDeep(Cur());
    Token op = Next();
    ExprPtr operand = ParseNot();
    if (!operand) return nullptr;
    ExprPtr e = Node(ExprKind::kUnary, op);
    e->unary_op = UnaryOp::kNot;
    e->args.push_back(std::move(operand));
    return Finish(std::move(e), op);
  }

  static std::optional<BinaryOp> ComparisonOp(TokenKind k) {
    switch (k) {
      case TokenKind::kEq:
        return BinaryOp::kEq;
      case TokenKind::kNe:
        return BinaryOp::kNe;
      case TokenKind::kLt:
        return BinaryOp::kLt;
      case TokenKind::kLe:
        return BinaryOp::kLe;
      case TokenKind::kGt:
        return BinaryOp::kGt;
      case TokenKind::kGe:
        return BinaryOp::kGe;
      default:
        return std::nullopt;
    }
  }

  // predicate ::= additive [ comp_op additive
  //                        | IS [NOT] NULL
  //                        | [NOT] BETWEEN additive AND additive
  //                        | [NOT] IN '(' expr { ',' expr } ')'
  //                        | [NOT] LIKE additive ]
  // comp_op   ::= '=' | '==' | '!=' | '<>' | '<' | '<=' | '>' | '>='
  // Comparisons do not chain: `a < b < c` is a syntax error.
  ExprPtr ParsePredicate() {
    ExprPtr left = ParseAdditive();
    if (!left) return nullptr;
    if (auto op = ComparisonOp(Cur().kind)) {
      Token at = Next();
      ExprPtr right = ParseAdditive();
      if (!right) return nullptr;
      if (ComparisonOp(Cur().kind)) {
        return Fail(Cur(), "comparisons do not chain, combine them with AND");
      }
      return Binary(*op, at, std::move(left), std::move(right));
    }
    if (Is(TokenKind::kIs)) {
      Token at = Next();
      bool negated = Accept(TokenKind::kNot);
      if (!Expect(TokenKind::kNull, negated ? "after IS NOT" : "after IS")) return nullptr;
      ExprPtr e = Node(ExprKind::kIsNull, at);
      e->negated = negated;
      e->args.push_back(std::move(left));
      return Finish(std::move(e), at);
    }
    bool negated = false;
    Token at = Cur();
    if (Is(TokenKind::kNot)) {
      TokenKind k = PeekAt(1).kind;
      if (k != TokenKind::kBetween && k != TokenKind::kIn && k != TokenKind::kLike) {
        return Fail(PeekAt(1),
                    "expected BETWEEN, IN or LIKE after NOT but found " + Describe(PeekAt(1)));
      }
      Next();
      negated = true;
    }
    switch (Cur().kind) {
      case TokenKind::kBetween:
        return ParseBetween(std::move(left), at, negated);
      case TokenKind::kIn:
        return ParseIn(std::move(left), at, negated);
      case TokenKind::kLike: {
        Next();
        ExprPtr pattern = ParseAdditive();
        if (!pattern) return nullptr;
        ExprPtr e = Node(ExprKind::kLike, at);
        e->negated = negated;
        e->args.push_back(std::move(left));
        e->args.push_back(std::move(pattern));
        return Finish(std::move(e), at);
      }
      default:
        return left;
    }
  }

  // between_tail ::= BETWEEN additive AND additive
  ExprPtr ParseBetween(ExprPtr operand, const Token& at, bool negated) {
    Next();  // BETWEEN
    ExprPtr low = ParseAdditive();
    if (!low) return nullptr;
    if (!Expect(TokenKind::kAnd, "in BETWEEN")) return nullptr;
    ExprPtr high = ParseAdditive();
    if (!high) return nullptr;
    ExprPtr e = Node(ExprKind::kBetween, at);
    e->negated = negated;
    e->args.push_back(std::move(operand));
    e->args.push_back(std::move(low));
    e->args.push_back(std::move(high));
    return Finish(std::move(e), at);
  }

  // in_tail ::= IN '(' expr { ',' expr } ')'
  ExprPtr ParseIn(ExprPtr operand, const Token& at, bool negated) {
    Next();  // IN
    if (!Expect(TokenKind::kLParen, "after IN")) return nullptr;
    ExprPtr e = Node(ExprKind::kIn, at);
    e->negated = negated;
    e->args.push_back(std::move(operand));
    do {
      ExprPtr item = ParseExpr();
      if (!item) return nullptr;
      e->args.push_back(std::move(item));
    } while (Accept(TokenKind::kComma));
    if (!Expect(TokenKind::kRParen, "to close the IN list")) return nullptr;
    return Finish(std::move(e), at);
  }

  // additive ::= multiplicative { ( '+' | '-' | '||' ) multiplicative }
  ExprPtr ParseAdditive() {
    ExprPtr left = ParseMultiplicative();
    while (left) {
      BinaryOp op;
      if (Is(TokenKind::kPlus)) {
        op = BinaryOp::kAdd;
      } else if (Is(TokenKind::kMinus)) {
        op = BinaryOp::kSub;
      } else if (Is(TokenKind::kConcat)) {
        op = BinaryOp::kConcat;
      } else {
        break;
      }
      Token at = Next();
      ExprPtr right = ParseMultiplicative();
      if (!right) return nullptr;
      left = Binary(op, at, std::move(left), std::move(right));
    }
    return left;
  }

  // multiplicative ::= unary { ( '*' | '/' | '%' ) unary }
  ExprPtr ParseMultiplicative() {
    ExprPtr left = ParseUnary();
    while (left) {
      BinaryOp op;
      if (Is(TokenKind::kStar)) {
        op = BinaryOp::kMul;
      } else if (Is(TokenKind::kSlash)) {
        op = BinaryOp::kDiv;
      } else if (Is(TokenKind::kPercent)) {
        op = BinaryOp::kMod;
      } else {
        break;
      }
      Token at = Next();
      ExprPtr right = ParseUnary();
      if (!right) return nullptr;
      left = Binary(op, at, std::move(left), std::move(right));
    }
    return left;
  }

  // unary ::= ( '-' | '+' ) unary | primary
  // A minus directly before a number literal folds into the literal: `-5` is the number -5.
  ExprPtr ParseUnary() {
    if (!Is(TokenKind::kPlus) && !Is(TokenKind::kMinus)) return ParsePrimary();
    DepthGuard guard(*this);
    if (guard.Exceeded()) return TooDeep(Cur());
    if (Is(TokenKind::kPlus)) {
      Next();
      return ParseUnary();
    }
    if (!Is(TokenKind::kMinus)) return ParsePrimary();
    Token at = Next();
    ExprPtr operand = ParseUnary();
    if (!operand) return nullptr;
    if (operand->kind == ExprKind::kLiteral && operand->literal.type() == ValueType::kNumber) {
      operand->literal = Value::Number(-operand->literal.number());
      operand->line = at.line;
      operand->column = at.column;
      return operand;
    }
    ExprPtr e = Node(ExprKind::kUnary, at);
    e->unary_op = UnaryOp::kNeg;
    e->args.push_back(std::move(operand));
    return Finish(std::move(e), at);
  }

  // primary ::= NUMBER | TEXT | TRUE | FALSE | NULL | DATE TEXT
  //           | name | call | case_expr | '(' expr ')'
  // name    ::= identifier | quoted_identifier
  ExprPtr ParsePrimary() {
    const Token& t = Cur();
    switch (t.kind) {
      case TokenKind::kNumber:
        return Literal(Value::Number(t.number));
      case TokenKind::kString:
        return Literal(Value::Text(t.text));
      case TokenKind::kTrue:
        return Literal(Value::Bool(true));
      case TokenKind::kFalse:
        return Literal(Value::Bool(false));
      case TokenKind::kNull:
        return Literal(Value::Null());
      case TokenKind::kCase:
        return ParseCase();
      case TokenKind::kLParen: {
        Next();
        ExprPtr inner = ParseExpr();
        if (!inner) return nullptr;
        if (!Expect(TokenKind::kRParen, "to close '('")) return nullptr;
        return inner;
      }
      case TokenKind::kIdent:
        if (t.text == "date" && PeekAt(1).kind == TokenKind::kString) return ParseDateLiteral();
        if (PeekAt(1).kind == TokenKind::kLParen) return ParseCall();
        [[fallthrough]];
      case TokenKind::kQuotedIdent: {
        ExprPtr e = Node(ExprKind::kName, t);
        e->name = t.text;
        Next();
        return e;
      }
      case TokenKind::kEnd:
        return Fail(t, "unexpected end of input, expected an expression");
      default:
        return Fail(t, "unexpected " + Describe(t) + ", expected an expression");
    }
  }

  ExprPtr Literal(Value v) {
    ExprPtr e = Node(ExprKind::kLiteral, Cur());
    e->literal = std::move(v);
    Next();
    return e;
  }

  // date_literal ::= DATE TEXT      (the text must be YYYY-MM-DD)
  ExprPtr ParseDateLiteral() {
    Token at = Next();  // DATE
    const Token& text = Next();
    std::optional<EpochDay> day = ParseDate(text.text);
    if (!day) {
      return Fail(text, "invalid date '" + text.text + "' (expected YYYY-MM-DD)", "expr.badDate");
    }
    ExprPtr e = Node(ExprKind::kLiteral, at);
    e->literal = Value::Date(*day);
    return e;
  }

  // call ::= identifier '(' [ expr { ',' expr } ] ')'
  ExprPtr ParseCall() {
    Token at = Cur();
    ExprPtr e = Node(ExprKind::kCall, at);
    e->name = Next().text;
    Next();  // '('
    if (!Accept(TokenKind::kRParen)) {
      do {
        ExprPtr arg = ParseExpr();
        if (!arg) return nullptr;
        e->args.push_back(std::move(arg));
      } while (Accept(TokenKind::kComma));
      if (!Expect(TokenKind::kRParen, "to close the argument list")) return nullptr;
    }
    return Finish(std::move(e), at);
  }

  // case_expr ::= CASE [ expr ] when_clause { when_clause } [ ELSE expr ] END
  // when_clause ::= WHEN expr THEN expr
  ExprPtr ParseCase() {
    Token at = Next();
    ExprPtr e = Node(ExprKind::kCase, at);
    if (!Is(TokenKind::kWhen)) {
      ExprPtr operand = ParseExpr();
      if (!operand) return nullptr;
      e->has_operand = true;
      e->args.push_back(std::move(operand));
    }
    if (!Is(TokenKind::kWhen))
      return Fail(Cur(), "expected WHEN in CASE but found " + Describe(Cur()));
    while (Accept(TokenKind::kWhen)) {
      ExprPtr when = ParseExpr();
      if (!when) return nullptr;
      if (!Expect(TokenKind::kThen, "after WHEN condition")) return nullptr;
      ExprPtr then = ParseExpr();
      if (!then) return nullptr;
      e->args.push_back(std::move(when));
      e->args.push_back(std::move(then));
    }
    if (Accept(TokenKind::kElse)) {
      ExprPtr otherwise = ParseExpr();
      if (!otherwise) return nullptr;
      e->has_else = true;
      e->args.push_back(std::move(otherwise));
    }
    if (!Expect(TokenKind::kEndKw, "to close CASE")) return nullptr;
    return Finish(std::move(e), at);
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;  // nesting levels open on the stack (see DepthGuard)
  std::optional<Diagnostic> error_;
};

}  // namespace

std::variant<std::unique_ptr<Expr>, Diagnostic> Parse(std::string_view source) {
  LexResult lexed = Lex(source);
  if (lexed.error) return std::move(*lexed.error);
  Parser parser(std::move(lexed.tokens));
  ExprPtr e = parser.ParseInput();
  if (!e) return parser.TakeError();
  return e;
}

}  // namespace tend::rules::expr
