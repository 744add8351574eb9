// WebhookTargets: which addresses a webhook may be delivered to (a workspace setting).
//
// A rule's webhook URL is written by whoever edits definitions, and the delivery is made from
// inside the network tend runs in, so a URL could reach what only that network should:
// the cloud metadata service (169.254.169.254), link-local devices, internal admin pages.
// Before each delivery the URL's host is resolved and every address is checked:
//   - an address inside an `allow` range is allowed;
//   - otherwise one inside a `deny` range, or inside the default denied ranges
//     (DefaultDeniedTargets: link-local, metadata services, "this network", multicast), is
//     refused, and so are the metadata host names (metadata.google.internal, ...);
//   - anything else is allowed (loopback and private ranges too, unless denied).
// A refused delivery fails at once with the reason, without retries. The setting is the
// workspace meta key "webhooks.targets" ({"allow": [CIDR...], "deny": [CIDR...]}), set with
// `tend webhooks targets --allow CIDR --deny CIDR`.
#ifndef TEND_RULES_ENGINE_WEBHOOK_TARGETS_H_
#define TEND_RULES_ENGINE_WEBHOOK_TARGETS_H_

#include <string>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace tend::rules {

struct WebhookTargets {
  std::vector<std::string> allow, deny;  // CIDR ranges, IPv4 or IPv6 ("10.0.0.0/8", "::1/128")
};

// The ranges refused unless allowed explicitly.
const std::vector<std::string>& DefaultDeniedTargets();

// kInvalidArgument "webhooks.badRange" naming the range that is not a CIDR.
Status ValidateWebhookTargets(const WebhookTargets& t);
Result<WebhookTargets> LoadWebhookTargets(store::Store& store);
Status SaveWebhookTargets(store::Store& store, const WebhookTargets& t);

// "" when `url` may be delivered to; otherwise why not ("169.254.169.254 is in the denied
// range 169.254.0.0/16"). Resolves the host name.
std::string CheckWebhookTarget(const std::string& url, const WebhookTargets& t);

}  // namespace tend::rules

#endif  // TEND_RULES_ENGINE_WEBHOOK_TARGETS_H_
