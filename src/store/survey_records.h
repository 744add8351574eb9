// The records of surveys tend sends (see surveys/ and docs/surveys.md): one invite per
// recipient and survey, with the hash of its personal link's token and the answer it got;
// and the addresses that unsubscribed.
#ifndef TEND_STORE_SURVEY_RECORDS_H_
#define TEND_STORE_SURVEY_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "common/time.h"

namespace tend::store {

struct SurveyInviteRecord {
  int64_t invite_id = 0;  // assigned by the store
  std::string survey;     // the survey definition's name
  std::string kind;       // nps | csat | advocacy_nps
  std::string account_id, contact_id, email;
  // Hex SHA-256 of the personal token (the token itself is only in the mail).
  std::string token_hash;
  std::optional<int64_t> mail_id;  // the outbox message that carries the link
  EpochMs created_at = 0;
  EpochMs expires_at = 0;  // the link answers until then
  // The answer: the first one's time, the latest score and comment.
  std::optional<EpochMs> answered_at;
  std::optional<double> score;
  std::string comment;
};

}  // namespace tend::store

#endif  // TEND_STORE_SURVEY_RECORDS_H_
