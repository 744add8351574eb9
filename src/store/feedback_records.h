// The records of the voice of the customer (see feedback/ and docs/feedback.md): what
// customers said (feedback items) and the product-side requests they are linked to.
#ifndef TEND_STORE_FEEDBACK_RECORDS_H_
#define TEND_STORE_FEEDBACK_RECORDS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/time.h"

namespace tend::store {

// The vocabularies, in the order the docs list them.
inline constexpr std::array<std::string_view, 8> kFeedbackSources = {
    "call", "meeting", "qbr", "ticket", "survey", "email", "community", "other"};
inline constexpr std::array<std::string_view, 5> kFeedbackKinds = {
    "feature_request", "bug", "praise", "complaint", "question"};
inline constexpr std::array<std::string_view, 3> kFeedbackImportances = {"nice", "important",
                                                                         "blocker"};
inline constexpr std::array<std::string_view, 6> kRequestStatuses = {
    "new", "under_review", "planned", "in_progress", "shipped", "declined"};

// What one customer said, once.
struct FeedbackItemRecord {
  int64_t item_id = 0;      // assigned by the store
  std::string external_id;  // feedback.csv's feedback_id (upsert key); empty for logged items
  std::string account_id;
  std::string contact_id;  // optional
  std::string source;      // kFeedbackSources
  // Where it came from: "activity:<id>", "ticket:<ticket_id>", "survey:<survey_id or row
  // key>", or a URL; empty when unknown.
  std::string source_ref;
  std::string kind;        // kFeedbackKinds
  std::string text;
  std::string product_area;  // empty, or one of the workspace's product areas
  std::string importance;    // kFeedbackImportances
  std::string created_by;
  EpochMs created_at = 0;
  std::optional<int64_t> request_id;  // the request it is linked to
};

// A product-side request that feedback items ask for.
struct FeedbackRequestRecord {
  int64_t request_id = 0;  // assigned by the store
  std::string title, description, product_area;
  std::string status = "new";  // kRequestStatuses
  std::string external_link;   // e.g. a Jira or Linear URL
  std::string target_release;
  // Set when this request was merged into another (its items moved there); merged
  // requests are kept for their history but no longer listed.
  std::optional<int64_t> merged_into;
  EpochMs created_at = 0, updated_at = 0;
  std::string created_by;
};

struct FeedbackItemFilter {
  std::string account_id;             // empty: any
  std::optional<int64_t> request_id;  // any when unset
};

}  // namespace tend::store

#endif  // TEND_STORE_FEEDBACK_RECORDS_H_
