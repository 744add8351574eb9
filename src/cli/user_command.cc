// tend user add|list|set-role|reset-password|disable
//
// Passwords are read from standard input, never from the command line (where other users
// could see them in the process list): from a terminal, "Password: " is asked twice without
// echo; otherwise one line is read.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "auth/auth.h"
#include "cli/command.h"
#include "cli/format.h"
#include "common/json_text.h"
#include "common/time.h"

namespace tend::cli {
namespace {

// Prints `prompt` on stderr and reads one line from the terminal on stdin without echo.
Result<std::string> ReadHidden(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  std::fflush(stderr);
  termios old_mode{};
  bool restore = tcgetattr(STDIN_FILENO, &old_mode) == 0;
  if (restore) {
    termios quiet = old_mode;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  if (restore) tcsetattr(STDIN_FILENO, TCSAFLUSH, &old_mode);
  if (!got) return InvalidArgument("cli.noPassword", "no password given");
  return line;
}

// The new password: asked twice on a terminal, else the first line of standard input.
Result<std::string> ReadPassword() {
  if (isatty(STDIN_FILENO)) {
    TEND_ASSIGN_OR_RETURN(std::string first, ReadHidden("Password: "));
    TEND_ASSIGN_OR_RETURN(std::string second, ReadHidden("Password (again): "));
    if (first != second) return InvalidArgument("cli.passwordMismatch", "the passwords differ");
    return first;
  }
  std::string line;
  if (!std::getline(std::cin, line)) line.clear();
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) {
    return InvalidArgument("cli.noPassword",
                           "no password on standard input (pipe it as one line, e.g. "
                           "`printf '%s\\n' \"$PW\" | tend user add ...`, or run in a terminal)");
  }
  return line;
}

int Add(store::Store& st, const std::string& email, const std::string& name,
        const std::string& role_name) {
  auto role = auth::ParseRole(role_name);
  if (!role.ok()) return Fail(role.status());
  auto password = ReadPassword();
  if (!password.ok()) return Fail(password.status());
  auth::Auth auth(st);
  auto user = auth.AddUser(email, name, *role, *password, NowMs());
  if (!user.ok()) return Fail(user.status());
  std::printf("user %s added (role %s)\n", user->email.c_str(),
              std::string(auth::RoleName(user->role)).c_str());
  return 0;
}

int List(store::Store& st, const std::string& format) {
  auth::Auth auth(st);
  auto users = auth.ListUsers();
  if (!users.ok()) return Fail(users.status());
  if (format == "json") {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& u : *users) {
      nlohmann::ordered_json j;
      j["email"] = u.email;
      j["name"] = u.name;
      j["role"] = auth::RoleName(u.role);
      j["disabled"] = u.disabled;
      j["created"] = FormatTime(u.created_at);
      rows.push_back(j);
    }
    std::printf("%s\n", DumpJson(rows, 2).c_str());
    return 0;
  }
  std::vector<std::vector<std::string>> table = {{"email", "name", "role", "disabled", "created"}};
  for (const auto& u : *users) {
    table.push_back({u.email, u.name, std::string(auth::RoleName(u.role)),
                     u.disabled ? "yes" : "no", FormatTime(u.created_at)});
  }
  PrintTable(table);
  return 0;
}

}  // namespace

int RunUser(int argc, char** argv) {
  CLI::App app{
      "People who may sign in to tend serve: add them (the password is read from standard "
      "input), list them, change a role, reset a password or disable someone.",
      "tend user"};
  app.require_subcommand(1);
  std::string db, email, name, role, format = "table";
  auto* add = app.add_subcommand("add", "add a user; the password comes from standard input");
  auto* list = app.add_subcommand("list", "list the users");
  auto* set_role = app.add_subcommand("set-role", "change a user's role");
  auto* reset = app.add_subcommand(
      "reset-password", "set a new password (from standard input) and clear failed logins");
  auto* disable =
      app.add_subcommand("disable", "stop a user from signing in (sessions and tokens too)");
  for (auto* sub : {add, list, set_role, reset, disable}) AddDbOption(*sub, &db);
  for (auto* sub : {add, set_role, reset, disable}) {
    sub->add_option("--email", email, "the user's email")->required();
  }
  add->add_option("--name", name, "the user's full name")->required();
  for (auto* sub : {add, set_role}) {
    sub->add_option("--role", role, "admin, ops, csm, sales, viewer or product")->required();
  }
  list->add_option("--format", format, "table or json")->check(CLI::IsMember({"table", "json"}));
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;

  // Users may be set up before anything is imported, so `add` creates the workspace.
  auto ws = OpenWorkspace(db, /*create=*/add->parsed());
  if (!ws.ok()) return Fail(ws.status());
  store::Store& st = **ws;
  if (add->parsed()) return Add(st, email, name, role);
  if (list->parsed()) return List(st, format);
  auth::Auth auth(st);
  if (set_role->parsed()) {
    auto r = auth::ParseRole(role);
    if (!r.ok()) return Fail(r.status());
    if (Status s = auth.SetRole(email, *r); !s.ok()) return Fail(s);
    std::printf("user %s: role %s\n", email.c_str(), role.c_str());
    return 0;
  }
  if (reset->parsed()) {
    auto user = auth.FindUser(email);  // before asking for a password nobody will use
    if (!user.ok()) return Fail(user.status());
    auto password = ReadPassword();
    if (!password.ok()) return Fail(password.status());
    if (Status s = auth.ResetPassword(email, *password); !s.ok()) return Fail(s);
    std::printf("password of %s reset\n", user->email.c_str());
    return 0;
  }
  if (Status s = auth.Disable(email); !s.ok()) return Fail(s);
  std::printf("user %s disabled\n", email.c_str());
  return 0;
}

}  // namespace tend::cli
