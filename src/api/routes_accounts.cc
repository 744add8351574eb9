// Routes: the accounts list, the account 360 bundle, score history, timeline and contacts.
#include <algorithm>
#include <chrono>

#include "api/json/account_json.h"
#include "api/json/common_json.h"
#include "api/json/cockpit_json.h"
#include "api/route.h"
#include "api/visibility.h"
#include "cockpit/cockpit.h"
#include "definitions/activity_types.h"
#include "metrics/attributes.h"
#include "scorecard/account_list.h"

namespace tend::api {

namespace {

// The cached sort order `key` and name index of the session (scorecard/account_list.h): at most
// a second behind a change of the generation (values shown are always current; the order and
// name search may lag), rebuilt at once when the account count changes.
template <typename T, typename Build>
std::shared_ptr<const T> Cached(Ctx& c, const std::string& key, size_t accounts, Build&& build) {
  ReadCache::Freshness f;
  f.generation = c.state.live->generation();
  f.fingerprint = accounts;
  f.max_lag = std::chrono::seconds(1);
  auto r = c.state.live->read_cache().Get<T>(key, f, [&]() -> Result<T> { return build(); });
  return *r;  // build cannot fail
}

Status ListAccounts(Ctx& c) {
  scorecard::AccountListQuery query;
  query.sort = c.Query("sort");
  if (query.sort.empty()) query.sort = "account_id";
  if (!scorecard::IsAccountSortKey(query.sort)) {
    c.error_field = "sort";
    return InvalidArgument("api.badQuery",
                           "sort must be one of account_id, name, arr, overall, "
                           "renewal_date, days_to_renewal, change_7d, churn_risk");
  }
  std::string order_dir = c.Query("order");
  if (!order_dir.empty() && order_dir != "asc" && order_dir != "desc") {
    c.error_field = "order";
    return InvalidArgument("api.badQuery", "order must be asc or desc");
  }
  query.descending = order_dir == "desc";
  if (std::string l = c.Query("limit"); !l.empty()) {
    query.limit = std::atoi(l.c_str());
    if (query.limit < 1 || query.limit > 1000) {
      c.error_field = "limit";
      return InvalidArgument("api.badQuery", "limit must be 1..1000");
    }
  }
  if (std::string r = c.Query("renewal_within_days"); !r.empty()) {
    char* end = nullptr;
    long n = std::strtol(r.c_str(), &end, 10);
    if (*end || n < 0) {
      c.error_field = "renewal_within_days";
      return InvalidArgument("api.badQuery", "renewal_within_days must be a whole number >= 0");
    }
    query.renewal_within_days = static_cast<int>(n);
  }
  query.q = scorecard::Lowercase(c.Query("q"));
  query.colors = scorecard::LowercaseList(c.Query("color"));
  query.segments = scorecard::LowercaseList(c.Query("segment"));
  query.csms = scorecard::LowercaseList(c.Query("csm"));
  query.status = c.Query("status");
  if (query.status.empty()) query.status = "active";
  query.cursor = c.Query("cursor");

  auto page = c.state.live->Read([&](scorecard::HealthSession& s) {
    const size_t n = s.data().size();
    auto order = Cached<std::vector<uint32_t>>(
        c, "accounts.order." + query.sort + (query.descending ? ".desc" : ".asc"), n,
        [&] { return scorecard::BuildAccountOrder(s, query.sort, query.descending); });
    std::shared_ptr<const std::vector<std::string>> names;
    if (!query.q.empty()) {
      names = Cached<std::vector<std::string>>(c, "accounts.names", n,
                                               [&] { return scorecard::BuildNameIndex(s); });
    }
    return scorecard::ListAccounts(s, query, *order, names.get());
  });
  c.Send(200, json::AccountListPageJson(page));
  return Status::Ok();
}

// The 360's CTAs, timeline and plans, each only for the roles that may see it.
Status Account360Parts(Ctx& c, const std::string& id, auth::Role role, nlohmann::json& j) {
  if (MaySee(role, Part::kCtas)) {
    store::CtaFilter f;
    f.account_id = id;
    TEND_ASSIGN_OR_RETURN(auto ctas, c.store.ListCtas(f));
    nlohmann::json open = nlohmann::json::array(), closed = nlohmann::json::array();
    for (const auto& cta : ctas) {
      nlohmann::json cj = json::CtaJson(cta);
      TEND_ASSIGN_OR_RETURN(auto tasks, c.store.ListTasks(cta.cta_id, std::nullopt, ""));
      nlohmann::json tj = nlohmann::json::array();
      for (const auto& t : tasks) tj.push_back(json::TaskJson(t));
      cj["tasks"] = tj;
      (cta.status == "closed" ? closed : open).push_back(cj);
    }
    j["ctas"] = {{"open", open}, {"closed", closed}};
  }
  if (MaySee(role, Part::kTimeline)) {
    TEND_ASSIGN_OR_RETURN(auto acts, c.store.ListActivities(id));
    nlohmann::json tl = nlohmann::json::array();
    for (size_t k = 0; k < acts.size() && k < 50; ++k) tl.push_back(json::ActivityJson(acts[k]));
    j["timeline"] = {{"entries", tl}, {"total", acts.size()}};
  }
  if (!MaySee(role, Part::kPlans)) return Status::Ok();
  cockpit::Cockpit cp(c.store);
  TEND_ASSIGN_OR_RETURN(auto plans, cp.Plans(id));
  nlohmann::json pj = nlohmann::json::array();
  for (const auto& p : plans) {
    nlohmann::json objectives = nlohmann::json::array();
    for (size_t k = 0; k < p.objectives.size(); ++k) {
      const auto& o = p.objectives[k];
      nlohmann::json tasks = nlohmann::json::array();
      for (const auto& t : p.tasks[k]) tasks.push_back(json::TaskJson(t));
      objectives.push_back({{"objective_id", o.objective_id},
                            {"title", o.title},
                            {"description", o.description},
                            {"due_date", json::DateJson(o.due_day)},
                            {"status", o.status},
                            {"tasks", tasks}});
    }
    pj.push_back({{"plan_id", p.plan.plan_id},
                  {"name", p.plan.name},
                  {"template", p.plan.template_name},
                  {"status", p.plan.status},
                  {"created_by", p.plan.created_by},
                  {"created_at", FormatTime(p.plan.created_at)},
                  {"objectives", objectives}});
  }
  j["plans"] = pj;
  return Status::Ok();
}

Status Account360(Ctx& c) {
  std::string id = c.Param(0);
  auto bundle = c.state.live->Read([&](scorecard::HealthSession& s) -> Result<nlohmann::json> {
    auto idx = s.data().Index(id);
    if (!idx) return NotFound("api.noAccount", "no account " + id);
    size_t i = *idx;
    const std::string sc = MainScorecard(s);
    nlohmann::json j;
    j["account"] = json::AccountListRowJson(scorecard::AccountRowAt(s, i), !sc.empty());
    nlohmann::json custom = nlohmann::json::object();
    for (const auto& v : s.data().account(i).attributes) {
      if (v.text)
        custom[v.name] = *v.text;
      else if (v.num)
        custom[v.name] = *v.num;
      else
        custom[v.name] = nullptr;
    }
    j["account"]["attributes"] = custom;
    Column tenure(ValueType::kNumber, 1);
    metrics::AttributeValue("tenure_days", s.data(), i, s.engine().as_of(), &tenure, 0);
    j["account"]["tenure_days"] = json::CellJson(&tenure, 0);
    nlohmann::json cards = nlohmann::json::array();
    const auto& e = s.engine();
    for (const auto& card : s.defs().scorecards) {
      nlohmann::json cj{
          {"name", card.name},
          {"label", card.label},
          {"overall", json::OptJson(NumAt(e.Find(card.name + ".overall"), i))},
          {"color", json::CellJson(e.Find(card.name + ".color"), i)},
          {"change_7d", json::OptJson(NumAt(e.Find(card.name + ".overall_change_7d"), i))},
          {"change_30d", json::OptJson(NumAt(e.Find(card.name + ".overall_change_30d"), i))}};
      nlohmann::json groups = nlohmann::json::array();
      for (const auto& g : card.groups) {
        groups.push_back({{"name", g.name},
                          {"label", g.label},
                          {"score", json::OptJson(NumAt(e.Find(card.name + "." + g.name), i))}});
      }
      cj["groups"] = groups;
      nlohmann::json measures = nlohmann::json::array();
      for (const auto& m : card.measures) {
        static const char* kSchemes[] = {"steps", "linear", "map", "expression"};
        measures.push_back({{"name", m.name},
                            {"label", m.label},
                            {"group", m.group},
                            {"weight", m.weight},
                            {"description", m.description},
                            {"manual", m.manual},
                            {"value", json::CellJson(e.Find(card.name + "." + m.name + ".value"), i)},
                            {"score", json::OptJson(NumAt(e.Find(card.name + "." + m.name), i))},
                            {"computed_as", m.value ? m.value->source() : "scored by people"},
                            {"scoring", kSchemes[static_cast<int>(m.scoring.kind)]}});
      }
      cj["measures"] = measures;
      cards.push_back(cj);
    }
    j["scorecards"] = cards;
    j["as_of"] = FormatDate(s.engine().as_of());
    return j;
  });
  if (!bundle.ok()) return bundle.status();
  nlohmann::json j = std::move(*bundle);
  // From the store: history, CTAs, timeline, plans, contacts.
  TEND_ASSIGN_OR_RETURN(auto history, c.store.LoadAccountHistory(id));
  nlohmann::json hist = nlohmann::json::array(), changes = nlohmann::json::array();
  std::map<std::string, std::string> last_color;
  EpochDay latest = 0;
  for (const auto& h : history) latest = std::max(latest, h.day);
  for (const auto& h : history) {
    auto& prev = last_color[h.scorecard];
    if (!prev.empty() && prev != h.color) {
      changes.push_back({{"scorecard", h.scorecard},
                         {"date", FormatDate(h.day)},
                         {"from", prev},
                         {"to", h.color}});
    }
    prev = h.color;
    if (h.day > latest - 90) {
      hist.push_back({{"scorecard", h.scorecard},
                      {"date", FormatDate(h.day)},
                      {"overall", json::OptJson(h.overall)},
                      {"color", h.color},
                      {"measures", nlohmann::json::parse(h.measures.empty() ? "{}" : h.measures,
                                                         nullptr, false)}});
    }
  }
  j["history"] = hist;
  j["color_changes"] = changes;
  // The parts with routes of their own, for the roles those routes admit (api/visibility.h).
  const auth::Role role = c.user->role;
  TEND_RETURN_IF_ERROR(Account360Parts(c, id, role, j));
  TEND_ASSIGN_OR_RETURN(auto contacts, c.store.ListContacts(id));
  nlohmann::json cj = nlohmann::json::array();
  for (const auto& ct : contacts) {
    cj.push_back({{"contact_id", ct.contact_id},
                  {"name", ct.name},
                  {"email", ct.email},
                  {"title", ct.title},
                  {"seniority", ct.seniority},
                  {"role", ct.role}});
  }
  j["contacts"] = cj;
  c.Send(200, j);
  return Status::Ok();
}

Status AccountExists(Ctx& c, const std::string& id) {
  bool known = c.state.live->Read(
      [&](scorecard::HealthSession& s) { return s.data().Index(id).has_value(); });
  if (!known) return NotFound("api.noAccount", "no account " + id);
  return Status::Ok();
}

Status History(Ctx& c) {
  std::string id = c.Param(0);
  TEND_RETURN_IF_ERROR(AccountExists(c, id));
  std::string sc = c.Query("scorecard");
  TEND_ASSIGN_OR_RETURN(auto history, c.store.LoadAccountHistory(id));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& h : history) {
    if (!sc.empty() && h.scorecard != sc) continue;
    out.push_back({{"scorecard", h.scorecard},
                   {"date", FormatDate(h.day)},
                   {"overall", json::OptJson(h.overall)},
                   {"color", h.color},
                   {"measures", nlohmann::json::parse(h.measures.empty() ? "{}" : h.measures,
                                                      nullptr, false)}});
  }
  c.Send(200, {{"account_id", id}, {"history", out}});
  return Status::Ok();
}

Status Timeline(Ctx& c) {
  std::string id = c.Param(0);
  TEND_RETURN_IF_ERROR(AccountExists(c, id));
  int limit = 50;
  if (std::string l = c.Query("limit"); !l.empty()) {
    limit = std::atoi(l.c_str());
    if (limit < 1 || limit > 500) {
      c.error_field = "limit";
      return InvalidArgument("api.badQuery", "limit must be 1..500");
    }
  }
  std::optional<EpochMs> before;
  if (std::string b = c.Query("before"); !b.empty()) {
    before = ParseTime(b);
    if (!before) {
      c.error_field = "before";
      return InvalidArgument("api.badQuery", "before must be an ISO-8601 time");
    }
  }
  std::vector<std::string> types = scorecard::LowercaseList(c.Query("type"));
  TEND_ASSIGN_OR_RETURN(auto acts, c.store.ListActivities(id));
  nlohmann::json out = nlohmann::json::array();
  std::string next;
  for (const auto& a : acts) {
    if (before && a.ts >= *before) continue;
    if (!types.empty() && std::find(types.begin(), types.end(), scorecard::Lowercase(a.type)) == types.end())
      continue;
    if (static_cast<int>(out.size()) == limit) {
      next = out.back()["ts"];
      break;
    }
    out.push_back(json::ActivityJson(a));
  }
  c.Send(200, {{"entries", out},
               {"next_before", next.empty() ? nlohmann::json(nullptr) : nlohmann::json(next)}});
  return Status::Ok();
}

Result<std::string> ActivityType(Ctx& c, const nlohmann::json& j, bool required) {
  TEND_ASSIGN_OR_RETURN(std::string type, StringField(c, j, "type", required));
  if (type.empty()) return type;
  if (definitions::ParseActivityType(type) == 255) {
    std::string all;
    for (const auto& t : definitions::ActivityTypes()) all += (all.empty() ? "" : ", ") + t;
    return FieldError(c, "type", "\"" + type + "\" is not an activity type (" + all + ")");
  }
  return type;
}

Status LogActivity(Ctx& c) {
  std::string id = c.Param(0);
  TEND_RETURN_IF_ERROR(AccountExists(c, id));
  TEND_RETURN_IF_ERROR(c.RequireOwnAccount(id));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  store::ActivityRecord a;
  TEND_ASSIGN_OR_RETURN(a.type, ActivityType(c, j, true));
  TEND_ASSIGN_OR_RETURN(a.subject, StringField(c, j, "subject", true));
  TEND_ASSIGN_OR_RETURN(a.notes, StringField(c, j, "notes", false));
  TEND_ASSIGN_OR_RETURN(a.contact_id, StringField(c, j, "contact_id", false));
  TEND_ASSIGN_OR_RETURN(std::string ts, StringField(c, j, "ts", false));
  a.ts = NowMs();
  if (!ts.empty()) {
    auto t = ParseTime(ts);
    if (!t) return FieldError(c, "ts", "\"" + ts + "\" is not an ISO-8601 time");
    a.ts = *t;
  }
  if (!a.contact_id.empty()) {
    TEND_ASSIGN_OR_RETURN(auto ct, c.store.GetContact(a.contact_id));
    if (!ct || ct->account_id != id) {
      return FieldError(c, "contact_id", "no contact " + a.contact_id + " at account " + id);
    }
  }
  a.account_id = id;
  a.author = c.Actor();
  a.source = "user";
  cockpit::Cockpit cp(c.store);
  TEND_ASSIGN_OR_RETURN(a.activity_id, cp.Log(a));
  c.after_commit.push_back(
      [&c, id, ts = a.ts, type = a.type] { return c.state.live->ActivityLogged(id, ts, type); });
  c.Send(201, json::ActivityJson(a));
  return Status::Ok();
}

Status EditActivity(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t aid, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto found, c.store.GetActivity(aid));
  if (!found) return NotFound("api.noActivity", "no timeline entry " + std::to_string(aid));
  store::ActivityRecord a = *found;
  if (a.source != "user" || (a.author != c.Actor() && c.user->role != auth::Role::kAdmin)) {
    return PermissionDenied("api.notYourEntry",
                            "only the author can edit a timeline entry (this one is by " +
                                (a.author.empty() ? a.source : a.author) + ")");
  }
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  if (j.contains("type")) {
    TEND_ASSIGN_OR_RETURN(a.type, ActivityType(c, j, true));
  }
  if (j.contains("subject")) {
    TEND_ASSIGN_OR_RETURN(a.subject, StringField(c, j, "subject", true));
  }
  if (j.contains("notes")) {
    TEND_ASSIGN_OR_RETURN(a.notes, StringField(c, j, "notes", false));
  }
  if (j.contains("ts")) {
    TEND_ASSIGN_OR_RETURN(std::string ts, StringField(c, j, "ts", true));
    auto t = ParseTime(ts);
    if (!t) return FieldError(c, "ts", "\"" + ts + "\" is not an ISO-8601 time");
    a.ts = *t;
  }
  TEND_RETURN_IF_ERROR(c.store.UpdateActivity(a));
  c.Send(200, json::ActivityJson(a));
  return Status::Ok();
}

// The ISO time of field `name`; nullopt when it is absent.
Result<std::optional<EpochMs>> TimeField(Ctx& c, const nlohmann::json& j, const char* name) {
  TEND_ASSIGN_OR_RETURN(std::string v, StringField(c, j, name, false));
  if (v.empty()) return std::optional<EpochMs>();
  auto t = ParseTime(v);
  if (!t) return FieldError(c, name, "\"" + v + "\" is not an ISO-8601 time");
  return std::optional<EpochMs>(*t);
}

Status RecordSurvey(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  store::SurveyRecord r;
  TEND_ASSIGN_OR_RETURN(r.account_id, StringField(c, j, "account_id", true));
  TEND_ASSIGN_OR_RETURN(r.contact_id, StringField(c, j, "contact_id", false));
  TEND_ASSIGN_OR_RETURN(r.survey, StringField(c, j, "survey", true));
  TEND_ASSIGN_OR_RETURN(auto score, NumberField(c, j, "score", true));
  TEND_ASSIGN_OR_RETURN(r.comment, StringField(c, j, "comment", false));
  TEND_ASSIGN_OR_RETURN(r.survey_id, StringField(c, j, "survey_id", false));
  TEND_ASSIGN_OR_RETURN(auto ts, TimeField(c, j, "ts"));
  r.ts = ts.value_or(NowMs());
  r.score = *score;
  // The same ranges as surveys.csv (docs/formats.md).
  if (r.survey != "nps" && r.survey != "csat" && r.survey != "advocacy_nps") {
    return FieldError(c, "survey", "must be nps, csat or advocacy_nps");
  }
  const int lo = r.survey == "csat" ? 1 : 0, hi = r.survey == "csat" ? 5 : 10;
  if (r.score != static_cast<double>(static_cast<int64_t>(r.score)) || r.score < lo ||
      r.score > hi) {
    return FieldError(c, "score",
                      "must be a whole number " + std::to_string(lo) + ".." + std::to_string(hi) +
                          " for " + r.survey);
  }
  if (!AccountExists(c, r.account_id).ok()) {
    return FieldError(c, "account_id", "no account " + r.account_id);
  }
  if (!r.contact_id.empty()) {
    TEND_ASSIGN_OR_RETURN(auto ct, c.store.GetContact(r.contact_id));
    if (!ct || ct->account_id != r.account_id) {
      return FieldError(c, "contact_id", "no contact " + r.contact_id + " at " + r.account_id);
    }
  }
  TEND_RETURN_IF_ERROR(c.store.UpsertSurvey(r).status());
  c.after_commit.push_back([&c, id = r.account_id] { return c.state.live->FactsChanged(id); });
  c.Send(201, {{"account_id", r.account_id},
               {"survey", r.survey},
               {"score", r.score},
               {"ts", FormatTime(r.ts)}});
  return Status::Ok();
}

Status RecordTicket(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  store::TicketRecord t;
  TEND_ASSIGN_OR_RETURN(t.ticket_id, StringField(c, j, "ticket_id", true));
  TEND_ASSIGN_OR_RETURN(t.account_id, StringField(c, j, "account_id", true));
  TEND_ASSIGN_OR_RETURN(t.opened_at, TimeField(c, j, "opened_at"));
  TEND_ASSIGN_OR_RETURN(t.closed_at, TimeField(c, j, "closed_at"));
  TEND_ASSIGN_OR_RETURN(t.priority, StringField(c, j, "priority", false));
  TEND_ASSIGN_OR_RETURN(t.status, StringField(c, j, "status", true));
  TEND_ASSIGN_OR_RETURN(t.csat, NumberField(c, j, "csat", false));
  if (!t.opened_at) t.opened_at = NowMs();
  if (t.priority.empty()) t.priority = "normal";
  if (t.priority != "low" && t.priority != "normal" && t.priority != "high" &&
      t.priority != "urgent") {
    return FieldError(c, "priority", "must be low, normal, high or urgent");
  }
  if (t.status != "open" && t.status != "closed") {
    return FieldError(c, "status", "must be open or closed");
  }
  if (t.status == "open" && t.closed_at) {
    return FieldError(c, "closed_at", "an open ticket has no closed_at");
  }
  if (t.closed_at && *t.closed_at < *t.opened_at) {
    return FieldError(c, "closed_at", "is before opened_at");
  }
  if (t.csat && (*t.csat < 1 || *t.csat > 5)) return FieldError(c, "csat", "must be 1..5");
  if (!AccountExists(c, t.account_id).ok()) {
    return FieldError(c, "account_id", "no account " + t.account_id);
  }
  TEND_RETURN_IF_ERROR(c.store.UpsertTicket(t));
  c.after_commit.push_back([&c, id = t.account_id] { return c.state.live->FactsChanged(id); });
  c.Send(201, {{"ticket_id", t.ticket_id},
               {"account_id", t.account_id},
               {"status", t.status},
               {"priority", t.priority}});
  return Status::Ok();
}

Status Contacts(Ctx& c) {
  std::string id = c.Param(0);
  TEND_RETURN_IF_ERROR(AccountExists(c, id));
  TEND_ASSIGN_OR_RETURN(auto contacts, c.store.ListContacts(id));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& ct : contacts) {
    out.push_back({{"contact_id", ct.contact_id},
                   {"account_id", ct.account_id},
                   {"name", ct.name},
                   {"email", ct.email},
                   {"title", ct.title},
                   {"seniority", ct.seniority},
                   {"role", ct.role}});
  }
  c.Send(200, {{"contacts", out}});
  return Status::Ok();
}

Status Contact(Ctx& c) {
  std::string id = c.Param(0);
  TEND_ASSIGN_OR_RETURN(auto ct, c.store.GetContact(id));
  if (!ct) return NotFound("api.noContact", "no contact " + id);
  c.Send(200, {{"contact_id", ct->contact_id},
               {"account_id", ct->account_id},
               {"name", ct->name},
               {"email", ct->email},
               {"title", ct->title},
               {"seniority", ct->seniority},
               {"role", ct->role}});
  return Status::Ok();
}

}  // namespace

void AddAccountRoutes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/accounts", Access::kAnyUser, "accounts",
               "list accounts (search, filters, sorting, cursor pages)", ListAccounts, "",
               "q,color,segment,csm,renewal_within_days,status,sort,order,limit,cursor"});
  r.push_back({"GET", "/api/accounts/{id}", Access::kAnyUser, "accounts",
               "the account 360: facts, scores, history, CTAs, timeline, plans, contacts",
               Account360});
  r.push_back({"GET", "/api/accounts/{id}/history", Access::kAnyUser, "accounts",
               "an account's score history", History, "", "scorecard"});
  r.push_back({"GET", "/api/accounts/{id}/timeline", PartAccess(Part::kTimeline), "timeline",
               "an account's timeline, newest first", Timeline, "", "limit,before,type"});
  r.push_back({"POST", "/api/accounts/{id}/timeline", Access::kCsmWork, "timeline",
               "log an activity on an account's timeline", LogActivity,
               "!type:string,!subject:string,notes:string,contact_id:string,ts:string"});
  r.push_back({"PATCH", "/api/timeline/{id}", Access::kCsmWork, "timeline",
               "edit an own timeline entry", EditActivity,
               "type:string,subject:string,notes:string,ts:string"});
  r.push_back({"GET", "/api/accounts/{id}/contacts", Access::kAnyUser, "accounts",
               "an account's contacts", Contacts});
  r.push_back({"GET", "/api/contacts/{id}", Access::kAnyUser, "accounts", "one contact", Contact});
  r.push_back({"POST", "/api/surveys", Access::kOps, "data",
               "record a survey response (re-scores the account at once)", RecordSurvey,
               "!account_id:string,!survey:string,!score:number,contact_id:string,ts:string,"
               "comment:string,survey_id:string"});
  r.push_back({"POST", "/api/tickets", Access::kOps, "data",
               "record or update a support ticket (re-scores the account at once)", RecordTicket,
               "!ticket_id:string,!account_id:string,!status:string,priority:string,"
               "opened_at:string,closed_at:string,csat:number"});
}

}  // namespace tend::api
