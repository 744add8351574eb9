#include "rules/expr/checker.h"

#include <algorithm>
#include <optional>
#include <string>

#include "common/time.h"
#include "rules/expr/functions/registry.h"

namespace tend::rules::expr {

namespace {

using functions::FunctionDef;
using functions::Special;

std::string TypeName(ValueType t) { return std::string(ValueTypeName(t)); }

bool IsTextLiteral(const Expr& e) {
  return e.kind == ExprKind::kLiteral && e.literal.type() == ValueType::kText;
}

// A type, or nullopt when the subtree has already been reported as wrong.
using Typed = std::optional<ValueType>;

class Checker {
 public:
  explicit Checker(const Schema& schema) : schema_(schema) {}

  std::vector<Diagnostic> Run(Expr& root) {
    Visit(root);
    std::stable_sort(diags_.begin(), diags_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    return std::move(diags_);
  }

 private:
  void Error(const Expr& at, const char* id, std::string message) {
    diags_.push_back(Diagnostic{at.line, at.column, id, std::move(message)});
  }
  void TypeError(const Expr& at, std::string message) {
    Error(at, "expr.typeMismatch", "type error: " + std::move(message));
  }

  // Turns the text literal `e` into a date literal. Returns false (reported) when the text
  // is not a valid YYYY-MM-DD.
  bool CoerceToDate(Expr& e) {
    std::optional<EpochDay> day = ParseDate(e.literal.text());
    if (!day) {
      Error(e, "expr.badDate", "invalid date '" + e.literal.text() + "' (expected YYYY-MM-DD)");
      return false;
    }
    e.literal = Value::Date(*day);
    e.type = ValueType::kDate;
    return true;
  }

  // Makes `a` and `b` comparable: a text literal meeting a date becomes a date. Reports
  // "cannot compare X with Y" at `at`. Returns false when reported.
  bool Comparable(Expr& a, Expr& b, const Expr& at) {
    if (a.type == ValueType::kDate && IsTextLiteral(b)) return CoerceToDate(b);
    if (b.type == ValueType::kDate && IsTextLiteral(a)) return CoerceToDate(a);
    if (a.type == b.type || a.type == ValueType::kNull || b.type == ValueType::kNull) return true;
    TypeError(at, "cannot compare " + TypeName(a.type) + " with " + TypeName(b.type));
    return false;
  }

  // The common type of `items` (NULL unifies with anything, text literals become dates when
  // a date is present). Reports "<what> have incompatible types X and Y" at the first item
  // that does not fit.
  Typed Unify(std::span<Expr* const> items, const std::string& what) {
    bool has_date = std::any_of(items.begin(), items.end(),
                                [](const Expr* e) { return e->type == ValueType::kDate; });
    ValueType common = ValueType::kNull;
    bool ok = true;
    for (Expr* e : items) {
      if (has_date && IsTextLiteral(*e)) {
        if (!CoerceToDate(*e)) {
          ok = false;
          continue;
        }
      }
      if (e->type == ValueType::kNull) continue;
      if (common == ValueType::kNull) {
        common = e->type;
      } else if (e->type != common) {
        TypeError(*e, what + " have incompatible types " + TypeName(common) + " and " +
                          TypeName(e->type));
        return std::nullopt;
      }
    }
    if (!ok) return std::nullopt;
    return common;
  }

  // Reports unless `e` is bool (or NULL).
  bool RequireBool(const Expr& e, const std::string& context) {
    if (e.type == ValueType::kBool || e.type == ValueType::kNull) return true;
    TypeError(e, context + " must be bool, got " + TypeName(e.type));
    return false;
  }

  // Visits every child; returns false when any failed.
  bool VisitChildren(Expr& e) {
    bool ok = true;
    for (auto& arg : e.args) ok &= Visit(*arg).has_value();
    return ok;
  }

  Typed Visit(Expr& e) {
    Typed t = Infer(e);
    if (t) e.type = *t;
    return t;
  }

  Typed Infer(Expr& e) {
    switch (e.kind) {
      case ExprKind::kLiteral:
        return e.literal.type();
      case ExprKind::kName: {
        std::optional<ValueType> t = schema_.TypeOf(e.name);
        if (!t) {
          Error(e, "expr.unknownName", "unknown name '" + e.name + "'");
          return std::nullopt;
        }
        return *t;
      }
      case ExprKind::kUnary:
        return InferUnary(e);
      case ExprKind::kBinary:
        return InferBinary(e);
      case ExprKind::kIsNull:
        if (!VisitChildren(e)) return std::nullopt;
        return ValueType::kBool;
      case ExprKind::kBetween: {
        if (!VisitChildren(e)) return std::nullopt;
        bool ok = Comparable(*e.args[0], *e.args[1], e);
        ok = ok && Comparable(*e.args[0], *e.args[2], e);
        if (!ok) return std::nullopt;
        return ValueType::kBool;
      }
      case ExprKind::kIn: {
        if (!VisitChildren(e)) return std::nullopt;
        bool ok = true;
        for (size_t i = 1; i < e.args.size(); ++i) {
          ok &= Comparable(*e.args[0], *e.args[i], *e.args[i]);
        }
        if (!ok) return std::nullopt;
        return ValueType::kBool;
      }
      case ExprKind::kLike: {
        if (!VisitChildren(e)) return std::nullopt;
        for (const auto& arg : e.args) {
          if (arg->type != ValueType::kText && arg->type != ValueType::kNull) {
            TypeError(*arg, "LIKE needs text operands, got " + TypeName(arg->type));
            return std::nullopt;
          }
        }
        return ValueType::kBool;
      }
      case ExprKind::kCase:
        return InferCase(e);
      case ExprKind::kCall:
        return InferCall(e);
    }
    return std::nullopt;
  }

  Typed InferUnary(Expr& e) {
    if (!VisitChildren(e)) return std::nullopt;
    const Expr& operand = *e.args[0];
    if (e.unary_op == UnaryOp::kNot) {
      if (!RequireBool(operand, "operand of NOT")) return std::nullopt;
      return ValueType::kBool;
    }
    if (operand.type != ValueType::kNumber && operand.type != ValueType::kNull) {
      TypeError(e, "cannot negate " + TypeName(operand.type));
      return std::nullopt;
    }
    return ValueType::kNumber;
  }

  Typed InferBinary(Expr& e) {
    if (!VisitChildren(e)) return std::nullopt;
    Expr& l = *e.args[0];
    Expr& r = *e.args[1];
    const BinaryOp op = e.binary_op;
    if (op == BinaryOp::kAnd || op == BinaryOp::kOr) {
      std::string context = std::string("operand of ") + (op == BinaryOp::kAnd ? "AND" : "OR");
      bool ok = RequireBool(l, context);
      ok &= RequireBool(r, context);
      if (!ok) return std::nullopt;
      return ValueType::kBool;
    }
    if (IsComparison(op)) {
      if (!Comparable(l, r, e)) return std::nullopt;
      return ValueType::kBool;
    }
    if (op == BinaryOp::kConcat) return ValueType::kText;
    // Arithmetic.
    const std::string sym = BinaryOpSymbol(op);
    for (const Expr* side : {&l, &r}) {
      if (side->type == ValueType::kText || side->type == ValueType::kBool) {
        TypeError(e, "cannot apply '" + sym + "' to " + TypeName(side->type));
        return std::nullopt;
      }
    }
    const bool ld = l.type == ValueType::kDate, rd = r.type == ValueType::kDate;
    if (!ld && !rd) return ValueType::kNumber;
    if (op == BinaryOp::kAdd) {
      if (ld && rd) {
        TypeError(e, "cannot add date to date");
        return std::nullopt;
      }
      return ValueType::kDate;
    }
    if (op == BinaryOp::kSub) {
      if (ld && rd) {
        TypeError(e, "cannot subtract date from date, use days_between(a, b)");
        return std::nullopt;
      }
      if (rd) {
        TypeError(e, "cannot subtract date from number");
        return std::nullopt;
      }
      return ValueType::kDate;
    }
    TypeError(e, "cannot apply '" + sym + "' to date");
    return std::nullopt;
  }

  // case_expr: searched form args = {when, then}... [else]; simple form has the operand first.
  Typed InferCase(Expr& e) {
    if (!VisitChildren(e)) return std::nullopt;
    size_t i = e.has_operand ? 1 : 0;
    size_t end = e.args.size() - (e.has_else ? 1 : 0);
    bool ok = true;
    std::vector<Expr*> results;
    for (; i < end; i += 2) {
      Expr& when = *e.args[i];
      if (e.has_operand) {
        ok &= Comparable(*e.args[0], when, when);
      } else {
        ok &= RequireBool(when, "WHEN condition");
      }
      results.push_back(e.args[i + 1].get());
    }
    if (e.has_else) results.push_back(e.args.back().get());
    if (!ok) return std::nullopt;
    return Unify(results, "CASE branches");
  }

  Typed InferCall(Expr& e) {
    const FunctionDef* f = functions::FindFunction(e.name);
    bool children_ok = VisitChildren(e);
    if (!f) {
      Error(e, "expr.unknownFunction", "unknown function '" + e.name + "'");
      return std::nullopt;
    }
    const int argc = static_cast<int>(e.args.size());
    if (argc < f->min_args || (f->max_args >= 0 && argc > f->max_args)) {
      std::string expects;
      if (f->max_args < 0) {
        expects = "at least " + std::to_string(f->min_args);
      } else if (f->min_args == f->max_args) {
        expects = std::to_string(f->min_args);
      } else {
        expects = std::to_string(f->min_args) + " to " + std::to_string(f->max_args);
      }
      bool plural = !(f->min_args == 1 && (f->max_args == 1 || f->max_args < 0));
      Error(e, "expr.arity",
            std::string(f->name) + " expects " + expects + (plural ? " arguments" : " argument") +
                ", got " + std::to_string(argc));
      return std::nullopt;
    }
    if (!children_ok) return std::nullopt;
    std::vector<Expr*> args;
    for (auto& a : e.args) args.push_back(a.get());
    const std::string what = "arguments of " + std::string(f->name);
    switch (f->special) {
      case Special::kCoalesce:
      case Special::kLeast:
      case Special::kGreatest:
        return Unify(args, what);
      case Special::kNullIf: {
        if (!Comparable(*args[0], *args[1], *args[1])) return std::nullopt;
        return args[0]->type != ValueType::kNull ? args[0]->type : args[1]->type;
      }
      case Special::kIf: {
        if (!RequireBool(*args[0], "condition of if")) return std::nullopt;
        return Unify(std::span<Expr* const>(args).subspan(1), "branches of if");
      }
      case Special::kNone:
        break;
    }
    bool ok = true;
    for (int i = 0; i < argc; ++i) {
      Expr& a = *args[i];
      ValueType want = f->params[std::min(i, 2)];
      if (want == ValueType::kDate && IsTextLiteral(a)) {
        ok &= CoerceToDate(a);
        continue;
      }
      if (a.type != want && a.type != ValueType::kNull) {
        TypeError(a, "argument " + std::to_string(i + 1) + " of " + std::string(f->name) +
                         " must be " + TypeName(want) + ", got " + TypeName(a.type));
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return f->result;
  }

  const Schema& schema_;
  std::vector<Diagnostic> diags_;
};

}  // namespace

std::vector<Diagnostic> Check(Expr& root, const Schema& schema) {
  return Checker(schema).Run(root);
}

}  // namespace tend::rules::expr
