// tend ctas [--status S] [--account A] [--owner O] [--format csv|json|table]
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/format.h"
#include "common/json_text.h"
#include "common/time.h"

namespace tend::cli {

int RunCtas(int argc, char** argv) {
  CLI::App app{"List calls-to-action.", "tend ctas"};
  std::string db, status = "active", account, owner, rule, format = "table";
  AddDbOption(app, &db);
  app.add_option("--status", status,
                 "open, in_progress, closed, active (open or in progress; the default) or all")
      ->check(CLI::IsMember({"open", "in_progress", "closed", "active", "all"}));
  app.add_option("--account", account, "only this account");
  app.add_option("--owner", owner, "only this owner");
  app.add_option("--rule", rule, "only CTAs of this rule");
  bool include_snoozed = false;
  app.add_flag("--include-snoozed", include_snoozed, "also list CTAs snoozed until a later day");
  app.add_option("--format", format, "csv, json or table")
      ->check(CLI::IsMember({"csv", "json", "table"}));
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  store::CtaFilter f;
  if (status == "active")
    f.statuses = {"open", "in_progress"};
  else if (status != "all")
    f.statuses = {status};
  f.account_id = account;
  f.owner = owner;
  f.rule = rule;
  auto ctas = (*ws)->ListCtas(f);
  if (!ctas.ok()) return Fail(ctas.status());
  if (!include_snoozed) {
    // A snoozed CTA is out of sight until its snooze ends.
    EpochDay today = DayOf(NowMs());
    std::erase_if(*ctas, [&](const store::CtaRecord& c) {
      return c.status != "closed" && c.snoozed_until && *c.snoozed_until > today;
    });
  }
  auto due = [](const store::CtaRecord& c) { return c.due_day ? FormatDate(*c.due_day) : ""; };
  if (format == "json") {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& c : *ctas) {
      nlohmann::ordered_json j;
      j["cta_id"] = c.cta_id;
      j["account_id"] = c.account_id;
      j["rule"] = c.rule;
      j["type"] = c.type;
      j["priority"] = c.priority;
      j["title"] = c.title;
      j["owner"] = c.owner;
      j["status"] = c.status;
      j["due"] = due(c);
      j["description"] = c.description;
      j["playbook"] = c.playbook;
      j["reason"] = c.reason_code;
      j["close_reason"] = c.close_reason;
      j["snoozed_until"] = c.snoozed_until ? FormatDate(*c.snoozed_until) : "";
      j["created_at"] = FormatTime(c.created_at);
      rows.push_back(j);
    }
    std::printf("%s\n", DumpJson(rows, 2).c_str());
    return 0;
  }
  std::vector<std::vector<std::string>> table = {
      {"cta_id", "account_id", "rule", "type", "priority", "title", "owner", "status", "due"}};
  for (const auto& c : *ctas) {
    table.push_back({std::to_string(c.cta_id), c.account_id, c.rule, c.type, c.priority, c.title,
                     c.owner, c.status, due(c)});
  }
  if (format == "csv") {
    PrintCsv(table);
  } else {
    PrintTable(table);
  }
  return 0;
}

}  // namespace tend::cli
