// tend score calibrate ... (score_calibrate_command.cc)
// tend score [--db F] [--as-of D] [--scorecard S] [--format csv|json|table]
#include <charconv>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/command.h"
#include "cli/format.h"
#include "common/cell.h"
#include "common/json_text.h"
#include "common/round.h"
#include "common/time.h"
#include "scorecard/health_session.h"

namespace tend::cli {

int RunScore(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "calibrate") {
    std::string prog = std::string(argv[0]) + " calibrate";
    argv[1] = prog.data();
    return RunScoreCalibrate(argc - 1, argv + 1);
  }
  CLI::App app{
      "Refresh health scores as of a day (default: the day of the latest event), store "
      "them in the history, and print one row per active account.",
      "tend score"};
  std::string db, as_of, scorecard_name, format = "table";
  bool no_history = false, timing = false;
  AddDbOption(app, &db);
  app.add_option("--as-of", as_of, "the as-of day D, YYYY-MM-DD");
  app.add_option("--scorecard", scorecard_name,
                 "scorecard to print (default: health, else the first)");
  app.add_option("--format", format, "csv, json or table")
      ->check(CLI::IsMember({"csv", "json", "table"}));
  app.add_flag("--no-history", no_history, "do not store the results in the history");
  app.add_flag("--timing", timing, "print load and refresh durations to stderr");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  std::optional<EpochDay> day;
  if (!as_of.empty()) {
    day = ParseDate(as_of);
    if (!day)
      return Fail(InvalidArgument("cli.badDate",
                                  "--as-of \"" + as_of + "\" is not a date (expected YYYY-MM-DD)"));
  }
  auto t0 = std::chrono::steady_clock::now();
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  auto session = scorecard::HealthSession::Open(**ws);
  if (!session.ok()) return Fail(session.status());
  auto t1 = std::chrono::steady_clock::now();
  scorecard::HealthSession& s = **session;
  auto sc_result = s.FindScorecard(scorecard_name);
  if (!sc_result.ok()) return Fail(sc_result.status());
  const scorecard::ScorecardDef& sc = **sc_result;
  Status st = s.Refresh(day, /*save_history=*/false);
  if (!st.ok()) return Fail(st);
  auto t2 = std::chrono::steady_clock::now();
  // The history is written while the results are printed (both only read the engine).
  Status history;
  std::thread history_writer;
  if (!no_history) history_writer = std::thread([&] { history = s.SaveHistory(); });
  struct Join {
    std::thread& t;
    ~Join() {
      if (t.joinable()) t.join();
    }
  } join{history_writer};

  scorecard::HealthEngine& e = s.engine();
  const Column* overall = e.Get(sc.name + ".overall");
  const Column* color = e.Get(sc.name + ".color");
  std::vector<const Column*> scores, values;
  for (const auto& m : sc.measures) {
    scores.push_back(e.Get(sc.name + "." + m.name));
    values.push_back(e.Get(sc.name + "." + m.name + ".value"));
  }
  std::vector<size_t> active = s.ActiveAccounts();
  std::string out;
  if (format == "csv") {
    out.reserve(active.size() * 64);
    out += "account_id,overall,color";
    for (const auto& m : sc.measures) out += "," + m.name;
    out += "\n";
    char buf[32];
    for (size_t i : active) {
      out += CsvField(s.data().account(i).account_id);
      out += ',';
      if (!overall->IsNull(i)) {
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, RoundHalfUp(overall->num[i], 2),
                                       std::chars_format::fixed, 2);
        out.append(buf, ec == std::errc() ? end : buf);
      }
      out += ',';
      if (!color->IsNull(i)) out += color->text[i];
      for (const Column* c : scores) {
        out += ',';
        if (!c->IsNull(i)) out += Compact(c->num[i]);
      }
      out += '\n';
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else if (format == "json") {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (size_t i : active) {
      nlohmann::ordered_json r;
      r["account_id"] = s.data().account(i).account_id;
      r["as_of"] = FormatDate(e.as_of());
      r["overall"] =
          overall->IsNull(i) ? nlohmann::ordered_json() : nlohmann::ordered_json(overall->num[i]);
      r["color"] =
          color->IsNull(i) ? nlohmann::ordered_json() : nlohmann::ordered_json(color->text[i]);
      nlohmann::ordered_json ms = nlohmann::ordered_json::object();
      for (size_t k = 0; k < sc.measures.size(); ++k) {
        nlohmann::ordered_json m;
        m["value"] = nlohmann::ordered_json(CellJson(*values[k], i));
        m["score"] = scores[k]->IsNull(i) ? nlohmann::ordered_json()
                                          : nlohmann::ordered_json(scores[k]->num[i]);
        m["weight"] = sc.measures[k].weight;
        ms[sc.measures[k].name] = m;
      }
      r["measures"] = ms;
      rows.push_back(r);
    }
    std::printf("%s\n", DumpJson(rows, 2).c_str());
  } else {
    std::vector<std::vector<std::string>> table;
    std::vector<std::string> head = {"account_id", "overall", "color"};
    for (const auto& m : sc.measures) head.push_back(m.name);
    table.push_back(head);
    for (size_t i : active) {
      std::vector<std::string> r = {s.data().account(i).account_id,
                                    overall->IsNull(i) ? "N/A" : Compact(overall->num[i]),
                                    color->IsNull(i) ? "" : color->text[i]};
      for (const Column* c : scores) r.push_back(c->IsNull(i) ? "N/A" : Compact(c->num[i]));
      table.push_back(std::move(r));
    }
    PrintTable(table);
  }
  std::fflush(stdout);
  if (history_writer.joinable()) history_writer.join();
  if (!history.ok())
    return Fail(history.WithContext("the scores were printed but not stored in the history"));
  auto t3 = std::chrono::steady_clock::now();
  if (timing) {
    auto ms = [](auto a, auto b) {
      return std::chrono::duration<double, std::milli>(b - a).count();
    };
    std::fprintf(stderr,
                 "load %.1f ms, refresh %.1f ms, print%s %.1f ms; as of %s; %zu active accounts\n",
                 ms(t0, t1), ms(t1, t2), no_history ? "" : " and store history", ms(t2, t3),
                 FormatDate(e.as_of()).c_str(), active.size());
  }
  return 0;
}

}  // namespace tend::cli
