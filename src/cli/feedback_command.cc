// tend feedback requests|show|log|link|merge|status|suggest|areas|webhook
// The voice of the customer from the command line (docs/feedback.md): requests ranked by
// the revenue asking for them, a request's accounts and quotes, logging and linking
// feedback, merging requests, status changes that close the loop.
#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "api/json/feedback_json.h"
#include "cli/cockpit_common.h"
#include "cli/command.h"
#include "cli/format.h"
#include "common/field_parse.h"
#include "common/json_text.h"
#include "common/time.h"
#include "feedback/account_facts.h"
#include "feedback/feedback.h"
#include "feedback/ranking.h"
#include "feedback/similarity.h"
#include "feedback/status_change.h"
#include "scorecard/health_session.h"

namespace tend::cli {

namespace {

// Accounts with colors and the day, from a session refreshed as of `day` (default: the
// latest event's day).
struct Facts {
  std::map<std::string, feedback::AccountFacts> accounts;
  EpochDay today = 0;
};
Result<Facts> LoadFacts(store::Store& st, std::optional<EpochDay> day) {
  TEND_ASSIGN_OR_RETURN(auto session, scorecard::HealthSession::Open(st, /*allow_empty=*/true));
  TEND_RETURN_IF_ERROR(session->Refresh(day, false));
  return Facts{feedback::AccountFactsOf(*session), session->engine().as_of()};
}

std::string Money(double v) { return Compact(v, 3); }

std::string Segments(const std::map<std::string, int64_t>& segments) {
  std::string out;
  for (const auto& [s, n] : segments) {
    out += (out.empty() ? "" : " ") + (s.empty() ? std::string("(none)") : s) + ":" +
           std::to_string(n);
  }
  return out;
}

}  // namespace

int RunFeedback(int argc, char** argv) {
  CLI::App app{
      "The voice of the customer: feedback items and the requests they ask for, ranked by the "
      "revenue asking (docs/feedback.md).",
      "tend feedback"};
  app.require_subcommand(1);
  std::string db, as_of, format = "table", sort = "arr_at_risk", order = "desc", status,
                         area, segment, q, by, account, contact, source, kind, text, importance,
                         source_ref, title, url;
  std::vector<std::string> mins, maxs;
  int64_t id = 0, into = 0, request_id = 0;
  int limit = 20;

  auto* requests = app.add_subcommand(
      "requests", "requests ranked (default: by ARR at risk that asks for it), with filters");
  requests->add_option("--sort", sort, "a figure (accounts, arr, arr_at_risk, ...), title");
  requests->add_option("--order", order, "asc or desc")->check(CLI::IsMember({"asc", "desc"}));
  requests->add_option("--status", status, "comma list of statuses");
  requests->add_option("--product-area", area, "only this product area");
  requests->add_option("--segment", segment, "only requests asked for by this segment");
  requests->add_option("--q", q, "words in the title or description");
  requests->add_option("--min", mins, "FIGURE=VALUE: keep requests with FIGURE >= VALUE");
  requests->add_option("--max", maxs, "FIGURE=VALUE: keep requests with FIGURE <= VALUE");
  requests->add_option("--limit", limit, "rows to print (default 20; 0 all)");
  auto* show = app.add_subcommand("show", "a request: figures, accounts asking, their quotes");
  show->add_option("request_id", id, "the request")->required();
  for (auto* sub : {requests, show}) {
    sub->add_option("--as-of", as_of, "score as of this day (default: the latest event's)");
    sub->add_option("--format", format, "table or json")
        ->check(CLI::IsMember({"table", "json"}));
  }

  auto* log = app.add_subcommand("log", "log what a customer said");
  log->add_option("--account", account, "the account")->required();
  log->add_option("--contact", contact, "the contact who said it");
  log->add_option("--source", source, "call|meeting|qbr|ticket|survey|email|community|other")
      ->required();
  log->add_option("--source-ref", source_ref, "activity:<id>, ticket:<id>, survey:<id> or a URL");
  log->add_option("--kind", kind, "feature_request|bug|praise|complaint|question")->required();
  log->add_option("--importance", importance, "nice|important|blocker")->required();
  log->add_option("--text", text, "what they said")->required();
  log->add_option("--product-area", area, "one of the product areas");
  log->add_option("--request", request_id, "link it to this request");
  auto* link = app.add_subcommand("link", "link a feedback item to a request");
  link->add_option("item_id", id, "the item")->required();
  link->add_option("request_id", request_id, "the request (0 unlinks)")->required();
  auto* create = app.add_subcommand("create", "create a request");
  create->add_option("--title", title, "the title")->required();
  create->add_option("--description", text, "what it is");
  create->add_option("--product-area", area, "one of the product areas");
  auto* merge = app.add_subcommand("merge", "merge a request into another (its items move)");
  merge->add_option("request_id", id, "the request merged away")->required();
  merge->add_option("--into", into, "the request that keeps the items")->required();
  auto* set_status = app.add_subcommand(
      "status", "set a request's status (planned/shipped notify the CSMs of the accounts asking)");
  set_status->add_option("request_id", id, "the request")->required();
  set_status->add_option("status", status, "new|under_review|planned|in_progress|shipped|declined")
      ->required();
  auto* suggest = app.add_subcommand("suggest", "requests with words like a text (tf-idf cosine)");
  suggest->add_option("text", text, "the feedback text")->required();
  auto* areas = app.add_subcommand("areas", "the product areas CS Ops maintains: list, add");
  auto* areas_add = areas->add_subcommand("add", "add a product area");
  areas_add->add_option("name", area, "the area")->required();
  auto* webhook = app.add_subcommand(
      "webhook", "where request status changes are posted (empty --url: nowhere)");
  webhook->add_option("--url", url, "the receiver (Slack or the product team's tools)");
  for (auto* sub : {log, link, create, merge, set_status}) {
    sub->add_option("--by", by, "who is acting (default: $USER)");
  }
  for (auto* sub : {requests, show, log, link, create, merge, set_status, suggest, areas, areas_add,
                    webhook}) {
    AddDbOption(*sub, &db);
  }
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;

  std::optional<EpochDay> day;
  if (!as_of.empty()) {
    day = ParseDate(as_of);
    if (!day) {
      return Fail(InvalidArgument("cli.badDate",
                                  "--as-of \"" + as_of + "\" is not a date (expected YYYY-MM-DD)"));
    }
  }
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  store::Store& st = **ws;
  const std::string actor = Actor(by);
  const EpochMs now = NowMs();

  if (requests->parsed()) {
    feedback::RankQuery query;
    query.sort = sort;
    query.descending = order == "desc";
    for (size_t at = 0; !status.empty() && at <= status.size();) {
      size_t end = std::min(status.find(',', at), status.size());
      if (end > at) query.statuses.push_back(status.substr(at, end - at));
      at = end + 1;
    }
    query.product_area = area;
    query.segment = segment;
    query.q = q;
    for (auto [list, bounds] : {std::pair{&mins, &query.min}, std::pair{&maxs, &query.max}}) {
      for (const std::string& m : *list) {
        size_t eq = m.find('=');
        auto v = eq == std::string::npos ? std::nullopt : ParseNumber(m.substr(eq + 1));
        if (!v) {
          return Fail(InvalidArgument("cli.badBound", "\"" + m + "\": expected FIGURE=NUMBER"));
        }
        (*bounds)[m.substr(0, eq)] = *v;
      }
    }
    if (Status s = feedback::CheckQuery(query); !s.ok()) return Fail(s);
    auto facts = LoadFacts(st, day);
    if (!facts.ok()) return Fail(facts.status());
    auto all = st.ListFeedbackRequests();
    if (!all.ok()) return Fail(all.status());
    auto items = st.ListFeedbackItems({});
    if (!items.ok()) return Fail(items.status());
    auto ranked = feedback::RankRequests(*all, *items, facts->accounts, facts->today, query);
    size_t n = limit > 0 ? std::min(ranked.size(), static_cast<size_t>(limit)) : ranked.size();
    if (format == "json") {
      nlohmann::json out = nlohmann::json::array();
      for (size_t k = 0; k < n; ++k) out.push_back(api::RequestFiguresJson(ranked[k], false));
      nlohmann::json page = {
          {"as_of", FormatDate(facts->today)}, {"total", ranked.size()}, {"requests", out}};
      std::printf("%s\n", DumpJson(page, 2).c_str());
      return 0;
    }
    std::vector<std::vector<std::string>> t = {
        {"id", "title", "status", "accounts", "contacts", "arr", "blocker_arr", "renewing_arr",
         "arr_at_risk", "red", "yellow", "segments"}};
    for (size_t k = 0; k < n; ++k) {
      const auto& f = ranked[k];
      t.push_back({std::to_string(f.request.request_id), f.request.title, f.request.status,
                   std::to_string(f.accounts), std::to_string(f.contacts), Money(f.arr),
                   Money(f.blocker_arr), Money(f.renewing_arr), Money(f.arr_at_risk),
                   std::to_string(f.red), std::to_string(f.yellow), Segments(f.segments)});
    }
    std::printf("%zu requests as of %s, by %s %s\n", ranked.size(),
                FormatDate(facts->today).c_str(), sort.c_str(), order.c_str());
    PrintTable(t);
    return 0;
  }
  if (show->parsed()) {
    auto r = feedback::GetRequest(st, id);
    if (!r.ok()) return Fail(r.status());
    auto facts = LoadFacts(st, day);
    if (!facts.ok()) return Fail(facts.status());
    store::FeedbackItemFilter f;
    f.request_id = r->request_id;
    auto items = st.ListFeedbackItems(f);
    if (!items.ok()) return Fail(items.status());
    auto figures = feedback::ComputeFigures(*r, *items, facts->accounts, facts->today);
    if (format == "json") {
      nlohmann::json j = api::RequestFiguresJson(figures, true);
      nlohmann::json ij = nlohmann::json::array();
      for (const auto& it : *items) ij.push_back(api::FeedbackItemJson(it));
      j["items"] = ij;
      std::printf("%s\n", DumpJson(j, 2).c_str());
      return 0;
    }
    std::printf("request %lld: %s [%s]%s\n", static_cast<long long>(r->request_id),
                r->title.c_str(), r->status.c_str(),
                r->external_link.empty() ? "" : ("  " + r->external_link).c_str());
    std::printf("%lld items, %lld accounts, %lld contacts; ARR %s, blocker ARR %s, renewing "
                "ARR %s, ARR at risk %s; %lld red, %lld yellow; %s\n",
                static_cast<long long>(figures.items), static_cast<long long>(figures.accounts),
                static_cast<long long>(figures.contacts), Money(figures.arr).c_str(),
                Money(figures.blocker_arr).c_str(), Money(figures.renewing_arr).c_str(),
                Money(figures.arr_at_risk).c_str(), static_cast<long long>(figures.red),
                static_cast<long long>(figures.yellow), Segments(figures.segments).c_str());
    std::vector<std::vector<std::string>> t = {
        {"account", "name", "segment", "arr", "color", "items", "blocker", "renewing", "at_risk"}};
    for (const auto& a : figures.by_account) {
      t.push_back({a.account.account_id, a.account.name, a.account.segment, Money(a.account.arr),
                   a.account.color.empty() ? "-" : a.account.color, std::to_string(a.items),
                   a.blocker ? "yes" : "", a.renewing ? "yes" : "", a.at_risk ? "yes" : ""});
    }
    PrintTable(t);
    std::vector<std::vector<std::string>> quotes = {{"item", "account", "contact", "importance", "text"}};
    for (const auto& it : *items) {
      quotes.push_back({std::to_string(it.item_id), it.account_id, it.contact_id, it.importance,
                        it.text});
    }
    PrintTable(quotes);
    return 0;
  }
  if (log->parsed()) {
    store::FeedbackItemRecord item;
    item.account_id = account;
    item.contact_id = contact;
    item.source = source;
    item.source_ref = source_ref;
    item.kind = kind;
    item.importance = importance;
    item.text = text;
    item.product_area = area;
    item.created_by = actor;
    if (request_id > 0) item.request_id = request_id;
    int64_t made = 0;
    if (int rc = InTransaction(st, [&]() -> Status {
          TEND_ASSIGN_OR_RETURN(auto found, FindAccount(st, account));
          (void)found;
          std::optional<std::string> contact_account;
          if (!contact.empty()) {
            TEND_ASSIGN_OR_RETURN(auto c, st.GetContact(contact));
            if (c) contact_account = c->account_id;
          }
          TEND_ASSIGN_OR_RETURN(made, feedback::LogItem(st, item, true, contact_account, now));
          return Status::Ok();
        });
        rc >= 0)
      return rc;
    std::printf("feedback item %lld logged\n", static_cast<long long>(made));
    return 0;
  }
  if (link->parsed()) {
    std::optional<int64_t> to;
    if (request_id > 0) to = request_id;
    if (int rc = InTransaction(st, [&] { return feedback::LinkItem(st, id, to); }); rc >= 0)
      return rc;
    std::printf("feedback item %lld %s\n", static_cast<long long>(id),
                to ? ("linked to request " + std::to_string(*to)).c_str() : "unlinked");
    return 0;
  }
  if (create->parsed()) {
    store::FeedbackRequestRecord r;
    r.title = title;
    r.description = text;
    r.product_area = area;
    r.created_by = actor;
    int64_t made = 0;
    if (int rc = InTransaction(st, [&]() -> Status {
          TEND_ASSIGN_OR_RETURN(made, feedback::CreateRequest(st, r, now));
          return Status::Ok();
        });
        rc >= 0)
      return rc;
    std::printf("request %lld created\n", static_cast<long long>(made));
    return 0;
  }
  if (merge->parsed()) {
    int64_t moved = 0;
    if (int rc = InTransaction(st, [&]() -> Status {
          TEND_ASSIGN_OR_RETURN(moved, feedback::MergeRequests(st, id, into, now));
          return Status::Ok();
        });
        rc >= 0)
      return rc;
    std::printf("request %lld merged into %lld: %lld items moved\n", static_cast<long long>(id),
                static_cast<long long>(into), static_cast<long long>(moved));
    return 0;
  }
  if (set_status->parsed()) {
    feedback::StatusChange change;
    if (int rc = InTransaction(st, [&]() -> Status {
          TEND_ASSIGN_OR_RETURN(change, feedback::SetRequestStatus(st, id, status, actor,
                                                                   DayOf(now), now));
          return Status::Ok();
        });
        rc >= 0)
      return rc;
    if (!change.changed) {
      std::printf("request %lld is already %s\n", static_cast<long long>(change.request.request_id),
                  status.c_str());
      return 0;
    }
    std::printf("request %lld: %s -> %s; %zu product_update CTAs, %lld timeline entries, %lld "
                "webhooks queued\n",
                static_cast<long long>(change.request.request_id), change.from.c_str(),
                status.c_str(), change.cta_ids.size(),
                static_cast<long long>(change.timeline_entries),
                static_cast<long long>(change.webhooks));
    return 0;
  }
  if (suggest->parsed()) {
    auto all = st.ListFeedbackRequests();
    if (!all.ok()) return Fail(all.status());
    std::vector<std::vector<std::string>> t = {{"request", "title", "status", "score"}};
    for (const auto& s : feedback::SimilarRequests(text, *all, 5)) {
      t.push_back({std::to_string(s.request_id), s.title, s.status, fmt::format("{:.3f}", s.score)});
    }
    PrintTable(t);
    return 0;
  }
  if (areas->parsed()) {
    if (areas_add->parsed()) {
      if (Status s = st.AddProductArea(area); !s.ok()) return Fail(s);
    }
    auto list = st.ListProductAreas();
    if (!list.ok()) return Fail(list.status());
    for (const auto& a : *list) std::printf("%s\n", a.c_str());
    return 0;
  }
  if (webhook->parsed()) {
    if (webhook->count("--url") > 0) {
      if (Status s = st.SetMeta(feedback::kFeedbackWebhookKey, url); !s.ok()) return Fail(s);
    }
    auto now_url = st.GetMeta(feedback::kFeedbackWebhookKey);
    if (!now_url.ok()) return Fail(now_url.status());
    std::printf("%s\n", now_url->value_or("").empty() ? "(no feedback webhook)"
                                                      : now_url->value().c_str());
    return 0;
  }
  return 0;
}

}  // namespace tend::cli
