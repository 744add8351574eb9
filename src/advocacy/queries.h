// The advocacy program's read models, shared by `tend advocacy` and the API: the advocate
// list (with each advocate's ask load and give-back balance), an advocate's profile (the
// ledger merged from ledger entries, completed asks and advocacy activities; asks;
// milestones; timeline) and the candidates queue (ranked, then searched and paged).
//
// Threads: pure functions of what they are given, but LoadAdvocateProfile, which reads the
// store (the caller's connection). None holds a session lock: build the Signals first.
#ifndef TEND_ADVOCACY_QUERIES_H_
#define TEND_ADVOCACY_QUERIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "advocacy/account_signals.h"
#include "advocacy/program.h"
#include "advocacy/program_state.h"
#include "advocacy/propensity.h"

namespace tend::advocacy {

// ---- The advocate list ----

struct AdvocateFilter {
  std::string tier, status;  // empty: any
};
// The program's advocates the list shows: not candidates nor dismissed, of the filter's tier
// and status; in the state's order. The pointers point into `state`.
std::vector<const store::AdvocateRecord*> ListAdvocates(const ProgramState& state,
                                                        const AdvocateFilter& filter);

// An advocate's standing as of `now`: the quarter's asks and the 180-day balance.
struct Standing {
  Load load;
  Balance balance;
};
Standing StandingOf(const ProgramState& state, const std::string& contact_id, EpochMs now);

// An advocate (or a contact outside the program) as the list and profile show it. The
// pointers point into the ProgramState and Signals it was made from.
struct AdvocateView {
  const store::AdvocateRecord* advocate = nullptr;  // null: not in the program
  store::ContactRecord contact;
  const AccountSignals* account = nullptr;  // null: the account is unknown
  const TierInfo* tier = nullptr;           // the advocate's tier, when set and known
  Standing standing;
};
AdvocateView ViewAdvocate(const ProgramState& state, const store::AdvocateRecord* advocate,
                          store::ContactRecord contact, const Signals& signals, EpochMs now);

// ---- The profile ----

// One line of the give-back ledger: a ledger entry (source "ledger", with its id), an
// advocacy activity a completed ask logged ("ask") or one on the timeline ("timeline").
struct LedgerLine {
  std::optional<int64_t> entry_id;
  EpochMs ts = 0;
  std::string direction, kind;
  double units = 0;
  std::string note, author, source;
};
// The contact's ledger, newest first.
std::vector<LedgerLine> AdvocateLedger(const ProgramState& state, const std::string& contact_id);

struct AdvocateProfile {
  AdvocateView view;
  Propensity propensity;
  std::vector<LedgerLine> ledger;
  std::vector<store::AskRecord> asks;                    // the contact's, newest first
  std::vector<store::ContactChangeRecord> milestones;    // the contact's changes, newest first
  std::vector<store::ActivityRecord> timeline;           // the contact's activities, first 50
};
// The profile of `contact`. Reads the account's people, the contact changes and the
// account's timeline from `store`; failures are the store's.
Result<AdvocateProfile> LoadAdvocateProfile(store::Store& store, const ProgramState& state,
                                            const Signals& signals,
                                            const store::ContactRecord& contact, EpochMs now);

// ---- The candidates queue ----

struct CandidateRow {
  std::string contact_id, name, title, seniority, role, account_id;
  std::string account_name, account_color, csm;  // "" when the account is unknown
  double score = 0, account_score = 0;
  std::string status;  // new | candidate
  std::vector<Reason> reasons;
};
// The ranked queue (RankCandidates) as rows that own their values, best first.
std::vector<CandidateRow> CandidateQueue(const PeopleFacts& people, const Signals& signals,
                                         const std::vector<store::AdvocateRecord>& advocates,
                                         const Settings& settings, EpochDay today);
// What the queue depends on besides the scores: min_score, the day, and each advocate's
// status and last update (a cache of the queue keys on it).
uint64_t CandidateQueueFingerprint(const Settings& settings,
                                   const std::vector<store::AdvocateRecord>& advocates,
                                   EpochDay today);

struct CandidatePage {
  std::vector<const CandidateRow*> rows;  // into the queue
  int total = 0;                          // rows matching `q`
};
// The rows whose name, account name or contact id contains `q` (ASCII case-insensitive;
// empty matches all), from `offset` on, at most `limit`.
CandidatePage SearchCandidates(const std::vector<CandidateRow>& queue, const std::string& q,
                               int offset, int limit);

}  // namespace tend::advocacy

#endif  // TEND_ADVOCACY_QUERIES_H_
