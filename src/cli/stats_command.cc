// tend stats [--db F] [--format json|table]
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/format.h"
#include "common/json_text.h"

namespace tend::cli {

int RunStats(int argc, char** argv) {
  CLI::App app{"Count what a workspace holds.", "tend stats"};
  std::string db, format = "table";
  AddDbOption(app, &db);
  app.add_option("--format", format, "json or table")->check(CLI::IsMember({"json", "table"}));
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto ws = OpenWorkspace(db, /*create=*/false);
  if (!ws.ok()) return Fail(ws.status());
  auto counts = (*ws)->Counts();
  if (!counts.ok()) return Fail(counts.status());
  const store::WorkspaceCounts& c = *counts;
  std::pair<const char*, int64_t> rows[] = {{"accounts", c.accounts}, {"contacts", c.contacts},
                                            {"events", c.events},     {"surveys", c.surveys},
                                            {"tickets", c.tickets},   {"activities", c.activities},
                                            {"deals", c.deals}};
  if (format == "json") {
    nlohmann::ordered_json j;
    for (auto& [k, v] : rows) j[k] = v;
    std::printf("%s\n", DumpJson(j).c_str());
  } else {
    for (auto& [k, v] : rows) std::printf("%-12s %15s\n", k, Thousands(v).c_str());
  }
  return 0;
}

}  // namespace tend::cli
