// Feedback: the commands of the voice of the customer (docs/feedback.md): log a feedback
// item, create and edit requests, link items, merge requests, change a request's status.
//
// Every command validates its input first and writes nothing when it is wrong: field
// problems come back as kInvalidArgument whose id is the field name ("kind", "text", ...);
// unknown ids as kNotFound ("feedback.noItem", "feedback.noRequest", "feedback.noAccount",
// "feedback.noContact"); merging a request into itself or into a merged one as
// kFailedPrecondition ("feedback.badMerge"). Callers run a command inside one store
// transaction so a failure halfway leaves nothing behind.
#ifndef TEND_FEEDBACK_FEEDBACK_H_
#define TEND_FEEDBACK_FEEDBACK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/feedback_store.h"

namespace tend::feedback {

// Whether `v` is one of `list`.
template <typename List>
bool OneOf(std::string_view v, const List& list) {
  for (std::string_view x : list) {
    if (x == v) return true;
  }
  return false;
}
// "a|b|c" for error messages.
template <typename List>
std::string Joined(const List& list) {
  std::string out;
  for (std::string_view x : list) out += (out.empty() ? "" : "|") + std::string(x);
  return out;
}

// Checks an item's enums, text and product area (`areas`: the workspace's list; empty
// accepts any area). The first problem, with the field name as the Status id.
Status CheckItem(const store::FeedbackItemRecord& item, const std::vector<std::string>& areas);

// Checks a request's title, status and product area.
Status CheckRequest(const store::FeedbackRequestRecord& request,
                    const std::vector<std::string>& areas);

// Logs `item` (created_at defaults to `now`). The account must exist (`account_known`) and a
// contact, when given, must belong to it (`contact_account`: the contact's account, nullopt
// when unknown). When item.request_id is set the request must exist and not be merged.
Result<int64_t> LogItem(store::FeedbackStore& store, store::FeedbackItemRecord item,
                        bool account_known, std::optional<std::string> contact_account,
                        EpochMs now);

// Creates a request (status defaults to "new").
Result<int64_t> CreateRequest(store::FeedbackStore& store, store::FeedbackRequestRecord request,
                              EpochMs now);

// Links an item to an open (not merged) request, or unlinks it (nullopt).
Status LinkItem(store::FeedbackStore& store, int64_t item_id, std::optional<int64_t> request_id);

// The request, following merges to the request it now lives in. kNotFound when unknown.
Result<store::FeedbackRequestRecord> GetRequest(store::FeedbackStore& store, int64_t request_id);

// Merges request `from` into `into`: every item of `from` moves to `into` (nothing is lost)
// and `from` is marked merged. Returns how many items moved.
Result<int64_t> MergeRequests(store::FeedbackStore& store, int64_t from, int64_t into,
                              EpochMs now);

}  // namespace tend::feedback

#endif  // TEND_FEEDBACK_FEEDBACK_H_
