#include "api/json/advocacy_json.h"

#include "api/json/cockpit_json.h"
#include "api/json/common_json.h"

namespace tend::api::json {

nlohmann::json ReasonsJson(const std::vector<advocacy::Reason>& reasons) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : reasons) {
    out.push_back({{"signal", r.signal}, {"points", r.points}, {"text", r.text}});
  }
  return out;
}

nlohmann::json AskJson(const store::AskRecord& a) {
  return {{"ask_id", a.ask_id},
          {"contact_id", a.contact_id},
          {"account_id", a.account_id},
          {"activity", a.activity},
          {"status", a.status},
          {"asked_at", FormatTime(a.asked_at)},
          {"answered_at", TimeJson(a.answered_at)},
          {"completed_at", TimeJson(a.completed_at)},
          {"outcome", a.outcome},
          {"note", a.note},
          {"request_id", a.request_id ? nlohmann::json(*a.request_id) : nullptr},
          {"asked_by", a.asked_by}};
}

nlohmann::json AdvocateViewJson(const advocacy::AdvocateView& v) {
  const store::AdvocateRecord* a = v.advocate;
  const store::ContactRecord& contact = v.contact;
  const advocacy::AccountSignals* acc = v.account;
  const advocacy::TierInfo* tier = v.tier;
  const auto& load = v.standing.load;
  const auto& balance = v.standing.balance;
  return {{"contact_id", contact.contact_id},
          {"name", contact.name},
          {"title", contact.title},
          {"email", contact.email},
          {"seniority", contact.seniority},
          {"role", contact.role},
          {"account_id", contact.account_id},
          {"account_name", acc ? acc->account.name : contact.account_id},
          {"account_color", acc && !acc->color.empty() ? nlohmann::json(acc->color) : nullptr},
          {"tier", a && !a->tier.empty() ? nlohmann::json(a->tier) : nullptr},
          {"tier_label", tier ? nlohmann::json(tier->label) : nullptr},
          {"status", a ? a->status : "none"},
          {"consent", a && a->consent},
          {"consent_at", a ? TimeJson(a->consent_at) : nullptr},
          {"preferred", a ? advocacy::SplitList(a->preferred) : std::vector<std::string>{}},
          {"note", a ? a->reason : ""},
          {"since", a ? nlohmann::json(FormatTime(a->since)) : nullptr},
          {"updated_at", a ? nlohmann::json(FormatTime(a->updated_at)) : nullptr},
          {"asks_this_quarter", load.asks_this_quarter},
          {"quarterly_cap", tier ? nlohmann::json(tier->quarterly_cap) : nullptr},
          {"last_asked_at", TimeJson(load.last_asked_at)},
          {"gave_180d", balance.gave},
          {"received_180d", balance.received},
          {"extraction_warning", balance.warning}};
}

nlohmann::json AdvocateProfileJson(const advocacy::AdvocateProfile& p) {
  nlohmann::json out = AdvocateViewJson(p.view);
  out["propensity"] = {{"score", p.propensity.score}, {"reasons", ReasonsJson(p.propensity.reasons)}};
  const auto& b = p.view.standing.balance;
  out["balance"] = {{"window_days", b.window_days},
                    {"gave", b.gave},
                    {"received", b.received},
                    {"warning", b.warning},
                    {"text", b.text}};
  nlohmann::json ledger = nlohmann::json::array();
  for (const auto& l : p.ledger) {
    ledger.push_back({{"entry_id", l.entry_id ? nlohmann::json(*l.entry_id) : nullptr},
                      {"ts", FormatTime(l.ts)},
                      {"direction", l.direction},
                      {"kind", l.kind},
                      {"units", l.units},
                      {"note", l.note},
                      {"author", l.author},
                      {"source", l.source}});
  }
  out["ledger"] = ledger;
  nlohmann::json asks = nlohmann::json::array();
  for (const auto& a : p.asks) asks.push_back(AskJson(a));
  out["asks"] = asks;
  nlohmann::json milestones = nlohmann::json::array();
  for (const auto& ch : p.milestones) {
    milestones.push_back({{"ts", FormatTime(ch.ts)},
                          {"kind", advocacy::MilestoneKind(ch)},
                          {"old", ch.old_title},
                          {"new", ch.new_title},
                          {"old_account_id", ch.old_account_id},
                          {"account_id", ch.new_account_id}});
  }
  out["milestones"] = milestones;
  nlohmann::json timeline = nlohmann::json::array();
  for (const auto& act : p.timeline) timeline.push_back(ActivityJson(act));
  out["timeline"] = timeline;
  return out;
}

nlohmann::json RequestJson(const store::ReferenceRequestRecord& r,
                           const std::optional<store::AskRecord>& ask,
                           const std::optional<store::ContactRecord>& contact,
                           const std::string& account_name) {
  return {{"request_id", r.request_id},
          {"created_at", FormatTime(r.created_at)},
          {"requested_by", r.requested_by},
          {"deal_id", r.deal_id},
          {"prospect", r.prospect},
          {"industry", r.industry},
          {"segment", r.segment},
          {"region", r.region},
          {"product", r.product},
          {"deadline", DateJson(r.deadline)},
          {"notes", r.notes},
          {"status", r.status},
          {"outcome", r.outcome.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.outcome)},
          {"ask_id", r.ask_id ? nlohmann::json(*r.ask_id) : nullptr},
          {"contact_id", ask ? nlohmann::json(ask->contact_id) : nullptr},
          {"contact_name", contact ? nlohmann::json(contact->name) : nullptr},
          {"account_id", ask ? nlohmann::json(ask->account_id) : nullptr},
          {"account_name", ask ? nlohmann::json(account_name) : nullptr},
          {"asked_at", ask ? nlohmann::json(FormatTime(ask->asked_at)) : nullptr},
          {"answered_at", ask ? TimeJson(ask->answered_at) : nullptr},
          {"completed_at", ask ? TimeJson(ask->completed_at) : nullptr},
          {"updated_at", FormatTime(r.updated_at)}};
}

nlohmann::json ProgramMetricsJson(const advocacy::ProgramMetrics& m, bool details) {
  auto opt = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  nlohmann::json rates = nlohmann::json::object(), counts = nlohmann::json::object();
  for (const auto& [type, p] : m.participation) {
    rates[type] = opt(p.rate);
    counts[type] = {{"asks", p.asks}, {"accepted", p.accepted}};
  }
  nlohmann::json out = {{"advocacy_nps", opt(m.advocacy_nps)},
                        {"participation_rate", rates},
                        {"advocate_renewal_rate", opt(m.advocate_renewal_rate)},
                        {"influenced_deals", m.influenced_deals},
                        {"influenced_amount", m.influenced_amount},
                        {"influenced_share", opt(m.influenced_share)}};
  if (!details) return out;
  out["as_of"] = FormatDate(m.as_of);
  out["details"] = {{"advocacy_nps_responses", m.nps_responses},
                    {"promoters", m.promoters},
                    {"detractors", m.detractors},
                    {"asks", counts},
                    {"renewal_base", m.renewal_base},
                    {"renewal_renewed", m.renewal_renewed},
                    {"won_amount", m.won_amount}};
  return out;
}

nlohmann::json ProgramDashboardJson(const advocacy::ProgramDashboard& d, size_t candidates) {
  nlohmann::json trend = nlohmann::json::array();
  for (const auto& t : d.trend) {
    const advocacy::ProgramMetrics& p = t.metrics;
    trend.push_back({{"as_of", FormatDate(t.as_of)},
                     {"advocacy_nps", OptJson(p.advocacy_nps)},
                     {"advocate_renewal_rate", OptJson(p.advocate_renewal_rate)},
                     {"influenced_amount", p.influenced_amount},
                     {"influenced_deals", p.influenced_deals},
                     {"participation", OptJson(t.participation)}});
  }
  nlohmann::json tiers = nlohmann::json::array();
  for (const auto& t : d.tiers) {
    // A tier as the settings show it, with its counts.
    nlohmann::json j = advocacy::SettingsJson(advocacy::Settings{0, 0, {t.tier}})["tiers"][0];
    j["active"] = t.active;
    j["invited"] = t.invited;
    j["paused"] = t.paused;
    tiers.push_back(j);
  }
  nlohmann::json funnel = d.funnel;
  funnel["candidates"] = candidates;
  const advocacy::Burnout& b = d.burnout;
  return {{"as_of", FormatDate(d.as_of)},
          {"metrics", ProgramMetricsJson(d.metrics, /*details=*/true)},
          {"trend", trend},
          {"tiers", tiers},
          {"funnel", funnel},
          {"requests", d.requests},
          {"burnout",
           {{"asks_per_advocate", OptJson(b.asks_per_advocate)},
            {"decline_rate", OptJson(b.decline_rate)},
            {"over_cap", b.over_cap},
            {"extraction_warnings", b.extraction_warnings},
            {"active_advocates", b.active}}},
          {"settings", advocacy::SettingsJson(d.settings)}};
}

nlohmann::json CandidateRowJson(const advocacy::CandidateRow& r) {
  return {{"contact_id", r.contact_id},
          {"name", r.name},
          {"title", r.title},
          {"seniority", r.seniority},
          {"role", r.role},
          {"account_id", r.account_id},
          {"account_name", r.account_name},
          {"account_color", r.account_color.empty() ? nlohmann::json(nullptr)
                                                    : nlohmann::json(r.account_color)},
          {"csm", r.csm},
          {"score", r.score},
          {"account_score", r.account_score},
          {"status", r.status},
          {"reasons", ReasonsJson(r.reasons)}};
}

}  // namespace tend::api::json
