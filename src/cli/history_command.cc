// tend history [--db F] --account ID [--scorecard S] [--format csv|table]
#include <algorithm>
#include <cstdio>

#include "cli/command.h"
#include "cli/format.h"
#include "common/time.h"

namespace tend::cli {

int RunHistory(int argc, char** argv) {
  CLI::App app{"Print an account's stored score history: one row per scorecard and day.",
               "tend history"};
  std::string db, account, scorecard, format = "table";
  AddDbOption(app, &db);
  app.add_option("--account", account, "account id")->required();
  app.add_option("--scorecard", scorecard, "only this scorecard");
  app.add_option("--format", format, "csv or table")->check(CLI::IsMember({"csv", "table"}));
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  auto rows = (*ws)->LoadAccountHistory(account);
  if (!rows.ok()) return Fail(rows.status());
  if (rows->empty()) {
    auto accounts = (*ws)->LoadAccounts();
    bool known =
        accounts.ok() && std::any_of(accounts->begin(), accounts->end(),
                                     [&](const auto& a) { return a.account_id == account; });
    if (!known) return Fail(NotFound("cli.unknownAccount", "no account \"" + account + "\""));
  }
  std::vector<std::vector<std::string>> table = {
      {"day", "scorecard", "overall", "color", "measures"}};
  for (const auto& r : *rows) {
    if (!scorecard.empty() && r.scorecard != scorecard) continue;
    table.push_back({FormatDate(r.day), r.scorecard, r.overall ? Compact(*r.overall) : "", r.color,
                     r.measures});
  }
  if (format == "csv") {
    PrintCsv(table);
  } else {
    PrintTable(table);
  }
  return 0;
}

}  // namespace tend::cli
