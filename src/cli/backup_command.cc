// tend backup [--db F] --out FILE: a consistent copy of a workspace, also while `tend serve`
// runs on it (SQLite's online backup).
#include <cstdio>
#include <filesystem>

#include "cli/command.h"
#include "cli/format.h"

namespace tend::cli {

int RunBackup(int argc, char** argv) {
  CLI::App app{"Write a consistent copy of a workspace, also while the server runs on it.",
               "tend backup"};
  std::string db, out;
  bool force = false;
  AddDbOption(app, &db);
  app.add_option("--out", out, "the backup file to write")->required();
  app.add_flag("--force", force, "replace --out when it exists");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if (!force && std::filesystem::exists(out)) {
    return Fail(AlreadyExists("cli.exists", out + " exists (use --force to replace it)"));
  }
  auto ws = OpenWorkspace(db, /*create=*/false);
  if (!ws.ok()) return Fail(ws.status());
  if (Status st = (*ws)->BackupTo(out); !st.ok()) return Fail(st);
  std::error_code ec;
  auto size = std::filesystem::file_size(out, ec);
  std::printf("backed up %s to %s (%s bytes)\n", ResolveDbPath(db).c_str(), out.c_str(),
              Thousands(static_cast<int64_t>(ec ? 0 : size)).c_str());
  return 0;
}

}  // namespace tend::cli
