// The results of a survey from its invites (pure; GET /api/surveys/{name}/results): how many
// were sent and answered, the NPS (percent promoters minus percent detractors, for nps and
// advocacy_nps), the average score, and the comments with their accounts.
#ifndef TEND_SURVEYS_RESULTS_H_
#define TEND_SURVEYS_RESULTS_H_

#include <optional>
#include <string>
#include <vector>

#include "store/survey_records.h"

namespace tend::surveys {

struct SurveyComment {
  std::string account_id, contact_id;
  double score = 0;
  std::string comment;
  EpochMs answered_at = 0;
};

struct SurveyResults {
  int64_t sent = 0, responses = 0;
  double response_rate = 0;       // responses / sent (0 when none sent)
  std::optional<double> nps;      // nps kinds with responses: -100..100, one decimal
  int64_t promoters = 0, passives = 0, detractors = 0;  // nps kinds: 9-10, 7-8, 0-6
  std::optional<double> average;  // with responses, two decimals
  std::vector<SurveyComment> comments;  // newest first
};

SurveyResults ComputeResults(const std::vector<store::SurveyInviteRecord>& invites,
                             const std::string& kind);

}  // namespace tend::surveys

#endif  // TEND_SURVEYS_RESULTS_H_
