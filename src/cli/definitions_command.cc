// tend definitions [--db F]: print the definitions in force.
#include <cstdio>

#include "cli/command.h"
#include "common/time.h"
#include "scorecard/health_session.h"

namespace tend::cli {

int RunDefinitions(int argc, char** argv) {
  CLI::App app{"Print the definitions in force: a summary, then the YAML files as applied.",
               "tend definitions"};
  std::string db;
  bool summary_only = false;
  AddDbOption(app, &db);
  app.add_flag("--summary", summary_only, "print only the summary");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  auto defs = scorecard::LoadDefinitions(**ws);
  if (!defs.ok()) return Fail(defs.status());
  std::printf("# metrics (%zu)\n", defs->metrics.size());
  for (const auto& m : defs->metrics) {
    std::printf("#   %-28s %s", m.name.c_str(),
                std::string(metrics::MetricKindName(m.kind)).c_str());
    if (m.window) std::printf(" window %dd", m.window);
    if (m.offset) std::printf(" offset %dd", m.offset);
    if (m.scope == metrics::MetricScope::kWorkspace) std::printf(" (workspace)");
    std::printf("\n");
  }
  for (const auto& sc : defs->scorecards) {
    std::printf("# scorecard %s (%zu measures)\n", sc.name.c_str(), sc.measures.size());
    for (const auto& m : sc.measures) {
      std::printf("#   %-20s weight %-6g %s\n", m.name.c_str(), m.weight,
                  m.manual ? "(manual)" : m.value->source().c_str());
    }
  }
  if (summary_only) return 0;
  auto files = (*ws)->LoadDefinitionFiles();
  if (!files.ok()) return Fail(files.status());
  for (const auto& f : *files) {
    std::printf("\n# --- %s (applied %s)\n%s", f.path.c_str(), FormatTime(f.applied_at).c_str(),
                f.content.c_str());
    if (!f.content.empty() && f.content.back() != '\n') std::printf("\n");
  }
  return 0;
}

}  // namespace tend::cli
