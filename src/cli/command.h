// The CLI's sub-commands: one table of them (main.cc), one file per command.
#ifndef TEND_CLI_COMMAND_H_
#define TEND_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/status.h"
#include "store/store.h"

namespace tend::cli {

// A sub-command's entry point: receives the arguments after the command name (argv[0] is
// "tend <name>") and returns the process exit code.
using CommandEntry = int (*)(int argc, char** argv);

struct Command {
  std::string_view name;
  CommandEntry entry;
  std::string_view help;
};

// Adds the --db option every command that opens a workspace takes.
void AddDbOption(CLI::App& app, std::string* db);
// --db, else $TEND_DB, else ./tend.db.
std::string ResolveDbPath(const std::string& flag);
// Opens (creating and migrating) the workspace at ResolveDbPath(flag).
Result<std::unique_ptr<store::Store>> OpenWorkspace(const std::string& flag, bool create = true);

// Prints `tend: error: <message>` and returns the exit code for `status`.
int Fail(const Status& status);
// Parses with CLI11, printing help or usage errors. Returns -1 to continue, else an exit code.
int ParseArgs(CLI::App& app, int argc, char** argv);

// The sub-commands.
int RunImport(int argc, char** argv);
int RunStats(int argc, char** argv);
int RunGenerate(int argc, char** argv);
int RunApply(int argc, char** argv);
int RunDefinitions(int argc, char** argv);
int RunScore(int argc, char** argv);
int RunScoreCalibrate(int argc, char** argv);  // tend score calibrate
int RunHistory(int argc, char** argv);
int RunOverride(int argc, char** argv);
int RunRules(int argc, char** argv);
int RunCtas(int argc, char** argv);
int RunCta(int argc, char** argv);
int RunTask(int argc, char** argv);
int RunPlaybooks(int argc, char** argv);
int RunPlans(int argc, char** argv);
int RunTimeline(int argc, char** argv);
int RunWebhooks(int argc, char** argv);
int RunInit(int argc, char** argv);
int RunPredict(int argc, char** argv);
int RunServe(int argc, char** argv);
int RunBackup(int argc, char** argv);
int RunRestore(int argc, char** argv);
int RunDoctor(int argc, char** argv);
int RunAdvocacy(int argc, char** argv);
int RunRevenue(int argc, char** argv);
int RunUser(int argc, char** argv);
int RunToken(int argc, char** argv);
int RunWriteKey(int argc, char** argv);
int RunFeedback(int argc, char** argv);

}  // namespace tend::cli

#endif  // TEND_CLI_COMMAND_H_
