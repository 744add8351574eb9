// JSON forms of the voice of the customer (docs/feedback.md): items, requests with their
// ranking figures, suggestions, status changes. Shared by the API routes and `tend feedback
// ... --format json`, so both print the same shapes.
#ifndef TEND_API_JSON_FEEDBACK_JSON_H_
#define TEND_API_JSON_FEEDBACK_JSON_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "feedback/ranking.h"
#include "feedback/similarity.h"
#include "feedback/status_change.h"
#include "store/feedback_records.h"

namespace tend::api {

nlohmann::json FeedbackItemJson(const store::FeedbackItemRecord& item);
nlohmann::json FeedbackRequestJson(const store::FeedbackRequestRecord& request);
// A request with its figures; `detail` adds the accounts asking (by ARR) with their contacts.
nlohmann::json RequestFiguresJson(const feedback::RequestFigures& f, bool detail);
nlohmann::json SuggestionsJson(const std::vector<feedback::Suggestion>& s);
nlohmann::json StatusChangeJson(const feedback::StatusChange& change);

}  // namespace tend::api

#endif  // TEND_API_JSON_FEEDBACK_JSON_H_
