// Advocacy propensity: how likely a contact is to advocate for the product, 0..100, with the
// signals behind the score. Two families of signals, each a number of points:
//
//   product enthusiasm    the contact's latest NPS in the last 365 days (promoter +20,
//                         passive +5, detractor -20; without one, the account's latest NPS
//                         counts half), advocacy NPS 9..10 (+10), consistently positive CSAT
//                         (two or more responses, all 4..5: +10; any 1..2: -5), depth and
//                         breadth of the account's usage (up to +15 by percentile), public
//                         enthusiasm: community posts and social mentions (+4 each, up to +12)
//   relationship quality  health (green +10, yellow -5, red -25), tenure (over a year +8,
//                         over six months +4), churn risk (under 20% +4, 50% or more -15), an
//                         open risk CTA (-15), engagement with CS programs: QBRs and beta
//                         responses (+3 each, up to +9 each), seniority (c_level +12, vp +10,
//                         director +7, manager +4) and role (champion +5, decision maker +3),
//                         and the account's size (up to +8 by ARR percentile)
//
// The score is the sum clamped to 0..100. An account's propensity is its best contact's.
#ifndef TEND_ADVOCACY_PROPENSITY_H_
#define TEND_ADVOCACY_PROPENSITY_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "advocacy/account_signals.h"
#include "common/result.h"
#include "store/account_store.h"

namespace tend::advocacy {

struct Reason {
  std::string signal;  // nps, advocacy_nps, csat, usage, public, health, tenure, churn_risk,
                       // risk_cta, qbr, beta, seniority, role, size
  double points = 0;
  std::string text;  // "NPS 10 (promoter)"
};

struct Propensity {
  std::string contact_id, account_id;
  double score = 0;
  std::vector<Reason> reasons;  // by |points|, largest first
};

// What propensity reads about people: contacts, and their surveys and activities.
struct PeopleFacts {
  std::vector<store::ContactRecord> contacts;
  std::unordered_map<std::string, std::vector<store::SurveyRecord>> surveys_by_contact;
  std::unordered_map<std::string, std::vector<store::SurveyRecord>> nps_by_account;
  std::unordered_map<std::string, std::vector<store::ActivityRecord>> activities_by_contact;
};
// Everyone in the workspace.
Result<PeopleFacts> LoadPeopleFacts(store::AccountStore& store);
// The contacts of one account only.
Result<PeopleFacts> LoadAccountPeople(store::AccountStore& store, const std::string& account_id);

// Scores one contact as of signals.as_of(). `account` may be null (unknown account).
Propensity ScoreContact(const store::ContactRecord& contact, const PeopleFacts& people,
                        const AccountSignals* account, EpochDay as_of);

}  // namespace tend::advocacy

#endif  // TEND_ADVOCACY_PROPENSITY_H_
