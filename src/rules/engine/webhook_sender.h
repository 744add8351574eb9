// WebhookSender: delivers queued webhook deliveries (POST, JSON body) with retries and
// exponential backoff. Nothing is dropped: a delivery is pending until a 2xx answer, and
// after kMaxAttempts failures it is kept as failed, with its last error, for people to see
// and retry (RetryFailed).
//
// Every delivery is signed so a receiver can trust it (docs/api.md, "Webhooks"):
//   X-Tend-Delivery: <delivery id>     the same on every attempt (receivers de-duplicate)
//   X-Tend-Timestamp: <unix seconds>   when this attempt was signed
//   X-Tend-Signature: t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
// with the receiver's secret: one per webhook URL, made when the first delivery to it is sent
// (or by SecretFor, `tend webhooks secret --url U`), kept in the workspace.
#ifndef TEND_RULES_ENGINE_WEBHOOK_SENDER_H_
#define TEND_RULES_ENGINE_WEBHOOK_SENDER_H_

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace tend::rules {

struct DeliveryReport {
  int delivered = 0;
  int retrying = 0;  // failed this time, will be tried again later
  int failed = 0;    // gave up after kMaxAttempts
};

class WebhookSender {
 public:
  static constexpr int kMaxAttempts = 5;

  // `sleep_ms` is how the sender waits between quick in-process retries (tests pass a fake).
  explicit WebhookSender(store::Store& store, std::function<void(int)> sleep_ms = nullptr);

  // Sends every pending delivery that is due: up to `quick_attempts` tries now, with
  // backoff (250 ms, 500 ms, ...) between them; then, if still failing, schedules the next
  // try 2^attempts seconds later, or marks it failed after kMaxAttempts.
  Result<DeliveryReport> DeliverDue(int quick_attempts = 3);

  // Puts failed deliveries back in the queue.
  Result<int> RetryFailed();

  // HTTPS receivers are checked against this PEM CA bundle (--webhook-ca) instead of the
  // system's CAs; empty: the system's.
  void set_ca_file(std::string ca_file) { ca_file_ = std::move(ca_file); }

  // The signing secret of the receiver at `url`, made (and stored) when it has none, or made
  // anew when `rotate`. Secrets are "whsec_" and 64 hex digits.
  static Result<std::string> SecretFor(store::Store& store, const std::string& url,
                                       bool rotate = false);
  // The X-Tend-Signature value for `body` signed at `timestamp` (unix seconds).
  static std::string Sign(std::string_view secret, int64_t timestamp, std::string_view body);

  // One POST with extra headers; returns an error message, or "" on a 2xx answer.
  static std::string Post(const std::string& url, const std::string& body,
                          const std::vector<std::pair<std::string, std::string>>& headers = {},
                          const std::string& ca_file = "");

 private:
  store::Store& store_;
  std::function<void(int)> sleep_ms_;
  std::string ca_file_;
};

}  // namespace tend::rules

#endif  // TEND_RULES_ENGINE_WEBHOOK_SENDER_H_
