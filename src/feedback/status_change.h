// Closing the loop: a request's status change and what it sets off (docs/feedback.md).
//
// When the status becomes `planned` or `shipped`, every active account linked to the
// request (through its items) gets one CTA of type `product_update`, owned by the account's
// CSM, listing the account's contacts who asked; each such account's timeline gets a
// `product_update` entry. Every status change (any status) queues one webhook delivery to
// the workspace's feedback webhook (meta key kFeedbackWebhookKey) when one is set; the
// existing webhook sender delivers it with retries and a signature.
//
// Setting the status a request already has changes nothing (no CTA, no entry, no webhook),
// and the CTA's rule key ("feedback.request.<id>.<status>") is unique per account among open
// CTAs in the store, so a repeated or concurrent change never makes a second CTA. Run inside
// one store transaction.
#ifndef TEND_FEEDBACK_STATUS_CHANGE_H_
#define TEND_FEEDBACK_STATUS_CHANGE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/store.h"

namespace tend::feedback {

inline constexpr const char* kFeedbackWebhookKey = "feedback.webhook_url";

struct StatusChange {
  store::FeedbackRequestRecord request;  // as it is now
  std::string from;                      // the previous status
  bool changed = false;
  std::vector<int64_t> cta_ids;  // the product_update CTAs made
  int64_t timeline_entries = 0;
  int64_t webhooks = 0;  // deliveries queued
};

// Sets request `request_id`'s status (kInvalidArgument "status" for an unknown one; merged
// requests are followed to the request they live in).
Result<StatusChange> SetRequestStatus(store::Store& store, int64_t request_id,
                                      const std::string& status, const std::string& actor,
                                      EpochDay today, EpochMs now);

}  // namespace tend::feedback

#endif  // TEND_FEEDBACK_STATUS_CHANGE_H_
