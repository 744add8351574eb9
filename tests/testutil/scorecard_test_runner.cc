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
// Rules and the cockpit (rules_*.test):
//
//   rules run as-of DATE [by ACTOR]
//                             refreshes like `tend rules run` (storing history) and runs every
//                             rule (RuleEngine::Run); prints the report's counts:
//                             matched,fired,ctas_created,ctas_closed,fields_set,scores_set,
//                             plans_created,webhooks_queued
//   preview as-of DATE        body: a condition. Prints what `tend rules preview --format csv`
//                             prints: account_id,<names...> for the matching active accounts.
//   ctas [status S]           every CTA (or those with status S), by id:
//                             cta_id,account_id,rule,type,priority,title,owner,status,due,
//                             close_reason,snoozed_until
//   cta start ID | cta close ID reason R | cta snooze ID until DATE | cta assign ID owner O
//   | cta comment ID          body (close, comment): the comment. Acts as "tester". Prints
//                             nothing, or the error.
//   history of cta ID         the CTA's history: actor,kind,detail (times left out)
//   tasks of cta ID           task_id,title,owner,due,status,notes
//   task done ID              completes a task
//   firings [ACCOUNT]         rule firings, oldest first: rule,account_id,day,values,outcome
//   webhooks                  queued deliveries: rule,account_id,url,status,attempts,payload
//   plans ACCOUNT             plan,template,status,objective,due,objective_status,tasks
//                             (one row per objective; tasks as "title@owner@due|...")
//   timeline ACCOUNT          the timeline, newest first, without times: type,subject,source
//   attribute ACCOUNT NAME    a custom attribute's stored value (empty for none)
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

#include "advocacy/contact_moves.h"
#include "cli/format.h"
#include "common/csv_writer.h"
#include "cockpit/cockpit.h"
#include "common/time.h"
#include "definitions/definitions.h"
#include "ingest/import_kind.h"
#include "ingest/importer.h"
#include "rules/engine/rule_engine.h"
#include "rules/engine/run_pipeline.h"
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
    case ValueType::kBool:
      return c.num[i] != 0 ? "true" : "false";
    case ValueType::kNumber:
      return Num(c.num[i]);
    case ValueType::kDate:
      return tend::FormatDate(static_cast<EpochDay>(c.num[i]));
    case ValueType::kText:
      return tend::CsvField(c.text[i]);
    case ValueType::kNull:
      break;
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
    tend::store::OpenOptions options;
    options.contact_changes = tend::advocacy::DecideContactChanges;
    auto s = tend::store::OpenSqliteStore(dir_ + "/tend.db", options);
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
  static std::string Option(const std::vector<std::string>& w, size_t from,
                            const std::string& key) {
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
    if (kind == "history" && w.size() == 4 && w[1] == "of" && w[2] == "cta")
      return CtaHistory(w[3]);
    if (kind == "history") return History(w);
    if (kind == "rules") return RulesRun(w);
    if (kind == "preview") return Preview(w, body);
    if (kind == "ctas") return Ctas(w);
    if (kind == "cta") return CtaAction(w, body);
    if (kind == "tasks") return Tasks(w);
    if (kind == "task") return TaskAction(w);
    if (kind == "firings") return Firings(w);
    if (kind == "webhooks") return Webhooks();
    if (kind == "plans") return Plans(w);
    if (kind == "timeline") return TimelineOf(w);
    if (kind == "attribute") return AttributeOf(w);
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
      out += tend::CsvField(session->data().account(i).account_id);
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
      out += tend::CsvField(session->data().account(i).account_id) + "," + Cell(*c, i) + "\n";
    }
    return out;
  }

  std::string Override(const std::vector<std::string>& w, const std::string& body) {
    // override ACCOUNT SCORECARD.MEASURE (SCORE|clear) by AUTHOR at TIME
    if (w.size() != 8 || w[4] != "by" || w[6] != "at") {
      throw RecordError{
          "expected 'override ACCOUNT SCORECARD.MEASURE SCORE|clear by AUTHOR at TIME'"};
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
             (o.score ? tend::cli::Compact(*o.score) : "") + "," + tend::CsvField(o.author) +
             "," + tend::FormatTime(o.created_at) + "," + tend::CsvField(o.comment) + "\n";
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
      for (size_t k = 0; k < f.size(); ++k) out += (k ? "," : "") + tend::CsvField(f[k]);
      out += "\n";
    }
    return out;
  }

  // ---- rules and the cockpit ----

  static std::string Csv(const std::vector<std::string>& fields) {
    std::string line;
    for (size_t k = 0; k < fields.size(); ++k)
      line += (k ? "," : "") + tend::CsvField(fields[k]);
    return line + "\n";
  }

  static int64_t Id(const std::string& s) {
    char* end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0') throw RecordError{"bad id '" + s + "'"};
    return v;
  }

  static std::string Trimmed(std::string body) {
    while (!body.empty() && body.back() == '\n') body.pop_back();
    return body;
  }

  std::string RulesRun(const std::vector<std::string>& w) {
    if (w.size() < 2 || w[1] != "run") throw RecordError{"expected 'rules run as-of DATE'"};
    std::string as_of = Option(w, 2, "as-of");
    if (as_of.empty()) throw RecordError{"rules run needs as-of DATE"};
    std::string by = Option(w, 2, "by");
    tend::rules::PipelineOptions options;
    options.as_of = Day(as_of);
    options.save_history = true;
    options.rules_actor = by.empty() ? "rules" : by;
    auto run = tend::rules::RunPipeline(*store_, options);
    if (!run.ok()) throw RecordError{run.status().message()};
    const tend::rules::RuleRunReport* r = &run->rules;
    return "matched,fired,ctas_created,ctas_closed,fields_set,scores_set,plans_created,webhooks_"
           "queued\n" +
           std::to_string(r->matched) + "," + std::to_string(r->fired) + "," +
           std::to_string(r->ctas_created) + "," + std::to_string(r->ctas_closed) + "," +
           std::to_string(r->fields_set) + "," + std::to_string(r->scores_set) + "," +
           std::to_string(r->plans_created) + "," + std::to_string(r->webhooks_queued) + "\n";
  }

  std::string Preview(const std::vector<std::string>& w, const std::string& body) {
    std::string as_of = Option(w, 1, "as-of");
    if (as_of.empty()) throw RecordError{"preview needs as-of DATE"};
    auto session = Session();
    Check(session->Refresh(Day(as_of), false));
    auto p = tend::rules::RuleEngine(*session).PreviewCondition(Trimmed(body));
    if (!p.ok()) throw RecordError{p.status().message()};
    std::vector<std::string> head = {"account_id"};
    head.insert(head.end(), p->names.begin(), p->names.end());
    std::string out = Csv(head);
    for (const auto& r : p->rows) {
      std::vector<std::string> row = {r.account_id};
      row.insert(row.end(), r.values.begin(), r.values.end());
      out += Csv(row);
    }
    return out;
  }

  std::string Ctas(const std::vector<std::string>& w) {
    tend::store::CtaFilter f;
    std::string status = Option(w, 1, "status");
    if (!status.empty()) f.statuses = {status};
    auto ctas = store_->ListCtas(f);
    if (!ctas.ok()) throw RecordError{ctas.status().message()};
    std::string out =
        "cta_id,account_id,rule,type,priority,title,owner,status,due,close_reason,snoozed_until\n";
    for (const auto& c : *ctas) {
      out += Csv({std::to_string(c.cta_id), c.account_id, c.rule, c.type, c.priority, c.title,
                  c.owner, c.status, c.due_day ? tend::FormatDate(*c.due_day) : "", c.close_reason,
                  c.snoozed_until ? tend::FormatDate(*c.snoozed_until) : ""});
    }
    return out;
  }

  std::string CtaAction(const std::vector<std::string>& w, const std::string& body) {
    if (w.size() < 3) throw RecordError{"expected 'cta ACTION ID ...'"};
    tend::cockpit::Cockpit cp(*store_);
    int64_t id = Id(w[2]);
    const std::string& what = w[1];
    tend::Status s;
    if (what == "start") {
      s = cp.StartCta(id, "tester");
    } else if (what == "close") {
      s = cp.CloseCta(id, Option(w, 3, "reason"), Trimmed(body), "tester");
    } else if (what == "snooze") {
      s = cp.SnoozeCta(id, Day(Option(w, 3, "until")), "tester");
    } else if (what == "assign") {
      s = cp.ReassignCta(id, Option(w, 3, "owner"), "tester");
    } else if (what == "comment") {
      s = cp.CommentCta(id, Trimmed(body), "tester");
    } else {
      throw RecordError{"unknown cta action '" + what + "'"};
    }
    Check(s);
    return "";
  }

  std::string CtaHistory(const std::string& id) {
    auto d = tend::cockpit::Cockpit(*store_).GetCta(Id(id));
    if (!d.ok()) throw RecordError{d.status().message()};
    std::string out = "actor,kind,detail\n";
    for (const auto& e : d->history) out += Csv({e.actor, e.kind, e.detail});
    return out;
  }

  std::string Tasks(const std::vector<std::string>& w) {
    if (w.size() != 4 || w[1] != "of" || w[2] != "cta")
      throw RecordError{"expected 'tasks of cta ID'"};
    auto d = tend::cockpit::Cockpit(*store_).GetCta(Id(w[3]));
    if (!d.ok()) throw RecordError{d.status().message()};
    std::string out = "task_id,title,owner,due,status,notes\n";
    for (const auto& t : d->tasks) {
      out += Csv({std::to_string(t.task_id), t.title, t.owner,
                  t.due_day ? tend::FormatDate(*t.due_day) : "", t.status, t.notes});
    }
    return out;
  }

  std::string TaskAction(const std::vector<std::string>& w) {
    if (w.size() != 3 || w[1] != "done") throw RecordError{"expected 'task done ID'"};
    Check(tend::cockpit::Cockpit(*store_).CompleteTask(Id(w[2]), "tester"));
    return "";
  }

  std::string Firings(const std::vector<std::string>& w) {
    auto rows = store_->ListRuleFirings(w.size() > 1 ? w[1] : "", 1000000);
    if (!rows.ok()) throw RecordError{rows.status().message()};
    std::string out = "rule,account_id,day,values,outcome\n";
    for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
      out += Csv({it->rule, it->account_id, tend::FormatDate(it->day), it->values, it->outcome});
    }
    return out;
  }

  std::string Webhooks() {
    auto rows = store_->ListWebhookDeliveries("");
    if (!rows.ok()) throw RecordError{rows.status().message()};
    std::string out = "rule,account_id,url,status,attempts,payload\n";
    for (const auto& d : *rows) {
      out += Csv({d.rule, d.account_id, d.url, d.status, std::to_string(d.attempts), d.payload});
    }
    return out;
  }

  std::string Plans(const std::vector<std::string>& w) {
    if (w.size() != 2) throw RecordError{"expected 'plans ACCOUNT'"};
    auto plans = tend::cockpit::Cockpit(*store_).Plans(w[1]);
    if (!plans.ok()) throw RecordError{plans.status().message()};
    std::string out = "plan,template,status,objective,due,objective_status,tasks\n";
    for (const auto& p : *plans) {
      for (size_t k = 0; k < p.objectives.size(); ++k) {
        const auto& o = p.objectives[k];
        std::string tasks;
        for (const auto& t : p.tasks[k]) {
          tasks += (tasks.empty() ? "" : "|") + t.title + "@" + t.owner + "@" +
                   (t.due_day ? tend::FormatDate(*t.due_day) : "");
        }
        out += Csv({p.plan.name, p.plan.template_name, p.plan.status, o.title,
                    o.due_day ? tend::FormatDate(*o.due_day) : "", o.status, tasks});
      }
    }
    return out;
  }

  std::string TimelineOf(const std::vector<std::string>& w) {
    if (w.size() != 2) throw RecordError{"expected 'timeline ACCOUNT'"};
    auto rows = store_->ListActivities(w[1]);
    if (!rows.ok()) throw RecordError{rows.status().message()};
    std::string out = "type,subject,source\n";
    for (const auto& a : *rows) out += Csv({a.type, a.subject, a.source});
    return out;
  }

  std::string AttributeOf(const std::vector<std::string>& w) {
    if (w.size() != 3) throw RecordError{"expected 'attribute ACCOUNT NAME'"};
    auto accounts = store_->LoadAccounts();
    if (!accounts.ok()) throw RecordError{accounts.status().message()};
    for (const auto& a : *accounts) {
      if (a.account_id != w[1]) continue;
      for (const auto& v : a.attributes) {
        if (v.name != w[2]) continue;
        if (v.text) return *v.text;
        if (v.num) return Num(*v.num);
      }
      return "";
    }
    throw RecordError{"no account '" + w[1] + "'"};
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
