// tend cta show|start|close|snooze|assign|comment|create
#include <cstdio>

#include "cli/cockpit_common.h"
#include "cli/command.h"
#include "cli/format.h"
#include "cockpit/cockpit.h"
#include "common/time.h"
#include "scorecard/health_session.h"

namespace tend::cli {

int RunCta(int argc, char** argv) {
  CLI::App app{"Work a call-to-action.", "tend cta"};
  app.require_subcommand(1);
  std::string db, by, reason, comment, until, owner, text, account, title,
      type = "activity", priority = "medium", due, playbook, description;
  int64_t id = 0;
  AddDbOption(app, &db);
  app.add_option("--by", by, "who is acting (default: $USER)");
  auto* show = app.add_subcommand("show", "a CTA with its tasks and history");
  auto* start = app.add_subcommand("start", "mark it in progress");
  auto* close = app.add_subcommand("close", "close it with a reason");
  close->add_option("--reason", reason, "success, lost, no_action, duplicate or resolved_by_rule")
      ->required();
  close->add_option("--comment", comment, "why");
  auto* snooze =
      app.add_subcommand("snooze", "hide it until a day (rules do not raise it again meanwhile)");
  snooze->add_option("--until", until, "YYYY-MM-DD")->required();
  auto* assign = app.add_subcommand("assign", "give it to someone else");
  assign->add_option("--owner", owner, "the new owner")->required();
  auto* note = app.add_subcommand("comment", "add a comment");
  note->add_option("--text", text, "the comment")->required();
  for (auto* sub : {show, start, close, snooze, assign, note}) {
    sub->add_option("id", id, "the CTA's id")->required();
    AddDbOption(*sub, &db);
    sub->add_option("--by", by, "who is acting (default: $USER)");
  }
  auto* create = app.add_subcommand("create", "raise a CTA by hand");
  AddDbOption(*create, &db);
  create->add_option("--by", by, "who is acting (default: $USER)");
  create->add_option("--account", account, "account id")->required();
  create->add_option("--title", title, "what to do")->required();
  create
      ->add_option("--type", type, "risk, opportunity, lifecycle, advocacy, expansion or activity")
      ->check(
          CLI::IsMember({"risk", "opportunity", "lifecycle", "advocacy", "expansion", "activity"}));
  create->add_option("--priority", priority, "low, medium, high or urgent")
      ->check(CLI::IsMember({"low", "medium", "high", "urgent"}));
  create->add_option("--owner", owner, "owner (default: the account's CSM)");
  create->add_option("--due", due, "YYYY-MM-DD");
  create->add_option("--playbook", playbook, "attach a playbook's tasks");
  create->add_option("--description", description, "details");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;

  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  store::Store& st = **ws;
  cockpit::Cockpit cp(st);
  std::string actor = Actor(by);
  Status s;
  if (show->parsed()) {
    auto d = cp.GetCta(id);
    if (!d.ok()) return Fail(d.status());
    const auto& c = d->cta;
    std::printf("CTA %lld  %s  [%s, %s]  %s\n", static_cast<long long>(c.cta_id), c.title.c_str(),
                c.type.c_str(), c.priority.c_str(), c.status.c_str());
    std::printf("  account %s, owner %s, due %s%s%s\n", c.account_id.c_str(), c.owner.c_str(),
                c.due_day ? FormatDate(*c.due_day).c_str() : "-",
                c.rule.empty() ? "" : (", rule " + c.rule).c_str(),
                c.snoozed_until ? (", snoozed until " + FormatDate(*c.snoozed_until)).c_str() : "");
    if (!c.description.empty()) std::printf("  %s\n", c.description.c_str());
    if (!c.renewal_id.empty())
      std::printf("  about the renewal of subscription %s\n", c.renewal_id.c_str());
    if (!c.close_reason.empty()) std::printf("  closed: %s\n", c.close_reason.c_str());
    if (!d->tasks.empty()) {
      std::printf("tasks%s:\n",
                  c.playbook.empty() ? "" : (" (playbook " + c.playbook + ")").c_str());
      for (const auto& t : d->tasks) {
        std::printf("  [%s] %lld %s  (%s, due %s)%s\n", t.status == "done" ? "x" : " ",
                    static_cast<long long>(t.task_id), t.title.c_str(), t.owner.c_str(),
                    t.due_day ? FormatDate(*t.due_day).c_str() : "-",
                    t.notes.empty() ? "" : ("  note: " + t.notes).c_str());
      }
    }
    std::printf("history:\n");
    for (const auto& e : d->history) {
      std::printf("  %s  %-10s %-10s %s\n", FormatTime(e.at).c_str(), e.actor.c_str(),
                  e.kind.c_str(), e.detail.c_str());
    }
    return 0;
  }
  if (create->parsed()) {
    auto acc = FindAccount(st, account);
    if (!acc.ok()) return Fail(acc.status());
    const cockpit::PlaybookDef* pb = nullptr;
    definitions::Definitions defs;
    if (!playbook.empty()) {
      auto loaded = scorecard::LoadDefinitions(st);
      if (!loaded.ok()) return Fail(loaded.status());
      defs = std::move(loaded).value();
      pb = defs.FindPlaybook(playbook);
      if (!pb) return Fail(NotFound("cli.unknownPlaybook", "no playbook \"" + playbook + "\""));
    }
    store::CtaRecord c;
    c.account_id = account;
    c.title = title;
    c.type = type;
    c.priority = priority;
    c.description = description;
    c.owner = owner.empty() ? acc->csm : owner;
    EpochDay today = DayOf(NowMs());
    if (!due.empty()) {
      auto d = ParseDate(due);
      if (!d)
        return Fail(InvalidArgument("cli.badDate",
                                    "--due \"" + due + "\" is not a date (expected YYYY-MM-DD)"));
      c.due_day = *d;
    } else {
      c.due_day = today + 7;
    }
    s = st.Begin();
    auto created = s.ok() ? cp.CreateCta(c, pb, &*acc, today, actor) : Result<int64_t>(s);
    if (!created.ok()) {
      (void)st.Rollback();
      return Fail(created.status());
    }
    s = st.Commit();
    if (!s.ok()) return Fail(s);
    std::printf("created CTA %lld\n", static_cast<long long>(*created));
    return 0;
  }
  s = st.Begin();
  if (s.ok()) {
    if (start->parsed()) {
      s = cp.StartCta(id, actor);
    } else if (close->parsed()) {
      s = cp.CloseCta(id, reason, comment, actor);
    } else if (snooze->parsed()) {
      auto d = ParseDate(until);
      s = d ? cp.SnoozeCta(id, *d, actor)
            : InvalidArgument("cli.badDate",
                              "--until \"" + until + "\" is not a date (expected YYYY-MM-DD)");
    } else if (assign->parsed()) {
      s = cp.ReassignCta(id, owner, actor);
    } else if (note->parsed()) {
      s = cp.CommentCta(id, text, actor);
    }
  }
  if (!s.ok()) {
    (void)st.Rollback();
    return Fail(s);
  }
  s = st.Commit();
  if (!s.ok()) return Fail(s);
  std::printf("CTA %lld: %s\n", static_cast<long long>(id),
              start->parsed()    ? "in progress"
              : close->parsed()  ? ("closed (" + reason + ")").c_str()
              : snooze->parsed() ? ("snoozed until " + until).c_str()
              : assign->parsed() ? ("assigned to " + owner).c_str()
                                 : "comment added");
  return 0;
}

}  // namespace tend::cli
