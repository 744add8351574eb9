// tend writekey add|list|revoke: Segment-compatible write keys.
#include <cstdio>

#include "auth/auth.h"
#include "cli/command.h"
#include "cli/format.h"
#include "common/time.h"

namespace tend::cli {

int RunWriteKey(int argc, char** argv) {
  CLI::App app{
      "Write keys for the Segment-compatible API (/v1/*, HTTP Basic user): add one (shown "
      "once), list them, or revoke one.",
      "tend writekey"};
  app.require_subcommand(1);
  std::string db, name;
  int64_t id = 0;
  auto* add = app.add_subcommand("add", "create a write key and print it (once)");
  auto* list = app.add_subcommand("list", "list the write keys (never the keys themselves)");
  auto* revoke = app.add_subcommand("revoke", "revoke a write key");
  for (auto* sub : {add, list, revoke}) AddDbOption(*sub, &db);
  add->add_option("--name", name, "what the key is for (e.g. the source)")->required();
  revoke->add_option("--id", id, "the key's id (from tend writekey list)")->required();
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  // A server may be set up before anything is imported, so `add` creates the workspace.
  auto ws = OpenWorkspace(db, /*create=*/add->parsed());
  if (!ws.ok()) return Fail(ws.status());
  auth::Auth auth(**ws);
  if (add->parsed()) {
    auto key = auth.CreateWriteKey(name, NowMs());
    if (!key.ok()) return Fail(key.status());
    std::printf("%s\n", key->c_str());
    std::fflush(stdout);
    std::fprintf(stderr, "tend: write key \"%s\" created; it will not be shown again\n",
                 name.c_str());
    return 0;
  }
  if (revoke->parsed()) {
    if (Status s = auth.RevokeWriteKey(id, NowMs()); !s.ok()) return Fail(s);
    std::printf("write key %lld revoked\n", static_cast<long long>(id));
    return 0;
  }
  auto keys = auth.ListWriteKeys();
  if (!keys.ok()) return Fail(keys.status());
  std::vector<std::vector<std::string>> table = {{"id", "name", "prefix", "created", "revoked"}};
  for (const auto& k : *keys) {
    table.push_back({std::to_string(k.key_id), k.name, k.prefix, FormatTime(k.created_at),
                     k.revoked_at ? FormatTime(*k.revoked_at) : ""});
  }
  PrintTable(table);
  return 0;
}

}  // namespace tend::cli
