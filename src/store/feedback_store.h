// FeedbackStore: the durable state of the voice of the customer (feedback items, requests,
// the product-area list). Part of store::Store; domain code (feedback/) takes this narrow
// interface. Failures as store.h says; kNotFound ("store.noFeedbackItem",
// "store.noRequest") for unknown ids on update.
#ifndef TEND_STORE_FEEDBACK_STORE_H_
#define TEND_STORE_FEEDBACK_STORE_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/feedback_records.h"

namespace tend::store {

class FeedbackStore {
 public:
  virtual ~FeedbackStore() = default;

  // Inserts an item, or (when item.external_id is set and known) updates that item in
  // place. Returns the item's id.
  virtual Result<int64_t> UpsertFeedbackItem(const FeedbackItemRecord& item) = 0;
  virtual Result<std::optional<FeedbackItemRecord>> GetFeedbackItem(int64_t item_id) = 0;
  // Items matching `filter`, oldest first (then by id).
  virtual Result<std::vector<FeedbackItemRecord>> ListFeedbackItems(
      const FeedbackItemFilter& filter) = 0;
  // Links an item to a request (nullopt unlinks it).
  virtual Status LinkFeedbackItem(int64_t item_id, std::optional<int64_t> request_id) = 0;
  // Moves every item of request `from` to request `to`; returns how many moved.
  virtual Result<int64_t> MoveFeedbackItems(int64_t from, int64_t to) = 0;

  virtual Result<int64_t> InsertFeedbackRequest(const FeedbackRequestRecord& request) = 0;
  // Updates title, description, product area, status, link, release, merged_into and
  // updated_at of request.request_id.
  virtual Status UpdateFeedbackRequest(const FeedbackRequestRecord& request) = 0;
  virtual Result<std::optional<FeedbackRequestRecord>> GetFeedbackRequest(int64_t request_id) = 0;
  // Every request (merged ones too), by id.
  virtual Result<std::vector<FeedbackRequestRecord>> ListFeedbackRequests() = 0;

  // The product areas CS Ops maintains, by name; adding a known one changes nothing.
  virtual Result<std::vector<std::string>> ListProductAreas() = 0;
  virtual Status AddProductArea(std::string_view name) = 0;

  // Per account with any: the number of distinct requests that are not shipped, declined or
  // merged and that one of the account's items with importance "blocker" is linked to.
  virtual Result<std::vector<std::pair<std::string, int64_t>>> CountOpenBlockerRequests() = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_FEEDBACK_STORE_H_
