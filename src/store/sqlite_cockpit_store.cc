// SqliteStore's CockpitStore: CTAs and their events, tasks, success plans and objectives, rule
// firings, webhook deliveries and secrets.
#include <string>

#include "store/sqlite_row.h"
#include "store/sqlite_store_impl.h"

namespace tend::store {

namespace {

const RowMap<CtaRecord>& Ctas() {
  using R = CtaRecord;
  static const RowMap<R> m(
      "ctas", {Col<&R::cta_id>("cta_id"), Col<&R::account_id>("account_id"),
               TextOrNull<&R::rule>("rule"), Col<&R::type>("type"), Col<&R::priority>("priority"),
               Col<&R::title>("title"), TextOrNull<&R::description>("description"),
               TextOrNull<&R::owner>("owner"), Col<&R::status>("status"),
               TextOrNull<&R::close_reason>("close_reason"), Col<&R::due_day>("due_day"),
               Col<&R::snoozed_until>("snoozed_until"), TextOrNull<&R::playbook>("playbook"),
               TextOrNull<&R::reason_code>("reason_code"), Col<&R::created_at>("created_at"),
               Col<&R::updated_at>("updated_at"), Col<&R::closed_at>("closed_at"),
               TextOrNull<&R::renewal_id>("renewal_id")});
  return m;
}

const RowMap<CtaEventRecord>& CtaEvents() {
  using R = CtaEventRecord;
  static const RowMap<R> m("cta_events", {Col<&R::event_id>("event_id"), Col<&R::cta_id>("cta_id"),
                                          Col<&R::at>("at"), Col<&R::actor>("actor"),
                                          Col<&R::kind>("kind"), TextOrNull<&R::detail>("detail")});
  return m;
}

const RowMap<TaskRecord>& Tasks() {
  using R = TaskRecord;
  static const RowMap<R> m(
      "tasks",
      {Col<&R::task_id>("task_id"), Col<&R::cta_id>("cta_id"),
       Col<&R::objective_id>("objective_id"), Col<&R::account_id>("account_id"),
       Col<&R::title>("title"), TextOrNull<&R::owner>("owner"), Col<&R::due_day>("due_day"),
       Col<&R::status>("status"), TextOrNull<&R::notes>("notes"), Col<&R::position>("position"),
       Col<&R::completed_at>("completed_at")});
  return m;
}

const RowMap<PlanRecord>& Plans() {
  using R = PlanRecord;
  static const RowMap<R> m(
      "success_plans",
      {Col<&R::plan_id>("plan_id"), Col<&R::account_id>("account_id"), Col<&R::name>("name"),
       TextOrNull<&R::template_name>("template"), Col<&R::status>("status"),
       TextOrNull<&R::created_by>("created_by"), Col<&R::created_at>("created_at")});
  return m;
}

const RowMap<ObjectiveRecord>& Objectives() {
  using R = ObjectiveRecord;
  static const RowMap<R> m(
      "objectives",
      {Col<&R::objective_id>("objective_id"), Col<&R::plan_id>("plan_id"), Col<&R::title>("title"),
       TextOrNull<&R::description>("description"), Col<&R::due_day>("due_day"),
       Col<&R::status>("status"), Col<&R::position>("position")});
  return m;
}

const RowMap<RuleFiringRecord>& RuleFirings() {
  using R = RuleFiringRecord;
  static const RowMap<R> m(
      "rule_firings", {Col<&R::firing_id>("firing_id"), Col<&R::rule>("rule"),
                       Col<&R::account_id>("account_id"), Col<&R::at>("at"), Col<&R::day>("day"),
                       Col<&R::values>("ctx"), Col<&R::outcome>("outcome")});
  return m;
}

const RowMap<WebhookDeliveryRecord>& Deliveries() {
  using R = WebhookDeliveryRecord;
  static const RowMap<R> m(
      "webhook_deliveries",
      {Col<&R::delivery_id>("delivery_id"), TextOrNull<&R::rule>("rule"),
       TextOrNull<&R::account_id>("account_id"), Col<&R::url>("url"), Col<&R::payload>("payload"),
       Col<&R::status>("status"), Col<&R::attempts>("attempts"),
       TextOrNull<&R::last_error>("last_error"), Col<&R::next_attempt_at>("next_attempt_at"),
       Col<&R::created_at>("created_at"), Col<&R::delivered_at>("delivered_at")});
  return m;
}

}  // namespace

Result<int64_t> SqliteStore::InsertCta(const CtaRecord& c) {
  static const std::string kSql = Ctas().Insert(1);
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Ctas().Bind(*s, c, 1);
  Status st = s->Run();
  if (st.code() == ErrorCode::kInvalidArgument && !c.rule.empty() &&
      st.message().find("UNIQUE") != std::string::npos) {
    return AlreadyExists("store.ctaExists",
                         "rule " + c.rule + " already has an open CTA for " + c.account_id);
  }
  TEND_RETURN_IF_ERROR(st);
  return LastInsertId();
}

Status SqliteStore::UpdateCta(const CtaRecord& c) {
  const std::initializer_list<std::string_view> kSet = {
      "type",         "priority", "title",         "description", "owner",    "status",
      "close_reason", "due_day",  "snoozed_until", "updated_at",  "closed_at"};
  static const std::string kSql = Ctas().Update(kSet, "cta_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  TEND_RETURN_IF_ERROR(s->Bind(Ctas().BindNamed(*s, c, kSet), c.cta_id).Run());
  if (!Changed()) return NotFound("store.noCta", "no CTA " + std::to_string(c.cta_id));
  return Status::Ok();
}

Result<std::vector<CtaRecord>> SqliteStore::ListCtas(const CtaFilter& f) {
  std::string sql = Ctas().Select() + " WHERE 1 = 1";
  std::vector<std::string> args;
  auto any_of = [&](const std::vector<std::string>& values) {
    sql += " IN (";
    for (size_t i = 0; i < values.size(); ++i) {
      sql += i ? ",?" : "?";
      args.push_back(values[i]);
    }
    sql += ")";
  };
  if (!f.statuses.empty()) sql += " AND status", any_of(f.statuses);
  if (!f.account_id.empty()) sql += " AND account_id = ?", args.push_back(f.account_id);
  if (!f.account_ids.empty()) sql += " AND account_id", any_of(f.account_ids);
  if (!f.owner.empty()) sql += " AND owner = ?", args.push_back(f.owner);
  if (!f.rule.empty()) sql += " AND rule = ?", args.push_back(f.rule);
  if (f.cta_id) sql += " AND cta_id = ?", args.push_back(std::to_string(*f.cta_id));
  sql += " ORDER BY cta_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
  for (size_t i = 0; i < args.size(); ++i) s->Bind(static_cast<int>(i + 1), args[i]);
  return ReadAll(s, Ctas());
}

Result<int64_t> SqliteStore::AddCtaEvent(const CtaEventRecord& e) {
  static const std::string kSql = CtaEvents().Insert(1);
  return InsertRow(*db_, CtaEvents(), kSql, e);
}

Result<std::vector<CtaEventRecord>> SqliteStore::ListCtaEvents(int64_t cta_id) {
  static const std::string kSql = CtaEvents().Select() + " WHERE cta_id = ? ORDER BY at, event_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, cta_id);
  return ReadAll(s, CtaEvents());
}

Result<int64_t> SqliteStore::InsertTask(const TaskRecord& t) {
  static const std::string kSql = Tasks().Insert(1);
  return InsertRow(*db_, Tasks(), kSql, t);
}

Status SqliteStore::UpdateTask(const TaskRecord& t) {
  const std::initializer_list<std::string_view> kSet = {"title",  "owner", "due_day",
                                                        "status", "notes", "completed_at"};
  static const std::string kSql = Tasks().Update(kSet, "task_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  TEND_RETURN_IF_ERROR(s->Bind(Tasks().BindNamed(*s, t, kSet), t.task_id).Run());
  if (!Changed()) return NotFound("store.noTask", "no task " + std::to_string(t.task_id));
  return Status::Ok();
}

Result<std::optional<TaskRecord>> SqliteStore::GetTask(int64_t task_id) {
  static const std::string kSql = Tasks().Select() + " WHERE task_id = ?";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, task_id);
  return ReadFirst(s, Tasks());
}

Result<std::vector<TaskRecord>> SqliteStore::ListTasks(std::optional<int64_t> cta_id,
                                                       std::optional<int64_t> objective_id,
                                                       std::string_view account_id) {
  std::string sql = Tasks().Select() + " WHERE ";
  if (cta_id)
    sql += "cta_id = ?";
  else if (objective_id)
    sql += "objective_id = ?";
  else
    sql += "account_id = ?";
  sql += " ORDER BY position, task_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
  if (cta_id)
    s->Bind(1, *cta_id);
  else if (objective_id)
    s->Bind(1, *objective_id);
  else
    s->Bind(1, account_id);
  return ReadAll(s, Tasks());
}

Result<int64_t> SqliteStore::InsertPlan(const PlanRecord& p) {
  static const std::string kSql = Plans().Insert(1);
  return InsertRow(*db_, Plans(), kSql, p);
}

Result<std::vector<PlanRecord>> SqliteStore::ListPlans(std::string_view account_id) {
  static const std::string kSql = Plans().Select() + " WHERE account_id = ? ORDER BY plan_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, account_id);
  return ReadAll(s, Plans());
}

Result<int64_t> SqliteStore::InsertObjective(const ObjectiveRecord& o) {
  static const std::string kSql = Objectives().Insert(1);
  return InsertRow(*db_, Objectives(), kSql, o);
}

Status SqliteStore::UpdateObjective(const ObjectiveRecord& o) {
  const std::initializer_list<std::string_view> kSet = {"title", "description", "due_day",
                                                        "status"};
  static const std::string kSql = Objectives().Update(kSet, "objective_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  TEND_RETURN_IF_ERROR(s->Bind(Objectives().BindNamed(*s, o, kSet), o.objective_id).Run());
  if (!Changed()) {
    return NotFound("store.noObjective", "no objective " + std::to_string(o.objective_id));
  }
  return Status::Ok();
}

Result<std::vector<ObjectiveRecord>> SqliteStore::ListObjectives(int64_t plan_id) {
  static const std::string kSql =
      Objectives().Select() + " WHERE plan_id = ? ORDER BY position, objective_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, plan_id);
  return ReadAll(s, Objectives());
}

Result<std::optional<ObjectiveRecord>> SqliteStore::GetObjective(int64_t objective_id) {
  static const std::string kSql = Objectives().Select() + " WHERE objective_id = ?";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, objective_id);
  return ReadFirst(s, Objectives());
}

Result<std::vector<CtaCount>> SqliteStore::CountOpenCtas() {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("SELECT type, priority, COUNT(*) FROM ctas WHERE status "
                                     "<> 'closed' GROUP BY type, priority ORDER BY type, "
                                     "priority"));
  return ReadRows<CtaCount>(s, [&](Stmt* s) { return CtaCount{s->Str(0), s->Str(1), s->Int(2)}; });
}

Status SqliteStore::AddRuleFiring(const RuleFiringRecord& f) {
  static const std::string kSql = RuleFirings().Insert(1);
  return InsertRow(*db_, RuleFirings(), kSql, f).status();
}

Result<std::vector<RuleFiringRecord>> SqliteStore::ListRuleFirings(std::string_view account_id,
                                                                   int limit) {
  static const std::string kAll =
      RuleFirings().Select() + " ORDER BY at DESC, firing_id DESC LIMIT ?";
  static const std::string kOfAccount =
      RuleFirings().Select() + " WHERE account_id = ? ORDER BY at DESC, firing_id DESC LIMIT ?";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(account_id.empty() ? kAll : kOfAccount));
  if (account_id.empty()) {
    s->Bind(1, static_cast<int64_t>(limit));
  } else {
    s->Bind(1, account_id).Bind(2, static_cast<int64_t>(limit));
  }
  return ReadAll(s, RuleFirings());
}

Result<int64_t> SqliteStore::InsertWebhookDelivery(const WebhookDeliveryRecord& d) {
  static const std::string kSql = Deliveries().Insert(1);
  return InsertRow(*db_, Deliveries(), kSql, d);
}

Status SqliteStore::UpdateWebhookDelivery(const WebhookDeliveryRecord& d) {
  const std::initializer_list<std::string_view> kSet = {"status", "attempts", "last_error",
                                                        "next_attempt_at", "delivered_at"};
  static const std::string kSql = Deliveries().Update(kSet, "delivery_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return s->Bind(Deliveries().BindNamed(*s, d, kSet), d.delivery_id).Run();
}

Result<std::vector<WebhookDeliveryRecord>> SqliteStore::ListWebhookDeliveries(
    std::string_view status) {
  static const std::string kAll = Deliveries().Select() + " ORDER BY delivery_id";
  static const std::string kWithStatus =
      Deliveries().Select() + " WHERE status = ? ORDER BY delivery_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(status.empty() ? kAll : kWithStatus));
  if (!status.empty()) s->Bind(1, status);
  return ReadAll(s, Deliveries());
}

Result<std::optional<std::string>> SqliteStore::GetWebhookSecret(std::string_view url) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("SELECT secret FROM webhook_secrets WHERE url = ?"));
  s->Bind(1, url);
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  std::optional<std::string> out;
  if (row) out = s->Str(0);
  s->Reset();
  return out;
}

Status SqliteStore::SetWebhookSecret(std::string_view url, std::string_view secret, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("INSERT INTO webhook_secrets (url, secret, created_at) VALUES "
                                     "(?,?,?) ON CONFLICT (url) DO UPDATE SET secret = "
                                     "excluded.secret, created_at = excluded.created_at"));
  return s->Bind(1, url).Bind(2, secret).Bind(3, static_cast<int64_t>(at)).Run();
}

Result<std::vector<std::pair<std::string, EpochMs>>> SqliteStore::ListWebhookSecrets() {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("SELECT url, created_at FROM webhook_secrets ORDER BY url"));
  std::vector<std::pair<std::string, EpochMs>> out;
  for (;;) {
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.emplace_back(s->Str(0), s->Int(1));
  }
  return out;
}

}  // namespace tend::store
