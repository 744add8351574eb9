// tend playbooks [--db F]
#include <cstdio>

#include "cli/command.h"
#include "scorecard/health_session.h"

namespace tend::cli {

int RunPlaybooks(int argc, char** argv) {
  CLI::App app{"List the playbooks (task templates attached to CTAs) and success plan templates.",
               "tend playbooks"};
  std::string db;
  AddDbOption(app, &db);
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  auto defs = scorecard::LoadDefinitions(**ws);
  if (!defs.ok()) return Fail(defs.status());
  if (defs->playbooks.empty()) std::printf("no playbooks defined\n");
  for (const auto& p : defs->playbooks) {
    std::printf("%s  (%s)%s\n", p.name.c_str(), p.label.c_str(),
                p.description.empty() ? "" : ("  " + p.description).c_str());
    for (const auto& t : p.tasks) {
      std::printf("  - %s  (owner %s, due +%dd)\n", t.title.c_str(), t.owner_role.c_str(),
                  t.due_in_days);
    }
  }
  for (const auto& p : defs->plan_templates) {
    std::printf("success plan template %s  (%s)\n", p.name.c_str(), p.label.c_str());
    for (const auto& o : p.objectives) {
      std::printf("  * %s  (due +%dd)\n", o.title.c_str(), o.due_in_days);
      for (const auto& t : o.tasks) std::printf("    - %s\n", t.title.c_str());
    }
  }
  return 0;
}

}  // namespace tend::cli
