#include "cockpit/cockpit.h"

#include "common/time.h"

namespace tend::cockpit {

bool IsCloseReason(std::string_view r) {
  return r == "success" || r == "lost" || r == "no_action" || r == "duplicate" ||
         r == "resolved_by_rule";
}

std::string ResolveOwner(const std::string& role, const store::AccountRecord* account) {
  if (!account) return role;
  if (role == "csm") return account->csm;
  for (const auto& a : account->attributes) {
    if (a.name == role && a.text) return *a.text;
  }
  return role;
}

Result<store::CtaRecord> Cockpit::Load(int64_t cta_id) {
  store::CtaFilter f;
  f.cta_id = cta_id;
  TEND_ASSIGN_OR_RETURN(auto list, store_.ListCtas(f));
  if (list.empty()) return NotFound("cockpit.noCta", "no CTA " + std::to_string(cta_id));
  return list.front();
}

Status Cockpit::Event(int64_t cta_id, const std::string& actor, const std::string& kind,
                      const std::string& detail) {
  return store_.AddCtaEvent({0, cta_id, clock_.NowMs(), actor, kind, detail}).status();
}

Result<int64_t> Cockpit::CreateCta(store::CtaRecord cta, const PlaybookDef* playbook,
                                   const store::AccountRecord* account, EpochDay today,
                                   const std::string& actor) {
  EpochMs now = clock_.NowMs();
  cta.status = "open";
  cta.created_at = cta.updated_at = now;
  if (playbook) cta.playbook = playbook->name;
  TEND_ASSIGN_OR_RETURN(int64_t id, store_.InsertCta(cta));
  if (playbook) {
    int pos = 0;
    for (const TaskTemplate& t : playbook->tasks) {
      store::TaskRecord task;
      task.cta_id = id;
      task.account_id = cta.account_id;
      task.title = t.title;
      task.owner = ResolveOwner(t.owner_role, account);
      task.due_day = today + t.due_in_days;
      task.position = pos++;
      TEND_RETURN_IF_ERROR(store_.InsertTask(task).status());
    }
  }
  TEND_RETURN_IF_ERROR(Event(id, actor, "created", cta.title));
  store::ActivityRecord a;
  a.ts = now;
  a.account_id = cta.account_id;
  a.type = "cta_opened";
  a.subject = cta.title;
  a.notes = "CTA " + std::to_string(id);  // also keeps two same-titled CTAs apart
  a.author = actor;
  a.source = "system";
  TEND_RETURN_IF_ERROR(timeline_.UpsertActivity(a).status());
  return id;
}

Result<CtaDetail> Cockpit::GetCta(int64_t cta_id) {
  CtaDetail d;
  TEND_ASSIGN_OR_RETURN(d.cta, Load(cta_id));
  TEND_ASSIGN_OR_RETURN(d.tasks, store_.ListTasks(cta_id, std::nullopt, ""));
  TEND_ASSIGN_OR_RETURN(d.history, store_.ListCtaEvents(cta_id));
  return d;
}

Status Cockpit::StartCta(int64_t cta_id, const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto c, Load(cta_id));
  if (c.status == "closed") {
    return FailedPrecondition("cockpit.ctaClosed", "CTA " + std::to_string(cta_id) + " is closed");
  }
  c.status = "in_progress";
  c.updated_at = clock_.NowMs();
  TEND_RETURN_IF_ERROR(store_.UpdateCta(c));
  return Event(cta_id, actor, "status", "in_progress");
}

Status Cockpit::CloseCta(int64_t cta_id, const std::string& reason, const std::string& comment,
                         const std::string& actor) {
  if (!IsCloseReason(reason)) {
    return InvalidArgument(
        "cockpit.badReason",
        "close reason \"" + reason +
            "\" is not one of success|lost|no_action|duplicate|resolved_by_rule");
  }
  TEND_ASSIGN_OR_RETURN(auto c, Load(cta_id));
  if (c.status == "closed") {
    return FailedPrecondition("cockpit.ctaClosed",
                              "CTA " + std::to_string(cta_id) + " is already closed");
  }
  EpochMs now = clock_.NowMs();
  c.status = "closed";
  c.close_reason = reason;
  c.closed_at = now;
  c.updated_at = now;
  c.snoozed_until.reset();
  TEND_RETURN_IF_ERROR(store_.UpdateCta(c));
  TEND_RETURN_IF_ERROR(
      Event(cta_id, actor, "closed", reason + (comment.empty() ? "" : ": " + comment)));
  store::ActivityRecord a;
  a.ts = now;
  a.account_id = c.account_id;
  a.type = "cta_closed";
  a.subject = c.title + " (" + reason + ")";
  a.notes = "CTA " + std::to_string(cta_id) + (comment.empty() ? "" : ": " + comment);
  a.author = actor;
  a.source = "system";
  return timeline_.UpsertActivity(a).status();
}

Status Cockpit::SnoozeCta(int64_t cta_id, EpochDay until, const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto c, Load(cta_id));
  if (c.status == "closed") {
    return FailedPrecondition("cockpit.ctaClosed", "CTA " + std::to_string(cta_id) + " is closed");
  }
  c.snoozed_until = until;
  c.updated_at = clock_.NowMs();
  TEND_RETURN_IF_ERROR(store_.UpdateCta(c));
  return Event(cta_id, actor, "snoozed", "until " + FormatDate(until));
}

Status Cockpit::ReassignCta(int64_t cta_id, const std::string& owner, const std::string& actor) {
  if (owner.empty()) return InvalidArgument("cockpit.noOwner", "a new owner is required");
  TEND_ASSIGN_OR_RETURN(auto c, Load(cta_id));
  std::string from = c.owner;
  c.owner = owner;
  c.updated_at = clock_.NowMs();
  TEND_RETURN_IF_ERROR(store_.UpdateCta(c));
  return Event(cta_id, actor, "reassigned", from + " -> " + owner);
}

Status Cockpit::CommentCta(int64_t cta_id, const std::string& text, const std::string& actor) {
  if (text.empty()) return InvalidArgument("cockpit.emptyComment", "a comment needs text");
  TEND_RETURN_IF_ERROR(Load(cta_id).status());
  return Event(cta_id, actor, "comment", text);
}

Status Cockpit::CompleteTask(int64_t task_id, const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto t, store_.GetTask(task_id));
  if (!t) return NotFound("cockpit.noTask", "no task " + std::to_string(task_id));
  if (t->status == "done") return Status::Ok();
  t->status = "done";
  t->completed_at = clock_.NowMs();
  TEND_RETURN_IF_ERROR(store_.UpdateTask(*t));
  if (t->cta_id) TEND_RETURN_IF_ERROR(Event(*t->cta_id, actor, "task", "done: " + t->title));
  return Status::Ok();
}

Status Cockpit::ReassignTask(int64_t task_id, const std::string& owner, const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto t, store_.GetTask(task_id));
  if (!t) return NotFound("cockpit.noTask", "no task " + std::to_string(task_id));
  std::string from = t->owner;
  t->owner = owner;
  TEND_RETURN_IF_ERROR(store_.UpdateTask(*t));
  if (t->cta_id)
    TEND_RETURN_IF_ERROR(Event(*t->cta_id, actor, "task", t->title + ": " + from + " -> " + owner));
  return Status::Ok();
}

Status Cockpit::NoteTask(int64_t task_id, const std::string& notes, const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto t, store_.GetTask(task_id));
  if (!t) return NotFound("cockpit.noTask", "no task " + std::to_string(task_id));
  t->notes = notes;
  TEND_RETURN_IF_ERROR(store_.UpdateTask(*t));
  if (t->cta_id) TEND_RETURN_IF_ERROR(Event(*t->cta_id, actor, "task", t->title + ": note"));
  return Status::Ok();
}

Result<int64_t> Cockpit::CreatePlan(const std::string& account_id, const PlanTemplateDef& tmpl,
                                    const store::AccountRecord* account, EpochDay today,
                                    const std::string& actor) {
  store::PlanRecord p;
  p.account_id = account_id;
  p.name = tmpl.label;
  p.template_name = tmpl.name;
  p.created_by = actor;
  p.created_at = clock_.NowMs();
  TEND_ASSIGN_OR_RETURN(int64_t plan_id, store_.InsertPlan(p));
  int pos = 0;
  for (const ObjectiveTemplate& o : tmpl.objectives) {
    store::ObjectiveRecord obj;
    obj.plan_id = plan_id;
    obj.title = o.title;
    obj.description = o.description;
    obj.due_day = today + o.due_in_days;
    obj.position = pos++;
    TEND_ASSIGN_OR_RETURN(int64_t oid, store_.InsertObjective(obj));
    int tpos = 0;
    for (const TaskTemplate& t : o.tasks) {
      store::TaskRecord task;
      task.objective_id = oid;
      task.account_id = account_id;
      task.title = t.title;
      task.owner = ResolveOwner(t.owner_role, account);
      task.due_day = today + t.due_in_days;
      task.position = tpos++;
      TEND_RETURN_IF_ERROR(store_.InsertTask(task).status());
    }
  }
  store::ActivityRecord a;
  a.ts = clock_.NowMs();
  a.account_id = account_id;
  a.type = "plan_created";
  a.subject = "Success plan: " + tmpl.label;
  a.author = actor;
  a.source = "system";
  TEND_RETURN_IF_ERROR(timeline_.UpsertActivity(a).status());
  return plan_id;
}

Result<std::vector<PlanDetail>> Cockpit::Plans(const std::string& account_id) {
  std::vector<PlanDetail> out;
  TEND_ASSIGN_OR_RETURN(auto plans, store_.ListPlans(account_id));
  for (auto& p : plans) {
    PlanDetail d;
    d.plan = p;
    TEND_ASSIGN_OR_RETURN(d.objectives, store_.ListObjectives(p.plan_id));
    for (const auto& o : d.objectives) {
      TEND_ASSIGN_OR_RETURN(auto tasks, store_.ListTasks(std::nullopt, o.objective_id, ""));
      d.tasks.push_back(std::move(tasks));
    }
    out.push_back(std::move(d));
  }
  return out;
}

Status Cockpit::SetObjectiveStatus(int64_t objective_id, const std::string& status) {
  if (status != "not_started" && status != "on_track" && status != "at_risk" && status != "done") {
    return InvalidArgument(
        "cockpit.badObjectiveStatus",
        "objective status \"" + status + "\" is not one of not_started|on_track|at_risk|done");
  }
  TEND_ASSIGN_OR_RETURN(auto o, store_.GetObjective(objective_id));
  if (!o) return NotFound("cockpit.noObjective", "no objective " + std::to_string(objective_id));
  o->status = status;
  return store_.UpdateObjective(*o);
}

Result<int64_t> Cockpit::Log(store::ActivityRecord activity) {
  if (activity.account_id.empty())
    return InvalidArgument("cockpit.noAccount", "an activity needs an account");
  if (activity.type.empty()) return InvalidArgument("cockpit.noType", "an activity needs a type");
  if (activity.ts == 0) activity.ts = clock_.NowMs();
  if (activity.source == "import") activity.source = "user";
  return timeline_.UpsertActivity(activity);
}

}  // namespace tend::cockpit
