// SqliteStore's AdvocacyStore: advocates, asks, the ledger, reference requests and contact
// changes.
#include <string>

#include "store/sqlite_row.h"
#include "store/sqlite_store_impl.h"

namespace tend::store {

namespace {

const RowMap<AdvocateRecord>& Advocates() {
  using R = AdvocateRecord;
  static const RowMap<R> m(
      "advocates", {Col<&R::contact_id>("contact_id"), Col<&R::account_id>("account_id"),
                    Col<&R::status>("status"), TextOrNull<&R::tier>("tier"),
                    Col<&R::consent>("consent"), Col<&R::consent_at>("consent_at"),
                    TextOrNull<&R::preferred>("preferred"), Col<&R::snoozed_until>("snoozed_until"),
                    TextOrNull<&R::reason>("reason"), Col<&R::since>("since"),
                    Col<&R::updated_at>("updated_at"), TextOrNull<&R::updated_by>("updated_by")});
  return m;
}

const RowMap<AskRecord>& Asks() {
  using R = AskRecord;
  static const RowMap<R> m(
      "advocacy_asks", {Col<&R::ask_id>("ask_id"), Col<&R::contact_id>("contact_id"),
                        Col<&R::account_id>("account_id"), Col<&R::activity>("activity"),
                        Col<&R::status>("status"), Col<&R::asked_at>("asked_at"),
                        Col<&R::answered_at>("answered_at"), Col<&R::completed_at>("completed_at"),
                        TextOrNull<&R::outcome>("outcome"), TextOrNull<&R::note>("note"),
                        Col<&R::request_id>("request_id"), TextOrNull<&R::asked_by>("asked_by")});
  return m;
}

const RowMap<LedgerRecord>& Ledger() {
  using R = LedgerRecord;
  static const RowMap<R> m(
      "advocacy_ledger",
      {Col<&R::entry_id>("entry_id"), Col<&R::contact_id>("contact_id"),
       Col<&R::account_id>("account_id"), Col<&R::ts>("ts"), Col<&R::direction>("direction"),
       Col<&R::kind>("kind"), Col<&R::units>("units"), TextOrNull<&R::note>("note"),
       Col<&R::ask_id>("ask_id"), TextOrNull<&R::author>("author")});
  return m;
}

const RowMap<ReferenceRequestRecord>& Requests() {
  using R = ReferenceRequestRecord;
  static const RowMap<R> m(
      "reference_requests",
      {Col<&R::request_id>("request_id"), Col<&R::created_at>("created_at"),
       Col<&R::requested_by>("requested_by"), Col<&R::requested_by_user>("requested_by_user"),
       TextOrNull<&R::deal_id>("deal_id"), Col<&R::prospect>("prospect"),
       TextOrNull<&R::industry>("industry"), TextOrNull<&R::segment>("segment"),
       TextOrNull<&R::region>("region"), TextOrNull<&R::product>("product"),
       Col<&R::deadline>("deadline"), TextOrNull<&R::notes>("notes"), Col<&R::status>("status"),
       Col<&R::ask_id>("ask_id"), TextOrNull<&R::outcome>("outcome"),
       Col<&R::updated_at>("updated_at")});
  return m;
}

const RowMap<ContactChangeRecord>& ContactChanges() {
  using R = ContactChangeRecord;
  static const RowMap<R> m(
      "contact_changes",
      {Col<&R::change_id>("change_id"), Col<&R::ts>("ts"), Col<&R::contact_id>("contact_id"),
       TextOrNull<&R::previous_contact_id>("previous_contact_id"), Col<&R::kind>("kind"),
       TextOrNull<&R::old_title>("old_title"), TextOrNull<&R::new_title>("new_title"),
       TextOrNull<&R::old_seniority>("old_seniority"),
       TextOrNull<&R::new_seniority>("new_seniority"),
       TextOrNull<&R::old_account_id>("old_account_id"),
       TextOrNull<&R::new_account_id>("new_account_id"), Col<&R::processed>("processed"),
       Col<&R::champion>("champion")});
  return m;
}

// The rows of `map`'s table, all or those whose `column` is `value` (when not empty), ordered
// by `order`.
template <typename T>
Result<std::vector<T>> ListWhere(SqliteDb& db, const RowMap<T>& map, const char* column,
                                 std::string_view value, const char* order) {
  std::string sql = map.Select();
  if (!value.empty()) sql += std::string(" WHERE ") + column + " = ?";
  sql += std::string(" ORDER BY ") + order;
  TEND_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(sql));
  if (!value.empty()) s->Bind(1, value);
  return ReadAll(s, map);
}

}  // namespace

Status SqliteStore::UpsertAdvocate(const AdvocateRecord& a) {
  static const std::string kSql = Advocates().Upsert("contact_id", {"since"});
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Advocates().Bind(*s, a);
  return s->Run();
}

Result<std::vector<AdvocateRecord>> SqliteStore::ListAdvocates() {
  return ListWhere(*db_, Advocates(), "", "", "contact_id");
}

Result<std::optional<AdvocateRecord>> SqliteStore::GetAdvocate(std::string_view contact_id) {
  static const std::string kSql = Advocates().Select() + " WHERE contact_id = ?";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, contact_id);
  return ReadFirst(s, Advocates());
}

Result<int64_t> SqliteStore::InsertAsk(const AskRecord& a) {
  static const std::string kSql = Asks().Insert(1);
  return InsertRow(*db_, Asks(), kSql, a);
}

Status SqliteStore::UpdateAsk(const AskRecord& a) {
  const std::initializer_list<std::string_view> kSet = {"status", "answered_at", "completed_at",
                                                        "outcome", "note"};
  static const std::string kSql = Asks().Update(kSet, "ask_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  TEND_RETURN_IF_ERROR(s->Bind(Asks().BindNamed(*s, a, kSet), a.ask_id).Run());
  if (!Changed()) return NotFound("store.noAsk", "no ask " + std::to_string(a.ask_id));
  return Status::Ok();
}

Result<std::optional<AskRecord>> SqliteStore::GetAsk(int64_t ask_id) {
  static const std::string kSql = Asks().Select() + " WHERE ask_id = ?";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, ask_id);
  return ReadFirst(s, Asks());
}

Result<std::vector<AskRecord>> SqliteStore::ListAsks(std::string_view contact_id) {
  return ListWhere(*db_, Asks(), "contact_id", contact_id, "asked_at, ask_id");
}

Result<int64_t> SqliteStore::InsertLedgerEntry(const LedgerRecord& e) {
  static const std::string kSql = Ledger().Insert(1);
  return InsertRow(*db_, Ledger(), kSql, e);
}

Result<std::vector<LedgerRecord>> SqliteStore::ListLedger(std::string_view contact_id) {
  return ListWhere(*db_, Ledger(), "contact_id", contact_id, "ts, entry_id");
}

Result<int64_t> SqliteStore::InsertReferenceRequest(const ReferenceRequestRecord& r) {
  static const std::string kSql = Requests().Insert(1);
  return InsertRow(*db_, Requests(), kSql, r);
}

Status SqliteStore::UpdateReferenceRequest(const ReferenceRequestRecord& r) {
  const std::initializer_list<std::string_view> kSet = {"status", "ask_id",   "outcome",
                                                        "notes",  "deadline", "updated_at"};
  static const std::string kSql = Requests().Update(kSet, "request_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  TEND_RETURN_IF_ERROR(s->Bind(Requests().BindNamed(*s, r, kSet), r.request_id).Run());
  if (!Changed()) {
    return NotFound("store.noRequest", "no reference request " + std::to_string(r.request_id));
  }
  return Status::Ok();
}

Result<std::optional<ReferenceRequestRecord>> SqliteStore::GetReferenceRequest(int64_t id) {
  static const std::string kSql = Requests().Select() + " WHERE request_id = ?";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, id);
  return ReadFirst(s, Requests());
}

Result<std::vector<ReferenceRequestRecord>> SqliteStore::ListReferenceRequests() {
  return ListWhere(*db_, Requests(), "", "", "request_id DESC");
}

Result<std::vector<ContactChangeRecord>> SqliteStore::ListContactChanges(bool unprocessed_only) {
  static const std::string kAll = ContactChanges().Select() + " ORDER BY change_id";
  static const std::string kUnprocessed =
      ContactChanges().Select() + " WHERE processed = 0 ORDER BY change_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(unprocessed_only ? kUnprocessed : kAll));
  return ReadAll(s, ContactChanges());
}

Status SqliteStore::MarkContactChangeProcessed(int64_t change_id, bool champion) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("UPDATE contact_changes SET processed = 1, "
                                               "champion = ? WHERE change_id = ?"));
  return s->Bind(1, static_cast<int64_t>(champion ? 1 : 0)).Bind(2, change_id).Run();
}

Result<int64_t> SqliteStore::RecordContactChange(const ContactChangeRecord& change) {
  ContactChangeRecord c = change;
  c.processed = false;
  c.champion = false;
  static const std::string kSql = ContactChanges().Insert(1);
  return InsertRow(*db_, ContactChanges(), kSql, c);
}

// The settings stay in workspace_meta "advocacy.settings", as before the stores were split.
Result<std::optional<std::string>> SqliteStore::LoadProgramSettings() {
  return GetMeta("advocacy.settings");
}

Status SqliteStore::SaveProgramSettings(std::string_view settings) {
  return SetMeta("advocacy.settings", settings);
}

}  // namespace tend::store
