// tend token create|list|revoke: API (Bearer) tokens of a user.
#include <cstdio>

#include "auth/auth.h"
#include "cli/command.h"
#include "cli/format.h"
#include "common/time.h"

namespace tend::cli {

int RunToken(int argc, char** argv) {
  CLI::App app{
      "API tokens for automation (HTTP Authorization: Bearer): create one for a user (shown "
      "once), list a user's tokens, or revoke one.",
      "tend token"};
  app.require_subcommand(1);
  std::string db, email, name;
  int64_t id = 0;
  auto* create = app.add_subcommand("create", "create a token and print it (once)");
  auto* list = app.add_subcommand("list", "list a user's tokens (never the tokens themselves)");
  auto* revoke = app.add_subcommand("revoke", "revoke a token");
  for (auto* sub : {create, list, revoke}) {
    AddDbOption(*sub, &db);
    sub->add_option("--email", email, "the user's email")->required();
  }
  create->add_option("--name", name, "what the token is for")->required();
  revoke->add_option("--id", id, "the token's id (from tend token list)")->required();
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  auth::Auth auth(**ws);
  auto user = auth.FindUser(email);
  if (!user.ok()) return Fail(user.status());
  if (create->parsed()) {
    auto token = auth.CreateToken(user->user_id, name, NowMs());
    if (!token.ok()) return Fail(token.status());
    std::printf("%s\n", token->c_str());
    std::fflush(stdout);
    std::fprintf(stderr, "tend: API token \"%s\" created for %s; it will not be shown again\n",
                 name.c_str(), user->email.c_str());
    return 0;
  }
  if (revoke->parsed()) {
    if (Status s = auth.RevokeToken(user->user_id, id, NowMs()); !s.ok()) return Fail(s);
    std::printf("token %lld revoked\n", static_cast<long long>(id));
    return 0;
  }
  auto tokens = auth.ListTokens(user->user_id);
  if (!tokens.ok()) return Fail(tokens.status());
  auto when = [](const std::optional<EpochMs>& t) { return t ? FormatTime(*t) : ""; };
  std::vector<std::vector<std::string>> table = {
      {"id", "name", "prefix", "created", "last_used", "revoked"}};
  for (const auto& t : *tokens) {
    table.push_back({std::to_string(t.token_id), t.name, t.prefix, FormatTime(t.created_at),
                     when(t.last_used_at), when(t.revoked_at)});
  }
  PrintTable(table);
  return 0;
}

}  // namespace tend::cli
