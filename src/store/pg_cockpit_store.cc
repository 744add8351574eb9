// PgStore: the cockpit (CTAs and their events, tasks, success plans, objectives) and what
// rules leave behind (firings, webhook deliveries and secrets).
#include "store/pg_rows.h"
#include "store/pg_store_impl.h"
#include "store/row_readers.h"

namespace tend::store {

using pg::BindAll;
using pg::OrNull;

namespace {

constexpr const char* kCtaCols =
    "cta_id, account_id, rule, type, priority, title, description, owner, status, close_reason, "
    "due_day, snoozed_until, playbook, reason_code, created_at, updated_at, closed_at, renewal_id";
constexpr const char* kTaskCols =
    "task_id, cta_id, objective_id, account_id, title, owner, due_day, status, notes, position, "
    "completed_at";
constexpr const char* kObjectiveCols =
    "objective_id, plan_id, title, description, due_day, status, position";
constexpr const char* kDeliveryCols =
    "delivery_id, rule, account_id, url, payload, status, attempts, last_error, next_attempt_at, "
    "created_at, delivered_at";
constexpr const char* kFiringCols = "firing_id, rule, account_id, at, day, ctx, outcome";



ObjectiveRecord ReadObjectiveRow(PgStmt* s) {
  return ObjectiveRecord{s->Int(0), s->Int(1), s->Str(2), s->Str(3),
                         s->OptDay(4), s->Str(5), static_cast<int>(s->Int(6))};
}


std::string From(const char* cols, std::string_view rest) {
  return std::string("SELECT ") + cols + " FROM " + std::string(rest);
}

}  // namespace

Result<int64_t> PgStore::InsertCta(const CtaRecord& c) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s, db_->Prepare(pg::InsertSql("ctas",
                                             "account_id, rule, type, priority, title, "
                                             "description, owner, status, close_reason, due_day, "
                                             "snoozed_until, playbook, reason_code, created_at, "
                                             "updated_at, closed_at, renewal_id",
                                             "", "RETURNING cta_id")));
  auto id = pg::FirstInt(BindAll(s, c.account_id, OrNull{c.rule}, c.type, c.priority, c.title,
                                 OrNull{c.description}, OrNull{c.owner}, c.status,
                                 OrNull{c.close_reason}, c.due_day, c.snoozed_until,
                                 OrNull{c.playbook}, OrNull{c.reason_code}, c.created_at,
                                 c.updated_at, c.closed_at, OrNull{c.renewal_id}));
  if (!id.ok() && !c.rule.empty() && IsUniqueViolation(id.status())) {
    return AlreadyExists("store.ctaExists",
                         "rule " + c.rule + " already has an open CTA for " + c.account_id);
  }
  return id;
}

Status PgStore::UpdateCta(const CtaRecord& c) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s,
      db_->Prepare("UPDATE ctas SET type = $1, priority = $2, title = $3, description = $4, "
                   "owner = $5, status = $6, close_reason = $7, due_day = $8, snoozed_until = $9, "
                   "updated_at = $10, closed_at = $11 WHERE cta_id = $12"));
  Status run = BindAll(s, c.type, c.priority, c.title, OrNull{c.description}, OrNull{c.owner},
                       c.status, OrNull{c.close_reason}, c.due_day, c.snoozed_until, c.updated_at,
                       c.closed_at, c.cta_id)
                   ->Run();
  return pg::ChangedOne(s, run, "store.noCta", "no CTA " + std::to_string(c.cta_id));
}

Result<std::vector<CtaRecord>> PgStore::ListCtas(const CtaFilter& f) {
  std::string sql = From(kCtaCols, "ctas WHERE TRUE");
  std::vector<std::string> args;
  auto add = [&](const char* cond, std::string value) {
    args.push_back(std::move(value));
    sql += std::string(" AND ") + cond + "$" + std::to_string(args.size());
  };
  if (!f.statuses.empty()) add("status = ANY(", pg::TextArray(f.statuses)), sql += "::text[])";
  if (!f.account_id.empty()) add("account_id = ", f.account_id);
  if (!f.account_ids.empty()) add("account_id = ANY(", pg::TextArray(f.account_ids)), sql += "::text[])";
  if (!f.owner.empty()) add("owner = ", f.owner);
  if (!f.rule.empty()) add("rule = ", f.rule);
  if (f.cta_id) add("cta_id = ", std::to_string(*f.cta_id)), sql += "::bigint";
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(sql + " ORDER BY cta_id"));
  for (size_t i = 0; i < args.size(); ++i) s->Bind(static_cast<int>(i + 1), args[i]);
  return pg::Rows<CtaRecord>(s, ReadCtaRow<PgStmt>);
}

Result<int64_t> PgStore::AddCtaEvent(const CtaEventRecord& e) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("cta_events",
                                                               "cta_id, at, actor, kind, detail",
                                                               "", "RETURNING event_id")));
  return pg::FirstInt(BindAll(s, e.cta_id, e.at, e.actor, e.kind, OrNull{e.detail}));
}

Result<std::vector<CtaEventRecord>> PgStore::ListCtaEvents(int64_t cta_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT event_id, cta_id, at, actor, kind, "
                                                 "detail FROM cta_events WHERE cta_id = $1 ORDER "
                                                 "BY at, event_id"));
  return pg::Rows<CtaEventRecord>(BindAll(s, cta_id), [](PgStmt* s) {
    return CtaEventRecord{s->Int(0), s->Int(1), s->Int(2), s->Str(3), s->Str(4), s->Str(5)};
  });
}

Result<int64_t> PgStore::InsertTask(const TaskRecord& t) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s, db_->Prepare(pg::InsertSql("tasks",
                                             "cta_id, objective_id, account_id, title, owner, "
                                             "due_day, status, notes, position, completed_at",
                                             "", "RETURNING task_id")));
  return pg::FirstInt(BindAll(s, t.cta_id, t.objective_id, t.account_id, t.title, OrNull{t.owner},
                              t.due_day, t.status, OrNull{t.notes}, t.position, t.completed_at));
}

Status PgStore::UpdateTask(const TaskRecord& t) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE tasks SET title = $1, owner = $2, "
                                                 "due_day = $3, status = $4, notes = $5, "
                                                 "completed_at = $6 WHERE task_id = $7"));
  Status run = BindAll(s, t.title, OrNull{t.owner}, t.due_day, t.status, OrNull{t.notes},
                       t.completed_at, t.task_id)
                   ->Run();
  return pg::ChangedOne(s, run, "store.noTask", "no task " + std::to_string(t.task_id));
}

Result<std::optional<TaskRecord>> PgStore::GetTask(int64_t task_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kTaskCols, "tasks WHERE task_id = $1")));
  return pg::One<TaskRecord>(BindAll(s, task_id), ReadTaskRow<PgStmt>);
}

Result<std::vector<TaskRecord>> PgStore::ListTasks(std::optional<int64_t> cta_id,
                                                   std::optional<int64_t> objective_id,
                                                   std::string_view account_id) {
  const char* where = cta_id ? "cta_id = $1::bigint" : objective_id ? "objective_id = $1::bigint"
                                                                    : "account_id = $1";
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kTaskCols, std::string("tasks WHERE ") +
                                                                     where +
                                                                     " ORDER BY position, task_id")));
  if (cta_id || objective_id) {
    BindAll(s, cta_id ? *cta_id : *objective_id);
  } else {
    BindAll(s, account_id);
  }
  return pg::Rows<TaskRecord>(s, ReadTaskRow<PgStmt>);
}

Result<int64_t> PgStore::InsertPlan(const PlanRecord& p) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql(
                                        "success_plans", "account_id, name, template, status, "
                                                         "created_by, created_at",
                                        "", "RETURNING plan_id")));
  return pg::FirstInt(BindAll(s, p.account_id, p.name, OrNull{p.template_name}, p.status,
                              OrNull{p.created_by}, p.created_at));
}

Result<std::vector<PlanRecord>> PgStore::ListPlans(std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT plan_id, account_id, name, template, "
                                                 "status, created_by, created_at FROM "
                                                 "success_plans WHERE account_id = $1 ORDER BY "
                                                 "plan_id"));
  return pg::Rows<PlanRecord>(BindAll(s, account_id), [](PgStmt* s) {
    return PlanRecord{s->Int(0), s->Str(1), s->Str(2), s->Str(3), s->Str(4), s->Str(5), s->Int(6)};
  });
}

Result<int64_t> PgStore::InsertObjective(const ObjectiveRecord& o) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql(
                                        "objectives", "plan_id, title, description, due_day, "
                                                      "status, position",
                                        "", "RETURNING objective_id")));
  return pg::FirstInt(
      BindAll(s, o.plan_id, o.title, OrNull{o.description}, o.due_day, o.status, o.position));
}

Status PgStore::UpdateObjective(const ObjectiveRecord& o) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE objectives SET title = $1, description "
                                                 "= $2, due_day = $3, status = $4 WHERE "
                                                 "objective_id = $5"));
  Status run =
      BindAll(s, o.title, OrNull{o.description}, o.due_day, o.status, o.objective_id)->Run();
  return pg::ChangedOne(s, run, "store.noObjective",
                        "no objective " + std::to_string(o.objective_id));
}

Result<std::vector<ObjectiveRecord>> PgStore::ListObjectives(int64_t plan_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kObjectiveCols, "objectives WHERE plan_id "
                                                                      "= $1 ORDER BY position, "
                                                                      "objective_id")));
  return pg::Rows<ObjectiveRecord>(BindAll(s, plan_id), ReadObjectiveRow);
}

Result<std::optional<ObjectiveRecord>> PgStore::GetObjective(int64_t objective_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kObjectiveCols, "objectives WHERE "
                                                                      "objective_id = $1")));
  return pg::One<ObjectiveRecord>(BindAll(s, objective_id), ReadObjectiveRow);
}

Result<std::vector<CtaCount>> PgStore::CountOpenCtas() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT type, priority, COUNT(*) FROM ctas "
                                                 "WHERE status <> 'closed' GROUP BY type, "
                                                 "priority ORDER BY type, priority"));
  return pg::Rows<CtaCount>(s, [](PgStmt* s) { return CtaCount{s->Str(0), s->Str(1), s->Int(2)}; });
}

Status PgStore::AddRuleFiring(const RuleFiringRecord& f) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("rule_firings",
                                                               "rule, account_id, at, day, ctx, "
                                                               "outcome", "")));
  return BindAll(s, f.rule, f.account_id, f.at, f.day, f.values, f.outcome)->Run();
}

Result<std::vector<RuleFiringRecord>> PgStore::ListRuleFirings(std::string_view account_id,
                                                               int limit) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s, db_->Prepare(From(kFiringCols, account_id.empty()
                                                     ? "rule_firings ORDER BY at DESC, firing_id "
                                                       "DESC LIMIT $1"
                                                     : "rule_firings WHERE account_id = $2 ORDER "
                                                       "BY at DESC, firing_id DESC LIMIT $1")));
  // SQLite reads a negative LIMIT as no limit; NULL is PostgreSQL's.
  BindAll(s, limit >= 0 ? std::optional<int64_t>(limit) : std::nullopt);
  if (!account_id.empty()) s->Bind(2, account_id);
  return pg::Rows<RuleFiringRecord>(s, [](PgStmt* s) {
    return RuleFiringRecord{s->Int(0), s->Str(1), s->Str(2), s->Int(3),
                            static_cast<EpochDay>(s->Int(4)), s->Str(5), s->Str(6)};
  });
}

Result<int64_t> PgStore::InsertWebhookDelivery(const WebhookDeliveryRecord& d) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s, db_->Prepare(pg::InsertSql("webhook_deliveries",
                                             "rule, account_id, url, payload, status, attempts, "
                                             "last_error, next_attempt_at, created_at, "
                                             "delivered_at",
                                             "", "RETURNING delivery_id")));
  return pg::FirstInt(BindAll(s, OrNull{d.rule}, OrNull{d.account_id}, d.url, d.payload, d.status,
                              d.attempts, OrNull{d.last_error}, d.next_attempt_at, d.created_at,
                              d.delivered_at));
}

Status PgStore::UpdateWebhookDelivery(const WebhookDeliveryRecord& d) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE webhook_deliveries SET status = $1, "
                                                 "attempts = $2, last_error = $3, "
                                                 "next_attempt_at = $4, delivered_at = $5 WHERE "
                                                 "delivery_id = $6"));
  return BindAll(s, d.status, d.attempts, OrNull{d.last_error}, d.next_attempt_at, d.delivered_at,
                 d.delivery_id)
      ->Run();
}

Result<std::vector<WebhookDeliveryRecord>> PgStore::ListWebhookDeliveries(std::string_view status) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s, db_->Prepare(From(kDeliveryCols, status.empty()
                                                       ? "webhook_deliveries ORDER BY delivery_id"
                                                       : "webhook_deliveries WHERE status = $1 "
                                                         "ORDER BY delivery_id")));
  if (!status.empty()) BindAll(s, status);
  return pg::Rows<WebhookDeliveryRecord>(s, ReadDeliveryRow<PgStmt>);
}

Result<std::optional<std::string>> PgStore::GetWebhookSecret(std::string_view url) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT secret FROM webhook_secrets WHERE url = $1"));
  return pg::One<std::string>(BindAll(s, url), [](PgStmt* s) { return s->Str(0); });
}

Status PgStore::SetWebhookSecret(std::string_view url, std::string_view secret, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("webhook_secrets",
                                                               "url, secret, created_at", "url")));
  return BindAll(s, url, secret, at)->Run();
}

Result<std::vector<std::pair<std::string, EpochMs>>> PgStore::ListWebhookSecrets() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT url, created_at FROM webhook_secrets "
                                                 "ORDER BY url"));
  return pg::Rows<std::pair<std::string, EpochMs>>(
      s, [](PgStmt* s) { return std::make_pair(s->Str(0), static_cast<EpochMs>(s->Int(1))); });
}

}  // namespace tend::store
