// Routes: surveys sent and answered in tend (docs/surveys.md): sending a survey to contacts,
// its results, and the public pages a recipient opens from the mail (/s/TOKEN: the answer in
// one click, a comment, unsubscribing). Handlers parse, call surveys/ and map with
// api/json/survey_json.h; the public pages are surveys/page.h's HTML.
#include <httplib.h>
#include <spdlog/spdlog.h>

#include "api/json/survey_json.h"
#include "api/live_workspace.h"
#include "api/route.h"
#include "rules/engine/rule_engine.h"
#include "surveys/page.h"
#include "surveys/results.h"
#include "surveys/surveys.h"

namespace tend::api {

namespace {

Result<surveys::SurveyDef> FindSurvey(Ctx& c, const std::string& name) {
  auto def = c.state.live->Read([&](scorecard::HealthSession& s) -> std::optional<surveys::SurveyDef> {
    const surveys::SurveyDef* d = s.defs().FindSurvey(name);
    if (!d) return std::nullopt;
    return *d;
  });
  if (!def) return NotFound("survey.unknown", "no survey " + name + " in the definitions");
  return *def;
}

Status SendSurvey(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(surveys::SurveyDef def, FindSurvey(c, c.Param(0)));
  TEND_ASSIGN_OR_RETURN(auto body, c.Json());
  auto ids = body.find("contact_ids");
  if (ids == body.end() || !ids->is_array()) {
    return FieldError(c, "contact_ids", "is required: a list of contact ids");
  }
  if (ids->size() > 100000) return FieldError(c, "contact_ids", "at most 100000 per request");
  std::vector<std::string> contact_ids;
  for (const auto& id : *ids) {
    if (!id.is_string()) return FieldError(c, "contact_ids", "must be a list of strings");
    contact_ids.push_back(id.get<std::string>());
  }
  TEND_ASSIGN_OR_RETURN(surveys::SendOptions options, surveys::LoadSendOptions(c.store));
  if (options.public_url.empty()) {
    return FailedPrecondition("survey.noPublicUrl",
                              "surveys need the server's public address for their links "
                              "(tend serve --public-url, TEND_PUBLIC_URL)");
  }
  auto values = [&c](const std::string& account_id, const std::string& name) {
    return c.state.live->Read([&](scorecard::HealthSession& s) -> std::string {
      auto row = s.data().Index(account_id);
      return row ? rules::Render("{{" + name + "}}", s.engine(), *row) : std::string();
    });
  };
  TEND_ASSIGN_OR_RETURN(auto result,
                        surveys::SendSurvey(c.store, def, contact_ids, options, values, NowMs()));
  c.Send(202, json::SendResultJson(result));
  return Status::Ok();
}

Status SurveyResults(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(surveys::SurveyDef def, FindSurvey(c, c.Param(0)));
  TEND_ASSIGN_OR_RETURN(auto invites, c.store.ListSurveyInvites(def.name));
  nlohmann::json out = json::SurveyResultsJson(surveys::ComputeResults(invites, def.kind), def.kind);
  out["survey"] = def.name;
  c.Send(200, out);
  return Status::Ok();
}

Status ListSurveys(Ctx& c) {
  auto defs = c.state.live->Read([](scorecard::HealthSession& s) { return s.defs().surveys; });
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : defs) {
    out.push_back({{"name", d.name}, {"kind", d.kind}, {"subject", d.subject},
                   {"question", surveys::QuestionOf(d)}});
  }
  c.Send(200, {{"surveys", out}});
  return Status::Ok();
}

// ---- the public pages ----

void Html(Ctx& c, int status, const std::string& html) {
  c.res.status = status;
  c.res.set_header("Cache-Control", "no-store");
  c.res.set_header("Referrer-Policy", "no-referrer");
  c.res.set_content(html, "text/html; charset=utf-8");
}

// The page's own path, under the base path.
std::string SelfPath(const Ctx& c) {
  return (c.cookie_path == "/" ? "" : c.cookie_path) + c.req.path;
}

int StatusOf(const Status& st) {
  switch (st.code()) {
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kFailedPrecondition: return 410;
    case ErrorCode::kInvalidArgument: return 422;
    default: return 500;
  }
}

void ErrorPage(Ctx& c, const Status& st) {
  Html(c, StatusOf(st),
       surveys::MessagePageHtml(st.code() == ErrorCode::kNotFound ? "Link not valid"
                                                                  : "Survey closed",
                                st.message()));
}

// "0".."10" -> the number; anything else -> nullopt with bad = true.
std::optional<int> ParseScore(const std::string& text, bool* bad) {
  *bad = false;
  if (text.empty()) return std::nullopt;
  if (text.size() > 2 || !std::all_of(text.begin(), text.end(), ::isdigit)) {
    *bad = true;
    return std::nullopt;
  }
  return std::stoi(text);
}

// Records an answer in one transaction, re-scores the account after it; renders the page.
Status AnswerAndShow(Ctx& c, const std::string& score_text, std::optional<std::string> comment) {
  const std::string token = c.Param(0);
  bool bad = false;
  std::optional<int> score = ParseScore(score_text, &bad);
  const EpochMs now = NowMs();
  auto shown = surveys::OpenInvite(c.store, token, now);
  if (!shown.ok()) {
    ErrorPage(c, shown.status());
    return Status::Ok();
  }
  surveys::SurveyDef def;
  if (auto d = FindSurvey(c, shown->survey); d.ok()) def = *d;
  surveys::PageView view;
  view.action = SelfPath(c);
  view.kind = shown->kind;
  view.question = def.question;
  if (shown->score) view.score = static_cast<int>(*shown->score);
  view.comment = shown->comment;
  if (bad) {
    view.error = "the score must be a whole number from " +
                 std::to_string(surveys::SurveyMinScore(shown->kind)) + " to " +
                 std::to_string(surveys::SurveyMaxScore(shown->kind));
    Html(c, 422, surveys::SurveyPageHtml(view));
    return Status::Ok();
  }
  if (!score && !comment) {  // just looking
    Html(c, 200, surveys::SurveyPageHtml(view));
    return Status::Ok();
  }
  TEND_RETURN_IF_ERROR(c.store.Begin());
  auto answered = surveys::Answer(c.store, token, score, comment, now);
  Status st = answered.ok() ? c.store.Commit() : answered.status();
  if (!st.ok()) {
    (void)c.store.Rollback();
    if (st.code() == ErrorCode::kInternal || st.code() == ErrorCode::kUnavailable) return st;
    view.error = st.message();
    Html(c, StatusOf(st), surveys::SurveyPageHtml(view));
    return Status::Ok();
  }
  if (Status r = c.state.live->FactsChanged(answered->invite.account_id); !r.ok()) {
    spdlog::error("survey answer: re-scoring {}: {}", answered->invite.account_id, r.ToString());
  }
  view.score = static_cast<int>(*answered->invite.score);
  view.comment = answered->invite.comment;
  view.notice = comment ? "Thank you for your comment!"
                        : "Thank you! Your answer is recorded. Tell us why, if you like:";
  Html(c, 200, surveys::SurveyPageHtml(view));
  return Status::Ok();
}

Status SurveyPage(Ctx& c) { return AnswerAndShow(c, c.Query("score"), std::nullopt); }

Status SurveyPost(Ctx& c) {
  httplib::Params form;
  httplib::detail::parse_query_text(c.body, form);
  auto field = [&](const char* name) -> std::optional<std::string> {
    auto it = form.find(name);
    if (it == form.end()) return std::nullopt;
    return it->second;
  };
  std::optional<std::string> comment = field("comment");
  if (c.body.size() > surveys::kMaxCommentBytes * 3 + 100) {  // percent-encoding triples bytes
    comment = std::string(surveys::kMaxCommentBytes + 1, 'x');  // refused as too long
  }
  return AnswerAndShow(c, field("score").value_or(""), comment);
}

Status UnsubscribePage(Ctx& c) {
  auto inv = surveys::OpenInvite(c.store, c.Param(0), 0);  // expired links unsubscribe too
  if (!inv.ok()) {
    ErrorPage(c, inv.status());
    return Status::Ok();
  }
  Html(c, 200, surveys::UnsubscribePageHtml(SelfPath(c)));
  return Status::Ok();
}

Status UnsubscribePost(Ctx& c) {
  Status st = surveys::UnsubscribeByToken(c.store, c.Param(0), NowMs());
  if (!st.ok()) {
    if (st.code() != ErrorCode::kNotFound) return st;
    ErrorPage(c, st);
    return Status::Ok();
  }
  Html(c, 200, surveys::MessagePageHtml("Unsubscribed", "You will receive no more surveys from "
                                                        "us at this address."));
  return Status::Ok();
}

}  // namespace

void AddSurveyRoutes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/surveys", Access::kReader, "surveys", "the surveys defined",
               ListSurveys});
  r.push_back({"POST", "/api/surveys/{name}/send", Access::kOps, "surveys",
               "send a survey to contacts (202: queued, and who was skipped why)", SendSurvey,
               "!contact_ids:array", "", 8u << 20});
  r.push_back({"GET", "/api/surveys/{name}/results", Access::kReader, "surveys",
               "a survey's results: sent, responses, NPS, average, comments", SurveyResults});
  r.push_back({"GET", "/s/{token}", Access::kPublic, "surveys",
               "the public survey page (?score=N records that answer)", SurveyPage});
  r.push_back({"POST", "/s/{token}", Access::kPublic, "surveys",
               "answer from the public page (form: score, comment)", SurveyPost,
               "application/x-www-form-urlencoded", "", 64 << 10, /*own_txn=*/true});
  r.push_back({"GET", "/s/{token}/unsubscribe", Access::kPublic, "surveys",
               "the unsubscribe page", UnsubscribePage});
  r.push_back({"POST", "/s/{token}/unsubscribe", Access::kPublic, "surveys",
               "unsubscribe the address the survey went to (also List-Unsubscribe-Post)",
               UnsubscribePost, "application/x-www-form-urlencoded", "", 4 << 10,
               /*own_txn=*/true});
}

}  // namespace tend::api
