// Routes: CTAs with their tasks, comments and lifecycle; playbooks; success plans.
#include <algorithm>

#include "api/json/common_json.h"
#include "api/json/cockpit_json.h"
#include "api/route.h"
#include "api/visibility.h"
#include "cockpit/cockpit.h"
#include "common/json_text.h"

namespace tend::api {

namespace {

std::optional<store::AccountRecord> AccountOf(Ctx& c, const std::string& id) {
  return c.state.live->Read(
      [&](scorecard::HealthSession& s) -> std::optional<store::AccountRecord> {
        auto i = s.data().Index(id);
        if (!i) return std::nullopt;
        return s.data().account(*i);
      });
}

template <typename F>
auto WithDefs(Ctx& c, F&& fn) {
  return c.state.live->Read([&](scorecard::HealthSession& s) { return fn(s.defs()); });
}

Result<store::CtaRecord> LoadCta(Ctx& c, int64_t id) {
  store::CtaFilter f;
  f.cta_id = id;
  TEND_ASSIGN_OR_RETURN(auto rows, c.store.ListCtas(f));
  if (rows.empty()) return NotFound("api.noCta", "no CTA " + std::to_string(id));
  return rows.front();
}

nlohmann::json CtaDetailJson(const cockpit::CtaDetail& d) {
  nlohmann::json j = json::CtaJson(d.cta);
  nlohmann::json tasks = nlohmann::json::array(), history = nlohmann::json::array(),
                 comments = nlohmann::json::array();
  for (const auto& t : d.tasks) tasks.push_back(json::TaskJson(t));
  for (const auto& e : d.history) {
    nlohmann::json ej{{"event_id", e.event_id},
                      {"at", FormatTime(e.at)},
                      {"actor", e.actor},
                      {"kind", e.kind},
                      {"detail", e.detail}};
    if (e.kind == "comment") comments.push_back(ej);
    history.push_back(ej);
  }
  j["tasks"] = tasks;
  j["comments"] = comments;
  j["history"] = history;
  return j;
}

Status ListCtas(Ctx& c) {
  store::CtaFilter f;
  std::string status = c.Query("status");
  if (status.empty() || status == "open") {
    f.statuses = {"open", "in_progress"};
  } else if (status == "closed" || status == "in_progress") {
    f.statuses = {status};
  } else if (status != "all") {
    c.error_field = "status";
    return InvalidArgument("api.badQuery", "status must be open, in_progress, closed or all");
  }
  f.account_id = c.Query("account_id");
  f.owner = c.Query("owner");
  bool mine = c.Query("mine") == "true";
  bool include_snoozed = c.Query("include_snoozed") == "true";
  std::string priority = c.Query("priority"), type = c.Query("type");
  int limit = 200;
  if (std::string l = c.Query("limit"); !l.empty()) {
    limit = std::atoi(l.c_str());
    if (limit < 1 || limit > 5000) {
      c.error_field = "limit";
      return InvalidArgument("api.badQuery", "limit must be 1..5000");
    }
  }
  TEND_ASSIGN_OR_RETURN(auto rows, c.store.ListCtas(f));
  const EpochDay today = c.state.live->as_of();
  nlohmann::json out = nlohmann::json::array();
  int64_t total = 0;
  for (const auto& cta : rows) {
    if (mine && cta.owner != c.user->name && cta.owner != c.user->email) continue;
    if (!include_snoozed && cta.status != "closed" && cta.snoozed_until &&
        *cta.snoozed_until > today)
      continue;
    if (!priority.empty() && cta.priority != priority) continue;
    if (!type.empty() && cta.type != type) continue;
    ++total;
    if (static_cast<int>(out.size()) < limit) out.push_back(json::CtaJson(cta));
  }
  // The accounts' names, for people.
  c.state.live->Read([&](scorecard::HealthSession& s) {
    for (auto& j : out) {
      auto i = s.data().Index(j["account_id"].get<std::string>());
      j["account_name"] = i ? s.data().account(*i).name : "";
    }
    return 0;
  });
  c.Send(200, {{"ctas", out}, {"total", total}});
  return Status::Ok();
}

Status GetCta(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  cockpit::Cockpit cp(c.store);
  TEND_ASSIGN_OR_RETURN(auto d, cp.GetCta(id));
  c.Send(200, CtaDetailJson(d));
  return Status::Ok();
}

Status CreateCta(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  store::CtaRecord cta;
  TEND_ASSIGN_OR_RETURN(cta.account_id, StringField(c, j, "account_id", true));
  TEND_ASSIGN_OR_RETURN(cta.title, StringField(c, j, "title", true));
  TEND_ASSIGN_OR_RETURN(cta.type, StringField(c, j, "type", false));
  TEND_ASSIGN_OR_RETURN(cta.priority, StringField(c, j, "priority", false));
  TEND_ASSIGN_OR_RETURN(cta.description, StringField(c, j, "description", false));
  TEND_ASSIGN_OR_RETURN(cta.owner, StringField(c, j, "owner", false));
  TEND_ASSIGN_OR_RETURN(std::string playbook, StringField(c, j, "playbook", false));
  TEND_ASSIGN_OR_RETURN(cta.due_day, DateField(c, j, "due_date", false));
  TEND_ASSIGN_OR_RETURN(cta.renewal_id, StringField(c, j, "renewal_id", false));
  if (cta.type.empty()) cta.type = "risk";
  if (cta.priority.empty()) cta.priority = "medium";
  static const char* kTypes[] = {"risk", "opportunity", "lifecycle", "activity", "objective"};
  if (std::find_if(std::begin(kTypes), std::end(kTypes),
                   [&](const char* t) { return cta.type == t; }) == std::end(kTypes)) {
    return FieldError(c, "type", "must be risk, opportunity, lifecycle, activity or objective");
  }
  static const char* kPriorities[] = {"low", "medium", "high", "urgent"};
  if (std::find_if(std::begin(kPriorities), std::end(kPriorities),
                   [&](const char* t) { return cta.priority == t; }) == std::end(kPriorities)) {
    return FieldError(c, "priority", "must be low, medium, high or urgent");
  }
  auto account = AccountOf(c, cta.account_id);
  if (!account) return FieldError(c, "account_id", "no account " + cta.account_id);
  TEND_RETURN_IF_ERROR(c.RequireOwnAccount(cta.account_id));
  if (!cta.renewal_id.empty() && !c.state.live->Read([&](scorecard::HealthSession& s) {
        auto i = s.data().Index(cta.account_id);
        if (!i) return false;
        const auto& subs = s.data().revenue(*i).subscriptions();
        return std::any_of(subs.begin(), subs.end(), [&](const store::SubscriptionRecord& x) {
          return x.subscription_id == cta.renewal_id;
        });
      })) {
    return FieldError(c, "renewal_id",
                      "no subscription " + cta.renewal_id + " of account " + cta.account_id);
  }
  if (cta.owner.empty()) cta.owner = account->csm.empty() ? c.Actor() : account->csm;
  std::optional<cockpit::PlaybookDef> pb;
  if (!playbook.empty()) {
    pb = WithDefs(c, [&](const definitions::Definitions& d) -> std::optional<cockpit::PlaybookDef> {
      const auto* p = d.FindPlaybook(playbook);
      return p ? std::optional<cockpit::PlaybookDef>(*p) : std::nullopt;
    });
    if (!pb) return FieldError(c, "playbook", "no playbook " + playbook);
  }
  cockpit::Cockpit cp(c.store);
  TEND_ASSIGN_OR_RETURN(int64_t id, cp.CreateCta(cta, pb ? &*pb : nullptr, &*account,
                                                 c.state.live->as_of(), c.Actor()));
  TEND_ASSIGN_OR_RETURN(auto d, cp.GetCta(id));
  std::string msg = DumpJson(json::CtaJson(d.cta));
  c.after_commit.push_back([&c, msg] {
    c.state.stream->Publish("cta", msg);
    return Status::Ok();
  });
  c.Send(201, CtaDetailJson(d));
  return Status::Ok();
}

// The CTA lifecycle actions share their checks: the CTA exists and the caller may work it.
Result<store::CtaRecord> WorkableCta(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto cta, LoadCta(c, id));
  TEND_RETURN_IF_ERROR(c.RequireOwnAccount(cta.account_id, cta.owner));
  return cta;
}

Status SendCta(Ctx& c, int64_t id) {
  cockpit::Cockpit cp(c.store);
  TEND_ASSIGN_OR_RETURN(auto d, cp.GetCta(id));
  std::string msg = DumpJson(json::CtaJson(d.cta));
  c.after_commit.push_back([&c, msg] {
    c.state.stream->Publish("cta_updated", msg);
    return Status::Ok();
  });
  c.Send(200, CtaDetailJson(d));
  return Status::Ok();
}

Status StartCta(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto cta, WorkableCta(c));
  cockpit::Cockpit cp(c.store);
  TEND_RETURN_IF_ERROR(cp.StartCta(cta.cta_id, c.Actor()));
  return SendCta(c, cta.cta_id);
}

Status CloseCta(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto cta, WorkableCta(c));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string reason, StringField(c, j, "reason", true));
  TEND_ASSIGN_OR_RETURN(std::string comment, StringField(c, j, "comment", false));
  if (!cockpit::IsCloseReason(reason)) {
    return FieldError(c, "reason", "must be success, lost, no_action or duplicate");
  }
  cockpit::Cockpit cp(c.store);
  TEND_RETURN_IF_ERROR(cp.CloseCta(cta.cta_id, reason, comment, c.Actor()));
  return SendCta(c, cta.cta_id);
}

Status SnoozeCta(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto cta, WorkableCta(c));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(auto until, DateField(c, j, "until", true));
  if (*until <= c.state.live->as_of()) return FieldError(c, "until", "must be a later day");
  cockpit::Cockpit cp(c.store);
  TEND_RETURN_IF_ERROR(cp.SnoozeCta(cta.cta_id, *until, c.Actor()));
  return SendCta(c, cta.cta_id);
}

Status AssignCta(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto cta, WorkableCta(c));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string owner, StringField(c, j, "owner", true));
  cockpit::Cockpit cp(c.store);
  TEND_RETURN_IF_ERROR(cp.ReassignCta(cta.cta_id, owner, c.Actor()));
  return SendCta(c, cta.cta_id);
}

Status CommentCta(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto cta, WorkableCta(c));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string text, StringField(c, j, "text", true));
  cockpit::Cockpit cp(c.store);
  TEND_RETURN_IF_ERROR(cp.CommentCta(cta.cta_id, text, c.Actor()));
  return SendCta(c, cta.cta_id);
}

Result<store::TaskRecord> WorkableTask(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto t, c.store.GetTask(id));
  if (!t) return NotFound("api.noTask", "no task " + std::to_string(id));
  TEND_RETURN_IF_ERROR(c.RequireOwnAccount(t->account_id, t->owner));
  return *t;
}

Status UpdateTask(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto t, WorkableTask(c));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  std::string status, owner, notes;
  if (j.contains("status")) {
    TEND_ASSIGN_OR_RETURN(status, StringField(c, j, "status", true));
    if (status != "done") return FieldError(c, "status", "can only be set to done");
  }
  if (j.contains("owner")) {
    TEND_ASSIGN_OR_RETURN(owner, StringField(c, j, "owner", true));
  }
  if (j.contains("notes")) {
    TEND_ASSIGN_OR_RETURN(notes, StringField(c, j, "notes", false));
  }
  cockpit::Cockpit cp(c.store);
  if (!owner.empty()) TEND_RETURN_IF_ERROR(cp.ReassignTask(t.task_id, owner, c.Actor()));
  if (j.contains("notes")) TEND_RETURN_IF_ERROR(cp.NoteTask(t.task_id, notes, c.Actor()));
  if (status == "done" && t.status != "done")
    TEND_RETURN_IF_ERROR(cp.CompleteTask(t.task_id, c.Actor()));
  TEND_ASSIGN_OR_RETURN(auto after, c.store.GetTask(t.task_id));
  c.Send(200, json::TaskJson(*after));
  return Status::Ok();
}

Status Playbooks(Ctx& c) {
  nlohmann::json out = WithDefs(c, [&](const definitions::Definitions& d) {
    nlohmann::json pbs = nlohmann::json::array();
    for (const auto& p : d.playbooks) {
      nlohmann::json tasks = nlohmann::json::array();
      for (const auto& t : p.tasks) {
        tasks.push_back(
            {{"title", t.title}, {"due_in_days", t.due_in_days}, {"owner_role", t.owner_role}});
      }
      pbs.push_back(
          {{"name", p.name}, {"label", p.label}, {"description", p.description}, {"tasks", tasks}});
    }
    nlohmann::json templates = nlohmann::json::array();
    for (const auto& t : d.plan_templates) {
      nlohmann::json objectives = nlohmann::json::array();
      for (const auto& o : t.objectives) {
        objectives.push_back({{"title", o.title}, {"due_in_days", o.due_in_days}});
      }
      templates.push_back({{"name", t.name},
                           {"label", t.label},
                           {"description", t.description},
                           {"objectives", objectives}});
    }
    return nlohmann::json{{"playbooks", pbs}, {"plan_templates", templates}};
  });
  c.Send(200, out);
  return Status::Ok();
}

Status CreatePlan(Ctx& c) {
  std::string id = c.Param(0);
  auto account = AccountOf(c, id);
  if (!account) return NotFound("api.noAccount", "no account " + id);
  TEND_RETURN_IF_ERROR(c.RequireOwnAccount(id));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string name, StringField(c, j, "template", true));
  auto tmpl = WithDefs(c, [&](const definitions::Definitions& d) {
    const auto* t = d.FindPlanTemplate(name);
    return t ? std::optional<cockpit::PlanTemplateDef>(*t) : std::nullopt;
  });
  if (!tmpl) return FieldError(c, "template", "no success plan template " + name);
  cockpit::Cockpit cp(c.store);
  TEND_ASSIGN_OR_RETURN(int64_t plan_id,
                        cp.CreatePlan(id, *tmpl, &*account, c.state.live->as_of(), c.Actor()));
  c.Send(201, {{"plan_id", plan_id}, {"account_id", id}, {"template", name}});
  return Status::Ok();
}

Status ListPlans(Ctx& c) {
  std::string id = c.Param(0);
  if (!AccountOf(c, id)) return NotFound("api.noAccount", "no account " + id);
  cockpit::Cockpit cp(c.store);
  TEND_ASSIGN_OR_RETURN(auto plans, cp.Plans(id));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : plans) {
    nlohmann::json objectives = nlohmann::json::array();
    for (size_t k = 0; k < p.objectives.size(); ++k) {
      nlohmann::json tasks = nlohmann::json::array();
      for (const auto& t : p.tasks[k]) tasks.push_back(json::TaskJson(t));
      const auto& o = p.objectives[k];
      objectives.push_back({{"objective_id", o.objective_id},
                            {"title", o.title},
                            {"status", o.status},
                            {"due_date", json::DateJson(o.due_day)},
                            {"tasks", tasks}});
    }
    out.push_back({{"plan_id", p.plan.plan_id},
                   {"name", p.plan.name},
                   {"template", p.plan.template_name},
                   {"status", p.plan.status},
                   {"objectives", objectives}});
  }
  c.Send(200, {{"plans", out}});
  return Status::Ok();
}

// The account whose success plan holds objective `o` ("" if none is found): from the
// objective's tasks, else by looking through the accounts' plans.
Result<std::string> ObjectiveAccount(Ctx& c, const store::ObjectiveRecord& o) {
  TEND_ASSIGN_OR_RETURN(auto tasks, c.store.ListTasks(std::nullopt, o.objective_id, ""));
  if (!tasks.empty()) return tasks.front().account_id;
  auto ids = c.state.live->Read([](scorecard::HealthSession& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.data().size(); ++i) out.push_back(s.data().account(i).account_id);
    return out;
  });
  for (const auto& id : ids) {
    TEND_ASSIGN_OR_RETURN(auto plans, c.store.ListPlans(id));
    for (const auto& p : plans) {
      if (p.plan_id == o.plan_id) return id;
    }
  }
  return std::string();
}

Status SetObjective(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto o, c.store.GetObjective(id));
  if (!o) return NotFound("api.noObjective", "no objective " + std::to_string(id));
  if (c.user && c.user->role != auth::Role::kAdmin) {
    // CSMs change the plans of their own accounts only.
    TEND_ASSIGN_OR_RETURN(std::string account_id, ObjectiveAccount(c, *o));
    TEND_RETURN_IF_ERROR(c.RequireOwnAccount(account_id));
  }
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string status, StringField(c, j, "status", true));
  static const char* kStatuses[] = {"not_started", "on_track", "at_risk", "done"};
  if (std::find_if(std::begin(kStatuses), std::end(kStatuses),
                   [&](const char* s) { return status == s; }) == std::end(kStatuses)) {
    return FieldError(c, "status", "must be not_started, on_track, at_risk or done");
  }
  cockpit::Cockpit cp(c.store);
  TEND_RETURN_IF_ERROR(cp.SetObjectiveStatus(id, status));
  c.Send(200, {{"objective_id", id}, {"status", status}});
  return Status::Ok();
}

}  // namespace

void AddCockpitRoutes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/ctas", PartAccess(Part::kCtas), "cockpit",
               "list CTAs (mine, by owner, account, status, priority, type)", ListCtas, "",
               "status,account_id,owner,mine,include_snoozed,priority,type,limit"});
  r.push_back({"POST", "/api/ctas", Access::kCsmWork, "cockpit", "create a CTA", CreateCta,
               "!account_id:string,!title:string,type:string,priority:string,description:string,"
               "owner:string,playbook:string,due_date:string,renewal_id:string"});
  r.push_back({"GET", "/api/ctas/{id}", PartAccess(Part::kCtas), "cockpit",
               "a CTA with its tasks, comments and history", GetCta});
  r.push_back(
      {"POST", "/api/ctas/{id}/start", Access::kCsmWork, "cockpit", "start a CTA", StartCta});
  r.push_back({"POST", "/api/ctas/{id}/close", Access::kCsmWork, "cockpit",
               "close a CTA with a reason", CloseCta, "!reason:string,comment:string"});
  r.push_back({"POST", "/api/ctas/{id}/snooze", Access::kCsmWork, "cockpit",
               "snooze a CTA until a day", SnoozeCta, "!until:string"});
  r.push_back({"POST", "/api/ctas/{id}/assign", Access::kCsmWork, "cockpit", "reassign a CTA",
               AssignCta, "!owner:string"});
  r.push_back({"POST", "/api/ctas/{id}/comment", Access::kCsmWork, "cockpit", "comment on a CTA",
               CommentCta, "!text:string"});
  r.push_back({"PATCH", "/api/tasks/{id}", Access::kCsmWork, "cockpit",
               "complete, reassign or annotate a task", UpdateTask,
               "status:string,owner:string,notes:string"});
  r.push_back({"GET", "/api/playbooks", Access::kReader, "cockpit",
               "playbooks and success plan templates", Playbooks});
  r.push_back({"GET", "/api/accounts/{id}/plans", PartAccess(Part::kPlans), "cockpit",
               "an account's success plans", ListPlans});
  r.push_back({"POST", "/api/accounts/{id}/plans", Access::kCsmWork, "cockpit",
               "create a success plan from a template", CreatePlan, "!template:string"});
  r.push_back({"PATCH", "/api/objectives/{id}", Access::kCsmWork, "cockpit",
               "set a success plan objective's status", SetObjective, "!status:string"});
}

}  // namespace tend::api
