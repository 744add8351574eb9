// The records of outgoing mail (see mail/ and docs/operations.md, "Outgoing mail"): the
// outbox, where every message is kept with its status from the moment it is queued.
#ifndef TEND_STORE_MAIL_RECORDS_H_
#define TEND_STORE_MAIL_RECORDS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/time.h"

namespace tend::store {

// queued: waiting to be sent (again); sent: the SMTP server accepted it; failed: given up
// (a permanent refusal, or too many attempts), kept with its last error.
inline constexpr std::array<std::string_view, 3> kMailStatuses = {"queued", "sent", "failed"};

// One message of the outbox.
struct MailRecord {
  int64_t mail_id = 0;    // assigned by the store
  std::string recipient;  // one address, "name@example.com"
  std::string subject;    // UTF-8, unencoded
  std::string html;       // the HTML part
  std::string text;       // the plain-text part
  // Extra header lines, each "Name: value" and ended by "\r\n" (e.g. List-Unsubscribe);
  // mail/ checks them when it queues.
  std::string headers;
  std::string kind;  // what sent it: "test", "survey", ...
  std::string ref;   // what it is about, e.g. "survey_invite:12"; may be empty
  std::string status = "queued";  // kMailStatuses
  int64_t attempts = 0;           // attempts started (counted when a sender claims it)
  // When a sender may claim it next: while one holds it this is the end of its lease, so a
  // node that dies in the middle of a send leaves it to be retried after the lease.
  EpochMs next_attempt_at = 0;
  std::string last_error;  // the last failure, empty when none
  EpochMs created_at = 0;
  std::optional<EpochMs> sent_at;
};

// The outbox by status, as the admin page shows it.
struct MailCounts {
  int64_t queued = 0, sent = 0, failed = 0;

  // Adds `n` messages of `status` (unknown statuses are ignored).
  void Add(std::string_view status, int64_t n) {
    if (status == "queued") queued += n;
    if (status == "sent") sent += n;
    if (status == "failed") failed += n;
  }
};

}  // namespace tend::store

#endif  // TEND_STORE_MAIL_RECORDS_H_
