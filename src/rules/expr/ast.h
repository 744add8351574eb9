// The abstract syntax tree built by the Parser, annotated in place by the Checker (each
// node's static `type`; text literals compared with dates become date literals) and lowered
// to a flat plan by Program. Nodes own their children.
#ifndef TEND_RULES_EXPR_AST_H_
#define TEND_RULES_EXPR_AST_H_

#include <memory>
#include <string>
#include <vector>

#include "common/column.h"
#include "rules/expr/value.h"

namespace tend::rules::expr {

enum class ExprKind {
  kLiteral,  // literal
  kName,     // name
  kUnary,    // unary_op, args = {operand}
  kBinary,   // binary_op, args = {left, right}
  kIsNull,   // args = {operand}; negated: IS NOT NULL
  kBetween,  // args = {operand, low, high}; negated: NOT BETWEEN
  kIn,       // args = {operand, item...}; negated: NOT IN
  kLike,     // args = {operand, pattern}; negated: NOT LIKE
  kCase,     // args = {[operand,] when, then, {when, then}, [else]}; see has_operand/has_else
  kCall,     // name = lower-cased function name, args = arguments
};

enum class UnaryOp { kNeg, kNot };

enum class BinaryOp {
  kOr,
  kAnd,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kConcat,
};

// "or", "and", "=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "||".
const char* BinaryOpSymbol(BinaryOp op);
bool IsComparison(BinaryOp op);

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  int line = 1;    // position reported in diagnostics: the operator for unary/binary/
  int column = 1;  // postfix forms, the first token otherwise

  Value literal;     // kLiteral
  std::string name;  // kName (canonical, lower-cased) or kCall (function name)
  UnaryOp unary_op = UnaryOp::kNeg;
  BinaryOp binary_op = BinaryOp::kAnd;
  bool negated = false;      // kIsNull, kBetween, kIn, kLike
  bool has_operand = false;  // kCase: `CASE x WHEN ...`
  bool has_else = false;     // kCase
  std::vector<std::unique_ptr<Expr>> args;
  int height = 1;  // nodes on the longest path down to a leaf; the parser keeps it bounded

  ValueType type = ValueType::kNull;  // set by the Checker
};

// The tree as an S-expression, e.g. `(and (> arr 5000) (in seg 'smb' 'mid'))`. Literals print
// as `12`, `'it''s'`, `true`, `null`, `(date '2026-01-31')`; names that are not plain
// identifiers print double-quoted.
std::string ToSExpr(const Expr& e);

}  // namespace tend::rules::expr

#endif  // TEND_RULES_EXPR_AST_H_
