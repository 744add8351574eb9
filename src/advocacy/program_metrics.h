// Program health: the advocacy program's figures as of a day D, with exact definitions.
// W is the 365 whole UTC days ending with D, [D-364, D] (as in the scorecards).
//
//   advocacy_nps          from `advocacy_nps` survey responses in W, each contact's latest
//                         (ties in time: the higher score; a response without a contact
//                         counts on its own): 100 x (share 9..10 - share 0..6); null without
//                         responses.
//   participation_rate    per advocacy activity, over the 90 days ending with D: asks made
//                         (asked_at) in those days that were accepted (accepted or completed)
//                         / asks made; null for an activity without asks.
//   advocate_renewal_rate of contacts with an advocacy activity on the timeline in the 365
//                         days before W, [D-729, D-365], the share with one in W; null when
//                         there are none.
//   influenced_deals/amount/share  won deals with closed_at in W that have a reference
//                         contact: how many, their amount, and that amount's share of all won
//                         amount in W (null when nothing was won).
//
// Advocacy activities are the timeline types reference_call, case_study, speaking and
// advisory_board.
#ifndef TEND_ADVOCACY_PROGRAM_METRICS_H_
#define TEND_ADVOCACY_PROGRAM_METRICS_H_

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/store.h"

namespace tend::advocacy {

// The four advocacy activity types, in a fixed order.
const std::array<std::string, 4>& AdvocacyActivities();
bool IsAdvocacyActivity(std::string_view type);

// What the program metrics read, loaded once (several as-of days can be computed from it).
struct ProgramFacts {
  std::vector<store::SurveyRecord> advocacy_nps;  // survey == advocacy_nps
  std::vector<store::ActivityRecord> activities;  // advocacy activities with a contact
  std::vector<store::DealRecord> deals;
  std::vector<store::AskRecord> asks;
};
Result<ProgramFacts> LoadProgramFacts(store::Store& store);

struct Participation {
  int asks = 0, accepted = 0;
  std::optional<double> rate;
};

struct ProgramMetrics {
  EpochDay as_of = 0;
  std::optional<double> advocacy_nps;
  int nps_responses = 0, promoters = 0, detractors = 0;
  std::map<std::string, Participation> participation;  // every advocacy activity
  std::optional<double> advocate_renewal_rate;
  int renewal_base = 0, renewal_renewed = 0;
  int64_t influenced_deals = 0;
  double influenced_amount = 0, won_amount = 0;
  std::optional<double> influenced_share;
};

ProgramMetrics ComputeProgramMetrics(const ProgramFacts& facts, EpochDay d);

}  // namespace tend::advocacy

#endif  // TEND_ADVOCACY_PROGRAM_METRICS_H_
