// Routes: the voice of the customer (docs/feedback.md): feedback items, requests ranked by
// the revenue asking for them, merges, status changes that close the loop, suggestions of
// similar requests, the product-area list. Handlers parse, call feedback/ and map the result
// with api/json/feedback_json.h.
#include <algorithm>

#include "api/json/cockpit_json.h"
#include "api/json/feedback_json.h"
#include "api/live_workspace.h"
#include "api/route.h"
#include "common/json_text.h"
#include "feedback/account_facts.h"
#include "feedback/feedback.h"
#include "feedback/ranking.h"
#include "feedback/similarity.h"
#include "feedback/sources.h"
#include "feedback/status_change.h"

namespace tend::api {

namespace {

// A domain error about one field (feedback/ uses the field name as the id): say which.
Status Fielded(Ctx& c, Status s) {
  if (s.code() == ErrorCode::kInvalidArgument && s.id().find('.') == std::string::npos) {
    c.error_field = s.id();
  }
  return s;
}

// After the request commits: open_blocker_requests may have changed (re-scores and runs
// the rules for the accounts whose count did).
void RescoreAfterCommit(Ctx& c) {
  c.after_commit.push_back([&c] { return c.state.live->FeedbackChanged(); });
}

std::map<std::string, feedback::AccountFacts> LiveFacts(Ctx& c) {
  return c.state.live->Read(
      [&](scorecard::HealthSession& s) { return feedback::AccountFactsOf(s); });
}

std::optional<store::AccountRecord> LiveAccount(Ctx& c, const std::string& id) {
  return c.state.live->Read(
      [&](scorecard::HealthSession& s) -> std::optional<store::AccountRecord> {
        auto i = s.data().Index(id);
        if (!i) return std::nullopt;
        return s.data().account(*i);
      });
}

// The query of GET /api/requests: sort, order, status, product_area, segment, q, and
// min_<figure> / max_<figure> for every figure.
Result<feedback::RankQuery> ParseRankQuery(Ctx& c) {
  feedback::RankQuery q;
  if (!c.Query("sort").empty()) q.sort = c.Query("sort");
  std::string order = c.Query("order");
  if (!order.empty() && order != "asc" && order != "desc") {
    c.error_field = "order";
    return InvalidArgument("api.badQuery", "order must be asc or desc");
  }
  if (!order.empty()) q.descending = order == "desc";
  std::string statuses = c.Query("status");
  for (size_t at = 0; !statuses.empty() && at <= statuses.size();) {
    size_t end = std::min(statuses.find(',', at), statuses.size());
    if (end > at) q.statuses.push_back(statuses.substr(at, end - at));
    at = end + 1;
  }
  q.product_area = c.Query("product_area");
  q.segment = c.Query("segment");
  q.q = c.Query("q");
  for (const std::string& name : feedback::FigureNames()) {
    for (const char* prefix : {"min_", "max_"}) {
      std::string key = prefix + name, v = c.Query(key.c_str());
      if (v.empty()) continue;
      char* end = nullptr;
      double x = std::strtod(v.c_str(), &end);
      if (end == v.c_str() || *end != '\0') {
        c.error_field = key;
        return InvalidArgument("api.badQuery", key + " must be a number");
      }
      (prefix[1] == 'i' ? q.min : q.max)[name] = x;
    }
  }
  TEND_RETURN_IF_ERROR(Fielded(c, feedback::CheckQuery(q)));
  return q;
}

std::string RankQueryParams() {
  std::string out = "sort,order,status,product_area,segment,q,limit";
  for (const std::string& name : feedback::FigureNames()) out += ",min_" + name + ",max_" + name;
  return out;
}

Status ListRequests(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto q, ParseRankQuery(c));
  TEND_ASSIGN_OR_RETURN(auto requests, c.store.ListFeedbackRequests());
  TEND_ASSIGN_OR_RETURN(auto items, c.store.ListFeedbackItems({}));
  auto ranked = feedback::RankRequests(requests, items, LiveFacts(c), c.state.live->as_of(), q);
  size_t limit = ranked.size();
  if (std::string l = c.Query("limit"); !l.empty()) {
    limit = std::min(limit, static_cast<size_t>(std::max(0L, std::strtol(l.c_str(), nullptr, 10))));
  }
  nlohmann::json out = nlohmann::json::array();
  for (size_t k = 0; k < limit; ++k) out.push_back(RequestFiguresJson(ranked[k], false));
  c.Send(200, {{"requests", out},
               {"total", ranked.size()},
               {"as_of", FormatDate(c.state.live->as_of())},
               {"renewal_horizon_days", feedback::kRenewalHorizonDays}});
  return Status::Ok();
}

Status GetRequest(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto r, feedback::GetRequest(c.store, id));
  store::FeedbackItemFilter f;
  f.request_id = r.request_id;
  TEND_ASSIGN_OR_RETURN(auto items, c.store.ListFeedbackItems(f));
  auto facts = LiveFacts(c);
  auto figures = feedback::ComputeFigures(r, items, facts, c.state.live->as_of());
  nlohmann::json j = RequestFiguresJson(figures, true);
  nlohmann::json ij = nlohmann::json::array();
  for (const auto& it : items) {
    nlohmann::json x = FeedbackItemJson(it);
    auto a = facts.find(it.account_id);
    x["account_name"] = a == facts.end() ? "" : a->second.name;
    if (!it.contact_id.empty()) {
      TEND_ASSIGN_OR_RETURN(auto contact, c.store.GetContact(it.contact_id));
      x["contact_name"] = contact ? contact->name : "";
    }
    ij.push_back(x);
  }
  j["items"] = ij;
  TEND_ASSIGN_OR_RETURN(auto all, c.store.ListFeedbackRequests());
  nlohmann::json merged = nlohmann::json::array();
  for (const auto& m : all) {
    if (m.merged_into == r.request_id) merged.push_back(FeedbackRequestJson(m));
  }
  j["merged_requests"] = merged;
  j["redirected_from"] = id == r.request_id ? nlohmann::json(nullptr) : nlohmann::json(id);
  c.Send(200, j);
  return Status::Ok();
}

Result<store::FeedbackRequestRecord> RequestFromJson(Ctx& c, const nlohmann::json& j,
                                                     store::FeedbackRequestRecord r, bool create) {
  auto text = [&](const char* name, std::string* out) -> Status {
    if (!create && !j.contains(name)) return Status::Ok();
    TEND_ASSIGN_OR_RETURN(*out, StringField(c, j, name, create && std::string(name) == "title"));
    return Status::Ok();
  };
  TEND_RETURN_IF_ERROR(text("title", &r.title));
  TEND_RETURN_IF_ERROR(text("description", &r.description));
  TEND_RETURN_IF_ERROR(text("product_area", &r.product_area));
  TEND_RETURN_IF_ERROR(text("external_link", &r.external_link));
  TEND_RETURN_IF_ERROR(text("target_release", &r.target_release));
  return r;
}

Status CreateRequest(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(auto r, RequestFromJson(c, j, {}, true));
  TEND_ASSIGN_OR_RETURN(r.status, StringField(c, j, "status", false));
  r.created_by = c.Actor();
  auto id = feedback::CreateRequest(c.store, r, NowMs());
  if (!id.ok()) return Fielded(c, id.status());
  TEND_ASSIGN_OR_RETURN(auto made, feedback::GetRequest(c.store, *id));
  c.Send(201, FeedbackRequestJson(made));
  return Status::Ok();
}

// Edits a request's fields; a status in the body changes the status (closing the loop).
Status PatchRequest(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(auto current, feedback::GetRequest(c.store, id));
  TEND_ASSIGN_OR_RETURN(auto r, RequestFromJson(c, j, current, false));
  TEND_ASSIGN_OR_RETURN(auto areas, c.store.ListProductAreas());
  TEND_RETURN_IF_ERROR(Fielded(c, feedback::CheckRequest(r, areas)));
  const EpochMs now = NowMs();
  r.updated_at = now;
  TEND_RETURN_IF_ERROR(c.store.UpdateFeedbackRequest(r));
  nlohmann::json out;
  if (j.contains("status")) {
    TEND_ASSIGN_OR_RETURN(std::string status, StringField(c, j, "status", true));
    auto change = feedback::SetRequestStatus(c.store, r.request_id, status, c.Actor(),
                                             c.state.live->as_of(), now);
    if (!change.ok()) return Fielded(c, change.status());
    out = StatusChangeJson(*change);
    RescoreAfterCommit(c);
    // The new CTAs go to the event stream once committed, as a created CTA does.
    std::vector<std::string> messages;
    for (int64_t cta_id : change->cta_ids) {
      store::CtaFilter f;
      f.cta_id = cta_id;
      TEND_ASSIGN_OR_RETURN(auto made, c.store.ListCtas(f));
      for (const auto& cta : made) messages.push_back(DumpJson(json::CtaJson(cta)));
    }
    if (!messages.empty()) {
      c.after_commit.push_back([&c, messages] {
        for (const auto& m : messages) c.state.stream->Publish("cta", m);
        return Status::Ok();
      });
    }
  } else {
    TEND_ASSIGN_OR_RETURN(auto now_r, feedback::GetRequest(c.store, r.request_id));
    out = {{"request", FeedbackRequestJson(now_r)}, {"changed", false}};
  }
  c.Send(200, out);
  return Status::Ok();
}

Status MergeRequest(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(auto into, IntField(c, j, "into", true));
  auto moved = feedback::MergeRequests(c.store, id, *into, NowMs());
  if (!moved.ok()) {
    if (moved.status().code() == ErrorCode::kFailedPrecondition) c.error_field = "into";
    return moved.status();
  }
  RescoreAfterCommit(c);
  TEND_ASSIGN_OR_RETURN(auto r, feedback::GetRequest(c.store, *into));
  c.Send(200, {{"moved_items", *moved}, {"request", FeedbackRequestJson(r)}});
  return Status::Ok();
}

Status ListItems(Ctx& c) {
  store::FeedbackItemFilter f;
  f.account_id = c.Query("account_id");
  if (std::string r = c.Query("request_id"); !r.empty()) {
    char* end = nullptr;
    long long v = std::strtoll(r.c_str(), &end, 10);
    if (end == r.c_str() || *end != '\0' || v <= 0) {
      c.error_field = "request_id";
      return InvalidArgument("api.badQuery", "request_id must be a positive integer");
    }
    f.request_id = v;
  }
  TEND_ASSIGN_OR_RETURN(auto items, c.store.ListFeedbackItems(f));
  TEND_ASSIGN_OR_RETURN(auto requests, c.store.ListFeedbackRequests());
  std::map<int64_t, const store::FeedbackRequestRecord*> by_id;
  for (const auto& r : requests) by_id[r.request_id] = &r;
  nlohmann::json out = nlohmann::json::array();
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    nlohmann::json x = FeedbackItemJson(*it);
    if (it->request_id && by_id.contains(*it->request_id)) {
      const auto* r = by_id[*it->request_id];
      x["request_title"] = r->title;
      x["request_status"] = r->status;
    }
    out.push_back(x);
  }
  c.Send(200, {{"items", out}, {"total", items.size()}});
  return Status::Ok();
}

// Logs a feedback item. `request_id` links it; `request_title` links it to the open request
// with that title, or creates one (status new) when there is none.
Status LogFeedback(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  store::FeedbackItemRecord item;
  TEND_ASSIGN_OR_RETURN(item.account_id, StringField(c, j, "account_id", true));
  TEND_ASSIGN_OR_RETURN(item.contact_id, StringField(c, j, "contact_id", false));
  TEND_ASSIGN_OR_RETURN(item.source, StringField(c, j, "source", true));
  TEND_ASSIGN_OR_RETURN(item.source_ref, StringField(c, j, "source_ref", false));
  TEND_ASSIGN_OR_RETURN(item.kind, StringField(c, j, "kind", true));
  TEND_ASSIGN_OR_RETURN(item.text, StringField(c, j, "text", true));
  TEND_ASSIGN_OR_RETURN(item.product_area, StringField(c, j, "product_area", false));
  TEND_ASSIGN_OR_RETURN(item.importance, StringField(c, j, "importance", true));
  TEND_ASSIGN_OR_RETURN(item.request_id, IntField(c, j, "request_id", false));
  TEND_ASSIGN_OR_RETURN(std::string title, StringField(c, j, "request_title", false));
  auto account = LiveAccount(c, item.account_id);
  if (!account) return FieldError(c, "account_id", "no account " + item.account_id);
  if (c.user && c.user->role == auth::Role::kCsm) {
    TEND_RETURN_IF_ERROR(c.RequireOwnAccount(item.account_id));
  }
  std::optional<std::string> contact_account;
  if (!item.contact_id.empty()) {
    TEND_ASSIGN_OR_RETURN(auto contact, c.store.GetContact(item.contact_id));
    if (!contact) return FieldError(c, "contact_id", "no contact " + item.contact_id);
    contact_account = contact->account_id;
  }
  item.created_by = c.Actor();
  const EpochMs now = NowMs();
  if (!title.empty() && !item.request_id) {
    TEND_ASSIGN_OR_RETURN(auto requests, c.store.ListFeedbackRequests());
    for (const auto& r : requests) {
      if (!r.merged_into && r.title == title) item.request_id = r.request_id;
    }
    if (!item.request_id) {
      store::FeedbackRequestRecord r;
      r.title = title;
      r.product_area = item.product_area;
      r.created_by = c.Actor();
      auto id = feedback::CreateRequest(c.store, r, now);
      if (!id.ok()) {
        c.error_field = "request_title";
        return id.status();
      }
      item.request_id = *id;
    }
  }
  auto id = feedback::LogItem(c.store, item, true, contact_account, now);
  if (!id.ok()) return Fielded(c, id.status());
  RescoreAfterCommit(c);
  TEND_ASSIGN_OR_RETURN(auto made, c.store.GetFeedbackItem(*id));
  c.Send(201, FeedbackItemJson(*made));
  return Status::Ok();
}

// Links an item to a request (request_id; null unlinks).
Status PatchFeedback(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(auto item, c.store.GetFeedbackItem(id));
  if (!item) return NotFound("feedback.noItem", "no feedback item " + std::to_string(id));
  if (c.user && c.user->role == auth::Role::kCsm) {
    TEND_RETURN_IF_ERROR(c.RequireOwnAccount(item->account_id));
  }
  if (!j.contains("request_id")) return FieldError(c, "request_id", "is required (null unlinks)");
  TEND_ASSIGN_OR_RETURN(auto request_id, IntField(c, j, "request_id", false));
  Status linked = feedback::LinkItem(c.store, id, request_id);
  if (!linked.ok()) {
    if (linked.code() == ErrorCode::kNotFound && request_id) c.error_field = "request_id";
    return linked;
  }
  RescoreAfterCommit(c);
  TEND_ASSIGN_OR_RETURN(auto now_item, c.store.GetFeedbackItem(id));
  c.Send(200, FeedbackItemJson(*now_item));
  return Status::Ok();
}

Status Suggest(Ctx& c) {
  std::string text = c.Query("text");
  if (text.empty()) {
    c.error_field = "text";
    return InvalidArgument("api.badQuery", "text is required");
  }
  size_t limit = 5;
  if (std::string l = c.Query("limit"); !l.empty()) {
    limit = static_cast<size_t>(std::clamp(std::strtol(l.c_str(), nullptr, 10), 1L, 50L));
  }
  TEND_ASSIGN_OR_RETURN(auto requests, c.store.ListFeedbackRequests());
  c.Send(200, {{"suggestions", SuggestionsJson(feedback::SimilarRequests(text, requests, limit))},
               {"method", "tf-idf cosine over title and description words"}});
  return Status::Ok();
}

// What on the account can become a feedback item (survey comments, tickets, calls).
Status Sources(Ctx& c) {
  std::string id = c.Param(0);
  if (!LiveAccount(c, id)) return NotFound("api.noAccount", "no account " + id);
  TEND_ASSIGN_OR_RETURN(auto sources, feedback::FeedbackSources(c.store, id, 20));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : sources) {
    out.push_back({{"source", s.source},
                   {"source_ref", s.source_ref},
                   {"contact_id", s.contact_id},
                   {"text", s.text},
                   {"ts", FormatTime(s.ts)},
                   {"logged", s.logged}});
  }
  c.Send(200, {{"sources", out}});
  return Status::Ok();
}

Status ListAreas(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto areas, c.store.ListProductAreas());
  c.Send(200, {{"product_areas", areas}});
  return Status::Ok();
}

Status AddArea(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string name, StringField(c, j, "name", true));
  TEND_RETURN_IF_ERROR(c.store.AddProductArea(name));
  TEND_ASSIGN_OR_RETURN(auto areas, c.store.ListProductAreas());
  c.Send(201, {{"product_areas", areas}});
  return Status::Ok();
}

}  // namespace

void AddFeedbackRoutes(std::vector<Route>& r) {
  const char* tag = "feedback";
  static const std::string kRankQuery = RankQueryParams();
  r.push_back({"GET", "/api/requests", Access::kAnyUser, tag,
               "requests ranked by the revenue asking for them, with filters on every figure",
               ListRequests, "", kRankQuery.c_str()});
  r.push_back({"POST", "/api/requests", Access::kProduct, tag, "create a request", CreateRequest,
               "!title:string,description:string,product_area:string,status:string,"
               "external_link:string,target_release:string"});
  r.push_back({"GET", "/api/requests/{id}", Access::kAnyUser, tag,
               "a request with its figures, accounts asking and their quotes", GetRequest});
  r.push_back({"PATCH", "/api/requests/{id}", Access::kProduct, tag,
               "edit a request; a new status notifies the CSMs of the accounts asking",
               PatchRequest,
               "title:string,description:string,product_area:string,status:string,"
               "external_link:string,target_release:string"});
  r.push_back({"POST", "/api/requests/{id}/merge", Access::kProduct, tag,
               "merge a request into another (its items move there)", MergeRequest,
               "!into:integer"});
  r.push_back({"GET", "/api/feedback", Access::kAnyUser, tag,
               "feedback items, newest first", ListItems, "", "account_id,request_id"});
  r.push_back({"POST", "/api/feedback", Access::kFeedbackWork, tag,
               "log what a customer said (optionally linked to a request)", LogFeedback,
               "!account_id:string,contact_id:string,!source:string,source_ref:string,"
               "!kind:string,!text:string,product_area:string,!importance:string,"
               "request_id:integer,request_title:string"});
  r.push_back({"PATCH", "/api/feedback/{id}", Access::kFeedbackWork, tag,
               "link a feedback item to a request (null unlinks)", PatchFeedback,
               "request_id:integer"});
  r.push_back({"GET", "/api/feedback/suggest", Access::kAnyUser, tag,
               "requests with words like a text (tf-idf cosine)", Suggest, "", "text,limit"});
  r.push_back({"GET", "/api/accounts/{id}/feedback-sources", Access::kCsWork, tag,
               "survey comments, tickets and calls that can become feedback items", Sources});
  r.push_back({"GET", "/api/product-areas", Access::kAnyUser, tag,
               "the product areas CS Ops maintains", ListAreas});
  r.push_back({"POST", "/api/product-areas", Access::kOps, tag, "add a product area", AddArea,
               "!name:string"});
}

}  // namespace tend::api
