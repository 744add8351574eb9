// Routes: the revenue domain (revenue/, docs/revenue.md): subscriptions and purchases as facts,
// retention figures, ARR history, renewals, an account's revenue.
#include <algorithm>
#include <map>

#include "api/json/common_json.h"
#include "api/json/revenue_json.h"
#include "api/live_workspace.h"
#include "api/route.h"
#include "common/field_parse.h"
#include "common/time.h"
#include "revenue/checks.h"
#include "revenue/portfolio.h"
#include "revenue/renewals.h"
#include "revenue/retention.h"

namespace tend::api {

namespace {

// How many days of ARR history an account's revenue shows.
constexpr int kAccountHistoryDays = 730;
// The spacing of the retention trend's points.
constexpr int kTrendStepDays = 30;

Status RequireAccount(Ctx& c, const std::string& id) {
  if (c.state.live->Read([&](scorecard::HealthSession& s) { return s.data().Index(id); })) {
    return Status::Ok();
  }
  return FieldError(c, "account_id", "no account " + id);
}

// The first problem of a revenue check as a 422 on its field.
Status FirstProblem(Ctx& c, const std::vector<revenue::FieldProblem>& problems) {
  if (problems.empty()) return Status::Ok();
  return FieldError(c, problems[0].field.c_str(), problems[0].what);
}


EpochDay AsOf(Ctx& c) { return c.state.live->as_of(); }

// An account's health on the main scorecard as the live workspace has it now (nullopt: no
// score, or the account churned: its engine row is no longer scored).
struct HealthNow {
  std::optional<double> overall;
  std::string color;
};

std::map<std::string, HealthNow> HealthOf(Ctx& c, const std::vector<std::string>& ids) {
  std::map<std::string, HealthNow> out;
  c.state.live->Read([&](scorecard::HealthSession& s) {
    const std::string sc = MainScorecard(s);
    if (sc.empty()) return;
    const Column* overall = s.engine().Find(sc + ".overall");
    const Column* color = s.engine().Find(sc + ".color");
    for (const std::string& id : ids) {
      auto i = s.data().Index(id);
      if (!i || s.data().account(*i).churned_on) continue;
      HealthNow h{NumAt(overall, *i), ""};
      if (color && !color->IsNull(*i)) h.color = color->text[*i];
      if (h.overall) out[id] = h;
    }
  });
  return out;
}

// The CTAs of `ids` (any status), newest first, by account.
Result<std::map<std::string, std::vector<store::CtaRecord>>> CtasOf(
    Ctx& c, const std::vector<std::string>& ids) {
  std::map<std::string, std::vector<store::CtaRecord>> out;
  if (ids.empty()) return out;
  store::CtaFilter f;
  f.account_ids = ids;
  TEND_ASSIGN_OR_RETURN(auto ctas, c.store.ListCtas(f));
  std::sort(ctas.begin(), ctas.end(),
            [](const auto& a, const auto& b) { return a.created_at > b.created_at; });
  for (auto& x : ctas) out[x.account_id].push_back(std::move(x));
  return out;
}

bool IsOpen(const store::CtaRecord& x) { return x.status != "closed"; }

nlohmann::json CtaBriefJson(const store::CtaRecord& x) {
  return {{"cta_id", x.cta_id},
          {"title", x.title},
          {"status", x.status},
          {"priority", x.priority},
          {"renewal_id", x.renewal_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(x.renewal_id)}};
}

// The last stored health of a churned account on the main scorecard: its latest history row
// before it churned (or at all). nullopt: none stored.
Result<std::optional<store::ScoreHistoryRecord>> LastHealth(Ctx& c, const std::string& scorecard,
                                                            const store::AccountRecord& a) {
  TEND_ASSIGN_OR_RETURN(auto rows, c.store.LoadAccountHistory(a.account_id));
  std::optional<store::ScoreHistoryRecord> last;
  for (auto& r : rows) {
    if (r.scorecard != scorecard || !r.overall) continue;
    if (a.churned_on && r.day >= *a.churned_on) continue;
    if (!last || r.day > last->day) last = std::move(r);
  }
  return last;
}

Status RecordSubscription(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  store::SubscriptionRecord s;
  TEND_ASSIGN_OR_RETURN(s.subscription_id, StringField(c, j, "subscription_id", true));
  TEND_ASSIGN_OR_RETURN(s.account_id, StringField(c, j, "account_id", true));
  TEND_ASSIGN_OR_RETURN(s.product, StringField(c, j, "product", true));
  TEND_ASSIGN_OR_RETURN(s.plan, StringField(c, j, "plan", false));
  TEND_ASSIGN_OR_RETURN(auto quantity, NumberField(c, j, "quantity", true));
  TEND_ASSIGN_OR_RETURN(s.unit_price, NumberField(c, j, "unit_price", false));
  TEND_ASSIGN_OR_RETURN(auto arr, NumberField(c, j, "arr", true));
  TEND_ASSIGN_OR_RETURN(auto start, DateField(c, j, "start_date", true));
  TEND_ASSIGN_OR_RETURN(auto end, DateField(c, j, "end_date", true));
  TEND_ASSIGN_OR_RETURN(s.status, StringField(c, j, "status", true));
  s.quantity = *quantity;
  s.arr = *arr;
  s.start_date = *start;
  s.end_date = *end;
  TEND_RETURN_IF_ERROR(FirstProblem(c, revenue::CheckSubscription(s)));
  TEND_RETURN_IF_ERROR(RequireAccount(c, s.account_id));
  TEND_RETURN_IF_ERROR(c.store.UpsertSubscription(s));
  c.after_commit.push_back([&c, id = s.account_id] { return c.state.live->RevenueChanged(id); });
  c.Send(201, SubscriptionJson(s));
  return Status::Ok();
}

Status RecordPurchase(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  store::PurchaseRecord p;
  TEND_ASSIGN_OR_RETURN(p.purchase_id, StringField(c, j, "purchase_id", true));
  TEND_ASSIGN_OR_RETURN(p.account_id, StringField(c, j, "account_id", true));
  TEND_ASSIGN_OR_RETURN(std::string ts, StringField(c, j, "ts", true));
  TEND_ASSIGN_OR_RETURN(p.product, StringField(c, j, "product", false));
  TEND_ASSIGN_OR_RETURN(auto amount, NumberField(c, j, "amount", true));
  TEND_ASSIGN_OR_RETURN(p.kind, StringField(c, j, "kind", true));
  auto t = ParseTime(ts);
  if (!t) return FieldError(c, "ts", "\"" + ts + "\" is not an ISO-8601 time");
  p.ts = *t;
  p.amount = *amount;
  TEND_RETURN_IF_ERROR(FirstProblem(c, revenue::CheckPurchase(p)));
  TEND_RETURN_IF_ERROR(RequireAccount(c, p.account_id));
  TEND_RETURN_IF_ERROR(c.store.UpsertPurchase(p));
  c.Send(201, PurchaseJson(p));
  return Status::Ok();
}

Status Metrics(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(EpochDay day, DayQuery(c, "as_of", AsOf(c)));
  TEND_ASSIGN_OR_RETURN(int window, IntQuery(c, "window_days", revenue::kRetentionWindowDays, 1,
                                              3660));
  std::string by = c.Query("by");
  auto group = revenue::ParseGroupBy(by);
  if (!by.empty() && !group) {
    c.error_field = "by";
    return InvalidArgument("api.badQuery", "by: \"" + by + "\" is not segment, csm, region or "
                                           "product");
  }
  TEND_ASSIGN_OR_RETURN(int points, IntQuery(c, "trend", 0, 0, 36));
  std::string cohort = c.Query("cohort");
  if (!cohort.empty() && !revenue::IsMonth(cohort)) {
    c.error_field = "cohort";
    return InvalidArgument("api.badQuery", "cohort: \"" + cohort + "\" is not a month (YYYY-MM)");
  }
  TEND_ASSIGN_OR_RETURN(auto portfolio, revenue::LoadPortfolio(c.store));
  nlohmann::json j =
      by.empty() ? RetentionJson(revenue::Retention(portfolio, day, window, cohort))
                 : RetentionByJson(revenue::RetentionBy(portfolio, day, *group, window, cohort));
  // The portfolio's figures every kTrendStepDays back from the as-of day, oldest first.
  nlohmann::json trend = nlohmann::json::array();
  for (int k = points - 1; k >= 0; --k) {
    const EpochDay d = day - k * kTrendStepDays;
    nlohmann::json point = RetentionJson(revenue::Retention(portfolio, d, window));
    point["as_of"] = FormatDate(d);
    trend.push_back(std::move(point));
  }
  c.Send(200, {{"as_of", FormatDate(day)},
               {"window_days", window},
               {"figures", j},
               {"trend", trend}});
  return Status::Ok();
}

Status ArrHistory(Ctx& c) {
  const EpochDay today = AsOf(c);
  TEND_ASSIGN_OR_RETURN(EpochDay to, DayQuery(c, "to", today));
  TEND_ASSIGN_OR_RETURN(EpochDay from, DayQuery(c, "from", to - 365));
  if (to < from || to - from > 3660) {
    c.error_field = "from";
    return InvalidArgument("api.badQuery", "from: must be on or before to, at most 3660 days");
  }
  TEND_ASSIGN_OR_RETURN(auto portfolio, revenue::LoadPortfolio(c.store));
  c.Send(200, {{"days", ArrHistoryJson(portfolio.History(from, to))}});
  return Status::Ok();
}

Status Renewals(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(EpochDay day, DayQuery(c, "as_of", AsOf(c)));
  TEND_ASSIGN_OR_RETURN(int within, IntQuery(c, "within", 90, 0, 3660));
  // owner=me: the renewals the signed-in user owns (by name or email).
  std::string owner = c.Query("owner");
  const bool mine = owner == "me";
  TEND_ASSIGN_OR_RETURN(auto portfolio, revenue::LoadPortfolio(c.store));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& pa : portfolio.accounts()) {
    for (const auto& r : pa.revenue.Renewals(day)) {
      if (r.renewal_date < day || r.renewal_date > day + within) continue;
      if (mine && !(c.user && (r.owner == c.user->name || r.owner == c.user->email))) continue;
      if (!mine && !owner.empty() && r.owner != owner) continue;
      out.push_back(RenewalJson(r));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a["renewal_date"].template get<std::string>() <
           b["renewal_date"].template get<std::string>();
  });
  // Each renewal's account health now and the open CTAs about it (renewal_id).
  std::vector<std::string> ids;
  for (const auto& r : out) ids.push_back(r["account_id"].get<std::string>());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::map<std::string, HealthNow> health = HealthOf(c, ids);
  TEND_ASSIGN_OR_RETURN(auto ctas, CtasOf(c, ids));
  for (auto& r : out) {
    const std::string account = r["account_id"].get<std::string>();
    auto h = health.find(account);
    r["health"] = h == health.end() ? nlohmann::json(nullptr)
                                    : nlohmann::json{{"overall", json::OptJson(h->second.overall)},
                                                     {"color", h->second.color}};
    nlohmann::json linked = nlohmann::json::array();
    for (const auto& x : ctas[account]) {
      if (IsOpen(x) && x.renewal_id == r["subscription_id"].get<std::string>())
        linked.push_back(CtaBriefJson(x));
    }
    r["ctas"] = linked;
  }
  c.Send(200, {{"as_of", FormatDate(day)}, {"within", within}, {"renewals", out}});
  return Status::Ok();
}

// The accounts behind one retention figure (revenue::AccountsMoved), with their health (now,
// or for churned accounts the last stored before they churned) and CTAs.
Status MovedAccounts(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(EpochDay day, DayQuery(c, "as_of", AsOf(c)));
  TEND_ASSIGN_OR_RETURN(int window, IntQuery(c, "window_days", revenue::kRetentionWindowDays, 1,
                                              3660));
  TEND_ASSIGN_OR_RETURN(int limit, IntQuery(c, "limit", 200, 1, 5000));
  std::string name = c.Query("movement");
  auto movement = revenue::ParseMovement(name);
  if (!movement) {
    c.error_field = "movement";
    return InvalidArgument("api.badQuery", "movement: \"" + name +
                                               "\" is not new, expansion, contraction, churned "
                                               "or unchanged");
  }
  TEND_ASSIGN_OR_RETURN(auto portfolio, revenue::LoadPortfolio(c.store));
  auto moved = revenue::AccountsMoved(portfolio, day, *movement, window);
  double total = 0;
  for (const auto& m : moved) total += m.amount;
  const size_t shown = std::min(moved.size(), static_cast<size_t>(limit));
  std::vector<std::string> ids;
  for (size_t k = 0; k < shown; ++k)
    ids.push_back(portfolio.accounts()[moved[k].account].account.account_id);
  std::map<std::string, HealthNow> health = HealthOf(c, ids);
  TEND_ASSIGN_OR_RETURN(auto ctas, CtasOf(c, ids));
  const std::string scorecard =
      c.state.live->Read([&](scorecard::HealthSession& s) { return MainScorecard(s); });
  nlohmann::json rows = nlohmann::json::array();
  for (size_t k = 0; k < shown; ++k) {
    const store::AccountRecord& a = portfolio.accounts()[moved[k].account].account;
    nlohmann::json h = nullptr;
    if (auto it = health.find(a.account_id); it != health.end()) {
      h = {{"overall", json::OptJson(it->second.overall)},
           {"color", it->second.color},
           {"day", FormatDate(AsOf(c))}};
    } else if (!scorecard.empty()) {
      TEND_ASSIGN_OR_RETURN(auto last, LastHealth(c, scorecard, a));
      if (last)
        h = {{"overall", json::OptJson(last->overall)},
             {"color", last->color},
             {"day", FormatDate(last->day)}};
    }
    nlohmann::json cj = nlohmann::json::array();
    int open = 0;
    for (const auto& x : ctas[a.account_id]) {
      open += IsOpen(x);
      if (cj.size() < 5) cj.push_back(CtaBriefJson(x));
    }
    rows.push_back({{"account_id", a.account_id},
                    {"name", a.name},
                    {"segment", a.segment},
                    {"csm", a.csm},
                    {"starting_arr", moved[k].starting_arr},
                    {"ending_arr", moved[k].ending_arr},
                    {"amount", moved[k].amount},
                    {"churned_on", json::DateJson(a.churned_on)},
                    {"health", h},
                    {"open_ctas", open},
                    {"ctas", cj}});
  }
  c.Send(200, {{"as_of", FormatDate(day)},
               {"window_days", window},
               {"movement", std::string(revenue::MovementName(*movement))},
               {"total", moved.size()},
               {"amount", total},
               {"accounts", rows}});
  return Status::Ok();
}

Status EditRenewal(Ctx& c) {
  const std::string id = c.Param(0);
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  store::RenewalRecord r;
  r.subscription_id = id;
  TEND_ASSIGN_OR_RETURN(r.stage, StringField(c, j, "stage", false));
  TEND_ASSIGN_OR_RETURN(r.owner, StringField(c, j, "owner", false));
  TEND_ASSIGN_OR_RETURN(r.forecast, StringField(c, j, "forecast", false));
  TEND_ASSIGN_OR_RETURN(r.arr_at_stake, NumberField(c, j, "arr_at_stake", false));
  TEND_ASSIGN_OR_RETURN(r.notes, StringField(c, j, "notes", false));
  r.updated_at = NowMs();
  if (Status v = revenue::ValidateRenewalEdit(r); !v.ok()) {
    std::string field = v.message().substr(0, v.message().find(':'));
    c.error_field = field;
    return v;
  }
  TEND_ASSIGN_OR_RETURN(auto subs, c.store.LoadSubscriptions());
  const store::SubscriptionRecord* sub = nullptr;
  for (const auto& s : subs) {
    if (s.subscription_id == id) sub = &s;
  }
  if (!sub) return NotFound("api.noSubscription", "no subscription " + id);
  // CSMs edit the renewals of their own accounts (ops and admins any).
  if (c.user && c.user->role == auth::Role::kCsm) {
    TEND_RETURN_IF_ERROR(c.RequireOwnAccount(sub->account_id));
  }
  TEND_RETURN_IF_ERROR(c.store.UpsertRenewal(r));
  c.after_commit.push_back(
      [&c, account = sub->account_id] { return c.state.live->RevenueChanged(account); });
  std::vector<store::SubscriptionRecord> mine;
  for (const auto& s : subs) {
    if (s.account_id == sub->account_id) mine.push_back(s);
  }
  std::string csm = c.state.live->Read([&](scorecard::HealthSession& s) {
    auto i = s.data().Index(sub->account_id);
    return i ? s.data().account(*i).csm : std::string();
  });
  c.Send(200, RenewalJson(revenue::DeriveRenewal(*sub, mine, &r, csm, AsOf(c))));
  return Status::Ok();
}

Status AccountRevenue(Ctx& c) {
  const std::string id = c.Param(0);
  const EpochDay day = AsOf(c);
  TEND_ASSIGN_OR_RETURN(auto subs, c.store.ListSubscriptions(id));
  TEND_ASSIGN_OR_RETURN(auto purchases, c.store.ListPurchases(id));
  TEND_ASSIGN_OR_RETURN(auto edits, c.store.LoadRenewals());
  std::optional<store::AccountRecord> account = c.state.live->Read(
      [&](scorecard::HealthSession& s) -> std::optional<store::AccountRecord> {
        auto i = s.data().Index(id);
        if (!i) return std::nullopt;
        return s.data().account(*i);
      });
  if (!account) return NotFound("api.noAccount", "no account " + id);
  revenue::Portfolio one({*account}, subs, edits);
  const revenue::AccountRevenue& rev = one.accounts()[0].revenue;
  nlohmann::json sj = nlohmann::json::array(), pj = nlohmann::json::array(),
                 rj = nlohmann::json::array();
  for (const auto& s : subs) sj.push_back(SubscriptionJson(s));
  for (const auto& p : purchases) pj.push_back(PurchaseJson(p));
  for (const auto& r : rev.Renewals(day)) rj.push_back(RenewalJson(r));
  auto next = rev.NextRenewal(day);
  auto arr = rev.Arr(day);
  c.Send(200, {{"account_id", id},
               {"as_of", FormatDate(day)},
               {"derived", rev.arr().derived()},
               {"arr", arr ? nlohmann::json(*arr) : nlohmann::json(nullptr)},
               {"seats_purchased", json::OptJson(rev.SeatsPurchased(day))},
               {"next_renewal", next ? RenewalJson(*next) : nlohmann::json(nullptr)},
               {"subscriptions", sj},
               {"purchases", pj},
               {"renewals", rj},
               {"arr_history", ArrHistoryJson(one.History(day - kAccountHistoryDays, day))}});
  return Status::Ok();
}

}  // namespace

void AddRevenueRoutes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/subscriptions", Access::kOps, "revenue",
               "record or update a subscription term (re-scores the account at once)",
               RecordSubscription,
               "!subscription_id:string,!account_id:string,!product:string,plan:string,"
               "!quantity:number,unit_price:number,!arr:number,!start_date:string,"
               "!end_date:string,!status:string"});
  r.push_back({"POST", "/api/purchases", Access::kOps, "revenue", "record or update a purchase",
               RecordPurchase,
               "!purchase_id:string,!account_id:string,!ts:string,product:string,"
               "!amount:number,!kind:string"});
  r.push_back({"GET", "/api/revenue/metrics", Access::kReader, "revenue",
               "GRR, NRR, logo retention and the ARR bridge over a window (docs/revenue.md)",
               Metrics, "", "as_of,by,window_days,trend,cohort"});
  r.push_back({"GET", "/api/revenue/arr", Access::kReader, "revenue",
               "the portfolio's ARR by day with the new/expansion/contraction/churn bridge",
               ArrHistory, "", "from,to"});
  r.push_back({"GET", "/api/revenue/accounts", Access::kReader, "revenue",
               "the accounts behind a retention figure (movement new, expansion, contraction, "
               "churned, unchanged) with their health and CTAs",
               MovedAccounts, "", "movement,as_of,window_days,limit"});
  r.push_back({"GET", "/api/revenue/renewals", Access::kReader, "revenue",
               "renewals due within some days (owner: a name, or me)", Renewals, "", "as_of,within,owner"});
  r.push_back({"PATCH", "/api/renewals/{id}", Access::kCsWork, "revenue",
               "set a renewal's stage, owner, forecast or ARR at stake", EditRenewal,
               "stage:string,owner:string,forecast:string,arr_at_stake:number,notes:string"});
  r.push_back({"GET", "/api/accounts/{id}/revenue", Access::kAnyUser, "revenue",
               "an account's subscriptions, purchases, renewals and ARR history",
               AccountRevenue});
}

}  // namespace tend::api
