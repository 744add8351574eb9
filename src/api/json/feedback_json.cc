#include "api/json/feedback_json.h"

#include "common/time.h"

namespace tend::api {

namespace {

nlohmann::json TextOrNull(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace

nlohmann::json FeedbackItemJson(const store::FeedbackItemRecord& i) {
  return {{"item_id", i.item_id},
          {"external_id", TextOrNull(i.external_id)},
          {"account_id", i.account_id},
          {"contact_id", TextOrNull(i.contact_id)},
          {"source", i.source},
          {"source_ref", TextOrNull(i.source_ref)},
          {"kind", i.kind},
          {"text", i.text},
          {"product_area", TextOrNull(i.product_area)},
          {"importance", i.importance},
          {"created_by", TextOrNull(i.created_by)},
          {"created_at", FormatTime(i.created_at)},
          {"request_id", i.request_id ? nlohmann::json(*i.request_id) : nlohmann::json(nullptr)}};
}

nlohmann::json FeedbackRequestJson(const store::FeedbackRequestRecord& r) {
  return {{"request_id", r.request_id},
          {"title", r.title},
          {"description", r.description},
          {"product_area", TextOrNull(r.product_area)},
          {"status", r.status},
          {"external_link", TextOrNull(r.external_link)},
          {"target_release", TextOrNull(r.target_release)},
          {"merged_into",
           r.merged_into ? nlohmann::json(*r.merged_into) : nlohmann::json(nullptr)},
          {"created_by", TextOrNull(r.created_by)},
          {"created_at", FormatTime(r.created_at)},
          {"updated_at", FormatTime(r.updated_at)}};
}

nlohmann::json RequestFiguresJson(const feedback::RequestFigures& f, bool detail) {
  nlohmann::json j = FeedbackRequestJson(f.request);
  for (const std::string& name : feedback::FigureNames()) {
    double v = feedback::Figure(f, name);
    if (name.find("arr") != std::string::npos && name != "red_or_yellow") {
      j[name] = v;
    } else {
      j[name] = static_cast<int64_t>(v);
    }
  }
  nlohmann::json segments = nlohmann::json::object();
  for (const auto& [s, n] : f.segments) segments[s.empty() ? "(none)" : s] = n;
  j["segments"] = segments;
  if (detail) {
    nlohmann::json accounts = nlohmann::json::array();
    for (const auto& a : f.by_account) {
      accounts.push_back({{"account_id", a.account.account_id},
                          {"name", a.account.name},
                          {"segment", a.account.segment},
                          {"csm", a.account.csm},
                          {"arr", a.account.arr},
                          {"renewal_date", a.account.renewal_date
                                               ? nlohmann::json(FormatDate(*a.account.renewal_date))
                                               : nlohmann::json(nullptr)},
                          {"color", TextOrNull(a.account.color)},
                          {"items", a.items},
                          {"blocker", a.blocker},
                          {"renewing", a.renewing},
                          {"at_risk", a.at_risk},
                          {"contacts", a.contacts}});
    }
    j["accounts_asking"] = accounts;
  }
  return j;
}

nlohmann::json SuggestionsJson(const std::vector<feedback::Suggestion>& s) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& x : s) {
    out.push_back({{"request_id", x.request_id},
                   {"title", x.title},
                   {"status", x.status},
                   {"score", x.score}});
  }
  return out;
}

nlohmann::json StatusChangeJson(const feedback::StatusChange& c) {
  return {{"request", FeedbackRequestJson(c.request)},
          {"from", c.from},
          {"changed", c.changed},
          {"cta_ids", c.cta_ids},
          {"timeline_entries", c.timeline_entries},
          {"webhooks", c.webhooks}};
}

}  // namespace tend::api
