// Surveys sent and answered in tend (docs/surveys.md): SendSurvey queues one personal mail
// per contact through the outbox (mail/outbox.h) and records an invite whose token only the
// mail holds (the store keeps its SHA-256); Answer records what the person answered on the
// public page (/s/TOKEN) as a survey response like an imported one, so the account's nps /
// csat / advocacy_nps metrics and health follow once the caller re-scores it.
//
// Rules: unsubscribed addresses are never sent to; a contact invited to any survey within
// the workspace's throttle days is skipped; a link answers until it expires; a second answer
// within kAnswerWindowMs of the first updates it, later ones are refused.
#ifndef TEND_SURVEYS_SURVEYS_H_
#define TEND_SURVEYS_SURVEYS_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "definitions/survey_def.h"
#include "store/store.h"

namespace tend::surveys {

inline constexpr EpochMs kAnswerWindowMs = 7LL * 24 * 3600 * 1000;
inline constexpr size_t kMaxCommentBytes = 4000;
// The workspace meta key of the throttle, in days (default kDefaultThrottleDays).
inline constexpr std::string_view kThrottleMetaKey = "survey_throttle_days";
inline constexpr int kDefaultThrottleDays = 30;

struct SendOptions {
  std::string public_url;  // links are public_url + "/s/" + token; REQUIRES: not empty
  int throttle_days = kDefaultThrottleDays;
};

struct Skipped {
  std::string contact_id;
  std::string reason;  // unknown_contact | no_email | unsubscribed | throttled
};

struct SendResult {
  int queued = 0;
  std::vector<Skipped> skipped;
};

// The value of a template name ("account.name", "contact.first_name", "nps") for one
// account row; "" when unknown.
using TemplateValues = std::function<std::string(const std::string& account_id,
                                                 const std::string& name)>;

// Queues `def`'s mail to each of `contact_ids` (duplicates once) at `now`. Within the
// caller's transaction. Store errors as they come.
Result<SendResult> SendSurvey(store::Store& store, const SurveyDef& def,
                              const std::vector<std::string>& contact_ids,
                              const SendOptions& options, const TemplateValues& values,
                              EpochMs now);

// The workspace meta key of the public URL: `tend serve --public-url` writes it at start, so
// the rules' send_survey actions (run by the server and the CLI) know the links' base.
inline constexpr std::string_view kPublicUrlMetaKey = "public_url";

// The workspace's send options: the public URL of meta kPublicUrlMetaKey (without a trailing
// slash; empty when no server set one) and the throttle of meta kThrottleMetaKey (else the
// default).
Result<SendOptions> LoadSendOptions(store::Store& store);

// Hex SHA-256 of a token: what the store keeps.
std::string TokenHash(std::string_view token);

struct AnswerResult {
  store::SurveyInviteRecord invite;  // as it is now
  bool first = false;                // the first answer to this invite
};

// The invite a token opens: kNotFound "survey.badToken" (malformed or unknown),
// kFailedPrecondition "survey.expired".
Result<store::SurveyInviteRecord> OpenInvite(store::Store& store, std::string_view token,
                                             EpochMs now);

// Records an answer: `score` (required on the first answer; may be left out later to add a
// comment), `comment` (nullopt: unchanged). kInvalidArgument "survey.badScore" (outside the
// kind's range), "survey.commentTooLong" (over kMaxCommentBytes or not UTF-8),
// "survey.noScore"; kFailedPrecondition "survey.answerClosed" (past the window after the
// first answer); OpenInvite's errors. Nothing is written on error. Writes the invite and the
// survey response (survey_id "tend-invite-<id>", at the first answer's time).
Result<AnswerResult> Answer(store::Store& store, std::string_view token, std::optional<int> score,
                            std::optional<std::string> comment, EpochMs now);

// Marks the invite's address unsubscribed (after OpenInvite's checks, expiry aside).
Status UnsubscribeByToken(store::Store& store, std::string_view token, EpochMs now);

}  // namespace tend::surveys

#endif  // TEND_SURVEYS_SURVEYS_H_
