// tend init [--db F] --template saas
#include <cstdio>

#include "cli/command.h"
#include "cli/templates.h"
#include "common/time.h"
#include "definitions/definitions.h"

namespace tend::cli {

int RunInit(int argc, char** argv) {
  CLI::App app{
      "Install a ready workspace template: metrics, a health scorecard, rules, playbooks "
      "and success plan templates that a CS team can start from. Creates the workspace "
      "if needed; replaces the definitions in force.",
      "tend init"};
  std::string db, name = "saas", out;
  AddDbOption(app, &db);
  std::string names;
  for (const auto& t : Templates()) names += (names.empty() ? "" : ", ") + t.name;
  app.add_option("--template", name, "template name (" + names + ")");
  app.add_option("--write", out,
                 "also write the template's YAML to this file, to edit and re-apply");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  const Template* t = nullptr;
  for (const auto& x : Templates()) {
    if (x.name == name) t = &x;
  }
  if (!t)
    return Fail(
        NotFound("cli.unknownTemplate", "no template \"" + name + "\" (there is " + names + ")"));
  auto ws = OpenWorkspace(db);
  if (!ws.ok()) return Fail(ws.status());
  auto attrs = (*ws)->LoadAttributeDefs();
  if (!attrs.ok()) return Fail(attrs.status());
  std::string path = "templates/" + t->name + ".yaml";
  auto compiled = definitions::Compile({{path, t->content}}, *attrs);
  if (auto* errors = std::get_if<std::vector<std::string>>(&compiled)) {
    for (const auto& e : *errors) std::fprintf(stderr, "%s\n", e.c_str());
    return Fail(InvalidArgument("definitions.invalid",
                                "the template does not compile against this workspace"));
  }
  const auto& defs = std::get<definitions::Definitions>(compiled);
  store::Store& st = **ws;
  Status s = st.Begin();
  if (s.ok()) s = st.ReplaceDefinitionFiles({{path, t->content, NowMs()}});
  if (s.ok()) s = st.Commit();
  if (!s.ok()) {
    (void)st.Rollback();
    return Fail(s);
  }
  if (!out.empty()) {
    FILE* f = std::fopen(out.c_str(), "w");
    if (!f) return Fail(Internal("cli.cannotWrite", out + ": cannot write"));
    std::fwrite(t->content.data(), 1, t->content.size(), f);
    std::fclose(f);
  }
  std::printf(
      "installed template %s: %zu metrics, %zu scorecard(s), %zu rules, %zu playbooks, %zu "
      "success plan templates%s\n",
      t->name.c_str(), defs.metrics.size(), defs.scorecards.size(), defs.rules.size(),
      defs.playbooks.size(), defs.plan_templates.size(),
      out.empty() ? "" : (" (YAML written to " + out + ")").c_str());
  return 0;
}

}  // namespace tend::cli
