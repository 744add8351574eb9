// tend writekey add|list|set|revoke|trust: Segment-compatible write keys, their browser
// origins, and the protected traits server keys may set.
#include <cstdio>

#include "auth/auth.h"
#include "auth/origins.h"
#include "cli/command.h"
#include "cli/format.h"
#include "common/time.h"
#include "ingest/trusted_traits.h"

namespace tend::cli {

namespace {

std::string Protected() {
  std::string out;
  for (auto p : ingest::kProtectedTraits) out += (out.empty() ? "" : ", ") + std::string(p);
  return out;
}

}  // namespace

int RunWriteKey(int argc, char** argv) {
  CLI::App app{
      "Write keys for the Segment-compatible API (/v1/*; the HTTP Basic user, or writeKey in "
      "the body): add one (shown once), list them, set the browser origins allowed to use "
      "one, revoke one, or name the protected traits (" +
          Protected() + ") server keys may set.",
      "tend writekey"};
  app.require_subcommand(1);
  std::string db, name, origins, traits;
  bool none = false;
  int64_t id = 0;
  auto* add = app.add_subcommand("add", "create a write key and print it (once)");
  auto* list = app.add_subcommand("list", "list the write keys (never the keys themselves)");
  auto* set = app.add_subcommand("set", "set the browser origins allowed to use a key");
  auto* revoke = app.add_subcommand("revoke", "revoke a write key");
  auto* trust = app.add_subcommand(
      "trust", "name the protected traits (" + Protected() +
                   ") that group calls from server keys may set; without arguments, print them. "
                   "Browser keys never set them.");
  for (auto* sub : {add, list, set, revoke, trust}) AddDbOption(*sub, &db);
  add->add_option("--name", name, "what the key is for (e.g. the source)")->required();
  const char* kOrigins =
      "browser origins allowed to use the key, comma-separated: https://app.example.com, "
      "https://*.example.com (any subdomain), * (any); none (the default): a server key, which "
      "no browser may use";
  add->add_option("--origins", origins, kOrigins);
  set->add_option("--id", id, "the key's id (from tend writekey list)")->required();
  set->add_option("--origins", origins, std::string(kOrigins) + "; \"\" makes it a server key")
      ->required();
  revoke->add_option("--id", id, "the key's id (from tend writekey list)")->required();
  trust->add_option("traits", traits, "comma-separated, e.g. arr,renewal_date");
  trust->add_flag("--none", none, "trust none of them (the default)");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  // A server may be set up before anything is imported, so `add` creates the workspace.
  auto ws = OpenWorkspace(db, /*create=*/add->parsed());
  if (!ws.ok()) return Fail(ws.status());
  auth::Auth auth(**ws);
  auto parsed_origins = auth::ParseOrigins(origins);
  if ((add->parsed() || set->parsed()) && !parsed_origins.ok()) {
    return Fail(parsed_origins.status());
  }
  if (add->parsed()) {
    auto key = auth.CreateWriteKey(name, NowMs(), *parsed_origins);
    if (!key.ok()) return Fail(key.status());
    std::printf("%s\n", key->c_str());
    std::fflush(stdout);
    std::fprintf(
        stderr, "tend: %s write key \"%s\" created%s; it will not be shown again\n",
        parsed_origins->empty() ? "server" : "browser", name.c_str(),
        parsed_origins->empty() ? "" : (" for " + auth::JoinOrigins(*parsed_origins)).c_str());
    return 0;
  }
  if (set->parsed()) {
    if (Status s = auth.SetWriteKeyOrigins(id, *parsed_origins); !s.ok()) return Fail(s);
    if (parsed_origins->empty()) {
      std::printf("write key %lld is a server key: no browser may use it\n",
                  static_cast<long long>(id));
    } else {
      std::printf("write key %lld may be used from %s\n", static_cast<long long>(id),
                  auth::JoinOrigins(*parsed_origins).c_str());
    }
    return 0;
  }
  if (revoke->parsed()) {
    if (Status s = auth.RevokeWriteKey(id, NowMs()); !s.ok()) return Fail(s);
    std::printf("write key %lld revoked\n", static_cast<long long>(id));
    return 0;
  }
  if (trust->parsed()) {
    if (none || !traits.empty()) {
      auto t = ingest::ParseTrustedTraits(none ? "" : traits);
      if (!t.ok()) return Fail(t.status());
      if (Status s = ingest::SaveTrustedTraits(**ws, *t); !s.ok()) return Fail(s);
    }
    auto t = ingest::LoadTrustedTraits(**ws);
    if (!t.ok()) return Fail(t.status());
    std::printf("trusted traits: %s\n", t->empty() ? "none" : ingest::JoinTraits(*t).c_str());
    return 0;
  }
  auto keys = auth.ListWriteKeys();
  if (!keys.ok()) return Fail(keys.status());
  std::vector<std::vector<std::string>> table = {
      {"id", "name", "prefix", "kind", "origins", "created", "revoked"}};
  for (const auto& k : *keys) {
    table.push_back({std::to_string(k.key_id), k.name, k.prefix, k.browser() ? "browser" : "server",
                     auth::JoinOrigins(k.origins), FormatTime(k.created_at),
                     k.revoked_at ? FormatTime(*k.revoked_at) : ""});
  }
  PrintTable(table);
  return 0;
}

}  // namespace tend::cli
