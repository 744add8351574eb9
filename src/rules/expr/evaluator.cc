#include "rules/expr/evaluator.h"

#include <cmath>
#include <string_view>

#include "common/status.h"
#include "common/time.h"

namespace tend::rules::expr {

namespace {

using functions::Datum;

inline bool Finite(double x) { return (x - x) == 0; }  // false for inf and NaN; vectorises

inline std::string_view TextAt(const RegView& v, size_t i) { return v.text[i]; }

// --- one function per node kind -------------------------------------------------------

void EvalNeg(const RegView& a, const RegBuf& o, size_t n) {
  const double* __restrict an = a.num;
  const uint8_t* __restrict av = a.valid;
  double* __restrict on = o.num;
  uint8_t* __restrict ov = o.valid;
  for (size_t i = 0; i < n; ++i) {
    on[i] = -an[i];
    ov[i] = av[i];
  }
}

void EvalNot(const RegView& a, const RegBuf& o, size_t n) {
  const double* __restrict an = a.num;
  const uint8_t* __restrict av = a.valid;
  double* __restrict on = o.num;
  uint8_t* __restrict ov = o.valid;
  for (size_t i = 0; i < n; ++i) {
    on[i] = static_cast<double>(an[i] == 0);
    ov[i] = av[i];
  }
}

// Three-valued AND/OR: FALSE AND x = FALSE, TRUE OR x = TRUE, otherwise NULL if any NULL.
template <bool kIsAnd>
void EvalLogic(const RegView& a, const RegView& b, const RegBuf& o, size_t n) {
  const double* __restrict an = a.num;
  const uint8_t* __restrict av = a.valid;
  const double* __restrict bn = b.num;
  const uint8_t* __restrict bv = b.valid;
  double* __restrict on = o.num;
  uint8_t* __restrict ov = o.valid;
  for (size_t i = 0; i < n; ++i) {
    // Branch-free so the loop vectorises.
    const uint8_t a_valid = av[i], b_valid = bv[i];
    const uint8_t a_set = static_cast<uint8_t>(an[i] != 0),
                  b_set = static_cast<uint8_t>(bn[i] != 0);
    const uint8_t at = a_valid & a_set, bt = b_valid & b_set;
    if constexpr (kIsAnd) {
      const uint8_t af = a_valid & (a_set ^ 1), bf = b_valid & (b_set ^ 1);
      on[i] = static_cast<double>(at & bt);
      ov[i] = (a_valid & b_valid) | af | bf;
    } else {
      on[i] = static_cast<double>(at | bt);
      ov[i] = (a_valid & b_valid) | at | bt;
    }
  }
}

template <typename F>
void Map2(const RegView& a, const RegView& b, const RegBuf& o, size_t n, F f) {
  const double* __restrict an = a.num;
  const uint8_t* __restrict av = a.valid;
  const double* __restrict bn = b.num;
  const uint8_t* __restrict bv = b.valid;
  double* __restrict on = o.num;
  uint8_t* __restrict ov = o.valid;
  for (size_t i = 0; i < n; ++i) {
    const double r = f(an[i], bn[i]);
    on[i] = r;
    ov[i] = av[i] & bv[i] & static_cast<uint8_t>(Finite(r));
  }
}

void EvalArith(BinaryOp op, const RegView& a, const RegView& b, const RegBuf& o, size_t n) {
  switch (op) {
    case BinaryOp::kAdd:
      return Map2(a, b, o, n, [](double x, double y) { return x + y; });
    case BinaryOp::kSub:
      return Map2(a, b, o, n, [](double x, double y) { return x - y; });
    case BinaryOp::kMul:
      return Map2(a, b, o, n, [](double x, double y) { return x * y; });
    case BinaryOp::kDiv:
      return Map2(a, b, o, n, [](double x, double y) { return x / y; });
    case BinaryOp::kMod:
      return Map2(a, b, o, n, [](double x, double y) { return std::fmod(x, y); });
    default:
      TEND_DCHECK(false, "not an arithmetic operator");
  }
}

template <typename F>
void Cmp2(const RegView& a, const RegView& b, const RegBuf& o, size_t n, F f) {
  const double* __restrict an = a.num;
  const uint8_t* __restrict av = a.valid;
  const double* __restrict bn = b.num;
  const uint8_t* __restrict bv = b.valid;
  double* __restrict on = o.num;
  uint8_t* __restrict ov = o.valid;
  for (size_t i = 0; i < n; ++i) {
    on[i] = static_cast<double>(f(an[i], bn[i]));
    ov[i] = av[i] & bv[i];
  }
}

void EvalCmpNum(BinaryOp op, const RegView& a, const RegView& b, const RegBuf& o, size_t n) {
  switch (op) {
    case BinaryOp::kEq:
      return Cmp2(a, b, o, n, [](double x, double y) { return x == y; });
    case BinaryOp::kNe:
      return Cmp2(a, b, o, n, [](double x, double y) { return x != y; });
    case BinaryOp::kLt:
      return Cmp2(a, b, o, n, [](double x, double y) { return x < y; });
    case BinaryOp::kLe:
      return Cmp2(a, b, o, n, [](double x, double y) { return x <= y; });
    case BinaryOp::kGt:
      return Cmp2(a, b, o, n, [](double x, double y) { return x > y; });
    case BinaryOp::kGe:
      return Cmp2(a, b, o, n, [](double x, double y) { return x >= y; });
    default:
      TEND_DCHECK(false, "not a comparison");
  }
}

inline bool CompareResult(BinaryOp op, int c) {
  switch (op) {
    case BinaryOp::kEq:
      return c == 0;
    case BinaryOp::kNe:
      return c != 0;
    case BinaryOp::kLt:
      return c < 0;
    case BinaryOp::kLe:
      return c <= 0;
    case BinaryOp::kGt:
      return c > 0;
    case BinaryOp::kGe:
      return c >= 0;
    default:
      return false;
  }
}

void EvalCmpText(BinaryOp op, const RegView& a, const RegView& b, const RegBuf& o, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const bool valid = a.valid[i] && b.valid[i];
    o.valid[i] = valid;
    // string_view::compare is char_traits<char>::compare: unsigned byte-wise (memcmp).
    o.num[i] = valid && CompareResult(op, TextAt(a, i).compare(TextAt(b, i))) ? 1.0 : 0.0;
  }
}

// The dates a shift may land on: years 0000..9999. Further away is NULL, as every run-time
// problem is (a day count past the range of EpochDay was undefined behaviour).
constexpr double kFirstDay = DaysFromCivil(0, 1, 1);
constexpr double kLastDay = DaysFromCivil(9999, 12, 31);

void EvalDateShift(bool add, const RegView& a, const RegView& b, const RegBuf& o, size_t n) {
  if (add) {
    Map2(a, b, o, n, [](double d, double days) { return d + std::trunc(days); });
  } else {
    Map2(a, b, o, n, [](double d, double days) { return d - std::trunc(days); });
  }
  for (size_t i = 0; i < n; ++i) {
    if (o.num[i] < kFirstDay || o.num[i] > kLastDay) o.valid[i] = 0;
  }
}

void AppendPlain(std::string& out, const RegView& v, ValueType t, size_t i) {
  if (t == ValueType::kText) {
    out += v.text[i];
  } else {
    out += FormatPlain(t, v.num[i]);
  }
}

void EvalConcat(ValueType ta, ValueType tb, const RegView& a, const RegView& b, const RegBuf& o,
                size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const bool valid = a.valid[i] && b.valid[i];
    o.valid[i] = valid;
    if (!valid) continue;
    std::string& s = o.text[i];
    s.clear();
    AppendPlain(s, a, ta, i);
    AppendPlain(s, b, tb, i);
  }
}

void EvalIsNull(bool want_null, const RegView& a, const RegBuf& o, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    o.num[i] = (a.valid[i] == 0) == want_null ? 1.0 : 0.0;
    o.valid[i] = 1;
  }
}

void EvalLike(const RegView& a, const RegView& b, const RegBuf& o, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const bool valid = a.valid[i] && b.valid[i];
    o.valid[i] = valid;
    o.num[i] = valid && functions::LikeMatch(TextAt(a, i), TextAt(b, i)) ? 1.0 : 0.0;
  }
}

// Copies row i of `src` into row i of `o` (text or number payload).
inline void CopyRow(const RegView& src, const RegBuf& o, bool text, size_t i) {
  o.valid[i] = src.valid[i];
  if (!src.valid[i]) return;
  if (text) {
    o.text[i] = src.text[i];
  } else {
    o.num[i] = src.num[i];
  }
}

inline void SetNullRow(const RegBuf& o, size_t i) { o.valid[i] = 0; }

void EvalCase(const Instr& in, const RegView* views, const int* args, const RegBuf& o, size_t n) {
  const bool text = in.type == ValueType::kText;
  const uint32_t pairs_end = in.argc - (in.has_else ? 1 : 0);
  for (size_t i = 0; i < n; ++i) {
    const RegView* chosen = nullptr;
    for (uint32_t k = 0; k < pairs_end; k += 2) {
      const RegView& c = views[args[k]];
      if (c.valid[i] && c.num[i] != 0) {
        chosen = &views[args[k + 1]];
        break;
      }
    }
    if (!chosen && in.has_else) chosen = &views[args[in.argc - 1]];
    if (chosen && in.type != ValueType::kNull) {
      CopyRow(*chosen, o, text, i);
    } else {
      SetNullRow(o, i);
    }
  }
}

void EvalCoalesce(const Instr& in, const RegView* views, const int* args, const RegBuf& o,
                  size_t n) {
  const bool text = in.type == ValueType::kText;
  for (size_t i = 0; i < n; ++i) {
    SetNullRow(o, i);
    if (in.type == ValueType::kNull) continue;
    for (uint32_t k = 0; k < in.argc; ++k) {
      const RegView& v = views[args[k]];
      if (v.valid[i]) {
        CopyRow(v, o, text, i);
        break;
      }
    }
  }
}

void EvalNullIf(const Instr& in, const RegView& a, const RegView& b, const RegBuf& o, size_t n) {
  const bool text = in.type == ValueType::kText;
  for (size_t i = 0; i < n; ++i) {
    if (in.type == ValueType::kNull || !a.valid[i]) {
      SetNullRow(o, i);
      continue;
    }
    bool equal = b.valid[i] && (in.text_args ? TextAt(a, i) == TextAt(b, i) : a.num[i] == b.num[i]);
    if (equal) {
      SetNullRow(o, i);
    } else {
      CopyRow(a, o, text, i);
    }
  }
}

template <bool kLeast>
void EvalExtreme(const Instr& in, const RegView* views, const int* args, const RegBuf& o,
                 size_t n) {
  const bool text = in.type == ValueType::kText;
  for (size_t i = 0; i < n; ++i) {
    const RegView* best = nullptr;
    if (in.type != ValueType::kNull) {
      for (uint32_t k = 0; k < in.argc; ++k) {
        const RegView& v = views[args[k]];
        if (!v.valid[i]) continue;
        if (!best) {
          best = &v;
          continue;
        }
        int c = text ? TextAt(v, i).compare(TextAt(*best, i))
                     : (v.num[i] < best->num[i]   ? -1
                        : v.num[i] > best->num[i] ? 1
                                                  : 0);
        if (kLeast ? c < 0 : c > 0) best = &v;
      }
    }
    if (best) {
      CopyRow(*best, o, text, i);
    } else {
      SetNullRow(o, i);
    }
  }
}

void EvalCall(const Instr& in, const Plan& plan, const RegView* views, const RegBuf& o, size_t n) {
  constexpr uint32_t kMaxArgs = 8;
  Datum datums[kMaxArgs];
  const int* args = plan.args.data() + in.args_begin;
  const ValueType* types = plan.arg_types.data() + in.args_begin;
  const bool text_out = in.type == ValueType::kText;
  TEND_DCHECK(in.argc <= kMaxArgs, "built-in functions take at most 8 arguments");
  for (size_t i = 0; i < n; ++i) {
    bool valid = true;
    for (uint32_t k = 0; k < in.argc; ++k) {
      const RegView& v = views[args[k]];
      if (!v.valid[i]) {
        valid = false;
        break;
      }
      if (types[k] == ValueType::kText) {
        datums[k].text = v.text[i];
      } else {
        datums[k].num = v.num[i];
      }
    }
    if (valid) {
      double num = 0;
      valid =
          in.fn->kernel(datums, static_cast<int>(in.argc), &num, text_out ? &o.text[i] : nullptr);
      if (!text_out) {
        valid = valid && Finite(num);
        o.num[i] = num;
      }
    }
    o.valid[i] = valid;
  }
}

}  // namespace

void Execute(const Plan& plan, RegView* views, const RegBuf* bufs, size_t n) {
  const size_t count = plan.instrs.size();
  for (size_t r = 0; r < count; ++r) {
    const Instr& in = plan.instrs[r];
    const int* args = plan.args.data() + in.args_begin;
    const RegBuf& o = bufs[r];
    auto arg = [&](uint32_t k) -> const RegView& { return views[args[k]]; };
    switch (in.op) {
      case OpCode::kInput:
      case OpCode::kConst:
        break;
      case OpCode::kNeg:
        EvalNeg(arg(0), o, n);
        break;
      case OpCode::kNot:
        EvalNot(arg(0), o, n);
        break;
      case OpCode::kAnd:
        EvalLogic<true>(arg(0), arg(1), o, n);
        break;
      case OpCode::kOr:
        EvalLogic<false>(arg(0), arg(1), o, n);
        break;
      case OpCode::kArith:
        EvalArith(in.binary_op, arg(0), arg(1), o, n);
        break;
      case OpCode::kDateAdd:
        EvalDateShift(true, arg(0), arg(1), o, n);
        break;
      case OpCode::kDateSub:
        EvalDateShift(false, arg(0), arg(1), o, n);
        break;
      case OpCode::kCmpNum:
        EvalCmpNum(in.binary_op, arg(0), arg(1), o, n);
        break;
      case OpCode::kCmpText:
        EvalCmpText(in.binary_op, arg(0), arg(1), o, n);
        break;
      case OpCode::kConcat:
        EvalConcat(plan.arg_types[in.args_begin], plan.arg_types[in.args_begin + 1], arg(0), arg(1),
                   o, n);
        break;
      case OpCode::kIsNull:
        EvalIsNull(true, arg(0), o, n);
        break;
      case OpCode::kIsNotNull:
        EvalIsNull(false, arg(0), o, n);
        break;
      case OpCode::kLike:
        EvalLike(arg(0), arg(1), o, n);
        break;
      case OpCode::kCase:
        EvalCase(in, views, args, o, n);
        break;
      case OpCode::kCoalesce:
        EvalCoalesce(in, views, args, o, n);
        break;
      case OpCode::kNullIf:
        EvalNullIf(in, arg(0), arg(1), o, n);
        break;
      case OpCode::kLeast:
        EvalExtreme<true>(in, views, args, o, n);
        break;
      case OpCode::kGreatest:
        EvalExtreme<false>(in, views, args, o, n);
        break;
      case OpCode::kCall:
        EvalCall(in, plan, views, o, n);
        break;
    }
  }
}

}  // namespace tend::rules::expr
