// tend plans --account ID [--create TEMPLATE] | tend plans --objective ID --status S
#include <cstdio>

#include "cli/cockpit_common.h"
#include "cli/command.h"
#include "cockpit/cockpit.h"
#include "common/time.h"
#include "scorecard/health_session.h"

namespace tend::cli {

int RunPlans(int argc, char** argv) {
  CLI::App app{
      "Success plans: list an account's plans, create one from a template, or set an "
      "objective's status.",
      "tend plans"};
  std::string db, account, create, status, by;
  int64_t objective = 0;
  AddDbOption(app, &db);
  app.add_option("--account", account, "the account");
  app.add_option("--create", create, "create a plan from this template");
  app.add_option("--objective", objective, "an objective's id (with --status)");
  app.add_option("--status", status, "not_started, on_track, at_risk or done");
  app.add_option("--by", by, "who is acting (default: $USER)");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  store::Store& st = **ws;
  cockpit::Cockpit cp(st);
  if (objective) {
    if (status.empty()) return Fail(InvalidArgument("cli.noStatus", "--objective needs --status"));
    Status s = cp.SetObjectiveStatus(objective, status);
    if (!s.ok()) return Fail(s);
    std::printf("objective %lld: %s\n", static_cast<long long>(objective), status.c_str());
    return 0;
  }
  if (account.empty())
    return Fail(
        InvalidArgument("cli.noAccount", "give --account ID (or --objective ID --status S)"));
  auto acc = FindAccount(st, account);
  if (!acc.ok()) return Fail(acc.status());
  if (!create.empty()) {
    auto defs = scorecard::LoadDefinitions(st);
    if (!defs.ok()) return Fail(defs.status());
    const auto* t = defs->FindPlanTemplate(create);
    if (!t)
      return Fail(NotFound("cli.unknownTemplate", "no success plan template \"" + create + "\""));
    Status s = st.Begin();
    auto id =
        s.ok() ? cp.CreatePlan(account, *t, &*acc, DayOf(NowMs()), Actor(by)) : Result<int64_t>(s);
    if (!id.ok()) {
      (void)st.Rollback();
      return Fail(id.status());
    }
    s = st.Commit();
    if (!s.ok()) return Fail(s);
    std::printf("created success plan %lld for %s\n", static_cast<long long>(*id), account.c_str());
  }
  auto plans = cp.Plans(account);
  if (!plans.ok()) return Fail(plans.status());
  if (plans->empty()) std::printf("%s has no success plans\n", account.c_str());
  for (const auto& p : *plans) {
    std::printf("plan %lld  %s  [%s]%s\n", static_cast<long long>(p.plan.plan_id),
                p.plan.name.c_str(), p.plan.status.c_str(),
                p.plan.template_name.empty() ? "" : ("  from " + p.plan.template_name).c_str());
    for (size_t k = 0; k < p.objectives.size(); ++k) {
      const auto& o = p.objectives[k];
      std::printf("  objective %lld  %s  [%s, due %s]\n", static_cast<long long>(o.objective_id),
                  o.title.c_str(), o.status.c_str(),
                  o.due_day ? FormatDate(*o.due_day).c_str() : "-");
      for (const auto& t : p.tasks[k]) {
        std::printf("    [%s] task %lld %s  (%s)\n", t.status == "done" ? "x" : " ",
                    static_cast<long long>(t.task_id), t.title.c_str(), t.owner.c_str());
      }
    }
  }
  return 0;
}

}  // namespace tend::cli
