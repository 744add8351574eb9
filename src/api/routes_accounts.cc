// Routes: the accounts list, the account 360 bundle, score history, timeline and contacts.
#include <algorithm>
#include <chrono>
#include <mutex>

#include "api/route.h"
#include "api/visibility.h"
#include "cockpit/cockpit.h"
#include "definitions/activity_types.h"
#include "metrics/attributes.h"

namespace tend::api {

namespace {

// The list row of account i.
nlohmann::json AccountRow(scorecard::HealthSession& s, const std::string& sc, size_t i) {
  const auto& a = s.data().account(i);
  const auto& e = s.engine();
  EpochDay d = e.as_of();
  nlohmann::json j{{"account_id", a.account_id},
                   {"name", a.name},
                   {"industry", a.industry},
                   {"segment", a.segment},
                   {"region", a.region},
                   {"csm", a.csm},
                   {"status", a.status},
                   {"arr", OptJson(a.arr)},
                   {"start_date", DateJson(a.start_date)},
                   {"renewal_date", DateJson(a.renewal_date)},
                   {"days_to_renewal",
                    a.renewal_date ? nlohmann::json(*a.renewal_date - d) : nlohmann::json(nullptr)},
                   {"churn_risk", OptJson(s.data().Prediction(0, i))}};
  if (!sc.empty()) {
    j["overall"] = OptJson(NumAt(e.Find(sc + ".overall"), i));
    j["color"] = CellJson(e.Find(sc + ".color"), i);
    j["change_7d"] = OptJson(NumAt(e.Find(sc + ".overall_change_7d"), i));
    j["change_30d"] = OptJson(NumAt(e.Find(sc + ".overall_change_30d"), i));
  } else {
    j["overall"] = nullptr;
    j["color"] = nullptr;
  }
  return j;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= s.size() && !s.empty()) {
    size_t comma = s.find(',', at);
    if (comma == std::string::npos) comma = s.size();
    out.push_back(Lower(s.substr(at, comma - at)));
    at = comma + 1;
  }
  return out;
}

// Sorted orders of the accounts and their lowercased names, rebuilt at most once a second
// per key: values shown are always current, the order and name search may lag a second
// behind a change.
struct OrderCache {
  std::mutex mu;
  struct Entry {
    std::chrono::steady_clock::time_point built;
    size_t size = 0;
    uint64_t generation = 0;
    std::shared_ptr<const std::vector<uint32_t>> order;
  };
  std::map<std::string, Entry> entries;
  Entry names;  // `order` unused
  std::shared_ptr<const std::vector<std::string>> lower_names;
};
OrderCache& Orders() {
  static OrderCache* c = new OrderCache();
  return *c;
}

const char* const kSortKeys[] = {"account_id",   "name",      "arr",        "overall",
                                 "renewal_date", "change_7d", "churn_risk", "days_to_renewal"};

std::vector<uint32_t> BuildOrder(scorecard::HealthSession& s, const std::string& sc,
                                 const std::string& key) {
  const auto& data = s.data();
  std::vector<uint32_t> order(data.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  if (key == "account_id") return order;
  if (key == "name") {
    std::vector<std::string> names(data.size());
    for (size_t i = 0; i < names.size(); ++i) names[i] = Lower(data.account(i).name);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return names[a] < names[b]; });
    return order;
  }
  // Numeric keys; NULLs last.
  std::vector<double> v(data.size());
  std::vector<char> has(data.size());
  const Column* col = nullptr;
  if (key == "overall") col = s.engine().Find(sc + ".overall");
  if (key == "change_7d") col = s.engine().Find(sc + ".overall_change_7d");
  for (size_t i = 0; i < v.size(); ++i) {
    std::optional<double> x;
    const auto& a = data.account(i);
    if (key == "arr") x = a.arr;
    if (key == "renewal_date" || key == "days_to_renewal") {
      if (a.renewal_date) x = *a.renewal_date;
    }
    if (key == "churn_risk") x = data.Prediction(0, i);
    if (col) x = NumAt(col, i);
    has[i] = x.has_value();
    v[i] = x.value_or(0);
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (has[a] != has[b]) return has[a] > has[b];
    return v[a] < v[b];
  });
  return order;
}

Status ListAccounts(Ctx& c) {
  std::string sort = c.Query("sort");
  if (sort.empty()) sort = "account_id";
  if (std::find(std::begin(kSortKeys), std::end(kSortKeys), sort) == std::end(kSortKeys)) {
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
  bool desc = order_dir == "desc";
  int limit = 50;
  if (std::string l = c.Query("limit"); !l.empty()) {
    limit = std::atoi(l.c_str());
    if (limit < 1 || limit > 1000) {
      c.error_field = "limit";
      return InvalidArgument("api.badQuery", "limit must be 1..1000");
    }
  }
  std::optional<int> renewal_within;
  if (std::string r = c.Query("renewal_within_days"); !r.empty()) {
    char* end = nullptr;
    long n = std::strtol(r.c_str(), &end, 10);
    if (*end || n < 0) {
      c.error_field = "renewal_within_days";
      return InvalidArgument("api.badQuery", "renewal_within_days must be a whole number >= 0");
    }
    renewal_within = static_cast<int>(n);
  }
  std::string q = Lower(c.Query("q"));
  std::vector<std::string> colors = SplitComma(c.Query("color"));
  std::vector<std::string> segments = SplitComma(c.Query("segment"));
  std::vector<std::string> csms = SplitComma(c.Query("csm"));
  std::string status = c.Query("status");
  if (status.empty()) status = "active";
  std::string cursor = c.Query("cursor");

  nlohmann::json out = c.state.live->Read([&](scorecard::HealthSession& s) {
    const std::string sc = MainScorecard(s);
    const auto& data = s.data();
    std::shared_ptr<const std::vector<uint32_t>> order_ptr;
    std::shared_ptr<const std::vector<std::string>> names_ptr;
    {
      OrderCache& cache = Orders();
      std::lock_guard<std::mutex> l(cache.mu);
      auto now = std::chrono::steady_clock::now();
      const uint64_t gen = c.state.live->generation();
      auto stale = [&](const OrderCache::Entry& e) {
        return e.size != data.size() ||
               (e.generation != gen && now - e.built > std::chrono::seconds(1));
      };
      auto& e = cache.entries[sort];
      if (stale(e) || !e.order) {
        e.order = std::make_shared<const std::vector<uint32_t>>(BuildOrder(s, sc, sort));
        e.size = data.size();
        e.built = now;
        e.generation = gen;
      }
      order_ptr = e.order;
      if (!q.empty()) {
        if (stale(cache.names) || !cache.lower_names) {
          auto names = std::make_shared<std::vector<std::string>>(data.size());
          for (size_t i = 0; i < data.size(); ++i) {
            (*names)[i] = Lower(data.account(i).name) + "\n" + Lower(data.account(i).account_id);
          }
          cache.lower_names = names;
          cache.names.size = data.size();
          cache.names.built = now;
          cache.names.generation = gen;
        }
        names_ptr = cache.lower_names;
      }
    }
    const std::vector<uint32_t>& order = *order_ptr;
    const Column* color_col = sc.empty() ? nullptr : s.engine().Find(sc + ".color");
    const EpochDay d = s.engine().as_of();
    auto matches = [&](size_t i) {
      const auto& a = data.account(i);
      if (status != "all" && a.status != status) return false;
      if (names_ptr && (*names_ptr)[i].find(q) == std::string::npos) return false;
      if (!colors.empty()) {
        std::string_view col =
            color_col && !color_col->IsNull(i) ? std::string_view(color_col->text[i]) : "none";
        if (std::find(colors.begin(), colors.end(), col) == colors.end()) return false;
      }
      if (!segments.empty() &&
          std::find(segments.begin(), segments.end(), Lower(a.segment)) == segments.end())
        return false;
      if (!csms.empty() && std::find(csms.begin(), csms.end(), Lower(a.csm)) == csms.end())
        return false;
      if (renewal_within) {
        if (!a.renewal_date) return false;
        int days = *a.renewal_date - d;
        if (days < 0 || days > *renewal_within) return false;
      }
      return true;
    };
    // The cursor is the last account of the previous page: resume after it.
    std::optional<size_t> cursor_idx;
    if (!cursor.empty()) cursor_idx = data.Index(cursor);
    bool started = !cursor_idx;
    nlohmann::json rows = nlohmann::json::array();
    int64_t total = 0;
    bool more = false;
    const size_t n = order.size();
    for (size_t k = 0; k < n; ++k) {
      size_t i = order[desc ? n - 1 - k : k];
      if (!matches(i)) {
        if (!started && i == *cursor_idx) started = true;
        continue;
      }
      ++total;
      if (!started) {
        if (i == *cursor_idx) started = true;
        continue;
      }
      if (static_cast<int>(rows.size()) < limit) {
        rows.push_back(AccountRow(s, sc, i));
      } else {
        more = true;
      }
    }
    std::string next = more ? rows.back()["account_id"].get<std::string>() : "";
    return nlohmann::json{
        {"accounts", rows},
        {"total", total},
        {"next_cursor", next.empty() ? nlohmann::json(nullptr) : nlohmann::json(next)},
        {"as_of", FormatDate(d)},
        {"scorecard", sc}};
  });
  c.Send(200, out);
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
      nlohmann::json cj = CtaJson(cta);
      TEND_ASSIGN_OR_RETURN(auto tasks, c.store.ListTasks(cta.cta_id, std::nullopt, ""));
      nlohmann::json tj = nlohmann::json::array();
      for (const auto& t : tasks) tj.push_back(TaskJson(t));
      cj["tasks"] = tj;
      (cta.status == "closed" ? closed : open).push_back(cj);
    }
    j["ctas"] = {{"open", open}, {"closed", closed}};
  }
  if (MaySee(role, Part::kTimeline)) {
    TEND_ASSIGN_OR_RETURN(auto acts, c.store.ListActivities(id));
    nlohmann::json tl = nlohmann::json::array();
    for (size_t k = 0; k < acts.size() && k < 50; ++k) tl.push_back(ActivityJson(acts[k]));
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
      for (const auto& t : p.tasks[k]) tasks.push_back(TaskJson(t));
      objectives.push_back({{"objective_id", o.objective_id},
                            {"title", o.title},
                            {"description", o.description},
                            {"due_date", DateJson(o.due_day)},
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
    j["account"] = AccountRow(s, sc, i);
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
    j["account"]["tenure_days"] = CellJson(&tenure, 0);
    nlohmann::json cards = nlohmann::json::array();
    const auto& e = s.engine();
    for (const auto& card : s.defs().scorecards) {
      nlohmann::json cj{
          {"name", card.name},
          {"label", card.label},
          {"overall", OptJson(NumAt(e.Find(card.name + ".overall"), i))},
          {"color", CellJson(e.Find(card.name + ".color"), i)},
          {"change_7d", OptJson(NumAt(e.Find(card.name + ".overall_change_7d"), i))},
          {"change_30d", OptJson(NumAt(e.Find(card.name + ".overall_change_30d"), i))}};
      nlohmann::json groups = nlohmann::json::array();
      for (const auto& g : card.groups) {
        groups.push_back({{"name", g.name},
                          {"label", g.label},
                          {"score", OptJson(NumAt(e.Find(card.name + "." + g.name), i))}});
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
                            {"value", CellJson(e.Find(card.name + "." + m.name + ".value"), i)},
                            {"score", OptJson(NumAt(e.Find(card.name + "." + m.name), i))},
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
                      {"overall", OptJson(h.overall)},
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
                   {"overall", OptJson(h.overall)},
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
  std::vector<std::string> types = SplitComma(c.Query("type"));
  TEND_ASSIGN_OR_RETURN(auto acts, c.store.ListActivities(id));
  nlohmann::json out = nlohmann::json::array();
  std::string next;
  for (const auto& a : acts) {
    if (before && a.ts >= *before) continue;
    if (!types.empty() && std::find(types.begin(), types.end(), Lower(a.type)) == types.end())
      continue;
    if (static_cast<int>(out.size()) == limit) {
      next = out.back()["ts"];
      break;
    }
    out.push_back(ActivityJson(a));
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
  c.Send(201, ActivityJson(a));
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
  c.Send(200, ActivityJson(a));
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
