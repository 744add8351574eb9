// PgStore's MailStore: the outbox (as sqlite_mail_store.cc). Several nodes may drain it: a
// claim locks the rows it takes with FOR UPDATE SKIP LOCKED, so two claims never share a
// message, and the lease it writes keeps the message from later claims.
#include <algorithm>
#include <string>

#include "store/pg_rows.h"
#include "store/pg_store_impl.h"

namespace tend::store {

using pg::BindAll;
using pg::OrNull;

namespace {

constexpr const char* kMailFields =
    "recipient, subject, html, text, headers, kind, ref, status, attempts, next_attempt_at, "
    "last_error, created_at, sent_at";
constexpr const char* kMailCols =
    "mail_id, recipient, subject, html, text, headers, kind, ref, status, attempts, "
    "next_attempt_at, last_error, created_at, sent_at";

MailRecord ReadMail(PgStmt* s) {
  return MailRecord{s->Int(0),  s->Str(1),  s->Str(2),  s->Str(3),  s->Str(4),
                    s->Str(5),  s->Str(6),  s->Str(7),  s->Str(8),  s->Int(9),
                    s->Int(10), s->Str(11), s->Int(12), s->OptInt(13)};
}

}  // namespace

Result<int64_t> PgStore::QueueMail(const MailRecord& r) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("outbox", kMailFields, "",
                                                               "RETURNING mail_id")));
  return pg::FirstInt(BindAll(s, r.recipient, r.subject, r.html, r.text, r.headers, r.kind,
                              OrNull{r.ref}, r.status, r.attempts, r.next_attempt_at,
                              OrNull{r.last_error}, r.created_at, r.sent_at));
}

Result<std::vector<MailRecord>> PgStore::ClaimDueMail(EpochMs now, EpochMs lease_until,
                                                      int limit) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s,
      db_->Prepare(std::string("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1 "
                               "WHERE mail_id IN (SELECT mail_id FROM outbox WHERE status = "
                               "'queued' AND next_attempt_at <= $2 ORDER BY next_attempt_at, "
                               "mail_id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING ") +
                   kMailCols));
  TEND_ASSIGN_OR_RETURN(auto rows, pg::Rows<MailRecord>(BindAll(s, lease_until, now,
                                                                static_cast<int64_t>(limit)),
                                                        ReadMail));
  std::sort(rows.begin(), rows.end(),
            [](const MailRecord& a, const MailRecord& b) { return a.mail_id < b.mail_id; });
  return rows;
}

Status PgStore::MarkMailSent(int64_t mail_id, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE outbox SET status = 'sent', sent_at = "
                                                 "$1, last_error = NULL WHERE mail_id = $2"));
  Status run = BindAll(s, at, mail_id)->Run();
  return pg::ChangedOne(s, run, "store.noMail", "no mail " + std::to_string(mail_id));
}

Status PgStore::MarkMailUnsent(int64_t mail_id, std::string_view error,
                               std::optional<EpochMs> retry_at) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s,
      db_->Prepare("UPDATE outbox SET status = CASE WHEN $1::bigint IS NULL THEN 'failed' ELSE "
                   "'queued' END, next_attempt_at = COALESCE($1::bigint, next_attempt_at), "
                   "last_error = $2 WHERE mail_id = $3"));
  Status run = BindAll(s, retry_at, error, mail_id)->Run();
  return pg::ChangedOne(s, run, "store.noMail", "no mail " + std::to_string(mail_id));
}

Result<int64_t> PgStore::RequeueFailedMail(EpochMs now) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE outbox SET status = 'queued', attempts "
                                                 "= 0, next_attempt_at = $1 WHERE status = "
                                                 "'failed'"));
  TEND_RETURN_IF_ERROR(BindAll(s, now)->Run());
  return s->Affected();
}

Result<std::vector<MailRecord>> PgStore::ListMail(std::string_view status, int limit) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s, db_->Prepare(pg::SelectSql(kMailCols,
                                             "outbox WHERE ($1::text IS NULL OR status = $1) "
                                             "ORDER BY mail_id DESC LIMIT $2")));
  return pg::Rows<MailRecord>(BindAll(s, OrNull{status}, static_cast<int64_t>(limit)), ReadMail);
}

Result<std::optional<MailRecord>> PgStore::GetMail(int64_t mail_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s,
                        db_->Prepare(pg::SelectSql(kMailCols, "outbox WHERE mail_id = $1")));
  return pg::One<MailRecord>(BindAll(s, mail_id), ReadMail);
}

Result<MailCounts> PgStore::CountMail() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s,
                        db_->Prepare("SELECT status, COUNT(*) FROM outbox GROUP BY status"));
  MailCounts out;
  TEND_RETURN_IF_ERROR(pg::EachRow(s, [&](PgStmt* s) {
    out.Add(s->Text(0), s->Int(1));
    return Status::Ok();
  }));
  return out;
}

}  // namespace tend::store
