// Routes: the portfolio dashboard (computed from the live scores, the daily summaries and
// the open CTAs) and the caller's saved account-list views.
#include <algorithm>
#include <map>
#include <set>

#include "api/route.h"

namespace tend::api {

namespace {

Status Dashboard(Ctx& c) {
  struct Counts {
    int64_t red = 0, yellow = 0, green = 0, none = 0;
    void Add(const std::string& color) {
      if (color == "red")
        ++red;
      else if (color == "yellow")
        ++yellow;
      else if (color == "green")
        ++green;
      else
        ++none;
    }
    int64_t total() const { return red + yellow + green + none; }
  };
  auto count_json = [](const Counts& n) {
    return nlohmann::json{
        {"red", n.red}, {"yellow", n.yellow}, {"green", n.green}, {"none", n.none}};
  };
  std::string sc;
  EpochDay as_of = 0;
  nlohmann::json out = c.state.live->Read([&](scorecard::HealthSession& s) {
    sc = MainScorecard(s);
    const auto& data = s.data();
    const auto& e = s.engine();
    as_of = e.as_of();
    const Column* color = sc.empty() ? nullptr : e.Find(sc + ".color");
    const Column* overall = sc.empty() ? nullptr : e.Find(sc + ".overall");
    const Column* change = sc.empty() ? nullptr : e.Find(sc + ".overall_change_7d");
    auto color_of = [&](size_t i) -> std::string {
      return color && !color->IsNull(i) ? color->text[i] : "none";
    };
    Counts all;
    std::map<std::string, Counts> by_segment, by_csm;
    double arr_red = 0, arr_yellow = 0, arr_total = 0;
    double predicted = 0;  // sum of ARR x churn probability
    bool any_prediction = false;
    std::vector<size_t> renewals, drops;
    for (size_t i = 0; i < data.size(); ++i) {
      const auto& a = data.account(i);
      if (a.status != "active") continue;
      std::string col = color_of(i);
      all.Add(col);
      by_segment[a.segment].Add(col);
      by_csm[a.csm].Add(col);
      double arr = a.arr.value_or(0);
      arr_total += arr;
      if (col == "red") arr_red += arr;
      if (col == "yellow") arr_yellow += arr;
      if (auto p = data.Prediction(0, i)) {
        predicted += arr * *p;
        any_prediction = true;
      }
      if (a.renewal_date && *a.renewal_date >= as_of && *a.renewal_date - as_of <= 90) {
        renewals.push_back(i);
      }
      if (auto ch = NumAt(change, i); ch && *ch < 0) drops.push_back(i);
    }
    std::sort(renewals.begin(), renewals.end(), [&](size_t x, size_t y) {
      return std::make_pair(*data.account(x).renewal_date, x) <
             std::make_pair(*data.account(y).renewal_date, y);
    });
    std::sort(drops.begin(), drops.end(),
              [&](size_t x, size_t y) { return *NumAt(change, x) < *NumAt(change, y); });
    nlohmann::json segs = nlohmann::json::array(), csms = nlohmann::json::array();
    for (const auto& [name, n] : by_segment) {
      auto j = count_json(n);
      j["segment"] = name;
      j["accounts"] = n.total();
      segs.push_back(j);
    }
    for (const auto& [name, n] : by_csm) {
      auto j = count_json(n);
      j["csm"] = name;
      j["accounts"] = n.total();
      csms.push_back(j);
    }
    nlohmann::json ren = nlohmann::json::array();
    for (size_t k = 0; k < renewals.size() && k < 100; ++k) {
      size_t i = renewals[k];
      const auto& a = data.account(i);
      ren.push_back({{"account_id", a.account_id},
                     {"name", a.name},
                     {"renewal_date", FormatDate(*a.renewal_date)},
                     {"days_to_renewal", *a.renewal_date - as_of},
                     {"arr", OptJson(a.arr)},
                     {"overall", OptJson(NumAt(overall, i))},
                     {"color", color_of(i)},
                     {"csm", a.csm}});
    }
    nlohmann::json dj = nlohmann::json::array();
    for (size_t k = 0; k < drops.size() && k < 20; ++k) {
      size_t i = drops[k];
      const auto& a = data.account(i);
      dj.push_back({{"account_id", a.account_id},
                    {"name", a.name},
                    {"overall", OptJson(NumAt(overall, i))},
                    {"change_7d", OptJson(NumAt(change, i))},
                    {"color", color_of(i)},
                    {"csm", a.csm}});
    }
    return nlohmann::json{
        {"as_of", FormatDate(as_of)},
        {"scorecard", sc},
        {"accounts", all.total()},
        {"by_color", count_json(all)},
        {"by_segment", segs},
        {"by_csm", csms},
        {"arr_at_risk", {{"red", arr_red}, {"yellow", arr_yellow}, {"total_arr", arr_total}}},
        {"predicted_arr_at_risk",
         any_prediction ? nlohmann::json(predicted) : nlohmann::json(nullptr)},
        {"renewals_90d", ren},
        {"renewals_90d_total", renewals.size()},
        {"drops_7d", dj}};
  });
  nlohmann::json trend = nlohmann::json::array();
  if (!sc.empty()) {
    TEND_ASSIGN_OR_RETURN(auto days, c.store.LoadDailySummaries(sc, as_of - 89));
    for (const auto& d : days) {
      if (d.day > as_of) continue;
      trend.push_back({{"date", FormatDate(d.day)},
                       {"average", OptJson(d.average)},
                       {"accounts", d.accounts},
                       {"red", d.red},
                       {"yellow", d.yellow},
                       {"green", d.green},
                       {"arr_red", d.arr_red},
                       {"arr_yellow", d.arr_yellow}});
    }
  }
  out["trend"] = trend;
  TEND_ASSIGN_OR_RETURN(auto counts, c.store.CountOpenCtas());
  nlohmann::json by_type = nlohmann::json::object(), by_priority = nlohmann::json::object();
  int64_t total = 0;
  for (const auto& k : counts) {
    by_type[k.type] = by_type.value(k.type, int64_t{0}) + k.count;
    by_priority[k.priority] = by_priority.value(k.priority, int64_t{0}) + k.count;
    total += k.count;
  }
  out["ctas_open"] = {{"by_type", by_type}, {"by_priority", by_priority}, {"total", total}};
  c.Send(200, out);
  return Status::Ok();
}

// The distinct values of the accounts' text fields, for filter pickers.
Status Facets(Ctx& c) {
  nlohmann::json out = c.state.live->Read([&](scorecard::HealthSession& s) {
    std::set<std::string> segments, csms, industries, regions;
    for (size_t i = 0; i < s.data().size(); ++i) {
      const auto& a = s.data().account(i);
      if (!a.segment.empty()) segments.insert(a.segment);
      if (!a.csm.empty()) csms.insert(a.csm);
      if (!a.industry.empty()) industries.insert(a.industry);
      if (!a.region.empty()) regions.insert(a.region);
    }
    return nlohmann::json{
        {"segments", segments}, {"csms", csms}, {"industries", industries}, {"regions", regions}};
  });
  c.Send(200, out);
  return Status::Ok();
}

nlohmann::json ViewJson(const store::SavedViewRecord& v) {
  return {{"view_id", v.view_id},
          {"name", v.name},
          {"query", v.query},
          {"created_at", FormatTime(v.created_at)}};
}

Status ListViews(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto views, c.store.ListSavedViews(c.user->user_id));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : views) out.push_back(ViewJson(v));
  c.Send(200, {{"views", out}});
  return Status::Ok();
}

Status CreateView(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  store::SavedViewRecord v;
  TEND_ASSIGN_OR_RETURN(v.name, StringField(c, j, "name", true));
  TEND_ASSIGN_OR_RETURN(v.query, StringField(c, j, "query", false));
  if (v.name.size() > 100) return FieldError(c, "name", "must be at most 100 characters");
  if (v.query.size() > 2000) return FieldError(c, "query", "must be at most 2000 characters");
  v.user_id = c.user->user_id;
  v.created_at = NowMs();
  TEND_ASSIGN_OR_RETURN(v.view_id, c.store.InsertSavedView(v));
  c.Send(201, ViewJson(v));
  return Status::Ok();
}

Status DeleteView(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_RETURN_IF_ERROR(c.store.DeleteSavedView(c.user->user_id, id));
  c.Send(200, {{"ok", true}});
  return Status::Ok();
}

}  // namespace

void AddDashboardRoutes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/dashboard", Access::kAnyUser, "accounts",
               "the portfolio dashboard: health by color, segment and CSM, trends, ARR at "
               "risk, renewals, open CTAs, biggest drops",
               Dashboard});
  r.push_back({"GET", "/api/facets", Access::kAnyUser, "accounts",
               "the distinct segments, CSMs, industries and regions of the accounts", Facets});
  r.push_back(
      {"GET", "/api/views", Access::kAnyUser, "accounts", "own saved account views", ListViews});
  r.push_back({"POST", "/api/views", Access::kAnyUser, "accounts", "save an account view",
               CreateView, "!name:string,query:string"});
  r.push_back({"DELETE", "/api/views/{id}", Access::kAnyUser, "accounts",
               "delete an own saved view", DeleteView});
}

}  // namespace tend::api
