// Differential test: random boolean conditions evaluated by tend's expression language and
// by SQLite over the same random table must give the same TRUE/FALSE/NULL on every row.
//
// Each condition is generated twice, once in our dialect and once in SQLite's, where they
// differ: our `/` always divides reals (SQLite: CAST(a AS REAL) / b; both give NULL on zero
// division); our LIKE is case-sensitive (SQLite: GLOB with % -> *, _ -> ?); our
// least/greatest skip NULLs (SQLite: min/max over coalesce() permutations, since SQLite's
// scalar min/max return NULL if any argument is NULL). `%` and round() with digits are left
// out: SQLite's `%` works on integers and its round() differs on near-ties.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "rules/expr/program.h"
#include "testutil/testutil.h"

namespace tend::rules::expr {
namespace {

constexpr int kRows = 500;
constexpr int kConditions = 2000;
constexpr uint32_t kSeed = 20260131;

struct Expr2 {
  std::string ours;
  std::string lite;
};

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  Expr2 Bool(int depth) {
    const int choice = Pick(depth <= 0 ? 3 : 14);
    switch (choice) {
      case 0:
        return Same(Pick(2) ? "b1" : "b2");
      case 1:
        return CompareNum(depth);
      case 2:
        return CompareText(depth);
      case 3: {
        Expr2 a = Bool(depth - 1), b = Bool(depth - 1);
        const bool is_and = Pick(2);
        return {"(" + a.ours + (is_and ? Kw(" AND ") : Kw(" OR ")) + b.ours + ")",
                "(" + a.lite + (is_and ? " AND " : " OR ") + b.lite + ")"};
      }
      case 4: {
        Expr2 a = Bool(depth - 1);
        return {"(" + Kw("NOT ") + a.ours + ")", "(NOT " + a.lite + ")"};
      }
      case 5:
        return InList(Num(depth - 1), [this] { return NumLiteral(); });
      case 6:
        return InList(Text(depth - 1), [this] { return TextLiteral(); });
      case 7: {
        Expr2 x = Num(depth - 1), lo = Num(depth - 1), hi = Num(depth - 1);
        const char* op = Pick(3) == 0 ? " NOT BETWEEN " : " BETWEEN ";
        return {"(" + x.ours + op + lo.ours + " AND " + hi.ours + ")",
                "(" + x.lite + op + lo.lite + " AND " + hi.lite + ")"};
      }
      case 8: {
        Expr2 x = Pick(3) == 0 ? Text(depth - 1) : Pick(2) ? Num(depth - 1) : Bool(depth - 1);
        const char* op = Pick(2) ? " IS NULL" : " IS NOT NULL";
        return {"(" + x.ours + op + ")", "(" + x.lite + op + ")"};
      }
      case 9: {
        static const char* kPatterns[] = {"a%",  "%b",  "_",  "a_c", "%",  "",
                                          "ab%", "%a%", "B%", "__",  "%_%"};
        std::string p = kPatterns[Pick(11)];
        std::string glob = p;
        for (char& c : glob) c = c == '%' ? '*' : c == '_' ? '?' : c;
        Expr2 x = Text(depth - 1);
        const bool negated = Pick(3) == 0;
        return {"(" + x.ours + (negated ? " NOT LIKE '" : " LIKE '") + p + "')",
                "(" + std::string(negated ? "NOT " : "") + "(" + x.lite + " GLOB '" + glob + "'))"};
      }
      case 10: {
        Expr2 c = Bool(depth - 1), a = Bool(depth - 1), b = Bool(depth - 1);
        return Case(c, a, b);
      }
      case 11: {
        Expr2 a = Bool(depth - 1), b = Bool(depth - 1);
        return {"coalesce(" + a.ours + ", " + b.ours + ")",
                "coalesce(" + a.lite + ", " + b.lite + ")"};
      }
      case 12: {
        Expr2 a = Bool(depth - 1);
        const char* col = Pick(2) ? "b1" : "b2";
        return {"(" + std::string(col) + " = " + a.ours + ")",
                "(" + std::string(col) + " = " + a.lite + ")"};
      }
      default: {
        Expr2 x = Num(depth - 1);
        return {"(" + x.ours + " IN (" + x.ours + "))", "(" + x.lite + " IN (" + x.lite + "))"};
      }
    }
  }

  Expr2 Num(int depth) {
    const int choice = Pick(depth <= 0 ? 2 : 12);
    switch (choice) {
      case 0:
        return Same(kNumCols[Pick(3)]);
      case 1:
        return NumLiteral();
      case 2:
      case 3: {
        static const char* kOps[] = {" + ", " - ", " * "};
        const char* op = kOps[Pick(3)];
        Expr2 a = Num(depth - 1), b = Num(depth - 1);
        return {"(" + a.ours + op + b.ours + ")", "(" + a.lite + op + b.lite + ")"};
      }
      case 4: {
        Expr2 a = Num(depth - 1), b = Num(depth - 1);
        return {"(" + a.ours + " / " + b.ours + ")",
                "(CAST(" + a.lite + " AS REAL) / " + b.lite + ")"};
      }
      case 5: {
        Expr2 a = Num(depth - 1);
        return {"abs(" + a.ours + ")", "abs(" + a.lite + ")"};
      }
      case 6: {
        Expr2 a = Num(depth - 1);
        return {"(-" + a.ours + ")", "(-" + a.lite + ")"};
      }
      case 7: {
        Expr2 c = Bool(depth - 1), a = Num(depth - 1), b = Num(depth - 1);
        return Case(c, a, b);
      }
      case 8: {
        Expr2 a = Num(depth - 1), b = Num(depth - 1);
        return {"coalesce(" + a.ours + ", " + b.ours + ")",
                "coalesce(" + a.lite + ", " + b.lite + ")"};
      }
      case 9: {
        Expr2 a = Num(depth - 1), b = Num(depth - 1), c = Num(depth - 1);
        const bool least = Pick(2);
        const std::string fn = least ? "min" : "max";
        return {std::string(least ? "least(" : "greatest(") + a.ours + ", " + b.ours + ", " +
                    c.ours + ")",
                fn + "(coalesce(" + a.lite + ", " + b.lite + ", " + c.lite + "), coalesce(" +
                    b.lite + ", " + c.lite + ", " + a.lite + "), coalesce(" + c.lite + ", " +
                    a.lite + ", " + b.lite + "))"};
      }
      case 10: {
        const char* col = kNumCols[Pick(3)];
        return {"round(" + std::string(col) + ")", "round(" + std::string(col) + ")"};
      }
      default: {
        Expr2 t = Text(depth - 1);
        return {"length(" + t.ours + ")", "length(" + t.lite + ")"};
      }
    }
  }

  Expr2 Text(int depth) {
    const int choice = Pick(depth <= 0 ? 2 : 8);
    switch (choice) {
      case 0:
        return Same(Pick(2) ? "s1" : "s2");
      case 1:
        return TextLiteral();
      case 2: {
        Expr2 a = Text(depth - 1), b = Text(depth - 1);
        return {"(" + a.ours + " || " + b.ours + ")", "(" + a.lite + " || " + b.lite + ")"};
      }
      case 3: {
        Expr2 c = Bool(depth - 1), a = Text(depth - 1), b = Text(depth - 1);
        return Case(c, a, b);
      }
      case 4: {
        Expr2 a = Text(depth - 1), b = Text(depth - 1);
        return {"coalesce(" + a.ours + ", " + b.ours + ")",
                "coalesce(" + a.lite + ", " + b.lite + ")"};
      }
      case 5: {
        Expr2 a = Text(depth - 1);
        const char* fn = Pick(2) ? "lower(" : "upper(";
        return {fn + a.ours + ")", fn + a.lite + ")"};
      }
      case 6: {
        Expr2 a = Text(depth - 1);
        std::string args = ", " + std::to_string(1 + Pick(3)) + ", " + std::to_string(Pick(4));
        return {"substr(" + a.ours + args + ")", "substr(" + a.lite + args + ")"};
      }
      default: {
        Expr2 a = Text(depth - 1);
        return {"trim(" + a.ours + ")", "trim(" + a.lite + ")"};
      }
    }
  }

 private:
  static constexpr const char* kNumCols[] = {"n1", "n2", "n3"};

  int Pick(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }
  static Expr2 Same(std::string s) { return {s, s}; }
  // Our keywords are case-insensitive: exercise that.
  std::string Kw(std::string kw) {
    if (Pick(4) == 0) {
      for (char& c : kw) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return kw;
  }

  Expr2 NumLiteral() {
    static const char* kLits[] = {"0", "1", "2", "2.5", "(-1)", "(-1.5)", "0.5", "3", "10"};
    if (Pick(12) == 0) return Same("NULL");
    return Same(kLits[Pick(9)]);
  }
  Expr2 TextLiteral() {
    static const char* kLits[] = {"'a'", "'b'", "'ab'", "'abc'", "'B'", "''", "'a_c'", "'it''s'"};
    if (Pick(12) == 0) return Same("NULL");
    return Same(kLits[Pick(8)]);
  }

  Expr2 CompareNum(int depth) {
    static const char* kOurs[] = {" = ", " == ", " <> ", " != ", " < ", " <= ", " > ", " >= "};
    static const char* kLite[] = {" = ", " = ", " <> ", " <> ", " < ", " <= ", " > ", " >= "};
    const int op = Pick(8);
    Expr2 a = Num(depth - 1), b = Num(depth - 1);
    return {"(" + a.ours + kOurs[op] + b.ours + ")", "(" + a.lite + kLite[op] + b.lite + ")"};
  }
  Expr2 CompareText(int depth) {
    static const char* kOps[] = {" = ", " <> ", " < ", " <= ", " > ", " >= "};
    const char* op = kOps[Pick(6)];
    Expr2 a = Text(depth - 1), b = Text(depth - 1);
    return {"(" + a.ours + op + b.ours + ")", "(" + a.lite + op + b.lite + ")"};
  }

  template <typename F>
  Expr2 InList(Expr2 x, F literal) {
    Expr2 list;
    const int n = 1 + Pick(4);
    for (int i = 0; i < n; ++i) {
      Expr2 item = literal();
      list.ours += (i ? ", " : "") + item.ours;
      list.lite += (i ? ", " : "") + item.lite;
    }
    const char* op = Pick(3) == 0 ? " NOT IN (" : " IN (";
    return {"(" + x.ours + op + list.ours + "))", "(" + x.lite + op + list.lite + "))"};
  }

  static Expr2 Case(const Expr2& c, const Expr2& a, const Expr2& b) {
    return {"(CASE WHEN " + c.ours + " THEN " + a.ours + " ELSE " + b.ours + " END)",
            "(CASE WHEN " + c.lite + " THEN " + a.lite + " ELSE " + b.lite + " END)"};
  }

  std::mt19937 rng_;
};

// The same random table as SQLite rows and as tend Columns.
struct Table {
  Column n[3], s[2], b[2];

  explicit Table(uint32_t seed) {
    std::mt19937 rng(seed);
    static const double kNums[] = {-3, -2, -1.5, -1, 0, 0.5, 1, 2, 2.5, 3, 4, 10};
    static const char* kTexts[] = {"a", "b", "ab", "abc", "B", "", "a_c", "xa", "ba", "it's"};
    for (auto& c : n) c = Column(ValueType::kNumber, kRows);
    for (auto& c : s) c = Column(ValueType::kText, kRows);
    for (auto& c : b) c = Column(ValueType::kBool, kRows);
    for (int i = 0; i < kRows; ++i) {
      for (auto& c : n) {
        if (rng() % 7 != 0) c.SetNum(i, kNums[rng() % 12]);
      }
      for (auto& c : s) {
        if (rng() % 7 != 0) c.SetText(i, kTexts[rng() % 10]);
      }
      for (auto& c : b) {
        if (rng() % 5 != 0) c.SetNum(i, rng() % 2);
      }
    }
  }

  const Column* Get(const std::string& name) const {
    if (name[0] == 'n') return &n[name[1] - '1'];
    if (name[0] == 's') return &s[name[1] - '1'];
    return &b[name[1] - '1'];
  }
};

class Sqlite {
 public:
  Sqlite() { EXPECT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK); }
  ~Sqlite() { sqlite3_close(db_); }
  sqlite3* db() { return db_; }

  void Exec(const std::string& sql) {
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << sql << ": " << (err ? err : "");
  }

 private:
  sqlite3* db_ = nullptr;
};

// 0 = FALSE, 1 = TRUE, 2 = NULL
using Tri = int;

std::string TriName(Tri t) { return t == 2 ? "NULL" : t ? "TRUE" : "FALSE"; }

TEST(ExprDifferentialTest, RandomConditionsMatchSqlite) {
  std::cout << "differential seed " << kSeed << "\n";
  Table table(kSeed);
  Sqlite lite;
  lite.Exec("CREATE TABLE t(n1 REAL, n2 REAL, n3 REAL, s1 TEXT, s2 TEXT, b1 INTEGER, b2 INTEGER)");
  {
    sqlite3_stmt* insert = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(lite.db(),
                                 "INSERT INTO t(rowid,n1,n2,n3,s1,s2,b1,b2) "
                                 "VALUES(?,?,?,?,?,?,?,?)",
                                 -1, &insert, nullptr),
              SQLITE_OK);
    lite.Exec("BEGIN");
    for (int i = 0; i < kRows; ++i) {
      sqlite3_bind_int(insert, 1, i);
      int p = 2;
      for (const Column& c : table.n) {
        c.IsNull(i) ? sqlite3_bind_null(insert, p) : sqlite3_bind_double(insert, p, c.num[i]);
        ++p;
      }
      for (const Column& c : table.s) {
        c.IsNull(i) ? sqlite3_bind_null(insert, p)
                    : sqlite3_bind_text(insert, p, c.text[i].c_str(), -1, SQLITE_TRANSIENT);
        ++p;
      }
      for (const Column& c : table.b) {
        c.IsNull(i) ? sqlite3_bind_null(insert, p)
                    : sqlite3_bind_int(insert, p, static_cast<int>(c.num[i]));
        ++p;
      }
      ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE);
      sqlite3_reset(insert);
    }
    lite.Exec("COMMIT");
    sqlite3_finalize(insert);
  }

  MapSchema schema;
  for (const char* name : {"n1", "n2", "n3"}) schema.Add(name, ValueType::kNumber);
  for (const char* name : {"s1", "s2"}) schema.Add(name, ValueType::kText);
  for (const char* name : {"b1", "b2"}) schema.Add(name, ValueType::kBool);

  Generator gen(kSeed);
  int mismatches = 0;
  int counts[3] = {0, 0, 0};
  for (int k = 0; k < kConditions && mismatches < 5; ++k) {
    Expr2 cond = gen.Bool(1 + k % 4);
    auto compiled = Program::Compile(cond.ours, schema);
    if (auto* d = std::get_if<std::vector<Diagnostic>>(&compiled)) {
      ADD_FAILURE() << "generated condition does not compile:\n" << RenderAll(*d, cond.ours);
      ++mismatches;
      continue;
    }
    const Program& program = std::get<Program>(compiled);
    std::vector<const Column*> inputs;
    for (const std::string& name : program.names()) inputs.push_back(table.Get(name));
    Column ours = program.Evaluate(inputs, kRows);

    const std::string sql = "SELECT rowid, " + cond.lite + " FROM t ORDER BY rowid";
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(lite.db(), sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(lite.db());
    int row = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const int i = sqlite3_column_int(stmt, 0);
      const Tri want = sqlite3_column_type(stmt, 1) == SQLITE_NULL ? 2
                       : sqlite3_column_double(stmt, 1) != 0       ? 1
                                                                   : 0;
      const Tri got = ours.IsNull(i) ? 2 : ours.num[i] != 0 ? 1 : 0;
      const Value one = program.EvaluateRow(inputs, i);
      const Tri got_row = one.is_null() ? 2 : one.bool_value() ? 1 : 0;
      ++counts[want];
      if (want != got || got != got_row) {
        ++mismatches;
        ADD_FAILURE()
            << "condition #" << k << "\n  ours:   " << cond.ours << "\n  sqlite: " << cond.lite
            << "\n  row " << i << ": "
            << "n1=" << (table.n[0].IsNull(i) ? "NULL" : std::to_string(table.n[0].num[i]))
            << " n2=" << (table.n[1].IsNull(i) ? "NULL" : std::to_string(table.n[1].num[i]))
            << " n3=" << (table.n[2].IsNull(i) ? "NULL" : std::to_string(table.n[2].num[i]))
            << " s1=" << (table.s[0].IsNull(i) ? "NULL" : "'" + table.s[0].text[i] + "'")
            << " s2=" << (table.s[1].IsNull(i) ? "NULL" : "'" + table.s[1].text[i] + "'")
            << " b1=" << (table.b[0].IsNull(i) ? "NULL" : std::to_string(table.b[0].num[i]))
            << " b2=" << (table.b[1].IsNull(i) ? "NULL" : std::to_string(table.b[1].num[i]))
            << "\n  sqlite " << TriName(want) << ", Evaluate " << TriName(got) << ", EvaluateRow "
            << TriName(got_row);
        break;
      }
      ++row;
    }
    sqlite3_finalize(stmt);
    if (mismatches == 0) {
      ASSERT_EQ(row, kRows);
    }
  }
  // The generator must exercise all three outcomes.
  std::cout << "outcomes: " << counts[1] << " TRUE, " << counts[0] << " FALSE, " << counts[2]
            << " NULL\n";
  EXPECT_GT(counts[0], kRows * 50);
  EXPECT_GT(counts[1], kRows * 50);
  EXPECT_GT(counts[2], kRows * 50);
}

}  // namespace
}  // namespace tend::rules::expr
