// MailStore: the outbox of outgoing mail. Part of store::Store; mail/ takes this narrow
// interface. Failures as store.h says; kNotFound ("store.noMail") for an unknown id.
//
// Several `tend serve` nodes may drain one outbox (PostgreSQL): ClaimDueMail hands each due
// message to one caller only (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite has one writer),
// and its lease keeps it from the others until the claimer reports the outcome or the lease
// ends.
#ifndef TEND_STORE_MAIL_STORE_H_
#define TEND_STORE_MAIL_STORE_H_

#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/mail_records.h"

namespace tend::store {

class MailStore {
 public:
  virtual ~MailStore() = default;

  // Adds `mail` to the outbox as given (status, attempts, next_attempt_at included);
  // returns its id.
  virtual Result<int64_t> QueueMail(const MailRecord& mail) = 0;

  // Claims up to `limit` queued messages due at `now` (next_attempt_at <= now), oldest due
  // first: each gets one more attempt and next_attempt_at = lease_until. Returns them as
  // claimed. Committed at once when no transaction is open.
  virtual Result<std::vector<MailRecord>> ClaimDueMail(EpochMs now, EpochMs lease_until,
                                                       int limit) = 0;

  // The outcome of a claimed attempt: sent at `at`; or not sent with `error`, to be tried
  // again at `retry_at` (it stays queued), or, without retry_at, given up (failed).
  virtual Status MarkMailSent(int64_t mail_id, EpochMs at) = 0;
  virtual Status MarkMailUnsent(int64_t mail_id, std::string_view error,
                                std::optional<EpochMs> retry_at) = 0;

  // Puts every failed message back in the queue, due at `now` with no attempts; returns
  // how many.
  virtual Result<int64_t> RequeueFailedMail(EpochMs now) = 0;

  // The newest `limit` messages with `status` (empty: any), newest first.
  virtual Result<std::vector<MailRecord>> ListMail(std::string_view status, int limit) = 0;
  virtual Result<std::optional<MailRecord>> GetMail(int64_t mail_id) = 0;
  virtual Result<MailCounts> CountMail() = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_MAIL_STORE_H_
