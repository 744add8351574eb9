// tend: one binary, one table of sub-commands (one file per command).
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "common/version.h"

namespace tend::cli {
namespace {

constexpr Command kCommands[] = {
    {"import", RunImport, "load CSV exports (a folder, or KIND FILE.csv) into a workspace"},
    {"stats", RunStats, "count what a workspace holds"},
    {"generate", RunGenerate, "write a realistic synthetic workspace as CSV files"},
    {"apply", RunApply, "validate and store definitions (metrics, scorecards) from YAML"},
    {"definitions", RunDefinitions, "print the definitions in force"},
    {"score", RunScore, "refresh health scores and print one row per active account"},
    {"history", RunHistory, "print an account's score history"},
    {"override", RunOverride, "set a measure's score by hand, with a comment"},
    {"rules", RunRules, "run the rules (raise CTAs, ...), preview a condition, list firings"},
    {"ctas", RunCtas, "list calls-to-action"},
    {"cta", RunCta, "work a CTA: show, start, close, snooze, assign, comment, create"},
    {"task", RunTask, "work a task: done, assign, note"},
    {"playbooks", RunPlaybooks, "list the playbooks and their tasks"},
    {"plans", RunPlans, "success plans of an account: list, create from a template, set status"},
    {"timeline", RunTimeline, "an account's timeline; log an activity"},
    {"webhooks", RunWebhooks, "webhook deliveries: list, deliver, retry failed"},
    {"init", RunInit, "install a ready workspace template (scorecard, rules, playbooks)"},
    {"backup", RunBackup, "a consistent copy of a workspace, also while the server runs"},
    {"restore", RunRestore, "replace a workspace with a backup"},
    {"doctor", RunDoctor, "check a workspace: schema, integrity, definitions, refresh, webhooks"},
    {"serve", RunServe, "serve the JSON API, Segment-compatible ingestion and the web UI"},
    {"advocacy", RunAdvocacy,
     "the advocacy program: metrics, candidates, advocates, asks, reference requests"},
    {"revenue", RunRevenue, "revenue: GRR/NRR and the ARR bridge, ARR history, renewals"},
    {"feedback", RunFeedback,
     "the voice of the customer: requests ranked by revenue, feedback, merge, status"},
    {"predict", RunPredict, "churn and advocacy models: evaluate a CSV, train, score, backtest"},
    {"user", RunUser, "people who sign in: add, list, set-role, reset-password, disable"},
    {"token", RunToken, "a user's API tokens: create (shown once), list, revoke"},
    {"writekey", RunWriteKey, "write keys for the Segment-compatible API: add, list, revoke"},
};

void PrintUsage(FILE* out) {
  std::fprintf(out,
               "tend: a self-hosted customer success platform\n\n"
               "usage: tend <command> [options]   (tend <command> --help for its options)\n\n"
               "commands:\n");
  for (const Command& c : kCommands) {
    std::fprintf(out, "  %-12s %.*s\n", std::string(c.name).c_str(),
                 static_cast<int>(c.help.size()), c.help.data());
  }
}

int Main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    PrintUsage(argc < 2 ? stderr : stdout);
    return argc < 2 ? kExitUsage : 0;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::printf("tend %s\n", Version());
    return 0;
  }
  std::string_view name = argv[1];
  for (const Command& c : kCommands) {
    if (c.name == name) {
      std::string prog = "tend " + std::string(name);
      argv[1] = prog.data();
      return c.entry(argc - 1, argv + 1);
    }
  }
  std::fprintf(stderr, "tend: unknown command \"%s\"\n\n", argv[1]);
  PrintUsage(stderr);
  return kExitUsage;
}

}  // namespace
}  // namespace tend::cli

int main(int argc, char** argv) {
  try {
    return tend::cli::Main(argc, argv);
  } catch (const std::exception& e) {
    // Exceptions stay inside library edges; one escaping here is a bug.
    std::fprintf(stderr, "tend: internal error: %s\n", e.what());
    return 10;
  }
}
