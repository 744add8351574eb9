// tend webhooks [list|deliver|retry|secret|targets]
#include <cstdio>

#include "cli/command.h"
#include "cli/format.h"
#include "common/time.h"
#include "rules/engine/webhook_sender.h"
#include "rules/engine/webhook_targets.h"

namespace tend::cli {

int RunWebhooks(int argc, char** argv) {
  CLI::App app{
      "Webhook deliveries queued by rules: list them (with failures and their errors), "
      "deliver those that are due, or put failed ones back in the queue.",
      "tend webhooks"};
  std::string db, status, ca, url;
  bool rotate = false;
  AddDbOption(app, &db);
  auto* list = app.add_subcommand("list", "list deliveries (the default)");
  list->add_option("--status", status, "pending, delivered or failed");
  auto* deliver = app.add_subcommand("deliver", "send the pending deliveries that are due");
  auto* retry = app.add_subcommand("retry", "queue failed deliveries again and send them");
  auto* secret = app.add_subcommand(
      "secret",
      "print the signing secret of the receiver at --url (made when it has none); without "
      "--url, list the receivers that have one");
  secret->add_option("--url", url, "the webhook URL, as the rules name it");
  secret->add_flag("--rotate", rotate,
                   "replace the secret (deliveries from now on use the new one)");
  for (auto* sub : {deliver, retry}) {
    sub->add_option("--webhook-ca", ca,
                    "PEM CA bundle that HTTPS receivers' certificates must "
                    "chain to (default: the system's)")
        ->envname("TEND_WEBHOOK_CA")
        ->check(CLI::ExistingFile);
  }
  auto* targets = app.add_subcommand(
      "targets",
      "show or change which addresses webhooks may reach (link-local and cloud metadata "
      "addresses are denied unless allowed)");
  std::vector<std::string> allow, deny;
  bool reset = false;
  targets->add_option("--allow", allow, "an address range (CIDR) always allowed; repeatable");
  targets->add_option("--deny", deny, "an address range (CIDR) refused; repeatable");
  targets->add_flag("--reset", reset, "forget the ranges set before (the defaults stay)");
  for (auto* sub : {list, deliver, retry, secret, targets}) AddDbOption(*sub, &db);
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  if (secret->parsed()) {
    if (url.empty()) {
      auto rows = (*ws)->ListWebhookSecrets();
      if (!rows.ok()) return Fail(rows.status());
      std::vector<std::vector<std::string>> table = {{"url", "secret made"}};
      for (const auto& [u, at] : *rows) table.push_back({u, FormatTime(at)});
      PrintTable(table);
      return 0;
    }
    auto s = rules::WebhookSender::SecretFor(**ws, url, rotate);
    if (!s.ok()) return Fail(s.status());
    std::printf("%s\n", s->c_str());
    return 0;
  }
  if (targets->parsed()) {
    auto t = rules::LoadWebhookTargets(**ws);
    if (!t.ok()) return Fail(t.status());
    if (reset) *t = {};
    t->allow.insert(t->allow.end(), allow.begin(), allow.end());
    t->deny.insert(t->deny.end(), deny.begin(), deny.end());
    if (reset || !allow.empty() || !deny.empty()) {
      if (Status s = rules::SaveWebhookTargets(**ws, *t); !s.ok()) return Fail(s);
    }
    std::vector<std::vector<std::string>> table = {{"range", "rule"}};
    for (const auto& r : t->allow) table.push_back({r, "allow"});
    for (const auto& r : t->deny) table.push_back({r, "deny"});
    for (const auto& r : rules::DefaultDeniedTargets()) table.push_back({r, "deny (default)"});
    PrintTable(table);
    return 0;
  }
  rules::WebhookSender sender(**ws);
  sender.set_ca_file(ca);
  if (retry->parsed()) {
    auto n = sender.RetryFailed();
    if (!n.ok()) return Fail(n.status());
    std::printf("%d failed deliveries queued again\n", *n);
  }
  if (retry->parsed() || deliver->parsed()) {
    auto r = sender.DeliverDue();
    if (!r.ok()) return Fail(r.status());
    std::printf("webhooks: %d delivered, %d will be retried, %d failed\n", r->delivered,
                r->retrying, r->failed);
    return r->failed > 0 ? 1 : 0;
  }
  auto rows = (*ws)->ListWebhookDeliveries(status);
  if (!rows.ok()) return Fail(rows.status());
  std::vector<std::vector<std::string>> table = {
      {"id", "created", "rule", "account_id", "url", "status", "attempts", "last_error"}};
  for (const auto& d : *rows) {
    table.push_back({std::to_string(d.delivery_id), FormatTime(d.created_at), d.rule, d.account_id,
                     d.url, d.status, std::to_string(d.attempts), d.last_error});
  }
  PrintTable(table);
  return 0;
}

}  // namespace tend::cli
