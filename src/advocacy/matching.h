// Reference matching: ranks the active, consenting reference-network advocates for a
// reference request by fit (industry, segment, region, product or use case) and
// availability, and says why. Never proposes an advocate over their tier's quarterly cap,
// asked within the last `recency_days` (settings), whose account is red or churned, or whose
// account has an open risk CTA: those are listed as excluded, with the reason.
#ifndef TEND_ADVOCACY_MATCHING_H_
#define TEND_ADVOCACY_MATCHING_H_

#include <optional>
#include <string>
#include <vector>

#include "advocacy/account_signals.h"
#include "advocacy/program.h"
#include "store/store.h"

namespace tend::advocacy {

struct Match {
  const store::AdvocateRecord* advocate = nullptr;
  double fit = 0;  // 0..100
  std::vector<std::string> reasons;
  int asks_this_quarter = 0, quarterly_cap = 0;
  std::optional<EpochMs> last_asked_at;
};

struct Exclusion {
  const store::AdvocateRecord* advocate = nullptr;
  std::string reason;
};

struct MatchResult {
  std::vector<Match> matches;  // best first
  std::vector<Exclusion> excluded;
  // The match for `contact_id`, or nullptr.
  const Match* Find(const std::string& contact_id) const;
  // Why `contact_id` is excluded, or empty.
  std::string WhyExcluded(const std::string& contact_id) const;
};

// `advocates` and `asks` must outlive the result (it points into them).
MatchResult MatchRequest(const store::ReferenceRequestRecord& request, const Settings& settings,
                         const std::vector<store::AdvocateRecord>& advocates,
                         const std::vector<store::AskRecord>& asks, const Signals& signals,
                         EpochMs now);

// Matches reference request `request_id` (kNotFound when there is none) from the store.
// `advocates` and `asks` receive the records the result points into.
Result<MatchResult> MatchStoredRequest(store::Store& store, const Settings& settings,
                                       int64_t request_id, const Signals& signals, EpochMs now,
                                       std::vector<store::AdvocateRecord>* advocates,
                                       std::vector<store::AskRecord>* asks);

// Asks `contact_id` for reference request `request_id`, after checking they are among its
// matches (kFailedPrecondition "advocacy.notMatched" saying why not).
Status AskMatched(Program& program, store::Store& store, int64_t request_id,
                  const std::string& contact_id, const Signals& signals, const std::string& actor);

}  // namespace tend::advocacy

#endif  // TEND_ADVOCACY_MATCHING_H_
