// EventFolder: folds a stream of parsed events into per-account usage states, fast.
//
// Events arrive in file order (by time, accounts interleaved), so updating each account's
// state per event would jump across memory on every row. The folder buffers a chunk of
// events (a fixed size: memory does not grow with the file), sorts it by account with a
// counting sort, and folds each account's run of events while its state is hot in cache,
// splitting the accounts between two threads. Within an account, events keep file order.
//
// Not thread-safe from the outside: call Add/Flush/ForEachTouched from one thread.
#ifndef TEND_INGEST_EVENT_FOLDER_H_
#define TEND_INGEST_EVENT_FOLDER_H_

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "metrics/usage_state.h"

namespace tend::ingest {

class EventFolder {
 public:
  // Returns the stored state of an account, if any (called once per account, on first use).
  using StateLoader = std::function<Result<std::optional<std::string>>(uint32_t account)>;

  EventFolder(size_t accounts, StateLoader loader, size_t chunk_events = 1 << 21);
  ~EventFolder();

  // Buffers one event; folds the chunk when it is full.
  Status Add(uint32_t account, EpochMs ts, std::string_view user, uint32_t event_id) {
    if (pending_.size() == chunk_events_) TEND_RETURN_IF_ERROR(Flush());
    Pending& p = pending_.emplace_back();
    p.account = account;
    p.event_id = event_id;
    p.ts = ts;
    p.user_hash = Hash(user);
    p.user_len = static_cast<uint32_t>(user.size());
    if (user.size() <= sizeof p.user) {
      std::memcpy(p.user, user.data(), user.size());
    } else {
      uint32_t off = static_cast<uint32_t>(arena_.size());
      std::memcpy(p.user, &off, sizeof off);
      arena_.append(user);
    }
    return Status::Ok();
  }

  // Folds every buffered event.
  Status Flush();

  // Calls `fn` for each account that received events, in account order.
  Status ForEachTouched(const std::function<Status(uint32_t, const metrics::AccountUsage&)>& fn);

 private:
  // One buffered event, 48 bytes, with the user id inline when it is short (most are), so
  // folding reads the sorted chunk sequentially.
  struct Pending {
    uint32_t account, event_id;
    EpochMs ts;
    uint64_t user_hash;
    uint32_t user_len;
    char user[20];  // the id, or (when longer) its offset in arena_
  };
  struct AccountState;

  static uint64_t Hash(std::string_view s);
  std::string_view UserOf(const Pending& p) const {
    if (p.user_len <= sizeof p.user) return {p.user, p.user_len};
    uint32_t off;
    std::memcpy(&off, p.user, sizeof off);
    return {arena_.data() + off, p.user_len};
  }
  void FoldRange(const Pending* begin, const Pending* end);

  size_t chunk_events_;
  StateLoader loader_;
  std::vector<std::unique_ptr<AccountState>> accounts_;
  std::vector<Pending> pending_, sorted_;
  std::string arena_;
  std::vector<uint32_t> counts_;
};

}  // namespace tend::ingest

#endif  // TEND_INGEST_EVENT_FOLDER_H_
