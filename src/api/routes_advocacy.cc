// Routes: the advocacy program (docs/advocacy.md): the program dashboard and impact view,
// the candidates queue, advocates and their profiles, asks, the give-back ledger, reference
// requests with matching, and the settings.
#include <algorithm>
#include <memory>
#include <chrono>

#include "advocacy/account_signals.h"
#include "advocacy/candidates.h"
#include "advocacy/impact.h"
#include "advocacy/matching.h"
#include "advocacy/program.h"
#include "advocacy/program_state.h"
#include "advocacy/propensity.h"
#include "advocacy/queries.h"
#include "api/json/advocacy_json.h"
#include "api/json/cockpit_json.h"
#include "api/json/common_json.h"
#include "api/live_workspace.h"
#include "api/route.h"

namespace tend::api {

namespace {

using advocacy::Program;

// A domain error about one field: say which (the program's ids are field names).
Status Fielded(Ctx& c, Status s) {
  if (s.code() == ErrorCode::kInvalidArgument &&
      (s.id().find('.') == std::string::npos || s.id().rfind("tiers[", 0) == 0)) {
    c.error_field = s.id();
  }
  return s;
}

Result<Program> OpenProgram(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto settings, advocacy::LoadSettings(c.store));
  return Program(c.store, std::move(settings));
}

// The live scores as the program sees them.
Result<advocacy::Signals> LiveSignals(Ctx& c) {
  return c.state.live->Read(
      [&](scorecard::HealthSession& s) { return advocacy::Signals::Build(s, c.store); });
}

// Re-scores the accounts whose timeline the program wrote to, after the commit.
void RescoreLogged(Ctx& c, const Program& p) {
  for (const auto& l : p.logged()) {
    c.after_commit.push_back(
        [&c, l] { return c.state.live->ActivityLogged(l.account_id, l.ts, l.type); });
  }
}

// A CSM works only on their own accounts' contacts; admins and ops on all.
Status RequireContactAccess(Ctx& c, const std::string& contact_id, store::ContactRecord* out) {
  TEND_ASSIGN_OR_RETURN(auto contact, c.store.GetContact(contact_id));
  if (!contact) return NotFound("advocacy.noContact", "no contact " + contact_id);
  *out = *contact;
  if (c.user && c.user->role == auth::Role::kCsm) return c.RequireOwnAccount(contact->account_id);
  return Status::Ok();
}

// The ranked candidates queue (advocacy/queries.h). Ranking reads every contact (4.6 s at
// 100,000 accounts), so the queue is kept (LiveWorkspace::read_cache) while the program's
// records and settings are unchanged and the scores are the same generation or less than a
// minute older (live ingestion changes the generation constantly; propensity does not need
// to follow every event).
Result<std::shared_ptr<const std::vector<advocacy::CandidateRow>>> RankedCandidates(
    Ctx& c, const advocacy::Settings& settings) {
  TEND_ASSIGN_OR_RETURN(auto advocates, c.store.ListAdvocates());
  const EpochDay today = DayOf(NowMs());
  ReadCache::Freshness f;
  f.generation = c.state.live->generation();
  f.fingerprint = advocacy::CandidateQueueFingerprint(settings, advocates, today);
  f.max_lag = std::chrono::seconds(60);
  return c.state.live->read_cache().Get<std::vector<advocacy::CandidateRow>>(
      "advocacy.candidates", f, [&]() -> Result<std::vector<advocacy::CandidateRow>> {
        TEND_ASSIGN_OR_RETURN(auto people, advocacy::LoadPeopleFacts(c.store));
        TEND_ASSIGN_OR_RETURN(auto signals, LiveSignals(c));
        return advocacy::CandidateQueue(people, signals, advocates, settings, today);
      });
}

// An advocate (or a contact outside the program) as the list and profile show it.
nlohmann::json AdvocateJson(const advocacy::ProgramState& state, const store::AdvocateRecord* a,
                            const store::ContactRecord& contact, const advocacy::Signals& signals) {
  return json::AdvocateViewJson(advocacy::ViewAdvocate(state, a, contact, signals, NowMs()));
}

// ---- Program dashboard, impact, settings ----

Status ProgramDashboard(Ctx& c) {
  std::optional<EpochDay> as_of;
  if (std::string q = c.Query("as_of"); !q.empty()) {
    as_of = ParseDate(q);
    if (!as_of) {
      c.error_field = "as_of";
      return InvalidArgument("api.badField", "as_of \"" + q + "\" is not a date (YYYY-MM-DD)");
    }
  }
  // Asks and requests happen now: the default day is today (or the workspace's as-of day
  // when that is later).
  if (!as_of) as_of = std::max(c.state.live->as_of(), DayOf(NowMs()));
  TEND_ASSIGN_OR_RETURN(auto state, advocacy::LoadProgramState(c.store));
  auto dashboard = advocacy::ComputeProgramDashboard(state, *as_of, NowMs());
  TEND_ASSIGN_OR_RETURN(auto candidates, RankedCandidates(c, state.settings));
  c.Send(200, json::ProgramDashboardJson(dashboard, candidates->size()));
  return Status::Ok();
}

// The impact view reads the score history of many days (10 s at 100,000 accounts); it
// changes with the daily history, so it is kept (LiveWorkspace::read_cache) for ten minutes.
Status Impact(Ctx& c) {
  std::string sc = c.state.live->Read([](scorecard::HealthSession& s) { return MainScorecard(s); });
  ReadCache::Freshness f;
  f.fingerprint = std::hash<std::string>{}(sc);
  f.max_age = std::chrono::minutes(10);
  TEND_ASSIGN_OR_RETURN(auto out, c.state.live->read_cache().Get<nlohmann::json>(
                                      "advocacy.impact", f,
                                      [&] { return advocacy::HealthImpact(c.store, sc); }));
  c.Send(200, *out);
  return Status::Ok();
}

Status GetSettings(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto s, advocacy::LoadSettings(c.store));
  c.Send(200, advocacy::SettingsJson(s));
  return Status::Ok();
}

Status PutSettings(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(auto base, advocacy::LoadSettings(c.store));
  auto s = advocacy::ParseSettings(j, base);
  if (!s.ok()) return Fielded(c, s.status());
  TEND_RETURN_IF_ERROR(advocacy::SaveSettings(c.store, *s));
  c.Send(200, advocacy::SettingsJson(*s));
  return Status::Ok();
}

// ---- Candidates ----

Status Candidates(Ctx& c) {
  int limit = 50, offset = 0;
  if (std::string l = c.Query("limit"); !l.empty())
    limit = std::clamp(std::atoi(l.c_str()), 1, 500);
  if (std::string o = c.Query("offset"); !o.empty()) offset = std::max(0, std::atoi(o.c_str()));
  TEND_ASSIGN_OR_RETURN(auto settings, advocacy::LoadSettings(c.store));
  TEND_ASSIGN_OR_RETURN(auto queue, RankedCandidates(c, settings));
  auto page = advocacy::SearchCandidates(*queue, c.Query("q"), offset, limit);
  nlohmann::json out = nlohmann::json::array();
  for (const auto* r : page.rows) out.push_back(json::CandidateRowJson(*r));
  c.Send(200, {{"candidates", out}, {"total", page.total}, {"min_score", settings.min_score}});
  return Status::Ok();
}

Status Invite(Ctx& c) {
  store::ContactRecord contact;
  TEND_RETURN_IF_ERROR(RequireContactAccess(c, c.Param(0), &contact));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(auto tier, StringField(c, j, "tier", true));
  TEND_ASSIGN_OR_RETURN(auto note, StringField(c, j, "note", false));
  TEND_ASSIGN_OR_RETURN(auto p, OpenProgram(c));
  auto a = p.Invite(contact.contact_id, tier, note, c.Actor());
  if (!a.ok()) return Fielded(c, a.status());
  RescoreLogged(c, p);
  TEND_ASSIGN_OR_RETURN(auto state, advocacy::LoadProgramState(c.store));
  TEND_ASSIGN_OR_RETURN(auto signals, LiveSignals(c));
  c.Send(200, AdvocateJson(state, &*a, contact, signals));
  return Status::Ok();
}

Status SnoozeOrDismiss(Ctx& c, bool snooze) {
  store::ContactRecord contact;
  TEND_RETURN_IF_ERROR(RequireContactAccess(c, c.Param(0), &contact));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(auto reason, StringField(c, j, "reason", true));
  TEND_ASSIGN_OR_RETURN(auto p, OpenProgram(c));
  Status s;
  if (snooze) {
    TEND_ASSIGN_OR_RETURN(auto days, IntField(c, j, "days", true));
    s = p.Snooze(contact.contact_id, static_cast<int>(std::clamp<int64_t>(*days, -1, 100000)),
                 reason, c.Actor());
  } else {
    s = p.Dismiss(contact.contact_id, reason, c.Actor());
  }
  if (!s.ok()) return Fielded(c, s);
  c.Send(200, {{"contact_id", contact.contact_id}, {"status", snooze ? "candidate" : "dismissed"}});
  return Status::Ok();
}
Status Snooze(Ctx& c) { return SnoozeOrDismiss(c, true); }
Status Dismiss(Ctx& c) { return SnoozeOrDismiss(c, false); }

// ---- Advocates ----

Status ListAdvocates(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto state, advocacy::LoadProgramState(c.store));
  TEND_ASSIGN_OR_RETURN(auto signals, LiveSignals(c));
  nlohmann::json out = nlohmann::json::array();
  for (const auto* a : advocacy::ListAdvocates(state, {c.Query("tier"), c.Query("status")})) {
    TEND_ASSIGN_OR_RETURN(auto contact, c.store.GetContact(a->contact_id));
    if (!contact) continue;
    out.push_back(AdvocateJson(state, a, *contact, signals));
  }
  c.Send(200, {{"advocates", out}});
  return Status::Ok();
}

Status AdvocateProfile(Ctx& c) {
  const std::string id = c.Param(0);
  TEND_ASSIGN_OR_RETURN(auto contact, c.store.GetContact(id));
  if (!contact) return NotFound("advocacy.noContact", "no contact " + id);
  TEND_ASSIGN_OR_RETURN(auto state, advocacy::LoadProgramState(c.store));
  TEND_ASSIGN_OR_RETURN(auto signals, LiveSignals(c));
  TEND_ASSIGN_OR_RETURN(auto profile,
                        advocacy::LoadAdvocateProfile(c.store, state, signals, *contact, NowMs()));
  c.Send(200, json::AdvocateProfileJson(profile));
  return Status::Ok();
}

Status PatchAdvocate(Ctx& c) {
  store::ContactRecord contact;
  TEND_RETURN_IF_ERROR(RequireContactAccess(c, c.Param(0), &contact));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  Program::Change ch;
  if (j.contains("status")) {
    TEND_ASSIGN_OR_RETURN(auto s, StringField(c, j, "status", true));
    ch.status = s;
  }
  if (j.contains("tier")) {
    TEND_ASSIGN_OR_RETURN(auto s, StringField(c, j, "tier", true));
    ch.tier = s;
  }
  if (j.contains("consent")) {
    if (!j["consent"].is_boolean()) return FieldError(c, "consent", "must be true or false");
    ch.consent = j["consent"].get<bool>();
  }
  if (j.contains("preferred")) {
    if (!j["preferred"].is_array()) return FieldError(c, "preferred", "must be a list");
    std::vector<std::string> list;
    for (const auto& x : j["preferred"]) {
      if (!x.is_string()) return FieldError(c, "preferred", "must be a list of activity names");
      list.push_back(x.get<std::string>());
    }
    ch.preferred = list;
  }
  TEND_ASSIGN_OR_RETURN(ch.note, StringField(c, j, "note", false));
  TEND_ASSIGN_OR_RETURN(auto p, OpenProgram(c));
  auto a = p.Update(contact.contact_id, ch, c.Actor());
  if (!a.ok()) return Fielded(c, a.status());
  RescoreLogged(c, p);
  // active_advocates and advocacy_tier can be measures: re-score with the new status.
  c.after_commit.push_back(
      [&c, id = contact.account_id] { return c.state.live->AdvocatesChanged(id); });
  TEND_ASSIGN_OR_RETURN(auto state, advocacy::LoadProgramState(c.store));
  TEND_ASSIGN_OR_RETURN(auto signals, LiveSignals(c));
  c.Send(200, AdvocateJson(state, &*a, contact, signals));
  return Status::Ok();
}

Status AddLedger(Ctx& c) {
  store::ContactRecord contact;
  TEND_RETURN_IF_ERROR(RequireContactAccess(c, c.Param(0), &contact));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(auto direction, StringField(c, j, "direction", true));
  TEND_ASSIGN_OR_RETURN(auto kind, StringField(c, j, "kind", true));
  TEND_ASSIGN_OR_RETURN(auto units, NumberField(c, j, "units", false));
  TEND_ASSIGN_OR_RETURN(auto note, StringField(c, j, "note", false));
  TEND_ASSIGN_OR_RETURN(auto day, DateField(c, j, "day", false));
  TEND_ASSIGN_OR_RETURN(auto p, OpenProgram(c));
  auto id = p.AddLedger(contact.contact_id, direction, kind, units, note, day, c.Actor());
  if (!id.ok()) return Fielded(c, id.status());
  c.Send(201, {{"entry_id", *id}});
  return Status::Ok();
}

// ---- Asks ----

Status CreateAsk(Ctx& c) {
  store::ContactRecord contact;
  TEND_RETURN_IF_ERROR(RequireContactAccess(c, c.Param(0), &contact));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(auto activity, StringField(c, j, "activity", true));
  TEND_ASSIGN_OR_RETURN(auto note, StringField(c, j, "note", false));
  TEND_ASSIGN_OR_RETURN(auto p, OpenProgram(c));
  auto id = p.Ask(contact.contact_id, activity, note, std::nullopt, c.Actor());
  if (!id.ok()) return Fielded(c, id.status());
  RescoreLogged(c, p);
  TEND_ASSIGN_OR_RETURN(auto ask, c.store.GetAsk(*id));
  c.Send(201, json::AskJson(*ask));
  return Status::Ok();
}

Status AskAction(Ctx& c, const std::string& action) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto ask, c.store.GetAsk(id));
  if (!ask) return NotFound("advocacy.noAsk", "no ask " + std::to_string(id));
  store::ContactRecord contact;
  TEND_RETURN_IF_ERROR(RequireContactAccess(c, ask->contact_id, &contact));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(auto p, OpenProgram(c));
  Status s;
  if (action == "complete") {
    TEND_ASSIGN_OR_RETURN(auto outcome, StringField(c, j, "outcome", true));
    s = p.CompleteAsk(id, outcome, c.Actor());
  } else {
    TEND_ASSIGN_OR_RETURN(auto reason, StringField(c, j, "reason", action == "decline"));
    s = p.AnswerAsk(id, action == "accept", reason, c.Actor());
  }
  if (!s.ok()) return Fielded(c, s);
  RescoreLogged(c, p);
  TEND_ASSIGN_OR_RETURN(auto after, c.store.GetAsk(id));
  c.Send(200, json::AskJson(*after));
  return Status::Ok();
}
Status AcceptAsk(Ctx& c) { return AskAction(c, "accept"); }
Status DeclineAsk(Ctx& c) { return AskAction(c, "decline"); }
Status CompleteAsk(Ctx& c) { return AskAction(c, "complete"); }

// ---- Reference requests ----

Result<nlohmann::json> RequestOut(Ctx& c, const store::ReferenceRequestRecord& r) {
  std::optional<store::AskRecord> ask;
  std::optional<store::ContactRecord> contact;
  std::string account_name;
  if (r.ask_id) {
    TEND_ASSIGN_OR_RETURN(ask, c.store.GetAsk(*r.ask_id));
    if (ask) {
      TEND_ASSIGN_OR_RETURN(contact, c.store.GetContact(ask->contact_id));
      account_name = c.state.live->Read([&](scorecard::HealthSession& s) -> std::string {
        auto i = s.data().Index(ask->account_id);
        return i ? s.data().account(*i).name : ask->account_id;
      });
    }
  }
  return json::RequestJson(r, ask, contact, account_name);
}

Status ListRequests(Ctx& c) {
  const std::string status = c.Query("status");
  TEND_ASSIGN_OR_RETURN(auto rows, c.store.ListReferenceRequests());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows) {
    if (!status.empty() && r.status != status) continue;
    TEND_ASSIGN_OR_RETURN(auto j, RequestOut(c, r));
    out.push_back(std::move(j));
  }
  c.Send(200, {{"requests", out}});
  return Status::Ok();
}

Status CreateRequest(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  store::ReferenceRequestRecord r;
  TEND_ASSIGN_OR_RETURN(r.prospect, StringField(c, j, "prospect", true));
  TEND_ASSIGN_OR_RETURN(r.deal_id, StringField(c, j, "deal_id", false));
  TEND_ASSIGN_OR_RETURN(r.industry, StringField(c, j, "industry", false));
  TEND_ASSIGN_OR_RETURN(r.segment, StringField(c, j, "segment", false));
  TEND_ASSIGN_OR_RETURN(r.region, StringField(c, j, "region", false));
  TEND_ASSIGN_OR_RETURN(r.product, StringField(c, j, "product", false));
  TEND_ASSIGN_OR_RETURN(r.notes, StringField(c, j, "notes", false));
  TEND_ASSIGN_OR_RETURN(r.deadline, DateField(c, j, "deadline", true));
  TEND_ASSIGN_OR_RETURN(auto p, OpenProgram(c));
  auto id = p.CreateRequest(r, c.user ? c.user->name : c.Actor(),
                            c.user ? std::optional<int64_t>(c.user->user_id) : std::nullopt);
  if (!id.ok()) return Fielded(c, id.status());
  TEND_ASSIGN_OR_RETURN(auto stored, c.store.GetReferenceRequest(*id));
  TEND_ASSIGN_OR_RETURN(auto out, RequestOut(c, *stored));
  c.Send(201, out);
  return Status::Ok();
}

Status GetRequest(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto r, c.store.GetReferenceRequest(id));
  if (!r) return NotFound("advocacy.noRequest", "no reference request " + std::to_string(id));
  TEND_ASSIGN_OR_RETURN(auto out, RequestOut(c, *r));
  TEND_ASSIGN_OR_RETURN(auto settings, advocacy::LoadSettings(c.store));
  TEND_ASSIGN_OR_RETURN(auto signals, LiveSignals(c));
  std::vector<store::AdvocateRecord> advocates;
  std::vector<store::AskRecord> asks;
  TEND_ASSIGN_OR_RETURN(auto m, advocacy::MatchStoredRequest(c.store, settings, id, signals,
                                                             NowMs(), &advocates, &asks));
  auto person = [&](const store::AdvocateRecord& a) -> Result<nlohmann::json> {
    TEND_ASSIGN_OR_RETURN(auto contact, c.store.GetContact(a.contact_id));
    const auto* acc = signals.Find(a.account_id);
    return nlohmann::json{
        {"contact_id", a.contact_id},
        {"name", contact ? contact->name : a.contact_id},
        {"title", contact ? contact->title : ""},
        {"account_id", a.account_id},
        {"account_name", acc ? acc->account.name : a.account_id},
        {"account_color", acc && !acc->color.empty() ? nlohmann::json(acc->color) : nullptr}};
  };
  nlohmann::json matches = nlohmann::json::array(), excluded = nlohmann::json::array();
  for (const auto& x : m.matches) {
    TEND_ASSIGN_OR_RETURN(auto j, person(*x.advocate));
    j["fit"] = x.fit;
    j["reasons"] = x.reasons;
    j["asks_this_quarter"] = x.asks_this_quarter;
    j["quarterly_cap"] = x.quarterly_cap;
    j["last_asked_at"] = json::TimeJson(x.last_asked_at);
    matches.push_back(std::move(j));
  }
  for (const auto& e : m.excluded) {
    TEND_ASSIGN_OR_RETURN(auto j, person(*e.advocate));
    j["reason"] = e.reason;
    excluded.push_back(std::move(j));
  }
  out["matches"] = matches;
  out["excluded"] = excluded;
  c.Send(200, out);
  return Status::Ok();
}

// Who may act on a reference request (admins and ops on every one):
//   accept, decline: a CSM whose account the asked advocate belongs to (the answer is the
//     advocate's, and is written on that account's timeline);
//   complete: the requester, or that CSM;
//   cancel: the requester.
Status RequireRequestAccess(Ctx& c, const store::ReferenceRequestRecord& r,
                            const std::string& action) {
  if (!c.user || c.user->role == auth::Role::kAdmin || c.user->role == auth::Role::kOps) {
    return Status::Ok();
  }
  const bool requester = r.requested_by_user && *r.requested_by_user == c.user->user_id;
  if (action == "cancel" || (action == "complete" && c.user->role == auth::Role::kSales)) {
    if (requester) return Status::Ok();
    return PermissionDenied("advocacy.notYourRequest",
                            "reference request " + std::to_string(r.request_id) + " was made by " +
                                r.requested_by + ", not by you");
  }
  if (action == "complete" && requester) return Status::Ok();
  // accept, decline, complete by a CSM: the advocate's account must be theirs.
  std::optional<store::AskRecord> ask;
  if (r.ask_id) {
    TEND_ASSIGN_OR_RETURN(ask, c.store.GetAsk(*r.ask_id));
  }
  if (!ask) {
    return PermissionDenied("advocacy.notYourRequest", "reference request " +
                                                           std::to_string(r.request_id) +
                                                           " has no advocate on your accounts yet");
  }
  return c.RequireOwnAccount(ask->account_id);
}

Status RequestAction(Ctx& c, const std::string& action) {
  TEND_ASSIGN_OR_RETURN(int64_t id, IdParam(c, 0));
  TEND_ASSIGN_OR_RETURN(auto r, c.store.GetReferenceRequest(id));
  if (!r) return NotFound("advocacy.noRequest", "no reference request " + std::to_string(id));
  if (action != "ask") TEND_RETURN_IF_ERROR(RequireRequestAccess(c, *r, action));
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(auto p, OpenProgram(c));
  Status s;
  if (action == "ask") {
    TEND_ASSIGN_OR_RETURN(auto contact_id, StringField(c, j, "contact_id", true));
    store::ContactRecord contact;
    TEND_RETURN_IF_ERROR(RequireContactAccess(c, contact_id, &contact));
    TEND_ASSIGN_OR_RETURN(auto signals, LiveSignals(c));
    s = advocacy::AskMatched(p, c.store, id, contact_id, signals, c.Actor());
    if (s.id() == "advocacy.notMatched") c.error_field = "contact_id";
  } else if (action == "accept" || action == "decline") {
    TEND_ASSIGN_OR_RETURN(auto reason, StringField(c, j, "reason", false));
    s = p.AnswerRequest(id, action == "accept", reason, c.Actor());
  } else if (action == "complete") {
    TEND_ASSIGN_OR_RETURN(auto outcome, StringField(c, j, "outcome", true));
    s = p.CompleteRequest(id, outcome, c.Actor());
  } else {
    s = p.CancelRequest(id, c.Actor());
  }
  if (!s.ok()) return Fielded(c, s);
  RescoreLogged(c, p);
  TEND_ASSIGN_OR_RETURN(auto after, c.store.GetReferenceRequest(id));
  TEND_ASSIGN_OR_RETURN(auto out, RequestOut(c, *after));
  c.Send(200, out);
  return Status::Ok();
}
Status AskRequest(Ctx& c) { return RequestAction(c, "ask"); }
Status AcceptRequest(Ctx& c) { return RequestAction(c, "accept"); }
Status DeclineRequest(Ctx& c) { return RequestAction(c, "decline"); }
Status CompleteRequest(Ctx& c) { return RequestAction(c, "complete"); }
Status CancelRequest(Ctx& c) { return RequestAction(c, "cancel"); }

}  // namespace

void AddAdvocacyRoutes(std::vector<Route>& r) {
  const char* tag = "advocacy";
  r.push_back({"GET", "/api/advocacy/program", Access::kReader, tag,
               "the program dashboard: health metrics with trend, tiers, funnel, burnout",
               ProgramDashboard, "", "as_of"});
  r.push_back({"GET", "/api/advocacy/impact", Access::kReader, tag,
               "health change after advocacy activities against similar accounts", Impact});
  r.push_back({"GET", "/api/advocacy/settings", Access::kReader, tag,
               "tiers' caps and capacities, recency days", GetSettings});
  r.push_back({"PUT", "/api/advocacy/settings", Access::kOps, tag, "change the program settings",
               PutSettings, "recency_days:integer,min_score:number,tiers:array"});
  r.push_back({"GET", "/api/advocacy/candidates", Access::kReader, tag,
               "the ranked candidates queue with reasons", Candidates, "", "limit,offset,q"});
  r.push_back({"POST", "/api/advocacy/candidates/{contact_id}/invite", Access::kCsWork, tag,
               "invite a candidate to a tier", Invite, "!tier:string,note:string"});
  r.push_back({"POST", "/api/advocacy/candidates/{contact_id}/snooze", Access::kCsWork, tag,
               "hide a candidate for some days", Snooze, "!days:integer,!reason:string"});
  r.push_back({"POST", "/api/advocacy/candidates/{contact_id}/dismiss", Access::kCsWork, tag,
               "take a candidate out of the queue", Dismiss, "!reason:string"});
  r.push_back({"GET", "/api/advocacy/advocates", Access::kReader, tag,
               "advocates with their load and give/receive balance", ListAdvocates, "",
               "tier,status"});
  r.push_back({"GET", "/api/advocacy/advocates/{contact_id}", Access::kReader, tag,
               "an advocate's profile: propensity, ledger, asks, milestones, timeline",
               AdvocateProfile});
  r.push_back({"PATCH", "/api/advocacy/advocates/{contact_id}", Access::kCsWork, tag,
               "lifecycle move, tier, consent, preferred activities", PatchAdvocate,
               "status:string,tier:string,consent:boolean,preferred:array,note:string"});
  r.push_back({"POST", "/api/advocacy/advocates/{contact_id}/ledger", Access::kCsWork, tag,
               "record what an advocate gave or received", AddLedger,
               "!direction:string,!kind:string,units:number,note:string,day:string"});
  r.push_back({"POST", "/api/advocacy/advocates/{contact_id}/asks", Access::kCsWork, tag,
               "ask an advocate for an activity", CreateAsk, "!activity:string,note:string"});
  r.push_back({"POST", "/api/advocacy/asks/{id}/accept", Access::kCsWork, tag,
               "the advocate accepted the ask", AcceptAsk});
  r.push_back({"POST", "/api/advocacy/asks/{id}/decline", Access::kCsWork, tag,
               "the advocate declined the ask", DeclineAsk, "!reason:string"});
  r.push_back({"POST", "/api/advocacy/asks/{id}/complete", Access::kCsWork, tag,
               "an accepted ask was done", CompleteAsk, "!outcome:string"});
  r.push_back({"GET", "/api/advocacy/requests", Access::kRequester, tag, "reference requests",
               ListRequests, "", "status"});
  r.push_back({"POST", "/api/advocacy/requests", Access::kRequester, tag,
               "ask for a customer reference for a deal", CreateRequest,
               "!prospect:string,!deadline:string,deal_id:string,industry:string,segment:string,"
               "region:string,product:string,notes:string"});
  r.push_back({"GET", "/api/advocacy/requests/{id}", Access::kRequester, tag,
               "a reference request with its ranked matches and exclusions", GetRequest});
  r.push_back({"POST", "/api/advocacy/requests/{id}/ask", Access::kCsWork, tag,
               "ask a matched advocate", AskRequest, "!contact_id:string"});
  r.push_back({"POST", "/api/advocacy/requests/{id}/accept", Access::kCsWork, tag,
               "the advocate accepted", AcceptRequest});
  r.push_back({"POST", "/api/advocacy/requests/{id}/decline", Access::kCsWork, tag,
               "the advocate declined", DeclineRequest, "reason:string"});
  r.push_back({"POST", "/api/advocacy/requests/{id}/complete", Access::kRequester, tag,
               "the reference happened: record the outcome", CompleteRequest, "!outcome:string"});
  r.push_back({"POST", "/api/advocacy/requests/{id}/cancel", Access::kRequester, tag,
               "cancel a reference request", CancelRequest});
}

}  // namespace tend::api
