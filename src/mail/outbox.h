// The outbox: every message tend sends is queued in the workspace (store::MailStore) and
// sent from there by MailSender, so nothing is lost when the SMTP server is down: a message
// is queued until the server accepts it, retried with exponential backoff, and kept as
// failed (with its last error) after a permanent refusal or kMaxAttempts attempts, for the
// admin pages (GET /api/admin/outbox) to show and retry.
#ifndef TEND_MAIL_OUTBOX_H_
#define TEND_MAIL_OUTBOX_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "mail/smtp_transport.h"
#include "store/mail_store.h"

namespace tend::mail {

// A message to queue.
struct OutgoingMail {
  std::string to;  // one address
  std::string subject, html, text;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (List-Unsubscribe)
  std::string kind;  // "test", "survey", ...
  std::string ref;   // what it is about (may be empty)
};

// kInvalidArgument "mail.badAddress" unless `address` is one plain address
// (local@domain.tld, printable ASCII, no blanks, quotes or angle brackets).
Status CheckAddress(std::string_view address);
// The bare address of a From setting: "Tend <cs@example.com>" -> "cs@example.com";
// kInvalidArgument "serve.badMailFrom" when there is none, or the display name has
// characters a header cannot hold as they are (control characters, non-ASCII, quotes).
Result<std::string> EnvelopeAddress(std::string_view from);

// Checks `mail` (the address; header names are tokens, values printable ASCII without line
// breaks) and queues it, due at once. Returns the new message's id. kInvalidArgument
// "mail.badAddress" / "mail.badHeader"; store errors as they come.
Result<int64_t> QueueMail(store::MailStore& store, const OutgoingMail& mail, EpochMs now);

struct SendReport {
  int sent = 0;
  int retrying = 0;  // failed this time, queued for a later attempt
  int failed = 0;    // given up
};

class MailSender {
 public:
  static constexpr int kMaxAttempts = 10;
  // How long a claimed message is held for its sender: longer than a batch of 20 can take
  // when every send runs into the SMTP timeout (a minute), so no other node takes it while
  // it may still be sent.
  static constexpr EpochMs kLeaseMs = 30 * 60 * 1000;

  // `from`: the From setting (EnvelopeAddress(from) must be ok). The references must
  // outlive the sender. Used by one thread at a time.
  MailSender(store::MailStore& store, MailTransport& transport, std::string from,
             const Clock& clock);

  // Claims up to `batch` (at most 25: see kLeaseMs) due messages and tries each once, one
  // after the other: sent; a
  // permanent refusal or the kMaxAttempts-th failure: failed; else queued again Backoff()
  // later. A store error stops the batch (its claimed messages return when their lease
  // ends).
  Result<SendReport> SendDue(int batch = 20);

  // The wait after the `attempts`-th failure: 2^attempts seconds, at most an hour.
  static EpochMs Backoff(int64_t attempts);

 private:
  store::MailStore& store_;
  MailTransport& transport_;
  std::string from_, envelope_from_, domain_;
  const Clock& clock_;
};

}  // namespace tend::mail

#endif  // TEND_MAIL_OUTBOX_H_
