// Program: a compiled (parsed, type-checked and planned) expression, ready to evaluate.
//
// Usage:
//   MapSchema schema;
//   schema.Add("arr", ValueType::kNumber);
//   auto compiled = Program::Compile("arr > 5000 AND seg IN ('smb', 'mid')", schema);
//   if (auto* diags = std::get_if<std::vector<Diagnostic>>(&compiled)) { ...report... }
//   const Program& p = std::get<Program>(compiled);
//   // Bind one Column per p.names()[i], then:
//   Column out = p.Evaluate(inputs, rows);
//
// Error channels (STYLE 3.3 item 6): Compile reports everything wrong with the source as
// Diagnostics. Evaluation cannot fail: run-time problems (division by zero, a NULL input,
// sqrt of a negative number) yield NULL, as in SQL. Misuse of the API (inputs of the wrong
// number, length or type) is a programmer error caught by TEND_DCHECK.
//
// Thread-safety: a Program is immutable after Compile; Evaluate and EvaluateRow may run
// concurrently on one Program. Programs are cheap to copy (the AST is shared).
#ifndef TEND_RULES_EXPR_PROGRAM_H_
#define TEND_RULES_EXPR_PROGRAM_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/column.h"
#include "rules/expr/ast.h"
#include "rules/expr/diagnostic.h"
#include "rules/expr/evaluator.h"
#include "rules/expr/schema.h"  // Schema, MapSchema
#include "rules/expr/value.h"

namespace tend::rules::expr {

class Program {
 public:
  // Parses and type-checks. On failure returns the diagnostics (all of them: one syntax
  // error, or every type/name error found). See docs/rules-language.md for the ids.
  static std::variant<Program, std::vector<Diagnostic>> Compile(std::string_view source,
                                                                const Schema& schema);

  // The static result type. kNull only when the value is always NULL (e.g. `NULL`).
  ValueType type() const { return type_; }

  // Distinct names referenced, in first-use order (lower-cased canonical form).
  const std::vector<std::string>& names() const { return names_; }

  // Vectorised evaluation over `rows` rows: inputs[i] is the column for names()[i], of length
  // >= rows and of the type the Schema gave (bool columns hold 0/1). Returns a column of
  // type type() and length `rows`; a kNull-typed program returns a kNull column of NULLs.
  // REQUIRES: inputs.size() == names().size(); the columns as described.
  Column Evaluate(std::span<const Column* const> inputs, size_t rows) const;

  // Evaluates row `row` of the inputs, without heap allocation for programs of up to 64
  // nodes (except for text results). Same REQUIRES as Evaluate, with row < each length.
  Value EvaluateRow(std::span<const Column* const> inputs, size_t row) const;

  // The checked AST as an S-expression (see ToSExpr in ast.h).
  std::string ToSExpr() const;

  const std::string& source() const { return source_; }

  // The evaluation plan (for tests and tools).
  const Plan& plan() const { return plan_; }

 private:
  Program() = default;

  std::string source_;
  std::shared_ptr<const Expr> ast_;
  ValueType type_ = ValueType::kNull;
  std::vector<std::string> names_;
  std::vector<ValueType> input_types_;  // per names()[i]
  Plan plan_;
};

}  // namespace tend::rules::expr

#endif  // TEND_RULES_EXPR_PROGRAM_H_
