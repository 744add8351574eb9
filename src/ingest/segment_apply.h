// The durable half of Segment ingestion: what a batch of parsed messages (ingest/segment.h)
// does to the store, in one transaction, before the server acknowledges it; and the
// in-memory half that follows the commit (the events and account records it hands to
// metrics::WorkspaceData). The server (api::LiveWorkspace) calls Apply, then ApplyToData
// under its exclusive lock, then re-scores and runs the rules for the rows ApplyToData
// returns (rules/engine/run_pipeline.h).
//
// Apply, per message in order:
// - message-id dedup (within the batch, then against the store: InsertMessageId);
// - group: the account is created when missing and the traits name, industry, segment,
//   region, csm, arr, renewal_date, start_date copied onto it; the user is mapped to the
//   account (SetUserGroup); the user's unattributed journal events move to it
//   (AttributeJournal), and identify calls held for the user are applied, in their order;
// - identify: the traits name (else firstName lastName), email, title, seniority, role go on
//   the user's contact at the user's account; a user without an account has the call held
//   (HoldIdentify) until its group call;
// - track, page, screen: appended to the event journal (AppendJournal), with the user's
//   account when known, else unattributed.
// When any contact changed, `on_contacts_changed` runs in the same transaction (the server
// passes advocacy::ProcessMilestones) and names the accounts whose champions moved.
// Everything commits together (fsync'ed) or, on any failure, nothing does; the failure is the
// store's Status.
//
// Threads: a SegmentApplier is used by one writer at a time (it caches user -> account).
// The lookups Apply is given may take their own locks; Apply calls them without holding any.
#ifndef TEND_INGEST_SEGMENT_APPLY_H_
#define TEND_INGEST_SEGMENT_APPLY_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "ingest/segment.h"
#include "metrics/workspace_data.h"
#include "store/store.h"

namespace tend::ingest {

// What became of a batch, as the API reports it.
struct IngestReport {
  int accepted = 0;           // events recorded (with or without an account yet)
  int unattributed = 0;       // of those, events whose user has no account yet
  int duplicates = 0;         // skipped: their messageId was seen before
  int skipped = 0;            // no user, unknown type, or a group call without groupId
  int identified = 0;         // contacts created or updated (identify)
  int held = 0;               // identify calls held: the user has no account yet
  int released = 0;           // held identify calls applied by this batch's group calls
  int grouped = 0;            // accounts created or updated (group)
  std::vector<int64_t> ctas;  // CTAs the rules raised (set by whoever runs the rules)
  // For each message of the batch, in order: the account it went to ("" when none) and what
  // became of it: "accepted", "unattributed", "identified", "held" (an identify waiting
  // for the user's group call), "grouped", "duplicate", "skipped".
  struct Outcome {
    std::string account_id;
    const char* what = "skipped";
  };
  std::vector<Outcome> outcomes;
};

// What a committed batch changed, for the in-memory half.
struct AppliedBatch {
  IngestReport report;
  // The journal events the batch attributed, by account (appended, or moved to the account by
  // a group call).
  std::map<std::string, std::vector<store::JournalEvent>> events_by_account;
  // Accounts whose record the group traits changed, with the new record.
  std::map<std::string, store::AccountRecord> changed_accounts;
  // Whether the batch created accounts that the in-memory state does not have (or named
  // accounts another process added): the account index changes, so everything reloads.
  bool new_accounts = false;
  // Accounts whose champions moved (on_contacts_changed), and the contact changes not yet
  // processed (read after the commit, for WorkspaceData::SetChampionMoves; empty when none
  // moved).
  std::vector<std::string> milestone_accounts;
  std::vector<store::ContactChangeRecord> contact_changes;
};

class SegmentApplier {
 public:
  // The account as loaded in memory, or nullopt when it is not loaded.
  using LoadedAccount = std::function<std::optional<store::AccountRecord>(const std::string&)>;
  // Whether the account is loaded in memory (cheaper than LoadedAccount).
  using IsLoaded = std::function<bool(const std::string&)>;
  // Runs inside the batch's transaction when contacts changed; returns the accounts whose
  // champions moved.
  using OnContactsChanged = std::function<Result<std::vector<std::string>>(store::Store&)>;

  struct Lookups {
    LoadedAccount loaded_account;
    IsLoaded is_loaded;
    OnContactsChanged on_contacts_changed;  // may be empty
  };

  // Makes `batch` durable in `store` (one transaction, see the file comment). `now` stamps
  // held identify calls.
  Result<AppliedBatch> Apply(store::Store& store, const SegmentBatch& batch,
                             const Lookups& lookups, EpochMs now);

 private:
  // A cache of segment_user_groups (user -> account); cleared when a batch rolls back.
  std::unordered_map<std::string, std::string> user_groups_;
};

// The in-memory half: adds the batch's events and changed account records to `data`, and the
// champion moves when any. Accounts `data` does not have are left out (new accounts: the
// caller reloads). Returns the rows to re-score, ascending.
std::vector<size_t> ApplyToData(const AppliedBatch& applied, metrics::WorkspaceData& data);

}  // namespace tend::ingest

#endif  // TEND_INGEST_SEGMENT_APPLY_H_
