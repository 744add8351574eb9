// SurveyStore: the invites of the surveys tend sends and the unsubscribed addresses. Part of
// store::Store; surveys/ takes this narrow interface. Failures as store.h says; kNotFound
// ("store.noInvite") for an unknown id.
#ifndef TEND_STORE_SURVEY_STORE_H_
#define TEND_STORE_SURVEY_STORE_H_

#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/survey_records.h"

namespace tend::store {

class SurveyStore {
 public:
  virtual ~SurveyStore() = default;

  // Adds an invite; returns its id. kInvalidArgument when the token hash is taken.
  virtual Result<int64_t> InsertSurveyInvite(const SurveyInviteRecord& invite) = 0;
  virtual Result<std::optional<SurveyInviteRecord>> FindSurveyInvite(
      std::string_view token_hash) = 0;
  // Records an answer: score and comment; answered_at is set by the first answer only.
  virtual Status AnswerSurveyInvite(int64_t invite_id, double score, std::string_view comment,
                                    EpochMs at) = 0;
  // The invites of survey `survey` (empty: all), by id.
  virtual Result<std::vector<SurveyInviteRecord>> ListSurveyInvites(std::string_view survey) = 0;
  // When contact `contact_id` was last invited to any survey (nullopt: never).
  virtual Result<std::optional<EpochMs>> LastSurveyInvite(std::string_view contact_id) = 0;

  // Unsubscribed addresses (compared as given; surveys/ lowercases them).
  virtual Result<bool> IsUnsubscribed(std::string_view email) = 0;
  virtual Status Unsubscribe(std::string_view email, EpochMs at) = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_SURVEY_STORE_H_
