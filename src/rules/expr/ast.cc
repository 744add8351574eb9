#include "rules/expr/ast.h"

namespace tend::rules::expr {

const char* BinaryOpSymbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return "or";
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kEq:
      return "=";
    case BinaryOp::kNe:
      return "<>";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGe:
      return ">=";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kMod:
      return "%";
    case BinaryOp::kConcat:
      return "||";
  }
  return "?";
}

bool IsComparison(BinaryOp op) { return op >= BinaryOp::kEq && op <= BinaryOp::kGe; }

namespace {

std::string Quote(const std::string& s, char q) {
  std::string out(1, q);
  for (char c : s) {
    out += c;
    if (c == q) out += q;
  }
  out += q;
  return out;
}

bool IsPlainName(const std::string& s) {
  if (s.empty()) return false;
  bool at_start = true;
  for (char c : s) {
    bool alpha = (c >= 'a' && c <= 'z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (c == '.') {
      if (at_start) return false;
      at_start = true;
      continue;
    }
    if (at_start ? !alpha : !(alpha || digit)) return false;
    at_start = false;
  }
  return !at_start;
}

void Print(const Expr& e, std::string& out) {
  auto list = [&](const char* head, size_t from) {
    out += '(';
    out += head;
    for (size_t i = from; i < e.args.size(); ++i) {
      out += ' ';
      Print(*e.args[i], out);
    }
    out += ')';
  };
  switch (e.kind) {
    case ExprKind::kLiteral:
      switch (e.literal.type()) {
        case ValueType::kNull:
          out += "null";
          break;
        case ValueType::kBool:
          out += e.literal.bool_value() ? "true" : "false";
          break;
        case ValueType::kNumber:
          out += FormatNumber(e.literal.number());
          break;
        case ValueType::kText:
          out += Quote(e.literal.text(), '\'');
          break;
        case ValueType::kDate:
          out += "(date '" + FormatDate(e.literal.date()) + "')";
          break;
      }
      return;
    case ExprKind::kName:
      out += IsPlainName(e.name) ? e.name : Quote(e.name, '"');
      return;
    case ExprKind::kUnary:
      return list(e.unary_op == UnaryOp::kNeg ? "neg" : "not", 0);
    case ExprKind::kBinary:
      return list(BinaryOpSymbol(e.binary_op), 0);
    case ExprKind::kIsNull:
      return list(e.negated ? "is-not-null" : "is-null", 0);
    case ExprKind::kBetween:
      return list(e.negated ? "not-between" : "between", 0);
    case ExprKind::kIn:
      return list(e.negated ? "not-in" : "in", 0);
    case ExprKind::kLike:
      return list(e.negated ? "not-like" : "like", 0);
    case ExprKind::kCall:
      return list(e.name.c_str(), 0);
    case ExprKind::kCase: {
      size_t i = 0;
      out += e.has_operand ? "(case-of" : "(case";
      if (e.has_operand) {
        out += ' ';
        Print(*e.args[i++], out);
      }
      size_t end = e.args.size() - (e.has_else ? 1 : 0);
      for (; i < end; i += 2) {
        out += " (when ";
        Print(*e.args[i], out);
        out += ' ';
        Print(*e.args[i + 1], out);
        out += ')';
      }
      if (e.has_else) {
        out += " (else ";
        Print(*e.args.back(), out);
        out += ')';
      }
      out += ')';
      return;
    }
  }
}

}  // namespace

std::string ToSExpr(const Expr& e) {
  std::string out;
  Print(e, out);
  return out;
}

}  // namespace tend::rules::expr
