#include "api/ingest_log.h"

namespace tend::api {

void IngestLog::Add(std::vector<IngestLogEntry> entries) {
  std::lock_guard<std::mutex> l(mu_);
  for (auto& e : entries) {
    entries_.push_back(std::move(e));
    if (entries_.size() > capacity_) entries_.pop_front();
  }
}

std::vector<IngestLogEntry> IngestLog::Recent(size_t limit, std::string_view account_id) const {
  std::lock_guard<std::mutex> l(mu_);
  std::vector<IngestLogEntry> out;
  for (auto it = entries_.rbegin(); it != entries_.rend() && out.size() < limit; ++it) {
    if (account_id.empty() || it->account_id == account_id) out.push_back(*it);
  }
  return out;
}

}  // namespace tend::api
