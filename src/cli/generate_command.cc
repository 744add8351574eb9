// tend generate --accounts N --seed S --end YYYY-MM-DD --out DIR [--history-days D]
#include <chrono>
#include <cstdio>

#include "cli/command.h"
#include "cli/format.h"
#include "common/time.h"
#include "generate/generator.h"

namespace tend::cli {

int RunGenerate(int argc, char** argv) {
  CLI::App app{
      "Write a deterministic, realistic synthetic workspace (accounts, contacts, events, "
      "surveys, tickets, activities, deals, subscriptions, purchases) as CSV files in tend's "
      "import formats.",
      "tend generate"};
  int accounts = 1000;
  uint64_t seed = 1;
  int history_days = 183;
  std::string end, out;
  app.add_option("--accounts", accounts, "number of accounts")->check(CLI::Range(1, 10'000'000));
  app.add_option("--seed", seed, "random seed: the same seed gives the same files");
  app.add_option("--end", end, "last day of data, YYYY-MM-DD")->required();
  app.add_option("--out", out, "output folder (created if missing)")->required();
  app.add_option("--history-days", history_days,
                 "days of usage history ending at --end (default 183, about six months; about "
                 "500 events per account per 183 days)")
      ->check(CLI::Range(1, 3660));
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto end_day = ParseDate(end);
  if (!end_day)
    return Fail(InvalidArgument("cli.badDate",
                                "--end \"" + end + "\" is not a date (expected YYYY-MM-DD)"));
  generate::GenerateOptions options;
  options.accounts = accounts;
  options.seed = seed;
  options.end_day = *end_day;
  options.out_dir = out;
  options.history_days = history_days;
  auto start = std::chrono::steady_clock::now();
  auto report = generate::Generate(options);
  if (!report.ok()) return Fail(report.status());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "generated in %s: %s accounts, %s contacts, %s events, %s surveys, %s tickets, %s "
      "activities, %s deals, %s subscriptions, %s purchases, %s feedback items in %.2f s\n",
      out.c_str(), Thousands(report->accounts).c_str(), Thousands(report->contacts).c_str(),
      Thousands(report->events).c_str(), Thousands(report->surveys).c_str(),
      Thousands(report->tickets).c_str(), Thousands(report->activities).c_str(),
      Thousands(report->deals).c_str(), Thousands(report->subscriptions).c_str(),
      Thousands(report->purchases).c_str(), Thousands(report->feedback).c_str(), secs);
  return 0;
}

}  // namespace tend::cli
