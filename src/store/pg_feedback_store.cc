// PgStore's FeedbackStore: feedback items, the requests they are linked to and the
// product-area list (as sqlite_feedback_store.cc).
#include <string>

#include "store/pg_rows.h"
#include "store/pg_store_impl.h"

namespace tend::store {

using pg::BindAll;
using pg::OrNull;

namespace {

// The columns after the id the store assigns (item_id, request_id).
constexpr const char* kItemFields =
    "external_id, account_id, contact_id, source, source_ref, kind, text, product_area, "
    "importance, created_by, created_at, request_id";
constexpr const char* kItemCols =
    "item_id, external_id, account_id, contact_id, source, source_ref, kind, text, "
    "product_area, importance, created_by, created_at, request_id";
constexpr const char* kRequestFields =
    "title, description, product_area, status, external_link, target_release, merged_into, "
    "created_at, updated_at, created_by";
constexpr const char* kRequestCols =
    "request_id, title, description, product_area, status, external_link, target_release, "
    "merged_into, created_at, updated_at, created_by";

FeedbackItemRecord ReadItem(PgStmt* s) {
  return FeedbackItemRecord{s->Int(0),  s->Str(1),  s->Str(2), s->Str(3),  s->Str(4),
                            s->Str(5),  s->Str(6),  s->Str(7), s->Str(8),  s->Str(9),
                            s->Str(10), s->Int(11), s->OptInt(12)};
}

FeedbackRequestRecord ReadRequest(PgStmt* s) {
  return FeedbackRequestRecord{s->Int(0),    s->Str(1), s->Str(2), s->Str(3),
                               s->Str(4),    s->Str(5), s->Str(6), s->OptInt(7),
                               s->Int(8),    s->Int(9), s->Str(10)};
}

}  // namespace

Result<int64_t> PgStore::UpsertFeedbackItem(const FeedbackItemRecord& r) {
  // A known external_id updates the item in place; its request link stays unless given.
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s,
      db_->Prepare(pg::InsertSql("feedback_items", kItemFields, "external_id",
                                 ", request_id = COALESCE(excluded.request_id, "
                                 "feedback_items.request_id) RETURNING item_id",
                                 "request_id")));
  return pg::FirstInt(BindAll(s, OrNull{r.external_id}, r.account_id, OrNull{r.contact_id},
                              r.source, OrNull{r.source_ref}, r.kind, r.text,
                              OrNull{r.product_area}, r.importance, OrNull{r.created_by},
                              r.created_at, r.request_id));
}

Result<std::optional<FeedbackItemRecord>> PgStore::GetFeedbackItem(int64_t item_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::SelectSql(kItemCols, "feedback_items WHERE "
                                                                          "item_id = $1")));
  return pg::One<FeedbackItemRecord>(BindAll(s, item_id), ReadItem);
}

Result<std::vector<FeedbackItemRecord>> PgStore::ListFeedbackItems(const FeedbackItemFilter& f) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s, db_->Prepare(pg::SelectSql(kItemCols,
                                             "feedback_items WHERE ($1::text IS NULL OR "
                                             "account_id = $1) AND ($2::bigint IS NULL OR "
                                             "request_id = $2) ORDER BY created_at, item_id")));
  return pg::Rows<FeedbackItemRecord>(BindAll(s, OrNull{f.account_id}, f.request_id), ReadItem);
}

Status PgStore::LinkFeedbackItem(int64_t item_id, std::optional<int64_t> request_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE feedback_items SET request_id = $1 "
                                                 "WHERE item_id = $2"));
  Status run = BindAll(s, request_id, item_id)->Run();
  return pg::ChangedOne(s, run, "store.noFeedbackItem",
                        "no feedback item " + std::to_string(item_id));
}

Result<int64_t> PgStore::MoveFeedbackItems(int64_t from, int64_t to) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE feedback_items SET request_id = $1 "
                                                 "WHERE request_id = $2"));
  TEND_RETURN_IF_ERROR(BindAll(s, to, from)->Run());
  return s->Affected();
}

Result<int64_t> PgStore::InsertFeedbackRequest(const FeedbackRequestRecord& r) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("feedback_requests",
                                                               kRequestFields, "",
                                                               "RETURNING request_id")));
  return pg::FirstInt(BindAll(s, r.title, OrNull{r.description}, OrNull{r.product_area},
                              r.status, OrNull{r.external_link}, OrNull{r.target_release},
                              r.merged_into, r.created_at, r.updated_at, OrNull{r.created_by}));
}

Status PgStore::UpdateFeedbackRequest(const FeedbackRequestRecord& r) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s,
      db_->Prepare("UPDATE feedback_requests SET title = $1, description = $2, product_area = "
                   "$3, status = $4, external_link = $5, target_release = $6, merged_into = $7, "
                   "updated_at = $8 WHERE request_id = $9"));
  Status run = BindAll(s, r.title, OrNull{r.description}, OrNull{r.product_area}, r.status,
                       OrNull{r.external_link}, OrNull{r.target_release}, r.merged_into,
                       r.updated_at, r.request_id)
                   ->Run();
  return pg::ChangedOne(s, run, "store.noRequest", "no request " + std::to_string(r.request_id));
}

Result<std::optional<FeedbackRequestRecord>> PgStore::GetFeedbackRequest(int64_t request_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::SelectSql(kRequestCols,
                                                               "feedback_requests WHERE "
                                                               "request_id = $1")));
  return pg::One<FeedbackRequestRecord>(BindAll(s, request_id), ReadRequest);
}

Result<std::vector<FeedbackRequestRecord>> PgStore::ListFeedbackRequests() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::SelectSql(kRequestCols,
                                                               "feedback_requests ORDER BY "
                                                               "request_id")));
  return pg::Rows<FeedbackRequestRecord>(s, ReadRequest);
}

Result<std::vector<std::string>> PgStore::ListProductAreas() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT name FROM product_areas ORDER BY name"));
  return pg::Rows<std::string>(s, [](PgStmt* s) { return s->Str(0); });
}

Status PgStore::AddProductArea(std::string_view name) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("INSERT INTO product_areas (name) VALUES ($1) "
                                                 "ON CONFLICT DO NOTHING"));
  return BindAll(s, name)->Run();
}

Result<std::vector<std::pair<std::string, int64_t>>> PgStore::CountOpenBlockerRequests() {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s,
      db_->Prepare("SELECT i.account_id, COUNT(DISTINCT i.request_id) FROM feedback_items i JOIN "
                   "feedback_requests r ON r.request_id = i.request_id WHERE i.importance = "
                   "'blocker' AND r.merged_into IS NULL AND r.status NOT IN ('shipped', "
                   "'declined') GROUP BY i.account_id ORDER BY i.account_id"));
  return pg::Rows<std::pair<std::string, int64_t>>(
      s, [](PgStmt* s) { return std::pair<std::string, int64_t>(s->Str(0), s->Int(1)); });
}

}  // namespace tend::store
