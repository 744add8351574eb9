// JSON forms of the advocacy program's records and read models (advocacy/queries.h) as the
// API answers them. Pure functions, any thread.
#ifndef TEND_API_JSON_ADVOCACY_JSON_H_
#define TEND_API_JSON_ADVOCACY_JSON_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "advocacy/queries.h"

namespace tend::api::json {

// [{signal, points, text}].
nlohmann::json ReasonsJson(const std::vector<advocacy::Reason>& reasons);
nlohmann::json AskJson(const store::AskRecord& a);
// An advocate (or a contact outside the program) as the list and profile show it.
nlohmann::json AdvocateViewJson(const advocacy::AdvocateView& v);
// The view plus propensity, balance, ledger, asks, milestones and timeline.
nlohmann::json AdvocateProfileJson(const advocacy::AdvocateProfile& p);
nlohmann::json RequestJson(const store::ReferenceRequestRecord& r,
                           const std::optional<store::AskRecord>& ask,
                           const std::optional<store::ContactRecord>& contact,
                           const std::string& account_name);
// The metrics with exactly the contract's keys (advocacy_nps, participation_rate,
// advocate_renewal_rate, influenced_deals, influenced_amount, influenced_share); with
// `details`, also "as_of" and a "details" object with the counts behind them.
nlohmann::json ProgramMetricsJson(const advocacy::ProgramMetrics& m, bool details);
// The program dashboard (GET /api/advocacy/program) with `candidates` in its funnel.
nlohmann::json ProgramDashboardJson(const advocacy::ProgramDashboard& d, size_t candidates);
// A row of the candidates queue.
nlohmann::json CandidateRowJson(const advocacy::CandidateRow& r);

}  // namespace tend::api::json

#endif  // TEND_API_JSON_ADVOCACY_JSON_H_
