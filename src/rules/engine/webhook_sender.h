// WebhookSender: delivers queued webhook deliveries (POST, JSON body) with retries and
// exponential backoff. Nothing is dropped: a delivery is pending until a 2xx answer, and
// after kMaxAttempts failures it is kept as failed, with its last error, for people to see
// and retry (RetryFailed).
#ifndef TEND_RULES_ENGINE_WEBHOOK_SENDER_H_
#define TEND_RULES_ENGINE_WEBHOOK_SENDER_H_

#include <functional>
#include <string>

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

  // One POST; returns an error message, or "" on a 2xx answer.
  static std::string Post(const std::string& url, const std::string& body);

 private:
  store::Store& store_;
  std::function<void(int)> sleep_ms_;
};

}  // namespace tend::rules

#endif  // TEND_RULES_ENGINE_WEBHOOK_SENDER_H_
