#include "cli/command.h"

#include <cstdio>
#include <cstdlib>

#include "advocacy/contact_moves.h"
#include "cli/exit_codes.h"
#include "store/open_store.h"

namespace tend::cli {

void AddDbOption(CLI::App& app, std::string* db) {
  app.add_option("--db", *db, "workspace: a SQLite file, or a PostgreSQL URL postgres://USER[:PASS]@HOST:PORT/DBNAME "
                 "(default: $TEND_DB, else ./tend.db)");
}

std::string ResolveDbPath(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("TEND_DB");
  if (env && *env) return env;
  return "tend.db";
}

Result<std::unique_ptr<store::Store>> OpenWorkspace(const std::string& flag, bool create) {
  store::OpenOptions options;
  options.create = create;
  options.contact_changes = advocacy::DecideContactChanges;
  return store::OpenStore(ResolveDbPath(flag), options);
}

int Fail(const Status& status) {
  std::fprintf(stderr, "tend: error: %s\n", status.message().c_str());
  return ExitCodeFor(status);
}

int ParseArgs(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsage;
  }
  return -1;
}

}  // namespace tend::cli
