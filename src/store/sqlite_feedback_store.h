// SqliteFeedbackStore: FeedbackStore over one SQLite connection (the tables of the
// feedback migration). SqliteStore owns one and forwards its FeedbackStore methods to it,
// so the feedback SQL lives here, not in sqlite_store.cc.
#ifndef TEND_STORE_SQLITE_FEEDBACK_STORE_H_
#define TEND_STORE_SQLITE_FEEDBACK_STORE_H_

#include "store/feedback_store.h"
#include "store/sqlite_db.h"

namespace tend::store {

class SqliteFeedbackStore final : public FeedbackStore {
 public:
  // REQUIRES: `db` outlives this.
  explicit SqliteFeedbackStore(SqliteDb& db) : db_(db) {}

  Result<int64_t> UpsertFeedbackItem(const FeedbackItemRecord& item) override;
  Result<std::optional<FeedbackItemRecord>> GetFeedbackItem(int64_t item_id) override;
  Result<std::vector<FeedbackItemRecord>> ListFeedbackItems(
      const FeedbackItemFilter& filter) override;
  Status LinkFeedbackItem(int64_t item_id, std::optional<int64_t> request_id) override;
  Result<int64_t> MoveFeedbackItems(int64_t from, int64_t to) override;
  Result<int64_t> InsertFeedbackRequest(const FeedbackRequestRecord& request) override;
  Status UpdateFeedbackRequest(const FeedbackRequestRecord& request) override;
  Result<std::optional<FeedbackRequestRecord>> GetFeedbackRequest(int64_t request_id) override;
  Result<std::vector<FeedbackRequestRecord>> ListFeedbackRequests() override;
  Result<std::vector<std::string>> ListProductAreas() override;
  Status AddProductArea(std::string_view name) override;
  Result<std::vector<std::pair<std::string, int64_t>>> CountOpenBlockerRequests() override;

 private:
  SqliteDb& db_;
};

}  // namespace tend::store

#endif  // TEND_STORE_SQLITE_FEEDBACK_STORE_H_
