#include "advocacy/program.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "advocacy/program_metrics.h"
#include "cockpit/cockpit.h"
#include "common/json_text.h"

namespace tend::advocacy {

namespace {

struct KindInfo {
  std::string_view kind;
  double units;
  bool given;
};
constexpr KindInfo kKinds[] = {
    {"reference_call", 1, true}, {"case_study", 3, true},    {"speaking", 3, true},
    {"advisory_board", 2, true}, {"early_access", 1, false}, {"roadmap_session", 2, false},
    {"honorarium", 2, false},    {"travel", 2, false},       {"recognition", 1, false},
    {"referral", 3, false},
};

const KindInfo* FindKind(std::string_view kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

bool In(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

}  // namespace

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

int SeniorityRank(std::string_view s) {
  if (s == "ic") return 1;
  if (s == "manager") return 2;
  if (s == "director") return 3;
  if (s == "vp") return 4;
  if (s == "c_level") return 5;
  return 0;
}

}  // namespace

std::string_view MilestoneKind(const store::ContactChangeRecord& change) {
  if (change.kind == "company") return "company_move";
  return SeniorityRank(change.new_seniority) > SeniorityRank(change.old_seniority) ? "promotion"
                                                                                   : "title_change";
}

const TierInfo* Settings::Tier(std::string_view tier) const {
  for (const auto& t : tiers) {
    if (t.tier == tier) return &t;
  }
  return nullptr;
}

Settings DefaultSettings() {
  Settings s;
  s.tiers = {
      {"reference_network", "Reference network", "reference_call",
       "1 to 2 reference calls a quarter", "Early access and roadmap access", 2, std::nullopt,
       std::nullopt},
      {"case_study", "Case study", "case_study", "2 to 3 hours of interviews and review",
       "A published, bylined story", 1, std::nullopt, std::nullopt},
      {"event_speaking", "Event speaking", "speaking", "Preparation and a talk",
       "Visibility, an honorarium or travel", 1, std::nullopt, std::nullopt},
      {"advisory_board", "Advisory board", "advisory_board", "A quarterly half-day",
       "Influence over the roadmap", 1, 12, 8},
  };
  return s;
}

nlohmann::json SettingsJson(const Settings& s) {
  nlohmann::json tiers = nlohmann::json::array();
  for (const auto& t : s.tiers) {
    tiers.push_back({{"tier", t.tier},
                     {"label", t.label},
                     {"activity", t.activity},
                     {"commitment", t.commitment},
                     {"benefits", t.benefits},
                     {"quarterly_cap", t.quarterly_cap},
                     {"capacity", t.capacity ? nlohmann::json(*t.capacity) : nullptr},
                     {"min_members", t.min_members ? nlohmann::json(*t.min_members) : nullptr}});
  }
  return {{"recency_days", s.recency_days}, {"min_score", s.min_score}, {"tiers", tiers}};
}

Result<Settings> ParseSettings(const nlohmann::json& j, Settings base) {
  if (!j.is_object()) return InvalidArgument("advocacy.settings", "settings must be an object");
  auto int_at = [](const nlohmann::json& v, const std::string& field, int lo, int hi,
                   bool nullable) -> Result<std::optional<int>> {
    if (v.is_null() && nullable) return std::optional<int>();
    if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi) {
      return InvalidArgument(field, fmt::format("{} must be a whole number from {} to {}{}", field,
                                                lo, hi, nullable ? ", or null" : ""));
    }
    return std::optional<int>(v.get<int>());
  };
  if (j.contains("recency_days")) {
    TEND_ASSIGN_OR_RETURN(auto v, int_at(j["recency_days"], "recency_days", 0, 3650, false));
    base.recency_days = *v;
  }
  if (j.contains("min_score")) {
    const auto& v = j["min_score"];
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 100) {
      return InvalidArgument("min_score", "min_score must be a number from 0 to 100");
    }
    base.min_score = v.get<double>();
  }
  if (j.contains("tiers")) {
    if (!j["tiers"].is_array()) return InvalidArgument("tiers", "tiers must be a list");
    for (size_t i = 0; i < j["tiers"].size(); ++i) {
      const auto& t = j["tiers"][i];
      const std::string at = fmt::format("tiers[{}]", i);
      if (!t.is_object() || !t.contains("tier") || !t["tier"].is_string()) {
        return InvalidArgument(at + ".tier", at + " needs a \"tier\" name");
      }
      TierInfo* tier = nullptr;
      for (auto& x : base.tiers) {
        if (x.tier == t["tier"].get<std::string>()) tier = &x;
      }
      if (!tier) {
        return InvalidArgument(at + ".tier", "unknown tier \"" + t["tier"].get<std::string>() +
                                                 "\" (expected reference_network, case_study, "
                                                 "event_speaking or advisory_board)");
      }
      if (t.contains("quarterly_cap")) {
        TEND_ASSIGN_OR_RETURN(auto v,
                              int_at(t["quarterly_cap"], at + ".quarterly_cap", 0, 52, false));
        tier->quarterly_cap = *v;
      }
      if (t.contains("capacity")) {
        TEND_ASSIGN_OR_RETURN(tier->capacity,
                              int_at(t["capacity"], at + ".capacity", 1, 100000, true));
      }
      if (t.contains("min_members")) {
        TEND_ASSIGN_OR_RETURN(tier->min_members,
                              int_at(t["min_members"], at + ".min_members", 0, 100000, true));
      }
      if (tier->capacity && tier->min_members && *tier->min_members > *tier->capacity) {
        return InvalidArgument(at + ".min_members",
                               fmt::format("{}.min_members ({}) is more than its capacity ({})", at,
                                           *tier->min_members, *tier->capacity));
      }
    }
  }
  return base;
}

Result<Settings> LoadSettings(store::AdvocacyStore& store) {
  TEND_ASSIGN_OR_RETURN(auto text, store.LoadProgramSettings());
  if (!text) return DefaultSettings();
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded()) {
    return DataLoss("advocacy.settings", "the stored advocacy settings are not JSON");
  }
  return ParseSettings(j, DefaultSettings());
}

Status SaveSettings(store::AdvocacyStore& store, const Settings& s) {
  return store.SaveProgramSettings(DumpJson(SettingsJson(s)));
}

double KindUnits(std::string_view kind) {
  const KindInfo* k = FindKind(kind);
  return k ? k->units : 0;
}
bool IsGivenKind(std::string_view kind) {
  const KindInfo* k = FindKind(kind);
  return k && k->given;
}
bool IsReceivedKind(std::string_view kind) {
  const KindInfo* k = FindKind(kind);
  return k && !k->given;
}

EpochDay QuarterStart(EpochDay d) {
  const CivilDate c = CivilFromDays(d);
  const unsigned first_month = (c.month - 1) / 3 * 3 + 1;
  return DaysFromCivil(c.year, first_month, 1);
}

Load LoadOf(const std::vector<store::AskRecord>& asks, std::string_view contact_id, EpochMs now) {
  Load l;
  const EpochDay q = QuarterStart(DayOf(now));
  for (const auto& a : asks) {
    if (a.contact_id != contact_id) continue;
    if (DayOf(a.asked_at) >= q) ++l.asks_this_quarter;
    if (!l.last_asked_at || a.asked_at > *l.last_asked_at) l.last_asked_at = a.asked_at;
  }
  return l;
}

Balance BalanceOf(std::string_view contact_id, const std::vector<store::AskRecord>& asks,
                  const std::vector<store::LedgerRecord>& ledger,
                  const std::vector<store::ActivityRecord>& activities, EpochMs now) {
  Balance b;
  const EpochMs from = now - int64_t{b.window_days} * kMsPerDay;
  for (const auto& a : asks) {
    if (a.contact_id == contact_id && a.asked_at > from && a.asked_at <= now) {
      b.gave += KindUnits(a.activity);
    }
  }
  for (const auto& a : activities) {
    if (a.contact_id == contact_id && a.source != "system" && a.ts > from && a.ts <= now &&
        IsAdvocacyActivity(a.type)) {
      b.gave += KindUnits(a.type);
    }
  }
  for (const auto& e : ledger) {
    if (e.contact_id != contact_id || e.ts <= from || e.ts > now) continue;
    (e.direction == "received" ? b.received : b.gave) += e.units;
  }
  b.warning = b.gave > b.received;
  b.text = fmt::format("Asked for {:.1f} units in the last two quarters and gave back {:.1f}",
                       b.gave, b.received);
  return b;
}

// ---- Program ----

Result<store::AdvocateRecord> Program::Advocate(const std::string& contact_id) {
  TEND_ASSIGN_OR_RETURN(auto a, store_.GetAdvocate(contact_id));
  if (!a) return NotFound("advocacy.noAdvocate", contact_id + " is not in the advocacy program");
  return *a;
}

Result<store::ContactRecord> Program::Contact(const std::string& contact_id) {
  TEND_ASSIGN_OR_RETURN(auto c, store_.GetContact(contact_id));
  if (!c) return NotFound("advocacy.noContact", "no contact " + contact_id);
  return *c;
}

Result<store::ReferenceRequestRecord> Program::Request(int64_t id) {
  TEND_ASSIGN_OR_RETURN(auto r, store_.GetReferenceRequest(id));
  if (!r) return NotFound("advocacy.noRequest", fmt::format("no reference request {}", id));
  return *r;
}

Result<store::AskRecord> Program::AskById(int64_t id) {
  TEND_ASSIGN_OR_RETURN(auto a, store_.GetAsk(id));
  if (!a) return NotFound("advocacy.noAsk", fmt::format("no ask {}", id));
  return *a;
}

Status Program::Log(const std::string& account_id, const std::string& contact_id,
                    const std::string& type, const std::string& subject, const std::string& notes,
                    const std::string& actor) {
  store::ActivityRecord a;
  a.ts = clock_.NowMs();
  a.account_id = account_id;
  a.contact_id = contact_id;
  a.type = type;
  a.subject = subject;
  a.notes = notes;
  a.author = actor;
  a.source = "system";
  TEND_RETURN_IF_ERROR(cockpit::Cockpit(store_, clock_).Log(a).status());
  logged_.push_back({account_id, a.ts, type});
  return Status::Ok();
}

Status Program::CheckCapacity(const std::string& tier, const std::string& contact_id) {
  const TierInfo* t = settings_.Tier(tier);
  if (!t) {
    return InvalidArgument("tier", "unknown tier \"" + tier +
                                       "\" (expected reference_network, case_study, "
                                       "event_speaking or advisory_board)");
  }
  if (!t->capacity) return Status::Ok();
  TEND_ASSIGN_OR_RETURN(auto all, store_.ListAdvocates());
  int members = 0;
  for (const auto& a : all) {
    if (a.contact_id != contact_id && a.tier == tier && In(a.status, {"invited", "active"})) {
      ++members;
    }
  }
  if (members >= *t->capacity) {
    return FailedPrecondition("advocacy.tierFull",
                              fmt::format("the {} tier is full ({} of {} places taken)", t->label,
                                          members, *t->capacity));
  }
  return Status::Ok();
}

Result<store::AdvocateRecord> Program::Invite(const std::string& contact_id,
                                              const std::string& tier, const std::string& note,
                                              const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto contact, Contact(contact_id));
  TEND_ASSIGN_OR_RETURN(auto existing, store_.GetAdvocate(contact_id));
  if (existing && !In(existing->status, {"candidate", "dismissed"})) {
    return FailedPrecondition(
        "advocacy.alreadyInProgram",
        contact.name + " is already " + existing->status + " in the advocacy program");
  }
  TEND_RETURN_IF_ERROR(CheckCapacity(tier, contact_id));
  const EpochMs now = clock_.NowMs();
  store::AdvocateRecord a = existing.value_or(store::AdvocateRecord{});
  a.contact_id = contact_id;
  a.account_id = contact.account_id;
  a.status = "invited";
  a.tier = tier;
  a.snoozed_until.reset();
  a.reason = note;
  if (!existing) a.since = now;
  a.updated_at = now;
  a.updated_by = actor;
  TEND_RETURN_IF_ERROR(store_.UpsertAdvocate(a));
  TEND_RETURN_IF_ERROR(Log(
      contact.account_id, contact_id, "advocacy",
      "Advocacy: invited " + contact.name + " to the " + settings_.Tier(tier)->label, note, actor));
  return a;
}

Status Program::Triage(const std::string& contact_id, const std::string& status,
                       std::optional<EpochDay> snoozed_until, const std::string& reason,
                       const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto contact, Contact(contact_id));
  TEND_ASSIGN_OR_RETURN(auto existing, store_.GetAdvocate(contact_id));
  if (existing && existing->status != "candidate") {
    return FailedPrecondition("advocacy.notCandidate",
                              contact.name + " is " + existing->status + ", not a candidate");
  }
  const EpochMs now = clock_.NowMs();
  store::AdvocateRecord a = existing.value_or(store::AdvocateRecord{});
  a.contact_id = contact_id;
  a.account_id = contact.account_id;
  a.status = status;
  a.snoozed_until = snoozed_until;
  a.reason = reason;
  if (!existing) a.since = now;
  a.updated_at = now;
  a.updated_by = actor;
  return store_.UpsertAdvocate(a);
}

Status Program::Snooze(const std::string& contact_id, int days, const std::string& reason,
                       const std::string& actor) {
  if (days < 1 || days > 730) {
    return InvalidArgument("days", "days must be a whole number from 1 to 730");
  }
  if (reason.empty()) return InvalidArgument("reason", "say why the candidate is snoozed");
  return Triage(contact_id, "candidate", DayOf(clock_.NowMs()) + days, reason, actor);
}

Status Program::Dismiss(const std::string& contact_id, const std::string& reason,
                        const std::string& actor) {
  if (reason.empty()) return InvalidArgument("reason", "say why the candidate is dismissed");
  return Triage(contact_id, "dismissed", std::nullopt, reason, actor);
}

Result<store::AdvocateRecord> Program::Update(const std::string& contact_id, const Change& ch,
                                              const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto a, Advocate(contact_id));
  TEND_ASSIGN_OR_RETURN(auto contact, Contact(contact_id));
  const std::string from = a.status;
  const EpochMs now = clock_.NowMs();
  if (ch.consent) {
    if (*ch.consent && !a.consent) a.consent_at = now;
    if (!*ch.consent) a.consent_at.reset();
    a.consent = *ch.consent;
  }
  if (ch.preferred) {
    for (const auto& p : *ch.preferred) {
      if (!IsAdvocacyActivity(p)) {
        return InvalidArgument("preferred",
                               "unknown activity \"" + p +
                                   "\" (expected reference_call, case_study, speaking or "
                                   "advisory_board)");
      }
    }
    a.preferred = Join(*ch.preferred);
  }
  if (ch.tier && *ch.tier != a.tier) {
    if (In(a.status, {"invited", "active"})) {
      TEND_RETURN_IF_ERROR(CheckCapacity(*ch.tier, contact_id));
    } else if (!settings_.Tier(*ch.tier)) {
      return CheckCapacity(*ch.tier, contact_id);
    }
    a.tier = *ch.tier;
  }
  if (ch.status && *ch.status != a.status) {
    const std::string& to = *ch.status;
    static const std::vector<std::pair<std::string_view, std::string_view>> kMoves = {
        {"candidate", "invited"}, {"dismissed", "invited"}, {"invited", "active"},
        {"invited", "retired"},   {"active", "paused"},     {"active", "retired"},
        {"paused", "active"},     {"paused", "retired"}};
    const bool known = In(to, {"candidate", "invited", "active", "paused", "retired"});
    if (!known) {
      return InvalidArgument(
          "status", "unknown status \"" + to + "\" (expected invited, active, paused or retired)");
    }
    if (std::find(kMoves.begin(), kMoves.end(),
                  std::make_pair(std::string_view(a.status), std::string_view(to))) ==
        kMoves.end()) {
      return FailedPrecondition("advocacy.badMove",
                                "an advocate cannot go from " + a.status + " to " + to);
    }
    if (to == "active" && !a.consent) {
      return FailedPrecondition("advocacy.noConsent", contact.name +
                                                          " has not given consent: record it first "
                                                          "(\"consent\": true)");
    }
    if (In(to, {"invited", "active"}) && a.tier.empty()) {
      return InvalidArgument("tier", "choose a tier first");
    }
    if (to == "active" || to == "invited") {
      TEND_RETURN_IF_ERROR(CheckCapacity(a.tier, contact_id));
    }
    a.status = to;
  }
  a.account_id = contact.account_id;
  if (!ch.note.empty()) a.reason = ch.note;
  a.updated_at = now;
  a.updated_by = actor;
  TEND_RETURN_IF_ERROR(store_.UpsertAdvocate(a));
  if (a.status != from) {
    TEND_RETURN_IF_ERROR(
        Log(a.account_id, contact_id, "advocacy",
            "Advocacy: " + contact.name + " is now " + a.status +
                (a.status == "active" ? " (" + settings_.Tier(a.tier)->label + ")" : ""),
            ch.note, actor));
  }
  return a;
}

Result<int64_t> Program::AddLedger(const std::string& contact_id, const std::string& direction,
                                   const std::string& kind, std::optional<double> units,
                                   const std::string& note, std::optional<EpochDay> day,
                                   const std::string& actor) {
  if (direction != "gave" && direction != "received") {
    return InvalidArgument("direction", "direction must be gave or received");
  }
  if (direction == "gave" ? !IsGivenKind(kind) : !IsReceivedKind(kind)) {
    return InvalidArgument("kind", direction == "gave"
                                       ? "kind must be reference_call, case_study, speaking or "
                                         "advisory_board for what an advocate gave"
                                       : "kind must be early_access, roadmap_session, honorarium, "
                                         "travel, recognition or referral for a give-back");
  }
  if (units && (!std::isfinite(*units) || *units <= 0 || *units > 100)) {
    return InvalidArgument("units", "units must be a number above 0 and at most 100");
  }
  TEND_ASSIGN_OR_RETURN(auto a, Advocate(contact_id));
  store::LedgerRecord e;
  e.contact_id = contact_id;
  e.account_id = a.account_id;
  const EpochMs now = clock_.NowMs();
  e.ts = day ? int64_t{*day} * kMsPerDay + 12 * 3600 * 1000 : now;
  if (e.ts > now + kMsPerDay) return InvalidArgument("day", "the day is in the future");
  e.direction = direction;
  e.kind = kind;
  e.units = units.value_or(KindUnits(kind));
  e.note = note;
  e.author = actor;
  return store_.InsertLedgerEntry(e);
}

Result<int64_t> Program::Ask(const std::string& contact_id, const std::string& activity,
                             const std::string& note, std::optional<int64_t> request_id,
                             const std::string& actor) {
  if (!IsAdvocacyActivity(activity)) {
    return InvalidArgument("activity",
                           "activity must be reference_call, case_study, speaking or "
                           "advisory_board");
  }
  TEND_ASSIGN_OR_RETURN(auto a, Advocate(contact_id));
  TEND_ASSIGN_OR_RETURN(auto contact, Contact(contact_id));
  if (a.status != "active" || !a.consent) {
    return FailedPrecondition("advocacy.notAskable",
                              contact.name + " can be asked only when active with consent (now " +
                                  a.status + (a.consent ? "" : ", no consent") + ")");
  }
  TEND_ASSIGN_OR_RETURN(auto asks, store_.ListAsks(contact_id));
  const EpochMs now = clock_.NowMs();
  const Load load = LoadOf(asks, contact_id, now);
  const TierInfo* tier = settings_.Tier(a.tier);
  if (tier && load.asks_this_quarter >= tier->quarterly_cap) {
    return FailedPrecondition(
        "advocacy.overCap",
        fmt::format("{} was asked {} time{} this quarter (the {} cap is {})", contact.name,
                    load.asks_this_quarter, load.asks_this_quarter == 1 ? "" : "s", tier->label,
                    tier->quarterly_cap));
  }
  store::AskRecord ask;
  ask.contact_id = contact_id;
  ask.account_id = a.account_id;
  ask.activity = activity;
  ask.status = "asked";
  ask.asked_at = now;
  ask.note = note;
  ask.request_id = request_id;
  ask.asked_by = actor;
  TEND_ASSIGN_OR_RETURN(int64_t id, store_.InsertAsk(ask));
  TEND_RETURN_IF_ERROR(Log(a.account_id, contact_id, "advocacy_ask",
                           fmt::format("Advocacy: asked {} for a {}", contact.name, activity), note,
                           actor));
  return id;
}

Status Program::AnswerAsk(int64_t ask_id, bool accepted, const std::string& reason,
                          const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto ask, AskById(ask_id));
  if (ask.status != "asked") {
    return FailedPrecondition(
        "advocacy.badMove",
        fmt::format("ask {} is {}, not waiting for an answer", ask_id, ask.status));
  }
  ask.status = accepted ? "accepted" : "declined";
  ask.answered_at = clock_.NowMs();
  if (!reason.empty()) ask.note = reason;
  TEND_RETURN_IF_ERROR(store_.UpdateAsk(ask));
  TEND_ASSIGN_OR_RETURN(auto contact, Contact(ask.contact_id));
  return Log(ask.account_id, ask.contact_id, "advocacy_ask",
             fmt::format("Advocacy: {} {} the {} ask", contact.name,
                         accepted ? "accepted" : "declined", ask.activity),
             reason, actor);
}

Status Program::CompleteAsk(int64_t ask_id, const std::string& outcome, const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto ask, AskById(ask_id));
  if (ask.status != "accepted") {
    return FailedPrecondition(
        "advocacy.badMove",
        fmt::format("ask {} is {}; only an accepted ask can be completed", ask_id, ask.status));
  }
  if (outcome.empty()) return InvalidArgument("outcome", "say how it went (outcome)");
  ask.status = "completed";
  ask.completed_at = clock_.NowMs();
  ask.outcome = outcome;
  TEND_RETURN_IF_ERROR(store_.UpdateAsk(ask));
  TEND_ASSIGN_OR_RETURN(auto contact, Contact(ask.contact_id));
  // The advocacy activity itself: it counts in the metrics like an imported one.
  return Log(ask.account_id, ask.contact_id, ask.activity,
             fmt::format("Advocacy: {} by {}", ask.activity, contact.name), outcome, actor);
}

Result<int64_t> Program::CreateRequest(store::ReferenceRequestRecord r, const std::string& actor,
                                       std::optional<int64_t> user_id) {
  auto trim = [](std::string& s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    s.erase(0, i);
  };
  for (std::string* s : {&r.prospect, &r.deal_id, &r.industry, &r.segment, &r.region, &r.product}) {
    trim(*s);
  }
  if (r.prospect.empty()) return InvalidArgument("prospect", "name the prospect");
  if (r.prospect.size() > 200) return InvalidArgument("prospect", "prospect is too long");
  if (!r.deadline) return InvalidArgument("deadline", "give a deadline (YYYY-MM-DD)");
  const EpochMs now = clock_.NowMs();
  r.created_at = r.updated_at = now;
  r.requested_by = actor;
  r.requested_by_user = user_id;
  r.status = "requested";
  r.ask_id.reset();
  r.outcome.clear();
  return store_.InsertReferenceRequest(r);
}

Status Program::AskForRequest(int64_t request_id, const std::string& contact_id,
                              const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto r, Request(request_id));
  if (!In(r.status, {"requested", "declined"})) {
    return FailedPrecondition("advocacy.badMove",
                              fmt::format("request {} is {}; an advocate is asked when it is "
                                          "requested or was declined",
                                          request_id, r.status));
  }
  TEND_ASSIGN_OR_RETURN(
      int64_t ask_id,
      Ask(contact_id, "reference_call",
          fmt::format("Reference request #{} for {}", request_id, r.prospect), request_id, actor));
  r.status = "asked";
  r.ask_id = ask_id;
  r.updated_at = clock_.NowMs();
  return store_.UpdateReferenceRequest(r);
}

Status Program::AnswerRequest(int64_t request_id, bool accepted, const std::string& reason,
                              const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto r, Request(request_id));
  if (r.status != "asked" || !r.ask_id) {
    return FailedPrecondition(
        "advocacy.badMove",
        fmt::format("request {} is {}, not waiting for an answer", request_id, r.status));
  }
  TEND_RETURN_IF_ERROR(AnswerAsk(*r.ask_id, accepted, reason, actor));
  r.status = accepted ? "accepted" : "declined";
  r.updated_at = clock_.NowMs();
  return store_.UpdateReferenceRequest(r);
}

Status Program::CompleteRequest(int64_t request_id, const std::string& outcome,
                                const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto r, Request(request_id));
  if (r.status != "accepted" || !r.ask_id) {
    return FailedPrecondition("advocacy.badMove",
                              fmt::format("request {} is {}; only an accepted request can be "
                                          "completed",
                                          request_id, r.status));
  }
  TEND_RETURN_IF_ERROR(CompleteAsk(*r.ask_id, outcome, actor));
  r.status = "completed";
  r.outcome = outcome;
  r.updated_at = clock_.NowMs();
  return store_.UpdateReferenceRequest(r);
}

Status Program::CancelRequest(int64_t request_id, const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto r, Request(request_id));
  if (In(r.status, {"completed", "cancelled"})) {
    return FailedPrecondition("advocacy.badMove",
                              fmt::format("request {} is already {}", request_id, r.status));
  }
  r.status = "cancelled";
  r.updated_at = clock_.NowMs();
  TEND_RETURN_IF_ERROR(store_.UpdateReferenceRequest(r));
  if (r.ask_id) {
    TEND_ASSIGN_OR_RETURN(auto ask, AskById(*r.ask_id));
    return Log(
        ask.account_id, ask.contact_id, "advocacy_ask",
        fmt::format("Advocacy: reference request #{} for {} cancelled", request_id, r.prospect), "",
        actor);
  }
  return Status::Ok();
}

Result<std::vector<std::string>> Program::ProcessContactChanges(const std::string& actor) {
  std::vector<std::string> touched;
  TEND_ASSIGN_OR_RETURN(auto changes, store_.ListContactChanges(true));
  if (changes.empty()) return touched;
  TEND_ASSIGN_OR_RETURN(auto accounts, store_.LoadAccounts());
  auto account = [&](const std::string& id) -> const store::AccountRecord* {
    auto it = std::lower_bound(
        accounts.begin(), accounts.end(), id,
        [](const store::AccountRecord& a, const std::string& k) { return a.account_id < k; });
    return it != accounts.end() && it->account_id == id ? &*it : nullptr;
  };
  for (const auto& ch : changes) {
    TEND_ASSIGN_OR_RETURN(auto contact, store_.GetContact(ch.contact_id));
    const std::string name = contact ? contact->name : ch.contact_id;
    bool champion = false;
    if (ch.kind == "title") {
      const bool promotion = MilestoneKind(ch) == "promotion";
      if (account(ch.new_account_id)) {
        TEND_RETURN_IF_ERROR(
            Log(ch.new_account_id, ch.contact_id, "milestone",
                fmt::format("{}: {} is now {} (was {})", promotion ? "Promotion" : "New title",
                            name, ch.new_title, ch.old_title),
                "", actor));
        touched.push_back(ch.new_account_id);
      }
    } else {
      // Was this person a champion at the old account?
      const std::string old_id =
          ch.previous_contact_id.empty() ? ch.contact_id : ch.previous_contact_id;
      TEND_ASSIGN_OR_RETURN(auto adv, store_.GetAdvocate(old_id));
      TEND_ASSIGN_OR_RETURN(auto old_contact, store_.GetContact(old_id));
      const bool advocate = adv && In(adv->status, {"invited", "active", "paused"});
      champion =
          advocate ||
          (!ch.previous_contact_id.empty() && old_contact && old_contact->role == "champion") ||
          (ch.previous_contact_id.empty() && contact && contact->role == "champion");
      const auto* from = account(ch.old_account_id);
      const auto* to = account(ch.new_account_id);
      const std::string from_name = from ? from->name : ch.old_account_id;
      const std::string to_name = to ? to->name : ch.new_account_id;
      const std::string role = champion ? (advocate ? " (an advocate)" : " (a champion)") : "";
      if (from) {
        TEND_RETURN_IF_ERROR(Log(
            ch.old_account_id, old_id, "milestone",
            fmt::format("{}{} left for {} ({})", name, role, to_name, ch.new_title), "", actor));
        touched.push_back(ch.old_account_id);
      }
      if (to) {
        TEND_RETURN_IF_ERROR(
            Log(ch.new_account_id, ch.contact_id, "milestone",
                fmt::format("{}{} joined from {} as {}", name, role, from_name, ch.new_title), "",
                actor));
        touched.push_back(ch.new_account_id);
      }
      // An advocate follows their contact to the new account.
      if (adv && ch.previous_contact_id.empty()) {
        adv->account_id = ch.new_account_id;
        adv->updated_at = clock_.NowMs();
        TEND_RETURN_IF_ERROR(store_.UpsertAdvocate(*adv));
      }
    }
    TEND_RETURN_IF_ERROR(store_.MarkContactChangeProcessed(ch.change_id, champion));
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  return touched;
}

Result<std::vector<std::string>> ProcessMilestones(store::Store& store, const std::string& actor) {
  TEND_ASSIGN_OR_RETURN(auto settings, LoadSettings(store));
  return Program(store, std::move(settings)).ProcessContactChanges(actor);
}

}  // namespace tend::advocacy
