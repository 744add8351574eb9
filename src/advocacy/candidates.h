// The candidates queue: contacts of active accounts ranked by advocacy propensity, with the
// signals behind each rank. Lists contacts scoring at least settings.min_score that are not
// in the program yet (status "new") or are candidates not snoozed past today ("candidate");
// dismissed, snoozed, invited, active, paused and retired contacts are left out.
#ifndef TEND_ADVOCACY_CANDIDATES_H_
#define TEND_ADVOCACY_CANDIDATES_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "advocacy/account_signals.h"
#include "advocacy/program.h"
#include "advocacy/propensity.h"

namespace tend::advocacy {

struct Candidate {
  const store::ContactRecord* contact = nullptr;  // points into the PeopleFacts
  Propensity propensity;
  double account_score = 0;  // the account's best contact
  std::string status;        // new | candidate
};

// Best first (score, then account score, then contact id).
std::vector<Candidate> RankCandidates(const PeopleFacts& people, const Signals& signals,
                                      const std::vector<store::AdvocateRecord>& advocates,
                                      const Settings& settings, EpochDay today);

// Every scored contact's propensity by account: the best score per account id.
std::unordered_map<std::string, double> AccountPropensity(const PeopleFacts& people,
                                                          const Signals& signals);

}  // namespace tend::advocacy

#endif  // TEND_ADVOCACY_CANDIDATES_H_
