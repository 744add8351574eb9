// Routes: the portfolio dashboard (computed from the live scores, the daily summaries and
// the open CTAs) and the caller's saved account-list views.
#include <algorithm>
#include <map>
#include <set>

#include "api/json/common_json.h"
#include "api/json/dashboard_json.h"
#include "api/route.h"
#include "scorecard/dashboard.h"

namespace tend::api {

namespace {

Status Dashboard(Ctx& c) {
  auto portfolio = c.state.live->Read(
      [](scorecard::HealthSession& s) { return scorecard::ComputePortfolio(s); });
  std::vector<store::DailySummaryRecord> trend;
  if (!portfolio.scorecard.empty()) {
    TEND_ASSIGN_OR_RETURN(auto days,
                          c.store.LoadDailySummaries(portfolio.scorecard, portfolio.as_of - 89));
    trend = scorecard::DashboardTrend(std::move(days), portfolio.as_of);
  }
  TEND_ASSIGN_OR_RETURN(auto counts, c.store.CountOpenCtas());
  c.Send(200, json::DashboardJson(portfolio, trend, scorecard::CountCtas(counts)));
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
