// IngestLog: the last messages received through /v1/* (a live debugger, like Segment's),
// in memory only: what each message was, which key and origin sent it, which account it
// landed on and what became of it, with its properties or traits. GET /api/ingest/recent
// serves it and the web app's Write keys page shows it, so whoever wires analytics.js into
// their app can see their events arrive. Refused requests (bad key, origin not allowed) are
// kept too, with the reason. Thread-safe; holds at most `capacity` entries.
#ifndef TEND_API_INGEST_LOG_H_
#define TEND_API_INGEST_LOG_H_

#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"
#include "ingest/segment.h"

namespace tend::api {

struct IngestLogEntry {
  EpochMs received_at = 0;
  std::string key_name;  // the write key's name ("" when the key was refused)
  std::string origin;    // the Origin header ("" from servers)
  std::string type;      // track, identify, group, page, screen; "" for a refused request
  std::string event;     // the event recorded (track, page, screen)
  std::string name;      // page or screen name
  std::string user_id, account_id;
  // accepted, unattributed (no account yet), identified, grouped, duplicate, skipped,
  // refused
  std::string outcome;
  std::string error;                             // why it was refused
  std::vector<ingest::SegmentTrait> properties;  // track/page/screen properties
  std::vector<ingest::SegmentTrait> traits;      // identify/group traits (as applied)
  std::vector<std::string> ignored_traits;       // protected traits the key may not set
};

class IngestLog {
 public:
  explicit IngestLog(size_t capacity = 500) : capacity_(capacity) {}
  void Add(std::vector<IngestLogEntry> entries);
  size_t capacity() const { return capacity_; }
  // The newest first, at most `limit`, only of `account_id` when not empty.
  std::vector<IngestLogEntry> Recent(size_t limit, std::string_view account_id) const;

 private:
  size_t capacity_;
  mutable std::mutex mu_;
  std::deque<IngestLogEntry> entries_;  // oldest first
};

}  // namespace tend::api

#endif  // TEND_API_INGEST_LOG_H_
