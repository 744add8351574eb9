// SqliteStore's FeedbackStore: feedback items, the requests they are linked to and the
// product-area list.
#include <string>

#include "store/sqlite_row.h"
#include "store/sqlite_store_impl.h"

namespace tend::store {

namespace {

const RowMap<FeedbackItemRecord>& Items() {
  using R = FeedbackItemRecord;
  static const RowMap<R> m(
      "feedback_items",
      {Col<&R::item_id>("item_id"), TextOrNull<&R::external_id>("external_id"),
       Col<&R::account_id>("account_id"), TextOrNull<&R::contact_id>("contact_id"),
       Col<&R::source>("source"), TextOrNull<&R::source_ref>("source_ref"),
       Col<&R::kind>("kind"), Col<&R::text>("text"), TextOrNull<&R::product_area>("product_area"),
       Col<&R::importance>("importance"), TextOrNull<&R::created_by>("created_by"),
       Col<&R::created_at>("created_at"), Col<&R::request_id>("request_id")});
  return m;
}

const RowMap<FeedbackRequestRecord>& Requests() {
  using R = FeedbackRequestRecord;
  static const RowMap<R> m(
      "feedback_requests",
      {Col<&R::request_id>("request_id"), Col<&R::title>("title"),
       TextOrNull<&R::description>("description"), TextOrNull<&R::product_area>("product_area"),
       Col<&R::status>("status"), TextOrNull<&R::external_link>("external_link"),
       TextOrNull<&R::target_release>("target_release"), Col<&R::merged_into>("merged_into"),
       Col<&R::created_at>("created_at"), Col<&R::updated_at>("updated_at"),
       TextOrNull<&R::created_by>("created_by")});
  return m;
}

// What UpdateFeedbackRequest changes.
const std::initializer_list<std::string_view> kRequestEdits = {
    "title",          "description", "product_area", "status",
    "external_link",  "target_release", "merged_into", "updated_at"};

}  // namespace

Result<int64_t> SqliteStore::UpsertFeedbackItem(const FeedbackItemRecord& r) {
  // A known external_id updates the item in place; its request link stays unless given.
  static const std::string kSql =
      Items().Upsert("external_id", {"request_id"}, 1) +
      ", request_id = COALESCE(excluded.request_id, feedback_items.request_id) RETURNING item_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Items().Bind(*s, r, 1);
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return db_->Error("feedback item");
  int64_t id = s->Int(0);
  s->Reset();
  return id;
}

Result<std::optional<FeedbackItemRecord>> SqliteStore::GetFeedbackItem(int64_t item_id) {
  static const std::string kSql = Items().Select() + " WHERE item_id = ?";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, item_id);
  return ReadFirst(s, Items());
}

Result<std::vector<FeedbackItemRecord>> SqliteStore::ListFeedbackItems(
    const FeedbackItemFilter& f) {
  static const std::string kSql = Items().Select() +
                                  " WHERE (?1 IS NULL OR account_id = ?1) AND (?2 IS NULL OR "
                                  "request_id = ?2) ORDER BY created_at, item_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->BindTextOrNull(1, f.account_id).Bind(2, f.request_id);
  return ReadAll(s, Items());
}

Status SqliteStore::LinkFeedbackItem(int64_t item_id, std::optional<int64_t> request_id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("UPDATE feedback_items SET request_id = ? WHERE item_id = ?"));
  TEND_RETURN_IF_ERROR(s->Bind(1, request_id).Bind(2, item_id).Run());
  if (!Changed()) {
    return NotFound("store.noFeedbackItem", "no feedback item " + std::to_string(item_id));
  }
  return Status::Ok();
}

Result<int64_t> SqliteStore::MoveFeedbackItems(int64_t from, int64_t to) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s, db_->Prepare("UPDATE feedback_items SET request_id = ? WHERE request_id = ?"));
  TEND_RETURN_IF_ERROR(s->Bind(1, to).Bind(2, from).Run());
  return static_cast<int64_t>(sqlite3_changes(db_->raw()));
}

Result<int64_t> SqliteStore::InsertFeedbackRequest(const FeedbackRequestRecord& r) {
  static const std::string kSql = Requests().Insert(1);
  return InsertRow(*db_, Requests(), kSql, r);
}

Status SqliteStore::UpdateFeedbackRequest(const FeedbackRequestRecord& r) {
  static const std::string kSql = Requests().Update(kRequestEdits, "request_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  int next = Requests().BindNamed(*s, r, kRequestEdits);
  TEND_RETURN_IF_ERROR(s->Bind(next, r.request_id).Run());
  if (!Changed()) return NotFound("store.noRequest", "no request " + std::to_string(r.request_id));
  return Status::Ok();
}

Result<std::optional<FeedbackRequestRecord>> SqliteStore::GetFeedbackRequest(int64_t request_id) {
  static const std::string kSql = Requests().Select() + " WHERE request_id = ?";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, request_id);
  return ReadFirst(s, Requests());
}

Result<std::vector<FeedbackRequestRecord>> SqliteStore::ListFeedbackRequests() {
  static const std::string kSql = Requests().Select() + " ORDER BY request_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return ReadAll(s, Requests());
}

Result<std::vector<std::string>> SqliteStore::ListProductAreas() {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("SELECT name FROM product_areas ORDER BY name"));
  return ReadRows<std::string>(s, [](Stmt* s) { return s->Str(0); });
}

Status SqliteStore::AddProductArea(std::string_view name) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s, db_->Prepare("INSERT INTO product_areas (name) VALUES (?) ON CONFLICT DO NOTHING"));
  return s->Bind(1, name).Run();
}

Result<std::vector<std::pair<std::string, int64_t>>> SqliteStore::CountOpenBlockerRequests() {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s,
      db_->Prepare("SELECT i.account_id, COUNT(DISTINCT i.request_id) FROM feedback_items i JOIN "
                   "feedback_requests r ON r.request_id = i.request_id WHERE i.importance = "
                   "'blocker' AND r.merged_into IS NULL AND r.status NOT IN ('shipped', "
                   "'declined') GROUP BY i.account_id ORDER BY i.account_id"));
  return ReadRows<std::pair<std::string, int64_t>>(
      s, [](Stmt* s) { return std::pair<std::string, int64_t>(s->Str(0), s->Int(1)); });
}

}  // namespace tend::store
