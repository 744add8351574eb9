#include "surveys/results.h"

#include <algorithm>
#include <cmath>

#include "definitions/survey_def.h"

namespace tend::surveys {

SurveyResults ComputeResults(const std::vector<store::SurveyInviteRecord>& invites,
                             const std::string& kind) {
  SurveyResults r;
  double sum = 0;
  for (const auto& inv : invites) {
    ++r.sent;
    if (!inv.score) continue;
    ++r.responses;
    sum += *inv.score;
    if (*inv.score >= 9) {
      ++r.promoters;
    } else if (*inv.score >= 7) {
      ++r.passives;
    } else {
      ++r.detractors;
    }
    if (!inv.comment.empty()) {
      r.comments.push_back(
          {inv.account_id, inv.contact_id, *inv.score, inv.comment, inv.answered_at.value_or(0)});
    }
  }
  if (r.sent > 0) {
    r.response_rate = std::round(10000.0 * r.responses / r.sent) / 10000.0;
  }
  if (r.responses > 0) {
    r.average = std::round(100.0 * sum / r.responses) / 100.0;
    if (IsNpsKind(kind)) {
      r.nps = std::round(1000.0 * (r.promoters - r.detractors) / r.responses) / 10.0;
    }
  }
  if (!IsNpsKind(kind)) r.promoters = r.passives = r.detractors = 0;
  std::stable_sort(r.comments.begin(), r.comments.end(),
                   [](const SurveyComment& a, const SurveyComment& b) {
                     return a.answered_at > b.answered_at;
                   });
  return r;
}

}  // namespace tend::surveys
