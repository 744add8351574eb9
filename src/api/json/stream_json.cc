#include "api/json/stream_json.h"

#include "api/json/common_json.h"

namespace tend::api::json {

nlohmann::json ScoreEventJson(const rules::ScoreChange& change) {
  return {{"account_id", change.account_id},   {"scorecard", change.scorecard},
          {"overall", OptJson(change.overall)},     {"color", change.color},
          {"previous_overall", OptJson(change.previous_overall)},
          {"previous_color", change.previous_color}};
}

nlohmann::json CtaEventJson(const store::CtaRecord& c) {
  return {{"cta_id", c.cta_id}, {"account_id", c.account_id}, {"rule", c.rule},
          {"type", c.type},     {"priority", c.priority},     {"title", c.title},
          {"owner", c.owner}};
}

nlohmann::json RefreshEventJson(EpochDay as_of, double ms) {
  return {{"as_of", FormatDate(as_of)}, {"ms", ms}};
}

}  // namespace tend::api::json
