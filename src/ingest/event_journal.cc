#include "ingest/event_journal.h"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "metrics/usage_state.h"

namespace tend::ingest {

Result<int64_t> CheckpointJournal(store::Store& store, int64_t limit) {
  TEND_RETURN_IF_ERROR(store.Begin());
  auto run = [&]() -> Result<int64_t> {
    std::map<std::string, std::vector<store::JournalEvent>> by_account;
    int64_t max_seq = 0, n = 0;
    // Folding costs per account (its stored state is decoded and encoded once), so a call
    // also stops at kMaxAccounts accounts; every event before the stop is taken, so
    // "seq <= max_seq" below names exactly the events folded.
    constexpr size_t kMaxAccounts = 200;
    Status st = store.ForEachJournalEvent(
        [&](const store::JournalEvent& e) {
          auto it = by_account.find(e.account_id);
          if (it == by_account.end()) {
            if (by_account.size() >= kMaxAccounts) {
              return Status(ErrorCode::kUnavailable, "journal.stop", "");
            }
            it = by_account.emplace(e.account_id, std::vector<store::JournalEvent>()).first;
          }
          it->second.push_back(e);
          max_seq = std::max(max_seq, e.seq);
          ++n;
          return Status::Ok();
        },
        limit);
    if (!st.ok() && st.id() != "journal.stop") return st;
    if (n == 0) return int64_t{0};
    TEND_ASSIGN_OR_RETURN(std::vector<std::string> names, store.LoadEventNames());
    std::unordered_map<std::string, uint32_t> ids;
    for (uint32_t i = 0; i < names.size(); ++i) ids.emplace(names[i], i);
    for (auto& [account_id, events] : by_account) {
      TEND_ASSIGN_OR_RETURN(auto blob, store.LoadUsage(account_id));
      metrics::AccountUsage usage;
      if (blob) {
        TEND_ASSIGN_OR_RETURN(usage, metrics::AccountUsage::Deserialize(*blob));
      }
      for (const auto& e : events) {
        auto [it, added] = ids.emplace(e.event, static_cast<uint32_t>(ids.size()));
        if (added) TEND_RETURN_IF_ERROR(store.AddEventName(it->second, e.event));
        usage.AddEvent(e.ts, usage.FindOrAddUser(e.user_id), it->second);
      }
      TEND_RETURN_IF_ERROR(
          store.SaveUsage(account_id, usage.Serialize(), static_cast<int64_t>(usage.events())));
    }
    TEND_RETURN_IF_ERROR(store.DeleteJournalThrough(max_seq));
    return n;
  };
  auto n = run();
  if (!n.ok()) {
    (void)store.Rollback();
    return n.status();
  }
  TEND_RETURN_IF_ERROR(store.Commit());
  return *n;
}

}  // namespace tend::ingest
