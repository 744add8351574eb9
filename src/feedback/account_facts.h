// AccountFacts from a scored session: what the ranking needs of every account (name,
// segment, CSM, status, ARR, renewal date, the main scorecard's color), for the API (the
// live session) and the CLI (a session it refreshes) alike.
#ifndef TEND_FEEDBACK_ACCOUNT_FACTS_H_
#define TEND_FEEDBACK_ACCOUNT_FACTS_H_

#include <map>
#include <string>

#include "feedback/ranking.h"
#include "scorecard/health_session.h"

namespace tend::feedback {

// Every account of the session by id. REQUIRES: the session was refreshed (colors are ""
// otherwise, and when the workspace has no scorecard).
std::map<std::string, AccountFacts> AccountFactsOf(scorecard::HealthSession& session);

}  // namespace tend::feedback

#endif  // TEND_FEEDBACK_ACCOUNT_FACTS_H_
