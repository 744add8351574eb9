// UsageStore: the durable state of one domain. Product usage: the event-name dictionary,
// per-account usage state (see metrics/usage_state.h), message-id dedup and the server's event
// journal (see ingest/event_journal.h) with the Segment user groups and held identify calls.
// A part of store::Store; failures and transactions as store.h says.
#ifndef TEND_STORE_USAGE_STORE_H_
#define TEND_STORE_USAGE_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/usage_records.h"

namespace tend::store {

class UsageStore {
 public:
  virtual ~UsageStore() = default;

  // ---- Product usage (see metrics/usage_state.h) ----
  // The workspace's event-name dictionary; the index of a name is its event id.
  virtual Result<std::vector<std::string>> LoadEventNames() = 0;
  // REQUIRES: id == the current dictionary size (ids are dense).
  virtual Status AddEventName(uint32_t id, std::string_view name) = 0;
  // The stored usage state of one account, or nullopt.
  virtual Result<std::optional<std::string>> LoadUsage(std::string_view account_id) = 0;
  // Calls `fn` with every stored usage state; stops at the first error it returns.
  virtual Status ForEachUsage(
      const std::function<Status(std::string_view account_id, std::string_view blob)>& fn) = 0;
  virtual Status SaveUsage(std::string_view account_id, std::string_view blob, int64_t events) = 0;
  // Records a message id; returns false when it was recorded before (a duplicate event).
  virtual Result<bool> InsertMessageId(std::string_view message_id) = 0;

  // ---- Server event journal (see api/live_workspace.h) ----
  // Appends one event to the journal; returns its sequence number.
  virtual Result<int64_t> AppendJournal(const JournalEvent& event) = 0;
  // Calls `fn` with the journal events that have an account, in sequence order: all of
  // them, or the first `limit` when limit > 0.
  virtual Status ForEachJournalEvent(const std::function<Status(const JournalEvent&)>& fn,
                                     int64_t limit) = 0;
  // Gives `account_id` to the user's events that had none; returns them.
  virtual Result<std::vector<JournalEvent>> AttributeJournal(std::string_view user_id,
                                                             std::string_view account_id) = 0;
  // Deletes the journal events with an account and a sequence number <= `seq`.
  virtual Status DeleteJournalThrough(int64_t seq) = 0;
  // The number of journal events with an account, and without.
  virtual Result<std::pair<int64_t, int64_t>> CountJournal() = 0;
  // The account of a user's last Segment group call.
  virtual Status SetUserGroup(std::string_view user_id, std::string_view account_id) = 0;
  virtual Result<std::optional<std::string>> GetUserGroup(std::string_view user_id) = 0;
  // Segment identify calls held until the user's account is known (the user's first group
  // call): Hold appends one; TakeHeldIdentifies returns a user's, oldest first, and deletes
  // them.
  virtual Status HoldIdentify(const HeldIdentifyRecord& held) = 0;
  virtual Result<std::vector<HeldIdentifyRecord>> TakeHeldIdentifies(std::string_view user_id) = 0;
  // How many identify calls are held, for how many users.
  virtual Result<std::pair<int64_t, int64_t>> CountHeldIdentifies() = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_USAGE_STORE_H_
