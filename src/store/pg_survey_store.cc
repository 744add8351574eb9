// PgStore's SurveyStore: survey invites with their answers, unsubscribed addresses (as
// sqlite_survey_store.cc).
#include <string>

#include "store/pg_rows.h"
#include "store/pg_store_impl.h"

namespace tend::store {

using pg::BindAll;
using pg::OrNull;

namespace {

constexpr const char* kInviteFields =
    "survey, kind, account_id, contact_id, email, token_hash, mail_id, created_at, "
    "expires_at, answered_at, score, comment";
constexpr const char* kInviteCols =
    "invite_id, survey, kind, account_id, contact_id, email, token_hash, mail_id, created_at, "
    "expires_at, answered_at, score, comment";

SurveyInviteRecord ReadInvite(PgStmt* s) {
  return SurveyInviteRecord{s->Int(0),     s->Str(1),  s->Str(2),     s->Str(3),
                            s->Str(4),     s->Str(5),  s->Str(6),     s->OptInt(7),
                            s->Int(8),     s->Int(9),  s->OptInt(10), s->OptDouble(11),
                            s->Str(12)};
}

}  // namespace

Result<int64_t> PgStore::InsertSurveyInvite(const SurveyInviteRecord& r) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("survey_invites", kInviteFields,
                                                               "", "RETURNING invite_id")));
  return pg::FirstInt(BindAll(s, r.survey, r.kind, r.account_id, r.contact_id, r.email,
                              r.token_hash, r.mail_id, r.created_at, r.expires_at, r.answered_at,
                              r.score, OrNull{r.comment}));
}

Result<std::optional<SurveyInviteRecord>> PgStore::FindSurveyInvite(std::string_view token_hash) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::SelectSql(kInviteCols,
                                                               "survey_invites WHERE "
                                                               "token_hash = $1")));
  return pg::One<SurveyInviteRecord>(BindAll(s, token_hash), ReadInvite);
}

Status PgStore::AnswerSurveyInvite(int64_t invite_id, double score, std::string_view comment,
                                   EpochMs at) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s, db_->Prepare("UPDATE survey_invites SET score = $1, comment = $2, answered_at "
                               "= COALESCE(answered_at, $3) WHERE invite_id = $4"));
  Status run = BindAll(s, score, OrNull{comment}, at, invite_id)->Run();
  return pg::ChangedOne(s, run, "store.noInvite", "no invite " + std::to_string(invite_id));
}

Result<std::vector<SurveyInviteRecord>> PgStore::ListSurveyInvites(std::string_view survey) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s, db_->Prepare(pg::SelectSql(kInviteCols,
                                             "survey_invites WHERE ($1::text IS NULL OR survey "
                                             "= $1) ORDER BY invite_id")));
  return pg::Rows<SurveyInviteRecord>(BindAll(s, OrNull{survey}), ReadInvite);
}

Result<std::optional<EpochMs>> PgStore::LastSurveyInvite(std::string_view contact_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT MAX(created_at) FROM survey_invites "
                                                 "WHERE contact_id = $1"));
  TEND_ASSIGN_OR_RETURN(auto row, pg::One<std::optional<EpochMs>>(
                                      BindAll(s, contact_id), [](PgStmt* s) { return s->OptInt(0); }));
  return row.value_or(std::nullopt);
}

Result<bool> PgStore::IsUnsubscribed(std::string_view email) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s,
                        db_->Prepare("SELECT 1 FROM mail_unsubscribes WHERE email = $1"));
  TEND_ASSIGN_OR_RETURN(auto row, pg::One<int64_t>(BindAll(s, email),
                                                   [](PgStmt* s) { return s->Int(0); }));
  return row.has_value();
}

Status PgStore::Unsubscribe(std::string_view email, EpochMs at) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("INSERT INTO mail_unsubscribes (email, at) "
                                                 "VALUES ($1, $2) ON CONFLICT DO NOTHING"));
  return BindAll(s, email, at)->Run();
}

}  // namespace tend::store
