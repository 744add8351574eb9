// SqliteStore's MailStore: the outbox. SQLite has one writer at a time, so a claim (one
// UPDATE ... RETURNING) cannot hand a message to two senders.
#include <algorithm>
#include <string>

#include "store/sqlite_row.h"
#include "store/sqlite_store_impl.h"

namespace tend::store {

namespace {

const RowMap<MailRecord>& Mails() {
  using R = MailRecord;
  static const RowMap<R> m(
      "outbox",
      {Col<&R::mail_id>("mail_id"), Col<&R::recipient>("recipient"), Col<&R::subject>("subject"),
       Col<&R::html>("html"), Col<&R::text>("text"), Col<&R::headers>("headers"),
       Col<&R::kind>("kind"), TextOrNull<&R::ref>("ref"), Col<&R::status>("status"),
       Col<&R::attempts>("attempts"), Col<&R::next_attempt_at>("next_attempt_at"),
       TextOrNull<&R::last_error>("last_error"), Col<&R::created_at>("created_at"),
       Col<&R::sent_at>("sent_at")});
  return m;
}

}  // namespace

Result<int64_t> SqliteStore::QueueMail(const MailRecord& r) {
  static const std::string kSql = Mails().Insert(1);
  return InsertRow(*db_, Mails(), kSql, r);
}

Result<std::vector<MailRecord>> SqliteStore::ClaimDueMail(EpochMs now, EpochMs lease_until,
                                                          int limit) {
  static const std::string kSql =
      "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?1 WHERE mail_id IN "
      "(SELECT mail_id FROM outbox WHERE status = 'queued' AND next_attempt_at <= ?2 ORDER BY "
      "next_attempt_at, mail_id LIMIT ?3) RETURNING " +
      Mails().Names();
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, lease_until).Bind(2, now).Bind(3, static_cast<int64_t>(limit));
  TEND_ASSIGN_OR_RETURN(auto rows, ReadAll(s, Mails()));
  // RETURNING gives no order: oldest due first, as the contract says (the lease is the same
  // for all, so by the id the claim ordered on).
  std::sort(rows.begin(), rows.end(),
            [](const MailRecord& a, const MailRecord& b) { return a.mail_id < b.mail_id; });
  return rows;
}

Status SqliteStore::MarkMailSent(int64_t mail_id, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("UPDATE outbox SET status = 'sent', sent_at = ?, "
                                               "last_error = NULL WHERE mail_id = ?"));
  TEND_RETURN_IF_ERROR(s->Bind(1, at).Bind(2, mail_id).Run());
  if (!Changed()) return NotFound("store.noMail", "no mail " + std::to_string(mail_id));
  return Status::Ok();
}

Status SqliteStore::MarkMailUnsent(int64_t mail_id, std::string_view error,
                                   std::optional<EpochMs> retry_at) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s, db_->Prepare("UPDATE outbox SET status = CASE WHEN ?1 IS NULL THEN 'failed' ELSE "
                             "'queued' END, next_attempt_at = COALESCE(?1, next_attempt_at), "
                             "last_error = ?2 WHERE mail_id = ?3"));
  TEND_RETURN_IF_ERROR(s->Bind(1, retry_at).Bind(2, error).Bind(3, mail_id).Run());
  if (!Changed()) return NotFound("store.noMail", "no mail " + std::to_string(mail_id));
  return Status::Ok();
}

Result<int64_t> SqliteStore::RequeueFailedMail(EpochMs now) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("UPDATE outbox SET status = 'queued', attempts = "
                                               "0, next_attempt_at = ? WHERE status = 'failed'"));
  TEND_RETURN_IF_ERROR(s->Bind(1, now).Run());
  return static_cast<int64_t>(sqlite3_changes(db_->raw()));
}

Result<std::vector<MailRecord>> SqliteStore::ListMail(std::string_view status, int limit) {
  static const std::string kSql = Mails().Select() +
                                  " WHERE (?1 IS NULL OR status = ?1) ORDER BY mail_id DESC "
                                  "LIMIT ?2";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->BindTextOrNull(1, status).Bind(2, static_cast<int64_t>(limit));
  return ReadAll(s, Mails());
}

Result<std::optional<MailRecord>> SqliteStore::GetMail(int64_t mail_id) {
  static const std::string kSql = Mails().Select() + " WHERE mail_id = ?";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, mail_id);
  return ReadFirst(s, Mails());
}

Result<MailCounts> SqliteStore::CountMail() {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("SELECT status, COUNT(*) FROM outbox GROUP BY status"));
  MailCounts out;
  for (;;) {
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.Add(s->Text(0), s->Int(1));
  }
  return out;
}

}  // namespace tend::store
