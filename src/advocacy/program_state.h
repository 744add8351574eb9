// ProgramState: the advocacy program's records loaded together, and the program dashboard
// computed from them: tiers with their capacity, the lifecycle funnel, reference requests by
// status, burnout indicators and the health metrics (program_metrics.h) with a monthly trend.
#ifndef TEND_ADVOCACY_PROGRAM_STATE_H_
#define TEND_ADVOCACY_PROGRAM_STATE_H_

#include <nlohmann/json.hpp>
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

// The dashboard (docs/advocacy.md, GET /api/advocacy/program) but "candidates", which the
// caller adds (it needs the scored workspace).
nlohmann::json ProgramDashboardJson(const ProgramState& state, EpochDay as_of, EpochMs now);

}  // namespace tend::advocacy

#endif  // TEND_ADVOCACY_PROGRAM_STATE_H_
