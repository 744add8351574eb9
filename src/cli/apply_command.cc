// tend apply [--db F] PATH: validate definitions (a YAML file or a folder) and store them.
#include <cstdio>

#include "cli/command.h"
#include "common/time.h"
#include "definitions/definitions.h"

namespace tend::cli {

int RunApply(int argc, char** argv) {
  CLI::App app{
      "Validate workspace definitions (metrics, scorecards) from a YAML file or every "
      "*.yaml/*.yml in a folder, and store them. Nothing is applied if anything is wrong.",
      "tend apply"};
  std::string db, path;
  bool dry_run = false;
  AddDbOption(app, &db);
  app.add_flag("--dry-run", dry_run, "validate only");
  app.add_option("path", path, "a YAML file or a folder")->required();
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto files = definitions::ReadDefinitionFiles(path);
  if (!files.ok()) return Fail(files.status());
  auto ws = OpenWorkspace(db);
  if (!ws.ok()) return Fail(ws.status());
  auto attrs = (*ws)->LoadAttributeDefs();
  if (!attrs.ok()) return Fail(attrs.status());
  auto compiled = definitions::Compile(*files, *attrs);
  if (auto* errors = std::get_if<std::vector<std::string>>(&compiled)) {
    for (const auto& e : *errors) std::fprintf(stderr, "%s\n", e.c_str());
    return Fail(InvalidArgument("definitions.invalid",
                                std::to_string(errors->size()) + " error(s); nothing was applied"));
  }
  const auto& defs = std::get<definitions::Definitions>(compiled);
  size_t measures = 0;
  for (const auto& s : defs.scorecards) measures += s.measures.size();
  if (!dry_run) {
    std::vector<store::DefinitionFileRecord> records;
    EpochMs now = NowMs();
    for (const auto& f : *files) records.push_back({f.path, f.content, now});
    store::Store& st = **ws;
    Status s = st.Begin();
    if (s.ok()) s = st.ReplaceDefinitionFiles(records);
    if (s.ok()) s = st.Commit();
    if (!s.ok()) {
      (void)st.Rollback();
      return Fail(s);
    }
  }
  std::printf("%s %zu file(s): %zu metric(s), %zu scorecard(s) with %zu measure(s)\n",
              dry_run ? "valid:" : "applied", files->size(), defs.metrics.size(),
              defs.scorecards.size(), measures);
  return 0;
}

}  // namespace tend::cli
