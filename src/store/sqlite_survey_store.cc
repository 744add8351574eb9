// SqliteStore's SurveyStore: survey invites with their answers, unsubscribed addresses.
#include <string>

#include "store/sqlite_row.h"
#include "store/sqlite_store_impl.h"

namespace tend::store {

namespace {

const RowMap<SurveyInviteRecord>& Invites() {
  using R = SurveyInviteRecord;
  static const RowMap<R> m(
      "survey_invites",
      {Col<&R::invite_id>("invite_id"), Col<&R::survey>("survey"), Col<&R::kind>("kind"),
       Col<&R::account_id>("account_id"), Col<&R::contact_id>("contact_id"),
       Col<&R::email>("email"), Col<&R::token_hash>("token_hash"), Col<&R::mail_id>("mail_id"),
       Col<&R::created_at>("created_at"), Col<&R::expires_at>("expires_at"),
       Col<&R::answered_at>("answered_at"), Col<&R::score>("score"),
       TextOrNull<&R::comment>("comment")});
  return m;
}

}  // namespace

Result<int64_t> SqliteStore::InsertSurveyInvite(const SurveyInviteRecord& r) {
  static const std::string kSql = Invites().Insert(1);
  return InsertRow(*db_, Invites(), kSql, r);
}

Result<std::optional<SurveyInviteRecord>> SqliteStore::FindSurveyInvite(
    std::string_view token_hash) {
  static const std::string kSql = Invites().Select() + " WHERE token_hash = ?";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, token_hash);
  return ReadFirst(s, Invites());
}

Status SqliteStore::AnswerSurveyInvite(int64_t invite_id, double score, std::string_view comment,
                                       EpochMs at) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s, db_->Prepare("UPDATE survey_invites SET score = ?, comment = ?, answered_at = "
                             "COALESCE(answered_at, ?) WHERE invite_id = ?"));
  TEND_RETURN_IF_ERROR(s->Bind(1, score).BindTextOrNull(2, comment).Bind(3, at).Bind(4, invite_id).Run());
  if (!Changed()) return NotFound("store.noInvite", "no invite " + std::to_string(invite_id));
  return Status::Ok();
}

Result<std::vector<SurveyInviteRecord>> SqliteStore::ListSurveyInvites(std::string_view survey) {
  static const std::string kSql =
      Invites().Select() + " WHERE (?1 IS NULL OR survey = ?1) ORDER BY invite_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->BindTextOrNull(1, survey);
  return ReadAll(s, Invites());
}

Result<std::optional<EpochMs>> SqliteStore::LastSurveyInvite(std::string_view contact_id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("SELECT MAX(created_at) FROM survey_invites "
                                               "WHERE contact_id = ?"));
  s->Bind(1, contact_id);
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  std::optional<EpochMs> out = row ? s->OptInt(0) : std::nullopt;
  s->Reset();
  return out;
}

Result<bool> SqliteStore::IsUnsubscribed(std::string_view email) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("SELECT 1 FROM mail_unsubscribes WHERE email = ?"));
  s->Bind(1, email);
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  s->Reset();
  return row;
}

Status SqliteStore::Unsubscribe(std::string_view email, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("INSERT INTO mail_unsubscribes (email, at) VALUES "
                                               "(?, ?) ON CONFLICT DO NOTHING"));
  return s->Bind(1, email).Bind(2, at).Run();
}

}  // namespace tend::store
