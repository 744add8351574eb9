#include "rules/engine/webhook_sender.h"

#include <httplib.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "common/time.h"
#include "common/version.h"
#include "rules/engine/webhook_targets.h"

namespace tend::rules {

WebhookSender::WebhookSender(store::Store& store, std::function<void(int)> sleep_ms)
    : store_(store), sleep_ms_(std::move(sleep_ms)) {
  if (!sleep_ms_) {
    sleep_ms_ = [](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
  }
}

Result<std::string> WebhookSender::SecretFor(store::Store& store, const std::string& url,
                                             bool rotate) {
  if (!rotate) {
    TEND_ASSIGN_OR_RETURN(auto existing, store.GetWebhookSecret(url));
    if (existing) return *existing;
  }
  if (sodium_init() < 0) return Internal("webhooks.sodium", "libsodium failed to initialise");
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  std::string secret = std::string("whsec_") + hex;
  TEND_RETURN_IF_ERROR(store.SetWebhookSecret(url, secret, NowMs()));
  return secret;
}

std::string WebhookSender::Sign(std::string_view secret, int64_t timestamp, std::string_view body) {
  const std::string t = std::to_string(timestamp);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(t.data()), t.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return "t=" + t + ",v1=" + hex;
}

std::string WebhookSender::Post(const std::string& url, const std::string& body,
                                const std::vector<std::pair<std::string, std::string>>& headers,
                                const std::string& ca_file) {
  // scheme://host[:port]/path
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return "not an http(s) URL";
  auto path_start = url.find('/', scheme_end + 3);
  std::string base = url.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  try {
    httplib::Client client(base);
    client.set_connection_timeout(3, 0);
    client.set_read_timeout(5, 0);
    client.set_write_timeout(5, 0);
    if (!ca_file.empty()) client.set_ca_cert_path(ca_file);
    client.enable_server_certificate_verification(true);
    httplib::Headers h;
    for (const auto& [k, v] : headers) h.emplace(k, v);
    auto res = client.Post(path, h, body, "application/json");
    if (!res) {
      std::string why = "no answer: " + httplib::to_string(res.error());
      if (res.error() == httplib::Error::SSLServerVerification)
        why += " (the receiver's certificate is not trusted; see --webhook-ca)";
      return why;
    }
    if (res->status < 200 || res->status >= 300) {
      return "HTTP " + std::to_string(res->status) + ": " + res->body.substr(0, 200);
    }
    return "";
  } catch (const std::exception& e) {
    return std::string("error: ") + e.what();
  }
}

Result<DeliveryReport> WebhookSender::DeliverDue(int quick_attempts) {
  DeliveryReport report;
  TEND_ASSIGN_OR_RETURN(auto pending, store_.ListWebhookDeliveries("pending"));
  TEND_ASSIGN_OR_RETURN(WebhookTargets targets, LoadWebhookTargets(store_));
  EpochMs now = NowMs();
  for (auto& d : pending) {
    if (d.next_attempt_at && *d.next_attempt_at > now) continue;
    // A refused target fails at once: retrying would only ask again (webhook_targets.h).
    if (std::string refused = CheckWebhookTarget(d.url, targets); !refused.empty()) {
      d.status = "failed";
      d.last_error = "refused: " + refused;
      d.next_attempt_at.reset();
      ++report.failed;
      TEND_RETURN_IF_ERROR(store_.UpdateWebhookDelivery(d));
      continue;
    }
    std::string error;
    TEND_ASSIGN_OR_RETURN(std::string secret, SecretFor(store_, d.url));
    for (int k = 0; k < quick_attempts && d.attempts < kMaxAttempts; ++k) {
      if (k > 0) sleep_ms_(250 << (k - 1));
      ++d.attempts;
      const int64_t t = NowMs() / 1000;
      error = Post(d.url, d.payload,
                   {{"User-Agent", std::string("tend/") + Version()},
                    {"X-Tend-Delivery", std::to_string(d.delivery_id)},
                    {"X-Tend-Timestamp", std::to_string(t)},
                    {"X-Tend-Signature", Sign(secret, t, d.payload)}},
                   ca_file_);
      if (error.empty()) break;
    }
    if (error.empty()) {
      d.status = "delivered";
      d.delivered_at = NowMs();
      d.last_error.clear();
      d.next_attempt_at.reset();
      ++report.delivered;
    } else if (d.attempts >= kMaxAttempts) {
      d.status = "failed";
      d.last_error = error;
      d.next_attempt_at.reset();
      ++report.failed;
    } else {
      d.last_error = error;
      d.next_attempt_at = NowMs() + (int64_t{1000} << std::min(d.attempts, 20));
      ++report.retrying;
    }
    TEND_RETURN_IF_ERROR(store_.UpdateWebhookDelivery(d));
  }
  return report;
}

Result<int> WebhookSender::RetryFailed() {
  TEND_ASSIGN_OR_RETURN(auto failed, store_.ListWebhookDeliveries("failed"));
  for (auto& d : failed) {
    d.status = "pending";
    d.attempts = 0;
    d.next_attempt_at = NowMs();
    TEND_RETURN_IF_ERROR(store_.UpdateWebhookDelivery(d));
  }
  return static_cast<int>(failed.size());
}

}  // namespace tend::rules
