// tend_scorecard_test_runner: runs the scorecard and metrics text tests
// (tests/scorecard/**/*.test) against a real SQLite workspace in a temporary directory.
//
// Usage: tend_scorecard_test_runner FILE.test...
// Exit status 0 when every record of every file passes, 1 otherwise; each mismatch is printed
// as `file:line` of the record with the expected and actual output. With TEND_UPDATE_GOLDEN=1
// the expected output of failing records is rewritten in place (review the diff!).
//
// File format: `# name:`, `# description:`, `# group:` headers, then records. `#` lines and
// blank lines between records are comments. A record is
//
//   <header line>
//   <body: zero or more lines, blank lines allowed>
//   ----
//   <expected output, up to the next blank line or end of file>
//
// Record kinds (each file starts with an empty workspace):
//
//   load KIND                 body: a CSV file of KIND (accounts, contacts, events, surveys,
//                             tickets, activities, deals) imported with ingest::RunImport.
//                             Expected: nothing (the import must commit), or the import's
//                             problem messages, one per line (and nothing is imported).
//   load KIND from PATH       the same with the file PATH of the source tree (tests/data/...)
//                             instead of a body.
//   definitions [PATH]        body: a YAML file (default path defs.yaml), compiled against the
//                             workspace's attributes and stored like `tend apply`. Expected:
//                             nothing, or the compile errors one per line (nothing applied).
//   definitions from PATH     the same with the file PATH of the source tree ($TEND_SOURCE_DIR,
//                             else the configured source dir) instead of a body.
//   score as-of DATE [scorecard NAME] [no-history]
//                             refreshes like `tend score` (storing history unless no-history)
//                             and prints what `tend score --format csv` prints:
//                             account_id,overall,color,<measure scores...> for active accounts.
//   refresh as-of DATE        like score, printing nothing (stores history).
//   value NAME as-of DATE [all]
//                             refreshes without history and prints `account_id,value` for the
//                             active accounts (all accounts with `all`). NAME is any name an
//                             expression can use (attribute, metric, S.m, S.m.value, S.overall,
//                             S.color, S.<group>, S.overall_change_7d, ...). Numbers print with
//                             up to 15 significant digits, dates as YYYY-MM-DD, NULL as empty.
//   override ACCOUNT SCORECARD.MEASURE (SCORE|clear) by AUTHOR at TIME
//                             body: the comment. Stores an override (Store::AddOverride).
//   overrides                 prints every stored override, oldest first:
//                             scorecard,measure,account_id,score,author,created_at,comment
//   history ACCOUNT [scorecard NAME]
//                             prints the stored history like `tend history --format csv`:
//                             day,scorecard,overall,color,measures
//
// Any failure to run a record (a bad header, a Status error) is printed as `error: <message>`
// in place of the output, so a test may expect it.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/format.h"
#include "common/time.h"
#include "definitions/definitions.h"
#include "ingest/import_kind.h"
#include "ingest/importer.h"
#include "scorecard/health_session.h"
#include "store/sqlite_store.h"

namespace {

using tend::Column;
using tend::EpochDay;
using tend::ValueType;

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

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> w;
  std::string x;
  while (in >> x) w.push_back(x);
  return w;
}

// Numbers as in `value` output: integers without decimals, else up to 15 significant digits.
std::string Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  std::string s = buf;
  if (s == "-0") s = "0";
  return s;
}

std::string Cell(const Column& c, size_t i) {
  if (c.type == ValueType::kNull || c.IsNull(i)) return "";
  switch (c.type) {
    case ValueType::kBool: return c.num[i] != 0 ? "true" : "false";
    case ValueType::kNumber: return Num(c.num[i]);
    case ValueType::kDate: return tend::FormatDate(static_cast<EpochDay>(c.num[i]));
    case ValueType::kText: return tend::cli::CsvField(c.text[i]);
    case ValueType::kNull: break;
  }
  return "";
}

// Thrown to abandon a record with a message (never leaves this file).
struct RecordError {
  std::string message;
};

class FileRunner {
 public:
  explicit FileRunner(std::string path) : path_(std::move(path)) {}

  ~FileRunner() {
    store_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

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
    if (!OpenWorkspace()) return failures_ + 1;

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
    size_t from, to;
    std::vector<std::string> lines;
  };

  bool OpenWorkspace() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/tend-sctest-XXXXXX";
    if (mkdtemp(tmpl.data()) == nullptr) {
      std::cerr << path_ << ": mkdtemp failed\n";
      return false;
    }
    dir_ = tmpl;
    auto s = tend::store::OpenSqliteStore(dir_ + "/tend.db");
    if (!s.ok()) {
      std::cerr << path_ << ": cannot open a workspace: " << s.status().ToString() << "\n";
      return false;
    }
    store_ = std::move(s).value();
    return true;
  }

  void Fail(size_t line_no, const std::string& what) {
    ++failures_;
    std::cerr << path_ << ":" << line_no << ": " << what << "\n";
  }

  size_t RunRecord(size_t i) {
    const size_t header_line = i;
    const std::string header = lines_[i++];
    ++records_;
    size_t body_from = i;
    while (i < lines_.size() && lines_[i] != "----") ++i;
    if (i >= lines_.size()) {
      Fail(header_line + 1, "record has no '----' line");
      return i;
    }
    std::string body = Join(lines_, body_from, i);
    if (i > body_from) body += '\n';
    ++i;  // ----
    size_t expected_from = i;
    while (i < lines_.size() && !lines_[i].empty()) ++i;
    const std::string expected = Join(lines_, expected_from, i);

    std::string got;
    try {
      got = Produce(header, body);
    } catch (const RecordError& e) {
      got = "error: " + e.message;
    }
    if (!got.empty() && got.back() == '\n') got.pop_back();
    if (got != expected) {
      std::ostringstream msg;
      msg << "mismatch in '" << header << "'\n--- expected:\n"
          << expected << "\n--- got:\n"
          << got << "\n";
      Fail(header_line + 1, msg.str());
      replacements_.push_back({expected_from, i, SplitLines(got)});
    }
    return i;
  }

  static void Check(const tend::Status& s) {
    if (!s.ok()) throw RecordError{s.message()};
  }

  static EpochDay Day(const std::string& s) {
    auto d = tend::ParseDate(s);
    if (!d) throw RecordError{"bad date '" + s + "'"};
    return *d;
  }

  // Finds "KEY VALUE" among `w` from index `from`; "" when absent.
  static std::string Option(const std::vector<std::string>& w, size_t from, const std::string& key) {
    for (size_t k = from; k + 1 < w.size(); ++k) {
      if (w[k] == key) return w[k + 1];
    }
    return "";
  }
  static bool Flag(const std::vector<std::string>& w, size_t from, const std::string& key) {
    for (size_t k = from; k < w.size(); ++k) {
      if (w[k] == key) return true;
    }
    return false;
  }

  std::string Produce(const std::string& header, const std::string& body) {
    std::vector<std::string> w = Words(header);
    const std::string& kind = w[0];
    if (kind == "load") return Load(w, body);
    if (kind == "definitions") return Definitions(w, body);
    if (kind == "score") return Score(w);
    if (kind == "refresh") {
      std::string as_of = Option(w, 1, "as-of");
      if (as_of.empty()) throw RecordError{"refresh needs as-of DATE"};
      auto session = Session();
      Check(session->Refresh(Day(as_of), true));
      return "";
    }
    if (kind == "value") return Value(w);
    if (kind == "override") return Override(w, body);
    if (kind == "overrides") return Overrides();
    if (kind == "history") return History(w);
    throw RecordError{"unknown record kind '" + kind + "'"};
  }

  static std::string SourceFile(const std::string& path) {
    const char* env = std::getenv("TEND_SOURCE_DIR");
    std::string root = env && *env ? env : TEND_SOURCE_DIR_DEFAULT;
    std::ifstream in(root + "/" + path, std::ios::binary);
    if (!in) throw RecordError{"cannot read " + root + "/" + path};
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  std::string Load(const std::vector<std::string>& w, std::string body) {
    if (w.size() == 4 && w[2] == "from") {
      body = SourceFile(w[3]);
    } else if (w.size() != 2) {
      throw RecordError{"expected 'load KIND' or 'load KIND from PATH'"};
    }
    auto kind = tend::ingest::ParseImportKind(w[1]);
    if (!kind) throw RecordError{"unknown import kind '" + w[1] + "'"};
    std::string file = dir_ + "/" + w[1] + ".csv";
    {
      std::ofstream out(file, std::ios::binary | std::ios::trunc);
      out << body;
    }
    auto report = tend::ingest::RunImport(*store_, {{*kind, file}}, {});
    if (!report.ok()) throw RecordError{report.status().message()};
    std::string out;
    for (std::string m : report->messages) {
      // Messages name the temporary file: show it as KIND.csv.
      if (m.rfind(file, 0) == 0) m = w[1] + ".csv" + m.substr(file.size());
      out += m + "\n";
    }
    if (!report->committed && out.empty()) out = "not committed\n";
    return out;
  }

  std::string Definitions(const std::vector<std::string>& w, std::string body) {
    std::string path = w.size() > 1 ? w[1] : "defs.yaml";
    if (w.size() == 3 && w[1] == "from") {
      // definitions from PATH: the file at PATH below the source tree, as applied.
      path = w[2];
      body = SourceFile(path);
    }
    auto attrs = store_->LoadAttributeDefs();
    if (!attrs.ok()) throw RecordError{attrs.status().message()};
    auto compiled = tend::definitions::Compile({{path, body}}, *attrs);
    if (auto* errors = std::get_if<std::vector<std::string>>(&compiled)) {
      std::string out;
      for (const auto& e : *errors) out += e + "\n";
      return out;
    }
    Check(store_->ReplaceDefinitionFiles({{path, body, 0}}));
    return "";
  }

  std::unique_ptr<tend::scorecard::HealthSession> Session() {
    auto s = tend::scorecard::HealthSession::Open(*store_);
    if (!s.ok()) throw RecordError{s.status().message()};
    return std::move(s).value();
  }

  std::string Score(const std::vector<std::string>& w) {
    std::string as_of = Option(w, 1, "as-of");
    if (as_of.empty()) throw RecordError{"score needs as-of DATE"};
    auto session = Session();
    auto sc_result = session->FindScorecard(Option(w, 1, "scorecard"));
    if (!sc_result.ok()) throw RecordError{sc_result.status().message()};
    const tend::scorecard::ScorecardDef& sc = **sc_result;
    Check(session->Refresh(Day(as_of), !Flag(w, 1, "no-history")));
    // The same text as `tend score --format csv` (cli/score_command.cc).
    auto& e = session->engine();
    const Column* overall = e.Get(sc.name + ".overall");
    const Column* color = e.Get(sc.name + ".color");
    std::vector<const Column*> scores;
    for (const auto& m : sc.measures) scores.push_back(e.Get(sc.name + "." + m.name));
    std::string out = "account_id,overall,color";
    for (const auto& m : sc.measures) out += "," + m.name;
    out += "\n";
    char buf[32];
    for (size_t i : session->ActiveAccounts()) {
      out += tend::cli::CsvField(session->data().account(i).account_id);
      out += ',';
      if (!overall->IsNull(i)) {
        std::snprintf(buf, sizeof buf, "%.2f", overall->num[i]);
        out += buf;
      }
      out += ',';
      if (!color->IsNull(i)) out += color->text[i];
      for (const Column* c : scores) {
        out += ',';
        if (!c->IsNull(i)) out += tend::cli::Compact(c->num[i]);
      }
      out += '\n';
    }
    return out;
  }

  std::string Value(const std::vector<std::string>& w) {
    if (w.size() < 2) throw RecordError{"expected 'value NAME as-of DATE [all]'"};
    std::string as_of = Option(w, 2, "as-of");
    if (as_of.empty()) throw RecordError{"value needs as-of DATE"};
    auto session = Session();
    Check(session->Refresh(Day(as_of), false));
    if (!tend::definitions::NameType(session->defs(), w[1])) {
      throw RecordError{"no name '" + w[1] + "'"};
    }
    const Column* c = session->engine().Get(w[1]);
    if (!c) throw RecordError{"the engine has no column '" + w[1] + "'"};
    std::vector<size_t> rows;
    if (Flag(w, 2, "all")) {
      for (size_t i = 0; i < session->data().size(); ++i) rows.push_back(i);
    } else {
      rows = session->ActiveAccounts();
    }
    std::string out = "account_id,value\n";
    for (size_t i : rows) {
      out += tend::cli::CsvField(session->data().account(i).account_id) + "," + Cell(*c, i) + "\n";
    }
    return out;
  }

  std::string Override(const std::vector<std::string>& w, const std::string& body) {
    // override ACCOUNT SCORECARD.MEASURE (SCORE|clear) by AUTHOR at TIME
    if (w.size() != 8 || w[4] != "by" || w[6] != "at") {
      throw RecordError{"expected 'override ACCOUNT SCORECARD.MEASURE SCORE|clear by AUTHOR at TIME'"};
    }
    tend::store::OverrideRecord o;
    o.account_id = w[1];
    auto dot = w[2].find('.');
    if (dot == std::string::npos) throw RecordError{"expected SCORECARD.MEASURE"};
    o.scorecard = w[2].substr(0, dot);
    o.measure = w[2].substr(dot + 1);
    if (w[3] != "clear") {
      char* end = nullptr;
      double v = std::strtod(w[3].c_str(), &end);
      if (*end != '\0') throw RecordError{"bad score '" + w[3] + "'"};
      o.score = v;
    }
    o.author = w[5];
    auto t = tend::ParseTime(w[7]);
    if (!t) throw RecordError{"bad time '" + w[7] + "'"};
    o.created_at = *t;
    o.comment = body;
    if (!o.comment.empty() && o.comment.back() == '\n') o.comment.pop_back();
    auto id = store_->AddOverride(o);
    if (!id.ok()) throw RecordError{id.status().message()};
    return "";
  }

  std::string Overrides() {
    auto rows = store_->LoadOverrides();
    if (!rows.ok()) throw RecordError{rows.status().message()};
    std::string out = "scorecard,measure,account_id,score,author,created_at,comment\n";
    for (const auto& o : *rows) {
      out += o.scorecard + "," + o.measure + "," + o.account_id + "," +
             (o.score ? tend::cli::Compact(*o.score) : "") + "," + tend::cli::CsvField(o.author) +
             "," + tend::FormatTime(o.created_at) + "," + tend::cli::CsvField(o.comment) + "\n";
    }
    return out;
  }

  std::string History(const std::vector<std::string>& w) {
    if (w.size() < 2) throw RecordError{"expected 'history ACCOUNT [scorecard NAME]'"};
    std::string only = Option(w, 2, "scorecard");
    auto rows = store_->LoadAccountHistory(w[1]);
    if (!rows.ok()) throw RecordError{rows.status().message()};
    // The same text as `tend history --format csv` (cli/history_command.cc).
    std::string out = "day,scorecard,overall,color,measures\n";
    for (const auto& r : *rows) {
      if (!only.empty() && r.scorecard != only) continue;
      std::vector<std::string> f = {tend::FormatDate(r.day), r.scorecard,
                                    r.overall ? tend::cli::Compact(*r.overall) : "", r.color,
                                    r.measures};
      for (size_t k = 0; k < f.size(); ++k) out += (k ? "," : "") + tend::cli::CsvField(f[k]);
      out += "\n";
    }
    return out;
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
  std::string dir_;
  std::unique_ptr<tend::store::Store> store_;
  std::vector<std::string> lines_;
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
    std::cerr << "usage: tend_scorecard_test_runner FILE.test...\n";
    return 2;
  }
  int failed = 0;
  for (int i = 1; i < argc; ++i) failed += FileRunner(argv[i]).Run();
  return failed == 0 ? 0 : 1;
}
