#include "rules/expr/program.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>

#include "common/status.h"
#include "rules/expr/checker.h"
#include "rules/expr/parser.h"

namespace tend::rules::expr {

// ---- MapSchema --------------------------------------------------------------------------

void MapSchema::Add(std::string name, ValueType t) {
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  types_[std::move(name)] = t;
}

std::optional<ValueType> MapSchema::TypeOf(std::string_view name) const {
  auto it = types_.find(name);
  if (it == types_.end()) return std::nullopt;
  return it->second;
}

// ---- Lowering: checked AST -> Plan -------------------------------------------------------

namespace {

using functions::Special;

class Lowerer {
 public:
  Lowerer(Plan& plan, std::vector<std::string>& names, std::vector<ValueType>& input_types)
      : plan_(plan), names_(names), input_types_(input_types) {}

  // Records the names in first-use (pre-order, left-to-right) order.
  void CollectNames(const Expr& e) {
    if (e.kind == ExprKind::kName && !input_of_.contains(e.name)) {
      input_of_[e.name] = static_cast<int>(names_.size());
      names_.push_back(e.name);
      input_types_.push_back(e.type);
    }
    for (const auto& a : e.args) CollectNames(*a);
  }

  int Lower(const Expr& e) {
    switch (e.kind) {
      case ExprKind::kLiteral:
        return Const(e.literal, e.type);
      case ExprKind::kName: {
        auto it = reg_of_name_.find(e.name);
        if (it != reg_of_name_.end()) return it->second;
        int reg;
        if (e.type == ValueType::kNull) {
          reg = Const(Value::Null(), ValueType::kNull);  // never reads the column
        } else {
          Instr in;
          in.op = OpCode::kInput;
          in.type = e.type;
          in.input = input_of_.at(e.name);
          reg = Emit(in, {}, {});
        }
        reg_of_name_[e.name] = reg;
        return reg;
      }
      case ExprKind::kUnary: {
        int a = Lower(*e.args[0]);
        return Simple(e.unary_op == UnaryOp::kNeg ? OpCode::kNeg : OpCode::kNot, e.type, {a},
                      {e.args[0]->type});
      }
      case ExprKind::kBinary:
        return LowerBinary(e);
      case ExprKind::kIsNull: {
        int a = Lower(*e.args[0]);
        return Simple(e.negated ? OpCode::kIsNotNull : OpCode::kIsNull, ValueType::kBool, {a},
                      {e.args[0]->type});
      }
      case ExprKind::kBetween: {
        // x BETWEEN lo AND hi  ==  x >= lo AND x <= hi  (NOT BETWEEN negates it).
        int x = Lower(*e.args[0]);
        int lo = Lower(*e.args[1]);
        int hi = Lower(*e.args[2]);
        int ge = Compare(BinaryOp::kGe, x, e.args[0]->type, lo, e.args[1]->type);
        int le = Compare(BinaryOp::kLe, x, e.args[0]->type, hi, e.args[2]->type);
        int both =
            Simple(OpCode::kAnd, ValueType::kBool, {ge, le}, {ValueType::kBool, ValueType::kBool});
        return MaybeNot(e.negated, both);
      }
      case ExprKind::kIn: {
        // x IN (a, b, ...)  ==  x = a OR x = b OR ...  (three-valued; NOT IN negates it).
        int x = Lower(*e.args[0]);
        int acc = -1;
        for (size_t i = 1; i < e.args.size(); ++i) {
          int item = Lower(*e.args[i]);
          int eq = Compare(BinaryOp::kEq, x, e.args[0]->type, item, e.args[i]->type);
          acc = acc < 0 ? eq
                        : Simple(OpCode::kOr, ValueType::kBool, {acc, eq},
                                 {ValueType::kBool, ValueType::kBool});
        }
        return MaybeNot(e.negated, acc);
      }
      case ExprKind::kLike: {
        int a = Lower(*e.args[0]);
        int b = Lower(*e.args[1]);
        int like =
            Simple(OpCode::kLike, ValueType::kBool, {a, b}, {e.args[0]->type, e.args[1]->type});
        return MaybeNot(e.negated, like);
      }
      case ExprKind::kCase:
        return LowerCase(e);
      case ExprKind::kCall:
        return LowerCall(e);
    }
    TEND_DCHECK(false, "unhandled expression kind");
    return -1;
  }

 private:
  int Emit(Instr in, std::initializer_list<int> args, std::initializer_list<ValueType> types) {
    return EmitV(in, std::vector<int>(args), std::vector<ValueType>(types));
  }

  int EmitV(Instr in, const std::vector<int>& args, const std::vector<ValueType>& types) {
    in.args_begin = static_cast<uint32_t>(plan_.args.size());
    in.argc = static_cast<uint32_t>(args.size());
    plan_.args.insert(plan_.args.end(), args.begin(), args.end());
    plan_.arg_types.insert(plan_.arg_types.end(), types.begin(), types.end());
    plan_.instrs.push_back(in);
    return static_cast<int>(plan_.instrs.size()) - 1;
  }

  int Simple(OpCode op, ValueType type, std::initializer_list<int> args,
             std::initializer_list<ValueType> types) {
    Instr in;
    in.op = op;
    in.type = type;
    return Emit(in, args, types);
  }

  int Const(const Value& v, ValueType type) {
    Instr in;
    in.op = OpCode::kConst;
    in.type = type;
    in.constant = static_cast<int>(plan_.constants.size());
    plan_.constants.push_back(v);
    return Emit(in, {}, {});
  }

  int MaybeNot(bool negate, int reg) {
    if (!negate) return reg;
    return Simple(OpCode::kNot, ValueType::kBool, {reg}, {ValueType::kBool});
  }

  int Compare(BinaryOp op, int a, ValueType ta, int b, ValueType tb) {
    Instr in;
    in.op = ta == ValueType::kText || tb == ValueType::kText ? OpCode::kCmpText : OpCode::kCmpNum;
    in.binary_op = op;
    in.type = ValueType::kBool;
    return Emit(in, {a, b}, {ta, tb});
  }

  int LowerBinary(const Expr& e) {
    const Expr& l = *e.args[0];
    const Expr& r = *e.args[1];
    int a = Lower(l);
    int b = Lower(r);
    const BinaryOp op = e.binary_op;
    if (op == BinaryOp::kAnd || op == BinaryOp::kOr) {
      return Simple(op == BinaryOp::kAnd ? OpCode::kAnd : OpCode::kOr, ValueType::kBool, {a, b},
                    {l.type, r.type});
    }
    if (IsComparison(op)) return Compare(op, a, l.type, b, r.type);
    if (op == BinaryOp::kConcat)
      return Simple(OpCode::kConcat, ValueType::kText, {a, b}, {l.type, r.type});
    Instr in;
    in.type = e.type;
    in.binary_op = op;
    if (e.type == ValueType::kDate) {
      in.op = op == BinaryOp::kAdd ? OpCode::kDateAdd : OpCode::kDateSub;
      if (r.type == ValueType::kDate) return Emit(in, {b, a}, {r.type, l.type});  // n + date
      return Emit(in, {a, b}, {l.type, r.type});
    }
    in.op = OpCode::kArith;
    return Emit(in, {a, b}, {l.type, r.type});
  }

  int LowerCase(const Expr& e) {
    std::vector<int> args;
    std::vector<ValueType> types;
    int operand = e.has_operand ? Lower(*e.args[0]) : -1;
    size_t i = e.has_operand ? 1 : 0;
    size_t end = e.args.size() - (e.has_else ? 1 : 0);
    for (; i < end; i += 2) {
      int when = Lower(*e.args[i]);
      if (e.has_operand) {
        when = Compare(BinaryOp::kEq, operand, e.args[0]->type, when, e.args[i]->type);
      }
      args.push_back(when);
      types.push_back(ValueType::kBool);
      args.push_back(Lower(*e.args[i + 1]));
      types.push_back(e.args[i + 1]->type);
    }
    if (e.has_else) {
      args.push_back(Lower(*e.args.back()));
      types.push_back(e.args.back()->type);
    }
    Instr in;
    in.op = OpCode::kCase;
    in.type = e.type;
    in.has_else = e.has_else;
    return EmitV(in, args, types);
  }

  int LowerCall(const Expr& e) {
    const functions::FunctionDef* f = functions::FindFunction(e.name);
    TEND_DCHECK(f != nullptr, "the checker accepted an unknown function");
    std::vector<int> args;
    std::vector<ValueType> types;
    bool text_args = false;
    for (const auto& a : e.args) {
      args.push_back(Lower(*a));
      types.push_back(a->type);
      text_args |= a->type == ValueType::kText;
    }
    Instr in;
    in.type = e.type;
    in.text_args = text_args;
    switch (f->special) {
      case Special::kCoalesce:
        in.op = OpCode::kCoalesce;
        break;
      case Special::kNullIf:
        in.op = OpCode::kNullIf;
        break;
      case Special::kLeast:
        in.op = OpCode::kLeast;
        break;
      case Special::kGreatest:
        in.op = OpCode::kGreatest;
        break;
      case Special::kIf:  // if(c, a, b) == CASE WHEN c THEN a ELSE b END
        in.op = OpCode::kCase;
        in.has_else = true;
        break;
      case Special::kNone:
        in.op = OpCode::kCall;
        in.fn = f;
        break;
    }
    return EmitV(in, args, types);
  }

  Plan& plan_;
  std::vector<std::string>& names_;
  std::vector<ValueType>& input_types_;
  std::unordered_map<std::string, int> input_of_;     // name -> input index
  std::unordered_map<std::string, int> reg_of_name_;  // name -> register
};

// Points `view` at row `offset` of an input column.
RegView InputView(const Column& c, size_t offset) {
  RegView v;
  v.valid = c.valid.data() + offset;
  if (c.type == ValueType::kText) {
    v.text = c.text.data() + offset;
  } else {
    v.num = c.num.data() + offset;
  }
  return v;
}

void CheckInputs(std::span<const Column* const> inputs, const std::vector<ValueType>& types,
                 size_t rows) {
  TEND_DCHECK(inputs.size() == types.size(), "one input column per names() entry");
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (types[i] == ValueType::kNull) continue;
    TEND_DCHECK(inputs[i] != nullptr, "input column is null");
    TEND_DCHECK(inputs[i]->type == types[i], "input column type differs from the Schema");
    TEND_DCHECK(inputs[i]->size() >= rows, "input column shorter than rows");
  }
}

}  // namespace

// ---- Program ----------------------------------------------------------------------------

std::variant<Program, std::vector<Diagnostic>> Program::Compile(std::string_view source,
                                                                const Schema& schema) {
  auto parsed = Parse(source);
  if (auto* diag = std::get_if<Diagnostic>(&parsed)) return std::vector<Diagnostic>{*diag};
  std::unique_ptr<Expr> ast = std::move(std::get<std::unique_ptr<Expr>>(parsed));
  std::vector<Diagnostic> diags = Check(*ast, schema);
  if (!diags.empty()) return diags;

  Program p;
  p.source_ = std::string(source);
  p.type_ = ast->type;
  Lowerer lowerer(p.plan_, p.names_, p.input_types_);
  lowerer.CollectNames(*ast);
  p.plan_.result = lowerer.Lower(*ast);
  p.ast_ = std::move(ast);
  return p;
}

std::string Program::ToSExpr() const { return expr::ToSExpr(*ast_); }

Column Program::Evaluate(std::span<const Column* const> inputs, size_t rows) const {
  CheckInputs(inputs, input_types_, rows);
  Column out(type_, rows);
  if (type_ == ValueType::kNull || rows == 0) return out;

  const size_t regs = plan_.instrs.size();
  const size_t chunk = std::min(rows, kChunkRows);
  std::vector<RegView> views(regs);
  std::vector<RegBuf> bufs(regs);
  // Storage for computed and constant registers, `chunk` rows each.
  std::vector<std::vector<double>> nums(regs);
  std::vector<std::vector<uint8_t>> valids(regs);
  std::vector<std::vector<std::string>> texts(regs);
  for (size_t r = 0; r < regs; ++r) {
    const Instr& in = plan_.instrs[r];
    if (in.op == OpCode::kInput) continue;
    valids[r].assign(chunk, 0);
    if (NeedsNum(in.type)) nums[r].assign(chunk, 0.0);
    if (NeedsText(in.type)) texts[r].resize(chunk);
    if (in.op == OpCode::kConst) {  // broadcast once
      const Value& v = plan_.constants[in.constant];
      std::fill(valids[r].begin(), valids[r].end(), v.is_null() ? 0 : 1);
      if (!v.is_null() && v.type() == ValueType::kText) {
        std::fill(texts[r].begin(), texts[r].end(), v.text());
      } else if (!v.is_null()) {
        std::fill(nums[r].begin(), nums[r].end(), v.raw_num());
      }
    }
    bufs[r] =
        RegBuf{nums[r].data(), valids[r].data(), texts[r].empty() ? nullptr : texts[r].data()};
    views[r] = RegView{bufs[r].num, bufs[r].valid, bufs[r].text};
  }

  const Instr& result = plan_.instrs[plan_.result];
  const bool result_owned = result.op != OpCode::kInput && result.op != OpCode::kConst;
  for (size_t offset = 0; offset < rows; offset += chunk) {
    const size_t n = std::min(chunk, rows - offset);
    for (size_t r = 0; r < regs; ++r) {
      const Instr& in = plan_.instrs[r];
      if (in.op == OpCode::kInput) views[r] = InputView(*inputs[in.input], offset);
    }
    Execute(plan_, views.data(), bufs.data(), n);
    const RegView& v = views[plan_.result];
    std::memcpy(out.valid.data() + offset, v.valid, n);
    if (type_ == ValueType::kText) {
      for (size_t i = 0; i < n; ++i) {
        if (!v.valid[i]) continue;
        if (result_owned) {
          out.text[offset + i].swap(texts[plan_.result][i]);
        } else {
          out.text[offset + i] = v.text[i];
        }
      }
    } else {
      std::memcpy(out.num.data() + offset, v.num, n * sizeof(double));
    }
  }
  return out;
}

Value Program::EvaluateRow(std::span<const Column* const> inputs, size_t row) const {
  CheckInputs(inputs, input_types_, row + 1);
  if (type_ == ValueType::kNull) return Value::Null();

  // One slot per register; on the stack for plans of up to kStack registers.
  constexpr size_t kStack = 64;
  const size_t regs = plan_.instrs.size();
  std::array<RegView, kStack> views_stack;
  std::array<RegBuf, kStack> bufs_stack;
  std::array<double, kStack> num_stack;
  std::array<uint8_t, kStack> valid_stack;
  std::vector<RegView> views_heap;
  std::vector<RegBuf> bufs_heap;
  std::vector<double> num_heap;
  std::vector<uint8_t> valid_heap;
  RegView* views = views_stack.data();
  RegBuf* bufs = bufs_stack.data();
  double* nums = num_stack.data();
  uint8_t* valids = valid_stack.data();
  if (regs > kStack) {
    views_heap.resize(regs);
    bufs_heap.resize(regs);
    num_heap.resize(regs);
    valid_heap.resize(regs);
    views = views_heap.data();
    bufs = bufs_heap.data();
    nums = num_heap.data();
    valids = valid_heap.data();
  }
  // Text registers get a string each, created only when the plan has text registers.
  std::vector<std::string> texts;
  size_t text_regs = 0;
  for (const Instr& in : plan_.instrs)
    text_regs += NeedsText(in.type) && in.op != OpCode::kInput && in.op != OpCode::kConst;
  if (text_regs > 0) texts.resize(text_regs);

  size_t next_text = 0;
  for (size_t r = 0; r < regs; ++r) {
    const Instr& in = plan_.instrs[r];
    if (in.op == OpCode::kInput) {
      views[r] = InputView(*inputs[in.input], row);
      continue;
    }
    if (in.op == OpCode::kConst) {
      // Constants are read in place: number payload, validity and text from the plan.
      const Value& v = plan_.constants[in.constant];
      static constexpr uint8_t kValid = 1, kInvalid = 0;
      views[r] = RegView{nullptr, v.is_null() ? &kInvalid : &kValid, &v.text()};
      nums[r] = v.raw_num();
      views[r].num = &nums[r];
      continue;
    }
    valids[r] = 0;
    nums[r] = 0;
    bufs[r] = RegBuf{&nums[r], &valids[r], NeedsText(in.type) ? &texts[next_text++] : nullptr};
    views[r] = RegView{bufs[r].num, bufs[r].valid, bufs[r].text};
  }
  Execute(plan_, views, bufs, 1);

  const RegView& v = views[plan_.result];
  if (!v.valid[0]) return Value::Null();
  switch (type_) {
    case ValueType::kBool:
      return Value::Bool(v.num[0] != 0);
    case ValueType::kNumber:
      return Value::Number(v.num[0]);
    case ValueType::kDate:
      return Value::Date(static_cast<EpochDay>(v.num[0]));
    case ValueType::kText:
      return Value::Text(v.text[0]);
    case ValueType::kNull:
      break;
  }
  return Value::Null();
}

}  // namespace tend::rules::expr
