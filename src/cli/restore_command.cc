// tend restore --from FILE [--db F]: replaces a workspace with a backup (tend backup).
#include <cstdio>
#include <filesystem>

#include "cli/command.h"
#include "store/open_store.h"

namespace tend::cli {

int RunRestore(int argc, char** argv) {
  CLI::App app{"Replace a workspace with a backup made by tend backup. Stop the server first.",
               "tend restore"};
  std::string db, from;
  bool force = false;
  AddDbOption(app, &db);
  app.add_option("--from", from, "the backup file")->required();
  app.add_flag("--force", force, "replace the workspace when it exists");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  std::string target = ResolveDbPath(db);
  if (store::IsPostgresLocation(target)) return Fail(store::RestoreStore(from, target));
  if (!std::filesystem::exists(from)) return Fail(NotFound("cli.noFile", from + ": no such file"));
  if (!force && std::filesystem::exists(target)) {
    return Fail(
        AlreadyExists("cli.exists", target + " exists: use --force to replace it with the backup"));
  }
  if (Status st = store::RestoreStore(from, target); !st.ok()) return Fail(st);
  // Open it once so an older backup is migrated now, not by the next command.
  auto ws = OpenWorkspace(target, /*create=*/false);
  if (!ws.ok()) return Fail(ws.status());
  std::printf("restored %s from %s\n", target.c_str(), from.c_str());
  return 0;
}

}  // namespace tend::cli
