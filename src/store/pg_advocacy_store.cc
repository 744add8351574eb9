// PgStore's AdvocacyStore: advocates, asks, ledger, reference requests, contact changes and
// the program settings.
#include "store/pg_rows.h"
#include "store/pg_store_impl.h"

namespace tend::store {

using pg::BindAll;
using pg::OrNull;

namespace {

constexpr const char* kAdvocateCols =
    "contact_id, account_id, status, tier, consent, consent_at, preferred, snoozed_until, reason, "
    "since, updated_at, updated_by";
constexpr const char* kAskCols =
    "ask_id, contact_id, account_id, activity, status, asked_at, answered_at, completed_at, "
    "outcome, note, request_id, asked_by";
constexpr const char* kLedgerCols =
    "entry_id, contact_id, account_id, ts, direction, kind, units, note, ask_id, author";
constexpr const char* kRequestCols =
    "request_id, created_at, requested_by, requested_by_user, deal_id, prospect, industry, "
    "segment, region, product, deadline, notes, status, ask_id, outcome, updated_at";
constexpr const char* kChangeCols =
    "change_id, ts, contact_id, previous_contact_id, kind, old_title, new_title, old_seniority, "
    "new_seniority, old_account_id, new_account_id, processed, champion";

AdvocateRecord ReadAdvocateRow(PgStmt* s) {
  return AdvocateRecord{s->Str(0), s->Str(1),    s->Str(2), s->Str(3), s->Int(4) != 0,
                        s->OptInt(5), s->Str(6), s->OptDay(7), s->Str(8), s->Int(9),
                        s->Int(10), s->Str(11)};
}

AskRecord ReadAskRow(PgStmt* s) {
  return AskRecord{s->Int(0),    s->Str(1),    s->Str(2), s->Str(3), s->Str(4),     s->Int(5),
                   s->OptInt(6), s->OptInt(7), s->Str(8), s->Str(9), s->OptInt(10), s->Str(11)};
}

LedgerRecord ReadLedgerRow(PgStmt* s) {
  return LedgerRecord{s->Int(0),    s->Str(1), s->Str(2), s->Int(3),     s->Str(4),
                      s->Str(5), s->Double(6), s->Str(7), s->OptInt(8), s->Str(9)};
}

ReferenceRequestRecord ReadRequestRow(PgStmt* s) {
  return ReferenceRequestRecord{s->Int(0),    s->Int(1),    s->Str(2),     s->OptInt(3),
                                s->Str(4),    s->Str(5),    s->Str(6),     s->Str(7),
                                s->Str(8),    s->Str(9),    s->OptDay(10), s->Str(11),
                                s->Str(12),   s->OptInt(13), s->Str(14),   s->Int(15)};
}

ContactChangeRecord ReadChangeRow(PgStmt* s) {
  return ContactChangeRecord{s->Int(0), s->Int(1),  s->Str(2),  s->Str(3),       s->Str(4),
                             s->Str(5), s->Str(6),  s->Str(7),  s->Str(8),       s->Str(9),
                             s->Str(10), s->Int(11) != 0, s->Int(12) != 0};
}

std::string From(const char* cols, std::string_view rest) {
  return std::string("SELECT ") + cols + " FROM " + std::string(rest);
}

// `table` rows of `contact_id` (all when empty), by `order`.
std::string ByContact(std::string_view table, std::string_view contact_id, const char* order) {
  return std::string(table) + (contact_id.empty() ? "" : " WHERE contact_id = $1") +
         " ORDER BY " + order;
}

}  // namespace

Status PgStore::UpsertAdvocate(const AdvocateRecord& a) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql(
                                        "advocates",
                                        "contact_id, account_id, status, tier, consent, "
                                        "consent_at, preferred, snoozed_until, reason, since, "
                                        "updated_at, updated_by",
                                        "contact_id", "", "since")));
  return BindAll(s, a.contact_id, a.account_id, a.status, OrNull{a.tier}, a.consent, a.consent_at,
                 OrNull{a.preferred}, a.snoozed_until, OrNull{a.reason}, a.since, a.updated_at,
                 OrNull{a.updated_by})
      ->Run();
}

Result<std::vector<AdvocateRecord>> PgStore::ListAdvocates() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kAdvocateCols, "advocates ORDER BY contact_id")));
  return pg::Rows<AdvocateRecord>(s, ReadAdvocateRow);
}

Result<std::optional<AdvocateRecord>> PgStore::GetAdvocate(std::string_view contact_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kAdvocateCols, "advocates WHERE contact_id = $1")));
  return pg::One<AdvocateRecord>(BindAll(s, contact_id), ReadAdvocateRow);
}

Result<int64_t> PgStore::InsertAsk(const AskRecord& a) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql(
                                        "advocacy_asks",
                                        "contact_id, account_id, activity, status, asked_at, "
                                        "answered_at, completed_at, outcome, note, request_id, "
                                        "asked_by",
                                        "", "RETURNING ask_id")));
  return pg::FirstInt(BindAll(s, a.contact_id, a.account_id, a.activity, a.status, a.asked_at,
                              a.answered_at, a.completed_at, OrNull{a.outcome}, OrNull{a.note},
                              a.request_id, OrNull{a.asked_by}));
}

Status PgStore::UpdateAsk(const AskRecord& a) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE advocacy_asks SET status = $1, "
                                                 "answered_at = $2, completed_at = $3, outcome = "
                                                 "$4, note = $5 WHERE ask_id = $6"));
  Status run = BindAll(s, a.status, a.answered_at, a.completed_at, OrNull{a.outcome},
                       OrNull{a.note}, a.ask_id)
                   ->Run();
  return pg::ChangedOne(s, run, "store.noAsk", "no ask " + std::to_string(a.ask_id));
}

Result<std::optional<AskRecord>> PgStore::GetAsk(int64_t ask_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kAskCols, "advocacy_asks WHERE ask_id = $1")));
  return pg::One<AskRecord>(BindAll(s, ask_id), ReadAskRow);
}

Result<std::vector<AskRecord>> PgStore::ListAsks(std::string_view contact_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kAskCols, ByContact("advocacy_asks", contact_id,
                                                                          "asked_at, ask_id"))));
  if (!contact_id.empty()) BindAll(s, contact_id);
  return pg::Rows<AskRecord>(s, ReadAskRow);
}

Result<int64_t> PgStore::InsertLedgerEntry(const LedgerRecord& e) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql(
                                        "advocacy_ledger",
                                        "contact_id, account_id, ts, direction, kind, units, "
                                        "note, ask_id, author",
                                        "", "RETURNING entry_id")));
  return pg::FirstInt(BindAll(s, e.contact_id, e.account_id, e.ts, e.direction, e.kind, e.units,
                              OrNull{e.note}, e.ask_id, OrNull{e.author}));
}

Result<std::vector<LedgerRecord>> PgStore::ListLedger(std::string_view contact_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kLedgerCols, ByContact("advocacy_ledger",
                                                                             contact_id,
                                                                             "ts, entry_id"))));
  if (!contact_id.empty()) BindAll(s, contact_id);
  return pg::Rows<LedgerRecord>(s, ReadLedgerRow);
}

Result<int64_t> PgStore::InsertReferenceRequest(const ReferenceRequestRecord& r) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql(
                                        "reference_requests",
                                        "created_at, requested_by, requested_by_user, deal_id, "
                                        "prospect, industry, segment, region, product, deadline, "
                                        "notes, status, ask_id, outcome, updated_at",
                                        "", "RETURNING request_id")));
  return pg::FirstInt(BindAll(s, r.created_at, r.requested_by, r.requested_by_user,
                              OrNull{r.deal_id}, r.prospect, OrNull{r.industry},
                              OrNull{r.segment}, OrNull{r.region}, OrNull{r.product}, r.deadline,
                              OrNull{r.notes}, r.status, r.ask_id, OrNull{r.outcome},
                              r.updated_at));
}

Status PgStore::UpdateReferenceRequest(const ReferenceRequestRecord& r) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE reference_requests SET status = $1, "
                                                 "ask_id = $2, outcome = $3, notes = $4, deadline "
                                                 "= $5, updated_at = $6 WHERE request_id = $7"));
  Status run = BindAll(s, r.status, r.ask_id, OrNull{r.outcome}, OrNull{r.notes}, r.deadline,
                       r.updated_at, r.request_id)
                   ->Run();
  return pg::ChangedOne(s, run, "store.noRequest",
                        "no reference request " + std::to_string(r.request_id));
}

Result<std::optional<ReferenceRequestRecord>> PgStore::GetReferenceRequest(int64_t id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kRequestCols, "reference_requests WHERE "
                                                                    "request_id = $1")));
  return pg::One<ReferenceRequestRecord>(BindAll(s, id), ReadRequestRow);
}

Result<std::vector<ReferenceRequestRecord>> PgStore::ListReferenceRequests() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kRequestCols, "reference_requests ORDER BY "
                                                                    "request_id DESC")));
  return pg::Rows<ReferenceRequestRecord>(s, ReadRequestRow);
}

Result<std::vector<ContactChangeRecord>> PgStore::ListContactChanges(bool unprocessed_only) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(From(kChangeCols, unprocessed_only
                                                                       ? "contact_changes WHERE "
                                                                         "processed = 0 ORDER BY "
                                                                         "change_id"
                                                                       : "contact_changes ORDER "
                                                                         "BY change_id")));
  return pg::Rows<ContactChangeRecord>(s, ReadChangeRow);
}

Status PgStore::MarkContactChangeProcessed(int64_t change_id, bool champion) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE contact_changes SET processed = 1, "
                                                 "champion = $1 WHERE change_id = $2"));
  return BindAll(s, champion, change_id)->Run();
}

Result<int64_t> PgStore::RecordContactChange(const ContactChangeRecord& x) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s, db_->Prepare(pg::InsertSql("contact_changes",
                                             "ts, contact_id, previous_contact_id, kind, "
                                             "old_title, new_title, old_seniority, "
                                             "new_seniority, old_account_id, new_account_id",
                                             "", "RETURNING change_id")));
  return pg::FirstInt(BindAll(s, x.ts, x.contact_id, OrNull{x.previous_contact_id}, x.kind,
                              OrNull{x.old_title}, OrNull{x.new_title}, OrNull{x.old_seniority},
                              OrNull{x.new_seniority}, OrNull{x.old_account_id},
                              OrNull{x.new_account_id}));
}

// The settings live in workspace_meta "advocacy.settings", as on SQLite.
Result<std::optional<std::string>> PgStore::LoadProgramSettings() {
  return GetMeta("advocacy.settings");
}

Status PgStore::SaveProgramSettings(std::string_view settings) {
  return SetMeta("advocacy.settings", settings);
}

}  // namespace tend::store
