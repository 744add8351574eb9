// Plain records of the advocacy store. The advocacy program: advocates, asks, the give/receive
// ledger, reference requests and contact changes (see advocacy_store.h and advocacy/program.h).
// Text fields that are empty mean "not given" and are stored as NULL where the schema allows;
// dates are epoch days, times epoch ms.
#ifndef TEND_STORE_ADVOCACY_RECORDS_H_
#define TEND_STORE_ADVOCACY_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "common/time.h"

namespace tend::store {

// A contact's place in the advocacy program.
struct AdvocateRecord {
  std::string contact_id, account_id;
  std::string status;  // candidate | invited | active | paused | retired | dismissed
  std::string tier;    // reference_network | case_study | event_speaking | advisory_board
  bool consent = false;
  std::optional<EpochMs> consent_at;
  std::string preferred;                  // activity types, comma-separated
  std::optional<EpochDay> snoozed_until;  // candidates: hidden from the queue until then
  std::string reason;                     // why dismissed or snoozed
  EpochMs since = 0, updated_at = 0;
  std::string updated_by;
};

// Something the program asked an advocate for.
struct AskRecord {
  int64_t ask_id = 0;
  std::string contact_id, account_id;
  std::string activity;  // reference_call | case_study | speaking | advisory_board
  std::string status;    // asked | accepted | declined | completed
  EpochMs asked_at = 0;
  std::optional<EpochMs> answered_at, completed_at;
  std::string outcome, note;
  std::optional<int64_t> request_id;
  std::string asked_by;
};

// One entry of an advocate's give/receive ledger.
struct LedgerRecord {
  int64_t entry_id = 0;
  std::string contact_id, account_id;
  EpochMs ts = 0;
  std::string direction;  // gave | received
  std::string kind;
  double units = 1;
  std::string note;
  std::optional<int64_t> ask_id;
  std::string author;
};

// A sales rep's request for a customer reference.
struct ReferenceRequestRecord {
  int64_t request_id = 0;
  EpochMs created_at = 0;
  std::string requested_by;
  std::optional<int64_t> requested_by_user;
  std::string deal_id, prospect, industry, segment, region, product;
  std::optional<EpochDay> deadline;
  std::string notes;
  std::string status =
      "requested";                // requested | asked | accepted | declined | completed | cancelled
  std::optional<int64_t> ask_id;  // the current ask
  std::string outcome;
  EpochMs updated_at = 0;
};

// A contact's title or company changed (found by Store::UpsertContact).
struct ContactChangeRecord {
  int64_t change_id = 0;
  EpochMs ts = 0;
  std::string contact_id;
  std::string previous_contact_id;  // a company move found by name and email: the old record
  std::string kind;                 // title | company
  std::string old_title, new_title, old_seniority, new_seniority;
  std::string old_account_id, new_account_id;
  bool processed = false;
  bool champion = false;  // set when processed: the person was a champion
};

}  // namespace tend::store

#endif  // TEND_STORE_ADVOCACY_RECORDS_H_
