#include "store/sqlite_feedback_store.h"

#include <sqlite3.h>

namespace tend::store {

namespace {

constexpr const char* kItemColumns =
    "item_id, external_id, account_id, contact_id, source, source_ref, kind, text, "
    "product_area, importance, created_by, created_at, request_id";

FeedbackItemRecord ReadItem(const Stmt& s) {
  FeedbackItemRecord r;
  r.item_id = s.Int(0);
  r.external_id = s.Str(1);
  r.account_id = s.Str(2);
  r.contact_id = s.Str(3);
  r.source = s.Str(4);
  r.source_ref = s.Str(5);
  r.kind = s.Str(6);
  r.text = s.Str(7);
  r.product_area = s.Str(8);
  r.importance = s.Str(9);
  r.created_by = s.Str(10);
  r.created_at = s.Int(11);
  r.request_id = s.OptInt(12);
  return r;
}

constexpr const char* kRequestColumns =
    "request_id, title, description, product_area, status, external_link, target_release, "
    "merged_into, created_at, updated_at, created_by";

FeedbackRequestRecord ReadRequest(const Stmt& s) {
  FeedbackRequestRecord r;
  r.request_id = s.Int(0);
  r.title = s.Str(1);
  r.description = s.Str(2);
  r.product_area = s.Str(3);
  r.status = s.Str(4);
  r.external_link = s.Str(5);
  r.target_release = s.Str(6);
  r.merged_into = s.OptInt(7);
  r.created_at = s.Int(8);
  r.updated_at = s.Int(9);
  r.created_by = s.Str(10);
  return r;
}

template <typename T, typename F>
Result<std::vector<T>> ReadAll(Stmt* s, F read) {
  std::vector<T> out;
  for (;;) {
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(read(*s));
  }
  return out;
}

}  // namespace

Result<int64_t> SqliteFeedbackStore::UpsertFeedbackItem(const FeedbackItemRecord& r) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s,
      db_.Prepare("INSERT INTO feedback_items (external_id, account_id, contact_id, source, "
                  "source_ref, kind, text, product_area, importance, created_by, created_at, "
                  "request_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (external_id) DO "
                  "UPDATE SET account_id = excluded.account_id, contact_id = "
                  "excluded.contact_id, source = excluded.source, source_ref = "
                  "excluded.source_ref, kind = excluded.kind, text = excluded.text, "
                  "product_area = excluded.product_area, importance = excluded.importance, "
                  "created_by = excluded.created_by, created_at = excluded.created_at, "
                  "request_id = COALESCE(excluded.request_id, feedback_items.request_id) "
                  "RETURNING item_id"));
  s->BindTextOrNull(1, r.external_id).Bind(2, r.account_id).BindTextOrNull(3, r.contact_id);
  s->Bind(4, r.source).BindTextOrNull(5, r.source_ref).Bind(6, r.kind).Bind(7, r.text);
  s->BindTextOrNull(8, r.product_area).Bind(9, r.importance).BindTextOrNull(10, r.created_by);
  s->Bind(11, r.created_at).Bind(12, r.request_id);
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return db_.Error("feedback item");
  int64_t id = s->Int(0);
  s->Reset();
  return id;
}

Result<std::optional<FeedbackItemRecord>> SqliteFeedbackStore::GetFeedbackItem(int64_t id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_.Prepare(std::string("SELECT ") + kItemColumns +
                                              " FROM feedback_items WHERE item_id = ?"));
  s->Bind(1, id);
  TEND_ASSIGN_OR_RETURN(auto rows, ReadAll<FeedbackItemRecord>(s, ReadItem));
  if (rows.empty()) return std::optional<FeedbackItemRecord>();
  return std::optional<FeedbackItemRecord>(std::move(rows[0]));
}

Result<std::vector<FeedbackItemRecord>> SqliteFeedbackStore::ListFeedbackItems(
    const FeedbackItemFilter& f) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s, db_.Prepare(std::string("SELECT ") + kItemColumns +
                            " FROM feedback_items WHERE (?1 IS NULL OR account_id = ?1) AND "
                            "(?2 IS NULL OR request_id = ?2) ORDER BY created_at, item_id"));
  s->BindTextOrNull(1, f.account_id).Bind(2, f.request_id);
  return ReadAll<FeedbackItemRecord>(s, ReadItem);
}

Status SqliteFeedbackStore::LinkFeedbackItem(int64_t item_id, std::optional<int64_t> request_id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_.Prepare("UPDATE feedback_items SET request_id = ? WHERE item_id = ?"));
  TEND_RETURN_IF_ERROR(s->Bind(1, request_id).Bind(2, item_id).Run());
  if (sqlite3_changes(db_.raw()) == 0) {
    return NotFound("store.noFeedbackItem", "no feedback item " + std::to_string(item_id));
  }
  return Status::Ok();
}

Result<int64_t> SqliteFeedbackStore::MoveFeedbackItems(int64_t from, int64_t to) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s, db_.Prepare("UPDATE feedback_items SET request_id = ? WHERE request_id = ?"));
  TEND_RETURN_IF_ERROR(s->Bind(1, to).Bind(2, from).Run());
  return static_cast<int64_t>(sqlite3_changes(db_.raw()));
}

Result<int64_t> SqliteFeedbackStore::InsertFeedbackRequest(const FeedbackRequestRecord& r) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s,
      db_.Prepare("INSERT INTO feedback_requests (title, description, product_area, status, "
                  "external_link, target_release, merged_into, created_at, updated_at, "
                  "created_by) VALUES (?,?,?,?,?,?,?,?,?,?)"));
  s->Bind(1, r.title).BindTextOrNull(2, r.description).BindTextOrNull(3, r.product_area);
  s->Bind(4, r.status).BindTextOrNull(5, r.external_link).BindTextOrNull(6, r.target_release);
  s->Bind(7, r.merged_into).Bind(8, r.created_at).Bind(9, r.updated_at);
  s->BindTextOrNull(10, r.created_by);
  TEND_RETURN_IF_ERROR(s->Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_.raw()));
}

Status SqliteFeedbackStore::UpdateFeedbackRequest(const FeedbackRequestRecord& r) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s,
      db_.Prepare("UPDATE feedback_requests SET title = ?, description = ?, product_area = ?, "
                  "status = ?, external_link = ?, target_release = ?, merged_into = ?, "
                  "updated_at = ? WHERE request_id = ?"));
  s->Bind(1, r.title).BindTextOrNull(2, r.description).BindTextOrNull(3, r.product_area);
  s->Bind(4, r.status).BindTextOrNull(5, r.external_link).BindTextOrNull(6, r.target_release);
  s->Bind(7, r.merged_into).Bind(8, r.updated_at).Bind(9, r.request_id);
  TEND_RETURN_IF_ERROR(s->Run());
  if (sqlite3_changes(db_.raw()) == 0) {
    return NotFound("store.noRequest", "no request " + std::to_string(r.request_id));
  }
  return Status::Ok();
}

Result<std::optional<FeedbackRequestRecord>> SqliteFeedbackStore::GetFeedbackRequest(
    int64_t id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_.Prepare(std::string("SELECT ") + kRequestColumns +
                                              " FROM feedback_requests WHERE request_id = ?"));
  s->Bind(1, id);
  TEND_ASSIGN_OR_RETURN(auto rows, ReadAll<FeedbackRequestRecord>(s, ReadRequest));
  if (rows.empty()) return std::optional<FeedbackRequestRecord>();
  return std::optional<FeedbackRequestRecord>(std::move(rows[0]));
}

Result<std::vector<FeedbackRequestRecord>> SqliteFeedbackStore::ListFeedbackRequests() {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_.Prepare(std::string("SELECT ") + kRequestColumns +
                                              " FROM feedback_requests ORDER BY request_id"));
  return ReadAll<FeedbackRequestRecord>(s, ReadRequest);
}

Result<std::vector<std::string>> SqliteFeedbackStore::ListProductAreas() {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_.Prepare("SELECT name FROM product_areas ORDER BY name"));
  return ReadAll<std::string>(s, [](const Stmt& s) { return s.Str(0); });
}

Status SqliteFeedbackStore::AddProductArea(std::string_view name) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s, db_.Prepare("INSERT INTO product_areas (name) VALUES (?) ON CONFLICT DO NOTHING"));
  return s->Bind(1, name).Run();
}

Result<std::vector<std::pair<std::string, int64_t>>>
SqliteFeedbackStore::CountOpenBlockerRequests() {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s,
      db_.Prepare("SELECT i.account_id, COUNT(DISTINCT i.request_id) FROM feedback_items i JOIN "
                  "feedback_requests r ON r.request_id = i.request_id WHERE i.importance = "
                  "'blocker' AND r.merged_into IS NULL AND r.status NOT IN ('shipped', "
                  "'declined') GROUP BY i.account_id ORDER BY i.account_id"));
  return ReadAll<std::pair<std::string, int64_t>>(
      s, [](const Stmt& s) { return std::pair<std::string, int64_t>(s.Str(0), s.Int(1)); });
}

}  // namespace tend::store
