// ProgramState: the advocacy program's records loaded together, and the program dashboard
// computed from them: tiers with their capacity, the lifecycle funnel, reference requests by
// status, burnout indicators and the health metrics (program_metrics.h) with a monthly trend.
#ifndef TEND_ADVOCACY_PROGRAM_STATE_H_
#define TEND_ADVOCACY_PROGRAM_STATE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "advocacy/program.h"
#include "advocacy/program_metrics.h"
#include "common/result.h"
#include "store/store.h"

namespace tend::advocacy {

struct ProgramState {
  Settings settings;
  std::vector<store::AdvocateRecord> advocates;
  std::vector<store::AskRecord> asks;
  std::vector<store::LedgerRecord> ledger;
  std::vector<store::ReferenceRequestRecord> requests;
  ProgramFacts facts;
};
Result<ProgramState> LoadProgramState(store::Store& store);

// The advocate's balance over the last 180 days (see BalanceOf).
Balance AdvocateBalance(const ProgramState& state, const std::string& contact_id, EpochMs now);

// Burnout indicators, as of `now`: asks this quarter per active advocate, the share of asks
// answered in the last 90 days that were declined, advocates at or over their quarterly cap,
// and active advocates with the extraction warning on.
struct Burnout {
  std::optional<double> asks_per_advocate, decline_rate;
  int over_cap = 0, extraction_warnings = 0, active = 0;
};
Burnout ComputeBurnout(const ProgramState& state, EpochMs now);

// The program dashboard (docs/advocacy.md, GET /api/advocacy/program) but the candidates
// count, which the caller adds (it needs the scored workspace).
struct ProgramDashboard {
  EpochDay as_of = 0;
  ProgramMetrics metrics;
  // The metrics at the end of each of the six months before as_of's month, then as of as_of.
  struct TrendPoint {
    EpochDay as_of = 0;
    ProgramMetrics metrics;
    std::optional<double> participation;  // accepted / asks over every activity
  };
  std::vector<TrendPoint> trend;
  struct TierCount {
    TierInfo tier;
    int active = 0, invited = 0, paused = 0;
  };
  std::vector<TierCount> tiers;            // in the settings' order
  std::map<std::string, int> funnel;       // advocates by status (candidates left out)
  std::map<std::string, int> requests;     // reference requests by status
  Burnout burnout;
  Settings settings;
};
ProgramDashboard ComputeProgramDashboard(const ProgramState& state, EpochDay as_of, EpochMs now);

}  // namespace tend::advocacy

#endif  // TEND_ADVOCACY_PROGRAM_STATE_H_
