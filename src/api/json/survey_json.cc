#include "api/json/survey_json.h"

#include "api/json/common_json.h"
#include "common/time.h"
#include "definitions/survey_def.h"

namespace tend::api::json {

nlohmann::json SendResultJson(const surveys::SendResult& r) {
  nlohmann::json skipped = nlohmann::json::array();
  for (const auto& s : r.skipped) skipped.push_back({{"contact_id", s.contact_id}, {"reason", s.reason}});
  return {{"queued", r.queued}, {"skipped", skipped}};
}

nlohmann::json SurveyResultsJson(const surveys::SurveyResults& r, const std::string& kind) {
  const bool nps = surveys::IsNpsKind(kind);
  nlohmann::json comments = nlohmann::json::array();
  for (const auto& c : r.comments) {
    comments.push_back({{"account_id", c.account_id},
                        {"contact_id", c.contact_id},
                        {"score", c.score},
                        {"comment", c.comment},
                        {"answered_at", FormatTime(c.answered_at)}});
  }
  auto count = [&](int64_t n) { return nps ? nlohmann::json(n) : nlohmann::json(nullptr); };
  return {{"kind", kind},
          {"sent", r.sent},
          {"responses", r.responses},
          {"response_rate", r.response_rate},
          {"nps", OptJson(r.nps)},
          {"promoters", count(r.promoters)},
          {"passives", count(r.passives)},
          {"detractors", count(r.detractors)},
          {"average", OptJson(r.average)},
          {"comments", comments}};
}

}  // namespace tend::api::json
