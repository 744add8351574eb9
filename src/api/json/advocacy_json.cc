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
