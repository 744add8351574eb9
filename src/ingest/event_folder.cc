#include "ingest/event_folder.h"

#include <thread>

#include "common/string_index.h"

namespace tend::ingest {

struct EventFolder::AccountState {
  metrics::AccountUsage usage;
  std::vector<uint64_t> user_hash;  // parallel to usage.users()
  std::vector<uint32_t> table;      // open addressing over user_hash: slot + 1; 0 = empty
  // Event id -> feature index + 1 (0: not seen yet). 32 bits: an account may use more than
  // 65,535 distinct event names (a 16-bit index wrapped there and folded out of bounds).
  std::vector<uint32_t> feature_of;

  uint32_t User(std::string_view id, uint64_t h) {
    const auto& users = usage.users();
    if (table.empty()) {
      for (size_t i = 0; i < user_hash.size(); ++i) {
        if (user_hash[i] == h && users[i].user_id == id) return static_cast<uint32_t>(i);
      }
    } else {
      size_t mask = table.size() - 1;
      for (size_t k = h & mask; table[k]; k = (k + 1) & mask) {
        uint32_t i = table[k] - 1;
        if (user_hash[i] == h && users[i].user_id == id) return i;
      }
    }
    uint32_t slot = usage.AddUser(id);
    user_hash.push_back(h);
    if (user_hash.size() > 16) {
      if (user_hash.size() * 2 > table.size()) {
        table.assign(std::max<size_t>(64, table.size() * 2), 0);
        for (size_t i = 0; i < user_hash.size(); ++i) Place(static_cast<uint32_t>(i));
      } else {
        Place(slot);
      }
    }
    return slot;
  }

  void Place(uint32_t i) {
    size_t mask = table.size() - 1;
    size_t k = user_hash[i] & mask;
    while (table[k]) k = (k + 1) & mask;
    table[k] = i + 1;
  }

  // feature_of knows every feature of the account (stored ones are entered on load), so a
  // name it has not seen is new: appended without searching the features.
  uint32_t Feature(uint32_t event_id) {
    if (event_id >= feature_of.size()) feature_of.resize(event_id + 1, 0);
    if (!feature_of[event_id]) feature_of[event_id] = usage.AppendFeature(event_id) + 1;
    return feature_of[event_id] - 1u;
  }
};

EventFolder::EventFolder(size_t accounts, StateLoader loader, size_t chunk_events)
    : chunk_events_(chunk_events), loader_(std::move(loader)), accounts_(accounts) {
  pending_.reserve(chunk_events_);
  arena_.reserve(chunk_events_ * 12);
}

EventFolder::~EventFolder() = default;

uint64_t EventFolder::Hash(std::string_view s) { return StringIndex::Hash(s); }

void EventFolder::FoldRange(const Pending* begin, const Pending* end) {
  for (const Pending* e = begin; e != end; ++e) {
    AccountState& a = *accounts_[e->account];
    uint32_t user = a.User(UserOf(*e), e->user_hash);
    a.usage.AddEventAt(e->ts, user, a.Feature(e->event_id));
  }
}

Status EventFolder::Flush() {
  if (pending_.empty()) return Status::Ok();
  const size_t n = accounts_.size();
  // Counting sort by account (stable: file order within an account), moving the records so
  // that folding reads them in order.
  counts_.assign(n + 1, 0);
  for (const Pending& e : pending_) ++counts_[e.account + 1];
  for (size_t i = 0; i < n; ++i) counts_[i + 1] += counts_[i];
  sorted_.resize(pending_.size());
  {
    std::vector<uint32_t> next(counts_.begin(), counts_.end() - 1);
    for (const Pending& e : pending_) sorted_[next[e.account]++] = e;
  }
  // Load states of accounts seen for the first time (the store is single-threaded).
  for (size_t a = 0; a < n; ++a) {
    if (counts_[a + 1] == counts_[a] || accounts_[a]) continue;
    auto st = std::make_unique<AccountState>();
    TEND_ASSIGN_OR_RETURN(auto blob, loader_(static_cast<uint32_t>(a)));
    if (blob) {
      TEND_ASSIGN_OR_RETURN(st->usage, metrics::AccountUsage::Deserialize(*blob));
      for (const auto& u : st->usage.users()) st->user_hash.push_back(Hash(u.user_id));
      const auto& features = st->usage.features();
      for (size_t i = 0; i < features.size(); ++i) {
        uint32_t id = features[i].event_id;
        if (id >= st->feature_of.size()) st->feature_of.resize(id + 1, 0);
        st->feature_of[id] = static_cast<uint32_t>(i + 1);
      }
      if (st->user_hash.size() > 16) {
        size_t size = 64;
        while (size < st->user_hash.size() * 2) size *= 2;
        st->table.assign(size, 0);
        for (size_t i = 0; i < st->user_hash.size(); ++i) st->Place(static_cast<uint32_t>(i));
      }
    }
    accounts_[a] = std::move(st);
  }
  // Fold: two threads over disjoint account ranges, split near the middle event.
  const Pending* all = sorted_.data();
  const size_t total = sorted_.size();
  if (total >= 4096) {
    size_t split = counts_[sorted_[total / 2].account];  // start of that account's run
    std::thread worker([&] { FoldRange(all + split, all + total); });
    FoldRange(all, all + split);
    worker.join();
  } else {
    FoldRange(all, all + total);
  }
  pending_.clear();
  arena_.clear();
  return Status::Ok();
}

Status EventFolder::ForEachTouched(
    const std::function<Status(uint32_t, const metrics::AccountUsage&)>& fn) {
  TEND_RETURN_IF_ERROR(Flush());
  for (size_t a = 0; a < accounts_.size(); ++a) {
    if (accounts_[a]) TEND_RETURN_IF_ERROR(fn(static_cast<uint32_t>(a), accounts_[a]->usage));
  }
  return Status::Ok();
}

}  // namespace tend::ingest
