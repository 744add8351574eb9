// tend advocacy metrics|candidates|advocates|invite|snooze|dismiss|set|ask|answer|complete|
//               ledger|request ...|milestones|settings
// The advocacy program from the command line (docs/advocacy.md).
#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "advocacy/account_signals.h"
#include "advocacy/candidates.h"
#include "advocacy/matching.h"
#include "advocacy/program.h"
#include "advocacy/program_metrics.h"
#include "advocacy/program_state.h"
#include "advocacy/queries.h"
#include "api/json/advocacy_json.h"
#include "cli/cockpit_common.h"
#include "cli/command.h"
#include "cli/format.h"
#include "common/json_text.h"
#include "common/time.h"
#include "metrics/workspace_data.h"
#include "scorecard/health_session.h"

namespace tend::cli {

namespace {

std::string Opt(const std::optional<double>& v, int digits = 2) {
  return v ? Compact(*v, digits) : "-";
}

// A refreshed session and the program's signals as of `day` (default: the latest event's).
struct Scored {
  std::unique_ptr<scorecard::HealthSession> session;
  advocacy::Signals signals;
};
Result<Scored> Score(store::Store& st, std::optional<EpochDay> day) {
  TEND_ASSIGN_OR_RETURN(auto session, scorecard::HealthSession::Open(st, /*allow_empty=*/true));
  TEND_RETURN_IF_ERROR(session->Refresh(day, false));
  TEND_ASSIGN_OR_RETURN(auto signals, advocacy::Signals::Build(*session, st));
  return Scored{std::move(session), std::move(signals)};
}

}  // namespace

int RunAdvocacy(int argc, char** argv) {
  CLI::App app{
      "The advocacy program: health metrics, candidates, advocates, asks, the give-back "
      "ledger, reference requests, milestones and settings.",
      "tend advocacy"};
  app.require_subcommand(1);
  std::string db, as_of, format = "table", contact, tier, note, reason, status, consent, preferred,
                         activity, outcome, direction, kind, day, by, prospect, deal, industry,
                         segment, region, product, deadline, settings_json;
  int limit = 20, days = 0;
  int64_t id = 0;
  double units = 0;
  bool accept = false, decline = false;
  AddDbOption(app, &db);

  auto* metrics = app.add_subcommand(
      "metrics", "program health as of a day: advocacy NPS, participation, renewal, influence");
  metrics->add_option("--as-of", as_of,
                      "the as-of day D, YYYY-MM-DD (default: the latest "
                      "event's day, else today)");
  metrics->add_option("--format", format, "json or table")->check(CLI::IsMember({"json", "table"}));
  auto* candidates = app.add_subcommand("candidates", "the ranked candidates queue, with reasons");
  candidates->add_option("--limit", limit, "at most this many (default 20)");
  candidates->add_option("--format", format, "json or table")
      ->check(CLI::IsMember({"json", "table"}));
  auto* advocates = app.add_subcommand("advocates", "advocates with their load and balance");
  advocates->add_option("--tier", tier, "only this tier");
  advocates->add_option("--status", status, "only this status");
  advocates->add_option("--format", format, "json or table")
      ->check(CLI::IsMember({"json", "table"}));
  auto* invite = app.add_subcommand("invite", "invite a contact to a tier");
  invite->add_option("contact", contact, "contact id")->required();
  invite
      ->add_option("--tier", tier,
                   "reference_network, case_study, event_speaking or "
                   "advisory_board")
      ->required();
  invite->add_option("--note", note, "why");
  auto* snooze = app.add_subcommand("snooze", "hide a candidate for some days");
  snooze->add_option("contact", contact, "contact id")->required();
  snooze->add_option("--days", days, "how many days")->required();
  snooze->add_option("--reason", reason, "why")->required();
  auto* dismiss = app.add_subcommand("dismiss", "take a candidate out of the queue");
  dismiss->add_option("contact", contact, "contact id")->required();
  dismiss->add_option("--reason", reason, "why")->required();
  auto* set = app.add_subcommand("set", "change an advocate: status, tier, consent, preferred");
  set->add_option("contact", contact, "contact id")->required();
  set->add_option("--status", status, "invited, active, paused or retired");
  set->add_option("--tier", tier, "the tier");
  set->add_option("--consent", consent, "yes or no")->check(CLI::IsMember({"yes", "no"}));
  set->add_option("--preferred", preferred, "preferred activities, comma-separated");
  set->add_option("--note", note, "a note");
  auto* ask = app.add_subcommand("ask", "ask an advocate for an activity");
  ask->add_option("contact", contact, "contact id")->required();
  ask->add_option("--activity", activity,
                  "reference_call, case_study, speaking or "
                  "advisory_board")
      ->required();
  ask->add_option("--note", note, "what for");
  auto* answer = app.add_subcommand("answer", "record an advocate's answer to an ask");
  answer->add_option("ask", id, "ask id")->required();
  answer->add_flag("--accept", accept, "they said yes");
  answer->add_flag("--decline", decline, "they said no");
  answer->add_option("--reason", reason, "why they declined");
  auto* complete = app.add_subcommand("complete", "an accepted ask was done");
  complete->add_option("ask", id, "ask id")->required();
  complete->add_option("--outcome", outcome, "how it went")->required();
  auto* ledger = app.add_subcommand("ledger", "record what an advocate gave or received");
  ledger->add_option("contact", contact, "contact id")->required();
  ledger->add_option("--direction", direction, "gave or received")->required();
  ledger
      ->add_option("--kind", kind,
                   "e.g. early_access, roadmap_session, honorarium, "
                   "recognition, referral")
      ->required();
  ledger->add_option("--units", units, "weight (default: the kind's)");
  ledger->add_option("--note", note, "a note");
  ledger->add_option("--day", day, "YYYY-MM-DD (default: now)");
  auto* request = app.add_subcommand("request", "reference requests for sales");
  request->require_subcommand(1);
  auto* rlist = request->add_subcommand("list", "list reference requests");
  rlist->add_option("--format", format, "json or table")->check(CLI::IsMember({"json", "table"}));
  auto* rcreate = request->add_subcommand("create", "ask for a customer reference for a deal");
  rcreate->add_option("--prospect", prospect, "the prospect")->required();
  rcreate->add_option("--deadline", deadline, "YYYY-MM-DD")->required();
  rcreate->add_option("--deal", deal, "deal id");
  rcreate->add_option("--industry", industry, "prospect industry");
  rcreate->add_option("--segment", segment, "prospect segment");
  rcreate->add_option("--region", region, "prospect region");
  rcreate->add_option("--product", product, "product or use case");
  rcreate->add_option("--note", note, "notes");
  auto* rmatch = request->add_subcommand("match", "rank the advocates for a request, say why");
  auto* rask = request->add_subcommand("ask", "ask a matched advocate");
  rask->add_option("--contact", contact, "contact id")->required();
  auto* raccept = request->add_subcommand("accept", "the advocate accepted");
  auto* rdecline = request->add_subcommand("decline", "the advocate declined");
  rdecline->add_option("--reason", reason, "why");
  auto* rcomplete = request->add_subcommand("complete", "the reference call happened");
  rcomplete->add_option("--outcome", outcome, "how it went")->required();
  auto* rcancel = request->add_subcommand("cancel", "cancel a request");
  for (auto* sub : {rmatch, rask, raccept, rdecline, rcomplete, rcancel}) {
    sub->add_option("request", id, "request id")->required();
  }
  auto* milestones = app.add_subcommand(
      "milestones", "turn contact title and company changes into milestones and CTAs; list them");
  auto* settings = app.add_subcommand("settings", "print the settings, or change them");
  settings->add_option("--set", settings_json,
                       "JSON with the keys to change, e.g. '{\"recency_days\": 45}'");
  for (auto* sub : app.get_subcommands({})) {
    AddDbOption(*sub, &db);
    sub->add_option("--by", by, "who is acting (default: $USER)");
  }
  for (auto* sub : request->get_subcommands({})) {
    AddDbOption(*sub, &db);
    sub->add_option("--by", by, "who is acting (default: $USER)");
  }
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;

  std::optional<EpochDay> as_of_day;
  if (!as_of.empty()) {
    as_of_day = ParseDate(as_of);
    if (!as_of_day) {
      return Fail(InvalidArgument("cli.badDate",
                                  "--as-of \"" + as_of + "\" is not a date (expected YYYY-MM-DD)"));
    }
  }
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  store::Store& st = **ws;
  auto loaded_settings = advocacy::LoadSettings(st);
  if (!loaded_settings.ok()) return Fail(loaded_settings.status());
  advocacy::Program program(st, *loaded_settings);
  const std::string actor = Actor(by);
  const EpochMs now = NowMs();

  if (metrics->parsed()) {
    if (!as_of_day) {
      auto data = metrics::WorkspaceData::Load(st);
      if (!data.ok()) return Fail(data.status());
      as_of_day = data->LatestEventDay().value_or(DayOf(now));
    }
    auto facts = advocacy::LoadProgramFacts(st);
    if (!facts.ok()) return Fail(facts.status());
    const auto m = advocacy::ComputeProgramMetrics(*facts, *as_of_day);
    if (format == "json") {
      std::printf("%s\n", DumpJson(api::json::ProgramMetricsJson(m, /*details=*/false), 2).c_str());
      return 0;
    }
    std::vector<std::vector<std::string>> t = {{"metric", "value", "from"}};
    t.push_back({"advocacy_nps", Opt(m.advocacy_nps),
                 fmt::format("{} contacts: {} promoters, {} detractors", m.nps_responses,
                             m.promoters, m.detractors)});
    for (const auto& [type, p] : m.participation) {
      t.push_back({"participation_rate." + type, Opt(p.rate, 3),
                   fmt::format("{} of {} asks accepted (90 days)", p.accepted, p.asks)});
    }
    t.push_back(
        {"advocate_renewal_rate", Opt(m.advocate_renewal_rate, 3),
         fmt::format("{} of {} advocates active again", m.renewal_renewed, m.renewal_base)});
    t.push_back({"influenced_deals", std::to_string(m.influenced_deals), "won with a reference"});
    t.push_back({"influenced_amount", Compact(m.influenced_amount), ""});
    t.push_back(
        {"influenced_share", Opt(m.influenced_share, 3), "of " + Compact(m.won_amount) + " won"});
    std::printf("advocacy program as of %s\n", FormatDate(*as_of_day).c_str());
    PrintTable(t);
    return 0;
  }
  if (settings->parsed()) {
    if (!settings_json.empty()) {
      auto j = nlohmann::json::parse(settings_json, nullptr, false);
      if (j.is_discarded()) return Fail(InvalidArgument("cli.badJson", "--set is not JSON"));
      auto s = advocacy::ParseSettings(j, *loaded_settings);
      if (!s.ok()) return Fail(s.status());
      Status saved = advocacy::SaveSettings(st, *s);
      if (!saved.ok()) return Fail(saved);
      loaded_settings = *s;
    }
    std::printf("%s\n", DumpJson(advocacy::SettingsJson(*loaded_settings), 2).c_str());
    return 0;
  }
  if (invite->parsed()) {
    if (int rc =
            InTransaction(st, [&] { return program.Invite(contact, tier, note, actor).status(); });
        rc >= 0) {
      return rc;
    }
    std::printf("invited %s to %s\n", contact.c_str(), tier.c_str());
    return 0;
  }
  if (snooze->parsed() || dismiss->parsed()) {
    if (int rc = InTransaction(st,
                               [&] {
                                 return snooze->parsed()
                                            ? program.Snooze(contact, days, reason, actor)
                                            : program.Dismiss(contact, reason, actor);
                               });
        rc >= 0) {
      return rc;
    }
    std::printf("%s %s\n", snooze->parsed() ? "snoozed" : "dismissed", contact.c_str());
    return 0;
  }
  if (set->parsed()) {
    advocacy::Program::Change ch;
    if (!status.empty()) ch.status = status;
    if (!tier.empty()) ch.tier = tier;
    if (!consent.empty()) ch.consent = consent == "yes";
    if (!preferred.empty()) ch.preferred = advocacy::SplitList(preferred);
    ch.note = note;
    store::AdvocateRecord out;
    if (int rc = InTransaction(st,
                               [&]() -> Status {
                                 TEND_ASSIGN_OR_RETURN(out, program.Update(contact, ch, actor));
                                 return Status::Ok();
                               });
        rc >= 0) {
      return rc;
    }
    std::printf("%s: %s, %s, consent %s\n", contact.c_str(), out.status.c_str(), out.tier.c_str(),
                out.consent ? "yes" : "no");
    return 0;
  }
  if (ask->parsed()) {
    int64_t ask_id = 0;
    if (int rc = InTransaction(st,
                               [&]() -> Status {
                                 TEND_ASSIGN_OR_RETURN(ask_id, program.Ask(contact, activity, note,
                                                                           std::nullopt, actor));
                                 return Status::Ok();
                               });
        rc >= 0) {
      return rc;
    }
    std::printf("ask %lld: asked %s for a %s\n", static_cast<long long>(ask_id), contact.c_str(),
                activity.c_str());
    return 0;
  }
  if (answer->parsed()) {
    if (accept == decline) {
      return Fail(InvalidArgument("cli.answer", "give exactly one of --accept and --decline"));
    }
    if (int rc = InTransaction(st, [&] { return program.AnswerAsk(id, accept, reason, actor); });
        rc >= 0) {
      return rc;
    }
    std::printf("ask %lld: %s\n", static_cast<long long>(id), accept ? "accepted" : "declined");
    return 0;
  }
  if (complete->parsed()) {
    if (int rc = InTransaction(st, [&] { return program.CompleteAsk(id, outcome, actor); });
        rc >= 0) {
      return rc;
    }
    std::printf("ask %lld: completed\n", static_cast<long long>(id));
    return 0;
  }
  if (ledger->parsed()) {
    std::optional<EpochDay> d;
    if (!day.empty()) {
      d = ParseDate(day);
      if (!d) return Fail(InvalidArgument("cli.badDate", "--day is not a date (YYYY-MM-DD)"));
    }
    int64_t entry = 0;
    if (int rc = InTransaction(
            st,
            [&]() -> Status {
              TEND_ASSIGN_OR_RETURN(
                  entry, program.AddLedger(contact, direction, kind,
                                           units > 0 ? std::optional<double>(units) : std::nullopt,
                                           note, d, actor));
              return Status::Ok();
            });
        rc >= 0) {
      return rc;
    }
    std::printf("ledger entry %lld: %s %s %s\n", static_cast<long long>(entry), contact.c_str(),
                direction.c_str(), kind.c_str());
    return 0;
  }
  if (milestones->parsed()) {
    std::vector<std::string> touched;
    if (int rc = InTransaction(st,
                               [&]() -> Status {
                                 TEND_ASSIGN_OR_RETURN(touched,
                                                       program.ProcessContactChanges(actor));
                                 return Status::Ok();
                               });
        rc >= 0) {
      return rc;
    }
    auto changes = st.ListContactChanges(false);
    if (!changes.ok()) return Fail(changes.status());
    std::vector<std::vector<std::string>> t = {
        {"at", "contact_id", "kind", "from", "to", "old_title", "new_title", "champion"}};
    for (const auto& c : *changes) {
      t.push_back({FormatTime(c.ts), c.contact_id, c.kind, c.old_account_id, c.new_account_id,
                   c.old_title, c.new_title, c.champion ? "yes" : ""});
    }
    PrintTable(t);
    std::printf(
        "%zu change(s); %zu account(s) had new milestones now (the champion_left and "
        "champion_arrived rules raise CTAs at the next rules run)\n",
        changes->size(), touched.size());
    return 0;
  }

  if (request->parsed()) {
    if (rlist->parsed()) {
      auto rows = st.ListReferenceRequests();
      if (!rows.ok()) return Fail(rows.status());
      std::vector<std::vector<std::string>> t = {
          {"request_id", "status", "prospect", "deadline", "requested_by", "industry", "ask_id"}};
      for (const auto& r : *rows) {
        t.push_back({std::to_string(r.request_id), r.status, r.prospect,
                     r.deadline ? FormatDate(*r.deadline) : "", r.requested_by, r.industry,
                     r.ask_id ? std::to_string(*r.ask_id) : ""});
      }
      PrintTable(t);
      return 0;
    }
    if (rcreate->parsed()) {
      store::ReferenceRequestRecord r;
      r.prospect = prospect;
      r.deal_id = deal;
      r.industry = industry;
      r.segment = segment;
      r.region = region;
      r.product = product;
      r.notes = note;
      r.deadline = ParseDate(deadline);
      if (!r.deadline) {
        return Fail(InvalidArgument("cli.badDate", "--deadline is not a date (YYYY-MM-DD)"));
      }
      int64_t rid = 0;
      if (int rc = InTransaction(st,
                                 [&]() -> Status {
                                   TEND_ASSIGN_OR_RETURN(
                                       rid, program.CreateRequest(r, actor, std::nullopt));
                                   return Status::Ok();
                                 });
          rc >= 0) {
        return rc;
      }
      std::printf("reference request %lld for %s\n", static_cast<long long>(rid), prospect.c_str());
      return 0;
    }
    if (rmatch->parsed() || rask->parsed()) {
      auto scored = Score(st, std::nullopt);
      if (!scored.ok()) return Fail(scored.status());
      if (rask->parsed()) {
        if (int rc = InTransaction(st,
                                   [&] {
                                     return advocacy::AskMatched(program, st, id, contact,
                                                                 scored->signals, actor);
                                   });
            rc >= 0) {
          return rc;
        }
        std::printf("request %lld: asked %s\n", static_cast<long long>(id), contact.c_str());
        return 0;
      }
      std::vector<store::AdvocateRecord> advs;
      std::vector<store::AskRecord> asks;
      auto m = advocacy::MatchStoredRequest(st, program.settings(), id, scored->signals, now, &advs,
                                            &asks);
      if (!m.ok()) return Fail(m.status());
      std::vector<std::vector<std::string>> t = {{"contact_id", "account_id", "fit", "why"}};
      for (const auto& x : m->matches) {
        std::string why;
        for (const auto& r : x.reasons) why += (why.empty() ? "" : "; ") + r;
        t.push_back({x.advocate->contact_id, x.advocate->account_id, Compact(x.fit, 1), why});
      }
      PrintTable(t);
      for (const auto& e : m->excluded) {
        std::printf("excluded %s (%s): %s\n", e.advocate->contact_id.c_str(),
                    e.advocate->account_id.c_str(), e.reason.c_str());
      }
      return 0;
    }
    if (int rc = InTransaction(st,
                               [&] {
                                 if (raccept->parsed())
                                   return program.AnswerRequest(id, true, "", actor);
                                 if (rdecline->parsed())
                                   return program.AnswerRequest(id, false, reason, actor);
                                 if (rcomplete->parsed())
                                   return program.CompleteRequest(id, outcome, actor);
                                 return program.CancelRequest(id, actor);
                               });
        rc >= 0) {
      return rc;
    }
    auto r = st.GetReferenceRequest(id);
    if (!r.ok()) return Fail(r.status());
    std::printf("request %lld: %s\n", static_cast<long long>(id), (*r)->status.c_str());
    return 0;
  }

  // candidates and advocates need the scored workspace.
  auto scored = Score(st, as_of_day);
  if (!scored.ok()) return Fail(scored.status());
  const auto& signals = scored->signals;
  auto state = advocacy::LoadProgramState(st);
  if (!state.ok()) return Fail(state.status());
  if (candidates->parsed()) {
    auto people = advocacy::LoadPeopleFacts(st);
    if (!people.ok()) return Fail(people.status());
    auto list =
        advocacy::RankCandidates(*people, signals, state->advocates, state->settings, DayOf(now));
    if (static_cast<int>(list.size()) > limit) list.resize(static_cast<size_t>(limit));
    if (format == "json") {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& c : list) {
        nlohmann::json reasons = nlohmann::json::array();
        for (const auto& r : c.propensity.reasons) {
          reasons.push_back({{"signal", r.signal}, {"points", r.points}, {"text", r.text}});
        }
        out.push_back({{"contact_id", c.contact->contact_id},
                       {"account_id", c.contact->account_id},
                       {"name", c.contact->name},
                       {"score", c.propensity.score},
                       {"status", c.status},
                       {"reasons", reasons}});
      }
      std::printf("%s\n", DumpJson(out, 2).c_str());
      return 0;
    }
    std::vector<std::vector<std::string>> t = {
        {"contact_id", "account_id", "name", "title", "score", "top reasons"}};
    for (const auto& c : list) {
      std::string why;
      for (size_t k = 0; k < c.propensity.reasons.size() && k < 3; ++k) {
        why += (k ? "; " : "") + c.propensity.reasons[k].text;
      }
      t.push_back({c.contact->contact_id, c.contact->account_id, c.contact->name, c.contact->title,
                   Compact(c.propensity.score, 0), why});
    }
    PrintTable(t);
    return 0;
  }
  // advocates
  nlohmann::json out = nlohmann::json::array();
  std::vector<std::vector<std::string>> t = {{"contact_id", "account_id", "tier", "status",
                                              "consent", "asks_q", "gave_180d", "received_180d",
                                              "warning"}};
  for (const auto* advocate : advocacy::ListAdvocates(*state, {tier, status})) {
    const auto& a = *advocate;
    const auto [load, b] = advocacy::StandingOf(*state, a.contact_id, now);
    t.push_back({a.contact_id, a.account_id, a.tier, a.status, a.consent ? "yes" : "no",
                 std::to_string(load.asks_this_quarter), Compact(b.gave, 1), Compact(b.received, 1),
                 b.warning ? "extraction" : ""});
    out.push_back({{"contact_id", a.contact_id},
                   {"account_id", a.account_id},
                   {"tier", a.tier},
                   {"status", a.status},
                   {"consent", a.consent},
                   {"asks_this_quarter", load.asks_this_quarter},
                   {"gave_180d", b.gave},
                   {"received_180d", b.received},
                   {"extraction_warning", b.warning}});
  }
  if (format == "json") {
    std::printf("%s\n", DumpJson(out, 2).c_str());
  } else {
    PrintTable(t);
  }
  return 0;
}

}  // namespace tend::cli
