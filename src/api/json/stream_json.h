// The payloads of the live stream's events (GET /api/stream, api/event_stream.h): "score"
// (a re-scored account's main score, before and after), "cta" (a CTA the rules raised) and
// "refresh" (a full refresh finished). One place for their shapes; the web app's live views
// read them.
#ifndef TEND_API_JSON_STREAM_JSON_H_
#define TEND_API_JSON_STREAM_JSON_H_

#include <nlohmann/json.hpp>

#include "common/time.h"
#include "rules/engine/run_pipeline.h"
#include "store/records.h"

namespace tend::api::json {

// {account_id, scorecard, overall, color, previous_overall, previous_color}; null overalls
// when the account has no score.
nlohmann::json ScoreEventJson(const rules::ScoreChange& change);
// {cta_id, account_id, rule, type, priority, title, owner}.
nlohmann::json CtaEventJson(const store::CtaRecord& cta);
// {as_of: "YYYY-MM-DD", ms}.
nlohmann::json RefreshEventJson(EpochDay as_of, double ms);

}  // namespace tend::api::json

#endif  // TEND_API_JSON_STREAM_JSON_H_
