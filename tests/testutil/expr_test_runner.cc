// tend_expr_test_runner: runs the expression language's text tests (tests/expr/**/*.test).
//
// Usage: tend_expr_test_runner FILE.test...
// Exit status 0 when every record of every file passes, 1 otherwise; each mismatch is
// printed as `file:line` of the record, the expression, expected and actual output.
// With TEND_UPDATE_GOLDEN=1 the expected output of failing records is rewritten in place.
//
// File format (modelled on DuckDB's sqllogictest): `# name:`, `# description:`, `# group:`
// headers, then records separated by blank lines. `#` lines between records are comments.
//
//   parse | check | check error | eval      record kind
//   <expression, one or more lines>
//   ----
//   <expected output, up to the next blank line>
//
//   let NAME TYPE VALUE      binds NAME (type null|bool|number|text|date) for later records;
//                            VALUE is NULL, a number, 'text', true/false or YYYY-MM-DD.
//
// parse prints the unchecked AST as an S-expression; check the inferred type name; check
// error the rendered diagnostics; eval `type: value` or `null`. eval runs both
// Program::Evaluate and Program::EvaluateRow and fails if they disagree.
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/time.h"
#include "rules/expr/parser.h"
#include "rules/expr/program.h"

namespace {

using tend::Column;
using tend::ValueType;
using namespace tend::rules::expr;

struct Binding {
  std::string name;
  ValueType type;
  Value value;
};

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::string Join(const std::vector<std::string>& lines, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (i > from) out += '\n';
    out += lines[i];
  }
  return out;
}

bool ParseType(const std::string& s, ValueType* t) {
  for (ValueType c : {ValueType::kNull, ValueType::kBool, ValueType::kNumber, ValueType::kText,
                      ValueType::kDate}) {
    if (s == tend::ValueTypeName(c)) {
      *t = c;
      return true;
    }
  }
  return false;
}

// Parses the VALUE of a `let`; returns an error message or "".
std::string ParseLetValue(ValueType type, std::string raw, Value* out) {
  if (raw == "NULL" || raw == "null") {
    *out = Value::Null();
    return "";
  }
  if (type == ValueType::kText || type == ValueType::kDate) {
    if (raw.size() >= 2 && raw.front() == '\'' && raw.back() == '\'') {
      std::string s;
      for (size_t i = 1; i + 1 < raw.size(); ++i) {
        s += raw[i];
        if (raw[i] == '\'' && raw[i + 1] == '\'') ++i;
      }
      raw = s;
    }
  }
  switch (type) {
    case ValueType::kNull:
      return "type null only takes NULL";
    case ValueType::kBool:
      if (raw != "true" && raw != "false") return "bool value must be true or false";
      *out = Value::Bool(raw == "true");
      return "";
    case ValueType::kNumber: {
      char* end = nullptr;
      double d = std::strtod(raw.c_str(), &end);
      if (raw.empty() || *end != '\0') return "bad number '" + raw + "'";
      *out = Value::Number(d);
      return "";
    }
    case ValueType::kText:
      *out = Value::Text(raw);
      return "";
    case ValueType::kDate: {
      auto day = tend::ParseDate(raw);
      if (!day) return "bad date '" + raw + "'";
      *out = Value::Date(*day);
      return "";
    }
  }
  return "bad type";
}

Value CellValue(const Column& c, size_t i) {
  if (c.type == ValueType::kNull || c.IsNull(i)) return Value::Null();
  switch (c.type) {
    case ValueType::kBool:
      return Value::Bool(c.num[i] != 0);
    case ValueType::kNumber:
      return Value::Number(c.num[i]);
    case ValueType::kDate:
      return Value::Date(static_cast<tend::EpochDay>(c.num[i]));
    case ValueType::kText:
      return Value::Text(c.text[i]);
    case ValueType::kNull:
      break;
  }
  return Value::Null();
}

class FileRunner {
 public:
  explicit FileRunner(std::string path) : path_(std::move(path)) {}

  // Returns the number of failed records (or 1 when the file cannot be read/parsed).
  int Run() {
    std::ifstream in(path_, std::ios::binary);
    if (!in) {
      std::cerr << path_ << ": cannot open\n";
      return 1;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    lines_ = SplitLines(ss.str());
    bool has_name = false;
    for (const std::string& l : lines_) has_name |= l.rfind("# name:", 0) == 0;
    if (!has_name) Fail(1, "file has no '# name:' header");

    size_t i = 0;
    while (i < lines_.size()) {
      const std::string& line = lines_[i];
      if (line.empty() || line[0] == '#') {
        ++i;
        continue;
      }
      i = RunRecord(i);
    }
    if (update_ && !replacements_.empty()) WriteBack();
    std::cout << path_ << ": " << records_ << " records, " << failures_ << " failed\n";
    return failures_;
  }

 private:
  struct Replacement {
    size_t from, to;  // expected-output line range [from, to)
    std::vector<std::string> lines;
  };

  void Fail(size_t line_no, const std::string& what) {
    ++failures_;
    std::cerr << path_ << ":" << line_no << ": " << what << "\n";
  }

  // Runs the record starting at line index `i`; returns the index after it.
  size_t RunRecord(size_t i) {
    const size_t header_line = i;
    const std::string header = lines_[i++];
    ++records_;
    if (header.rfind("let ", 0) == 0) {
      RunLet(header_line, header);
      return i;
    }
    if (header != "parse" && header != "check" && header != "check error" && header != "eval") {
      Fail(header_line + 1, "unknown record kind '" + header + "'");
      while (i < lines_.size() && !lines_[i].empty()) ++i;
      return i;
    }
    size_t expr_from = i;
    while (i < lines_.size() && lines_[i] != "----" && !lines_[i].empty()) ++i;
    if (i >= lines_.size() || lines_[i] != "----") {
      Fail(header_line + 1, "record has no '----' line");
      while (i < lines_.size() && !lines_[i].empty()) ++i;
      return i;
    }
    const std::string source = Join(lines_, expr_from, i);
    ++i;  // ----
    size_t expected_from = i;
    while (i < lines_.size() && !lines_[i].empty()) ++i;
    const std::string expected = Join(lines_, expected_from, i);

    std::string got = Produce(header, source, header_line);
    if (got != expected) {
      std::ostringstream msg;
      msg << header << " mismatch\n--- expression:\n"
          << source << "\n--- expected:\n"
          << expected << "\n--- got:\n"
          << got << "\n";
      Fail(header_line + 1, msg.str());
      replacements_.push_back({expected_from, i, SplitLines(got)});
    }
    return i;
  }

  void RunLet(size_t line_no, const std::string& header) {
    std::istringstream in(header.substr(4));
    std::string name, type_name, raw;
    in >> name >> type_name;
    std::getline(in >> std::ws, raw);
    ValueType type;
    if (name.empty() || !ParseType(type_name, &type)) {
      Fail(line_no + 1, "bad let: expected 'let NAME TYPE VALUE'");
      return;
    }
    Value v;
    std::string err = ParseLetValue(type, raw, &v);
    if (!err.empty()) {
      Fail(line_no + 1, "bad let value: " + err);
      return;
    }
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (Binding& b : bindings_) {
      if (b.name == name) {
        b = Binding{name, type, v};
        return;
      }
    }
    bindings_.push_back(Binding{name, type, v});
  }

  std::string Produce(const std::string& kind, const std::string& source, size_t line_no) {
    if (kind == "parse") {
      auto parsed = Parse(source);
      if (auto* d = std::get_if<Diagnostic>(&parsed)) return d->Render(source);
      return ToSExpr(*std::get<std::unique_ptr<Expr>>(parsed));
    }
    MapSchema schema;
    for (const Binding& b : bindings_) schema.Add(b.name, b.type);
    auto compiled = Program::Compile(source, schema);
    if (auto* diags = std::get_if<std::vector<Diagnostic>>(&compiled)) {
      return RenderAll(*diags, source);
    }
    const Program& program = std::get<Program>(compiled);
    if (kind == "check") return std::string(tend::ValueTypeName(program.type()));
    if (kind == "check error") {
      return "no error (type " + std::string(tend::ValueTypeName(program.type())) + ")";
    }
    // eval: one row per binding value, evaluated both ways.
    std::vector<Column> columns;
    for (const std::string& name : program.names()) {
      const Binding* b = nullptr;
      for (const Binding& c : bindings_) b = c.name == name ? &c : b;
      Column col(b->type, 1);
      if (!b->value.is_null()) {
        if (b->type == ValueType::kText) {
          col.SetText(0, b->value.text());
        } else {
          col.SetNum(0, b->value.raw_num());
        }
      }
      columns.push_back(std::move(col));
    }
    std::vector<const Column*> inputs;
    for (const Column& c : columns) inputs.push_back(&c);
    Column out = program.Evaluate(inputs, 1);
    Value vectorised = CellValue(out, 0);
    Value row = program.EvaluateRow(inputs, 0);
    if (out.type != program.type()) {
      Fail(line_no + 1, "Evaluate returned a column of type " +
                            std::string(tend::ValueTypeName(out.type)) + ", program type is " +
                            std::string(tend::ValueTypeName(program.type())));
    }
    if (!(vectorised == row)) {
      Fail(line_no + 1, "Evaluate gives '" + vectorised.ToString() + "' but EvaluateRow gives '" +
                            row.ToString() + "'");
    }
    if (!row.is_null() && row.type() != program.type()) {
      Fail(line_no + 1, "value type differs from the program type");
    }
    return row.ToString();
  }

  void WriteBack() {
    std::vector<std::string> out;
    size_t next = 0;
    for (const Replacement& r : replacements_) {
      out.insert(out.end(), lines_.begin() + next, lines_.begin() + r.from);
      out.insert(out.end(), r.lines.begin(), r.lines.end());
      next = r.to;
    }
    out.insert(out.end(), lines_.begin() + next, lines_.end());
    std::ofstream f(path_, std::ios::binary | std::ios::trunc);
    for (const std::string& l : out) f << l << "\n";
    std::cerr << path_ << ": rewrote " << replacements_.size() << " expected outputs\n";
  }

  std::string path_;
  std::vector<std::string> lines_;
  std::vector<Binding> bindings_;
  std::vector<Replacement> replacements_;
  bool update_ = [] {
    const char* v = std::getenv("TEND_UPDATE_GOLDEN");
    return v != nullptr && std::string(v) == "1";
  }();
  int records_ = 0;
  int failures_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tend_expr_test_runner FILE.test...\n";
    return 2;
  }
  int failed = 0;
  for (int i = 1; i < argc; ++i) failed += FileRunner(argv[i]).Run();
  return failed == 0 ? 0 : 1;
}
