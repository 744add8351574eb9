// tend timeline --account ID [--type T] [--log TYPE --subject S [--notes N] [--contact C]]
#include <cstdio>

#include "cli/cockpit_common.h"
#include "cli/command.h"
#include "cli/format.h"
#include "cockpit/cockpit.h"
#include "common/time.h"

namespace tend::cli {

int RunTimeline(int argc, char** argv) {
  CLI::App app{
      "An account's timeline: imported and logged activities, and system entries (CTAs "
      "opened and closed, health color changes, plans). --log adds an activity.",
      "tend timeline"};
  std::string db, account, type, log, subject, notes, contact, by, at;
  AddDbOption(app, &db);
  app.add_option("--account", account, "the account")->required();
  app.add_option("--type", type, "only entries of this type");
  app.add_option("--log", log,
                 "log an activity of this type (meeting, call, email, qbr, note, ...)");
  app.add_option("--subject", subject, "with --log: the subject");
  app.add_option("--notes", notes, "with --log: notes");
  app.add_option("--contact", contact, "with --log: a contact of the account");
  app.add_option("--at", at, "with --log: when (ISO-8601; default now)");
  app.add_option("--by", by, "who (default: $USER)");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  store::Store& st = **ws;
  auto acc = FindAccount(st, account);
  if (!acc.ok()) return Fail(acc.status());
  if (!log.empty()) {
    static const char* kTypes[] = {
        "meeting",        "call",          "email",          "qbr",
        "note",           "beta_response", "community_post", "social_mention",
        "reference_call", "case_study",    "speaking",       "advisory_board"};
    bool ok = false;
    for (const char* t : kTypes) ok |= log == t;
    if (!ok) {
      return Fail(InvalidArgument("cli.badType",
                                  "--log \"" + log +
                                      "\" is not one of meeting|call|email|qbr|note|"
                                      "beta_response|community_post|social_mention|reference_call|"
                                      "case_study|speaking|advisory_board"));
    }
    if (!contact.empty()) {
      auto contacts = st.LoadContacts();
      if (!contacts.ok()) return Fail(contacts.status());
      bool found = false;
      for (const auto& c : *contacts) found |= c.contact_id == contact && c.account_id == account;
      if (!found)
        return Fail(NotFound("cli.unknownContact",
                             "account " + account + " has no contact \"" + contact + "\""));
    }
    store::ActivityRecord a;
    a.account_id = account;
    a.type = log;
    a.subject = subject;
    a.notes = notes;
    a.contact_id = contact;
    a.author = Actor(by);
    a.source = "user";
    if (!at.empty()) {
      auto t = ParseTime(at);
      if (!t)
        return Fail(InvalidArgument("cli.badTime", "--at \"" + at + "\" is not an ISO-8601 time"));
      a.ts = *t;
    }
    auto id = cockpit::Cockpit(st).Log(a);
    if (!id.ok()) return Fail(id.status());
    std::printf("logged %s on %s's timeline (activity %lld)\n", log.c_str(), account.c_str(),
                static_cast<long long>(*id));
    return 0;
  }
  auto rows = st.ListActivities(account);
  if (!rows.ok()) return Fail(rows.status());
  std::vector<std::vector<std::string>> table = {
      {"when", "type", "subject", "author", "contact", "source"}};
  for (const auto& a : *rows) {
    if (!type.empty() && a.type != type) continue;
    table.push_back({FormatTime(a.ts), a.type, a.subject, a.author, a.contact_id, a.source});
  }
  PrintTable(table);
  return 0;
}

}  // namespace tend::cli
