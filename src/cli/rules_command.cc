// tend rules run|preview|firings
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/format.h"
#include "common/json_text.h"
#include "common/time.h"
#include "rules/engine/rule_engine.h"
#include "rules/engine/run_pipeline.h"
#include "rules/engine/webhook_sender.h"
#include "scorecard/health_session.h"

namespace tend::cli {

namespace {

std::optional<EpochDay> ParseAsOf(const std::string& as_of, Status* error) {
  if (as_of.empty()) return std::nullopt;
  auto d = ParseDate(as_of);
  if (!d)
    *error = InvalidArgument("cli.badDate",
                             "--as-of \"" + as_of + "\" is not a date (expected YYYY-MM-DD)");
  return d;
}

}  // namespace

int RunRules(int argc, char** argv) {
  CLI::App app{
      "Run the workspace's rules (refreshing health first), preview a condition, or "
      "list rule firings.",
      "tend rules"};
  app.require_subcommand(1);
  std::string db, as_of, format = "table", condition, account;
  bool no_deliver = false;
  int limit = 50;
  AddDbOption(app, &db);
  auto* run = app.add_subcommand(
      "run", "refresh health as of a day and run every rule: raise CTAs, set fields, ...");
  run->add_option("--as-of", as_of,
                  "the as-of day D, YYYY-MM-DD (default: the latest event's day)");
  run->add_flag("--no-deliver", no_deliver, "queue webhooks but do not send them now");
  std::string webhook_ca;
  run->add_option("--webhook-ca", webhook_ca,
                  "PEM CA bundle that HTTPS webhook receivers' certificates must chain to "
                  "(default: the system's)")
      ->envname("TEND_WEBHOOK_CA")
      ->check(CLI::ExistingFile);
  auto* preview = app.add_subcommand(
      "preview", "list the active accounts a condition matches, with the values it uses");
  preview->add_option("--as-of", as_of, "the as-of day D, YYYY-MM-DD");
  preview->add_option("--format", format, "csv, json or table")
      ->check(CLI::IsMember({"csv", "json", "table"}));
  preview
      ->add_option("condition", condition,
                   "a condition, e.g. 'health.overall < 50 AND days_to_renewal <= 90'")
      ->required();
  auto* firings = app.add_subcommand("firings", "list rule firings, newest first");
  firings->add_option("--account", account, "only this account");
  firings->add_option("--limit", limit, "at most this many (default 50)");
  for (auto* sub : {run, preview, firings}) AddDbOption(*sub, &db);
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;

  Status bad;
  auto day = ParseAsOf(as_of, &bad);
  if (!bad.ok()) return Fail(bad);
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());

  if (firings->parsed()) {
    auto rows = (*ws)->ListRuleFirings(account, limit);
    if (!rows.ok()) return Fail(rows.status());
    std::vector<std::vector<std::string>> table = {
        {"at", "day", "rule", "account_id", "outcome", "values"}};
    for (const auto& f : *rows) {
      table.push_back(
          {FormatTime(f.at), FormatDate(f.day), f.rule, f.account_id, f.outcome, f.values});
    }
    PrintTable(table);
    return 0;
  }

  // Milestones first (so the champion rules see contacts that moved), then the refresh; the
  // rules run below, or the preview.
  rules::PipelineOptions options;
  if (run->parsed()) options.milestones_actor = "rules";
  options.as_of = day;
  options.save_history = run->parsed();
  options.rules_actor = run->parsed() ? "rules" : "";
  auto pipeline = rules::RunPipeline(**ws, options);
  if (!pipeline.ok()) return Fail(pipeline.status());
  auto& session = pipeline->session;
  rules::RuleEngine engine(*session);

  if (preview->parsed()) {
    auto p = engine.PreviewCondition(condition);
    if (!p.ok()) return Fail(p.status());
    if (format == "json") {
      nlohmann::ordered_json rows = nlohmann::ordered_json::array();
      for (const auto& r : p->rows) {
        nlohmann::ordered_json j;
        j["account_id"] = r.account_id;
        for (size_t k = 0; k < p->names.size(); ++k) {
          if (p->names[k] != "account_id") j[p->names[k]] = r.values[k];
        }
        rows.push_back(j);
      }
      std::printf("%s\n", DumpJson(rows, 2).c_str());
    } else {
      std::vector<std::vector<std::string>> table;
      // account_id is the first column already, even when the condition names it.
      std::vector<std::string> head = {"account_id"};
      for (const auto& n : p->names) {
        if (n != "account_id") head.push_back(n);
      }
      table.push_back(head);
      for (const auto& r : p->rows) {
        std::vector<std::string> row = {r.account_id};
        for (size_t k = 0; k < p->names.size(); ++k) {
          if (p->names[k] != "account_id") row.push_back(r.values[k]);
        }
        table.push_back(row);
      }
      if (format == "csv") {
        PrintCsv(table);
      } else {
        PrintTable(table);
        std::printf("%zu active account(s) match\n", p->rows.size());
      }
    }
    return 0;
  }

  const rules::RuleRunReport& r = pipeline->rules;
  std::printf(
      "rules run as of %s: %d rule(s), %d match(es), %d firing(s): %d CTA(s) created, %d "
      "closed, %d field(s) set, %d score(s) set, %d plan(s), %d webhook(s) queued "
      "(conditions %.1f ms, total %.1f ms)\n",
      FormatDate(session->engine().as_of()).c_str(), r.rules, r.matched, r.fired, r.ctas_created,
      r.ctas_closed, r.fields_set, r.scores_set, r.plans_created, r.webhooks_queued, r.evaluate_ms,
      r.total_ms);
  if (!no_deliver && r.webhooks_queued > 0) {
    rules::WebhookSender sender(**ws);
    sender.set_ca_file(webhook_ca);
    auto sent = sender.DeliverDue();
    if (!sent.ok()) return Fail(sent.status());
    std::printf("webhooks: %d delivered, %d will be retried, %d failed\n", sent->delivered,
                sent->retrying, sent->failed);
  }
  return 0;
}

}  // namespace tend::cli
