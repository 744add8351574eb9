// Evaluator: the flat evaluation plan a Program is lowered to, and the kernels that run it.
//
// A Plan is a list of instructions in dependency order; instruction i writes register i.
// Registers are column slices: the same kernels run over a chunk of up to kChunkRows rows
// (Program::Evaluate) or over a single row (Program::EvaluateRow, n = 1, registers backed by
// stack slots), so both paths share one implementation of every operator.
//
// Run-time semantics follow SQL: NULL propagates, AND/OR/NOT use three-valued logic, and
// every operation whose numeric result is not finite (x / 0, x % 0, sqrt(-1), ln(0),
// overflow) yields NULL. Nothing here fails: there is no error channel at run time.
#ifndef TEND_RULES_EXPR_EVALUATOR_H_
#define TEND_RULES_EXPR_EVALUATOR_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/column.h"
#include "rules/expr/ast.h"
#include "rules/expr/functions/registry.h"
#include "rules/expr/value.h"

namespace tend::rules::expr {

inline constexpr size_t kChunkRows = 1024;

enum class OpCode : uint8_t {
  kInput,      // register = input column `input`
  kConst,      // register = constant `constant`
  kNeg,        // -a
  kNot,        // NOT a
  kAnd,        // a AND b (three-valued)
  kOr,         // a OR b (three-valued)
  kArith,      // a <binary_op> b over numbers (+ - * / %)
  kDateAdd,    // date a + trunc(number b) days
  kDateSub,    // date a - trunc(number b) days
  kCmpNum,     // a <binary_op> b over number/bool/date
  kCmpText,    // a <binary_op> b over text, byte-wise
  kConcat,     // a || b, non-text operands rendered as text (types in arg_types)
  kIsNull,     // a IS NULL (never NULL itself)
  kIsNotNull,  // a IS NOT NULL
  kLike,       // a LIKE b
  kCase,       // args = {cond, value}... [else]: value of the first TRUE cond, else else/NULL
  kCoalesce,   // first non-NULL arg
  kNullIf,     // NULL when a = b, else a
  kLeast,      // smallest non-NULL arg
  kGreatest,   // largest non-NULL arg
  kCall,       // strict built-in `fn`
};

struct Instr {
  OpCode op = OpCode::kConst;
  BinaryOp binary_op = BinaryOp::kAdd;  // kArith, kCmpNum, kCmpText
  ValueType type = ValueType::kNull;    // result type: decides the register's storage
  bool text_args = false;               // kCase/kCoalesce/kNullIf/kLeast/kGreatest over text
  bool has_else = false;                // kCase
  int input = -1;                       // kInput: index into Program::names()
  int constant = -1;                    // kConst: index into Plan::constants
  uint32_t args_begin = 0;              // argument registers: Plan::args[args_begin, +argc)
  uint32_t argc = 0;
  const functions::FunctionDef* fn = nullptr;  // kCall
};

struct Plan {
  std::vector<Instr> instrs;
  std::vector<int> args;             // argument register lists of all instructions
  std::vector<ValueType> arg_types;  // static type of each entry of `args`
  std::vector<Value> constants;
  int result = 0;  // the register holding the program's value
};

// A register's contents for `n` rows. Number-like registers use num/valid; text registers
// text/valid; NULL-typed registers have both (all rows invalid).
struct RegView {
  const double* num = nullptr;
  const uint8_t* valid = nullptr;
  const std::string* text = nullptr;
};

// Writable storage for one computed register.
struct RegBuf {
  double* num = nullptr;
  uint8_t* valid = nullptr;
  std::string* text = nullptr;
};

// Does the register written by `in` need text storage / number storage?
inline bool NeedsText(ValueType t) { return t == ValueType::kText || t == ValueType::kNull; }
inline bool NeedsNum(ValueType t) { return t != ValueType::kText; }

// Runs every computed instruction of `plan` over `n` rows. REQUIRES: views[i] is set for
// every kInput/kConst register and bufs[i] for every other register, each covering n rows;
// views[i] of computed registers alias bufs[i].
void Execute(const Plan& plan, RegView* views, const RegBuf* bufs, size_t n);

}  // namespace tend::rules::expr

#endif  // TEND_RULES_EXPR_EVALUATOR_H_
