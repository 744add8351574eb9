#include "rules/engine/webhook_targets.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/json_text.h"

namespace tend::rules {

namespace {

constexpr const char* kMetaKey = "webhooks.targets";

// An address as 16 bytes (IPv4 as ::ffff:a.b.c.d).
using Addr = std::array<unsigned char, 16>;

std::optional<Addr> ParseAddr(const std::string& text) {
  Addr a{};
  in_addr v4;
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    a[10] = a[11] = 0xFF;
    std::memcpy(a.data() + 12, &v4, 4);
    return a;
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    std::memcpy(a.data(), &v6, 16);
    return a;
  }
  return std::nullopt;
}

bool IsV4(const Addr& a) {
  static const unsigned char kPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  return std::memcmp(a.data(), kPrefix, 12) == 0;
}

struct Range {
  Addr base;
  int bits;  // of the 128
};

std::optional<Range> ParseRange(const std::string& cidr) {
  auto slash = cidr.find('/');
  std::string host = cidr.substr(0, slash);
  auto a = ParseAddr(host);
  if (!a) return std::nullopt;
  const bool v4 = host.find(':') == std::string::npos;
  int max = v4 ? 32 : 128, bits = max;
  if (slash != std::string::npos) {
    std::string b = cidr.substr(slash + 1);
    if (b.empty() || b.size() > 3 || !std::all_of(b.begin(), b.end(), ::isdigit)) {
      return std::nullopt;
    }
    bits = std::stoi(b);
    if (bits > max) return std::nullopt;
  }
  return Range{*a, v4 ? bits + 96 : bits};
}

bool Contains(const Range& r, const Addr& a) {
  for (int i = 0; i < r.bits; ++i) {
    int byte = i / 8, bit = 7 - i % 8;
    if (((r.base[byte] >> bit) & 1) != ((a[byte] >> bit) & 1)) return false;
  }
  return true;
}

std::string Text(const Addr& a) {
  char buf[INET6_ADDRSTRLEN];
  if (IsV4(a)) return inet_ntop(AF_INET, a.data() + 12, buf, sizeof buf);
  return inet_ntop(AF_INET6, a.data(), buf, sizeof buf);
}

// "" or the range of `list` holding `a`.
std::string Find(const std::vector<std::string>& list, const Addr& a) {
  for (const auto& cidr : list) {
    auto r = ParseRange(cidr);
    if (r && Contains(*r, a)) return cidr;
  }
  return "";
}

// The host of "scheme://[user@]host[:port]/...", lower-cased, without IPv6 brackets.
std::string HostOf(const std::string& url) {
  auto start = url.find("://");
  if (start == std::string::npos) return "";
  start += 3;
  auto end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  std::string host;
  if (!authority.empty() && authority[0] == '[') {
    host = authority.substr(1, authority.find(']') - 1);
  } else {
    host = authority.substr(0, authority.find(':'));
  }
  std::transform(host.begin(), host.end(), host.begin(), ::tolower);
  while (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

}  // namespace

const std::vector<std::string>& DefaultDeniedTargets() {
  static const std::vector<std::string> kDenied = {
      "0.0.0.0/8",           // "this network"
      "169.254.0.0/16",      // link-local, with the cloud metadata service 169.254.169.254
      "100.100.100.200/32",  // Alibaba Cloud metadata
      "224.0.0.0/4",         // multicast
      "255.255.255.255/32",  // broadcast
      "::/128",              // unspecified
      "fe80::/10",           // link-local
      "fd00:ec2::254/128",   // AWS metadata over IPv6
      "ff00::/8",            // multicast
  };
  return kDenied;
}

Status ValidateWebhookTargets(const WebhookTargets& t) {
  for (const auto* list : {&t.allow, &t.deny}) {
    for (const auto& cidr : *list) {
      if (!ParseRange(cidr)) {
        return InvalidArgument("webhooks.badRange",
                               "\"" + cidr +
                                   "\" is not an address range (expected CIDR such as "
                                   "10.0.0.0/8 or fd00::/8)");
      }
    }
  }
  return Status::Ok();
}

Result<WebhookTargets> LoadWebhookTargets(store::Store& store) {
  TEND_ASSIGN_OR_RETURN(auto text, store.GetMeta(kMetaKey));
  WebhookTargets t;
  if (!text) return t;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object()) return DataLoss("webhooks.badTargets", "stored webhooks.targets is damaged");
  for (auto [key, list] : {std::pair{"allow", &t.allow}, std::pair{"deny", &t.deny}}) {
    if (!j.contains(key)) continue;
    for (const auto& v : j[key]) {
      if (v.is_string()) list->push_back(v.get<std::string>());
    }
  }
  return t;
}

Status SaveWebhookTargets(store::Store& store, const WebhookTargets& t) {
  TEND_RETURN_IF_ERROR(ValidateWebhookTargets(t));
  return store.SetMeta(kMetaKey, DumpJson(nlohmann::json{{"allow", t.allow}, {"deny", t.deny}}));
}

std::string CheckWebhookTarget(const std::string& url, const WebhookTargets& t) {
  const std::string host = HostOf(url);
  if (host.empty()) return "no host in the URL";
  for (const char* name : {"metadata.google.internal", "metadata", "metadata.azure.internal"}) {
    if (host == name) return host + " is a cloud metadata service";
  }
  std::vector<Addr> addrs;
  if (auto a = ParseAddr(host)) {
    addrs.push_back(*a);
  } else {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    if (getaddrinfo(host.c_str(), nullptr, &hints, &res) != 0 || !res) {
      return "cannot resolve " + host;
    }
    for (addrinfo* p = res; p; p = p->ai_next) {
      Addr a{};
      if (p->ai_family == AF_INET) {
        a[10] = a[11] = 0xFF;
        std::memcpy(a.data() + 12, &reinterpret_cast<sockaddr_in*>(p->ai_addr)->sin_addr, 4);
      } else if (p->ai_family == AF_INET6) {
        std::memcpy(a.data(), &reinterpret_cast<sockaddr_in6*>(p->ai_addr)->sin6_addr, 16);
      } else {
        continue;
      }
      addrs.push_back(a);
    }
    freeaddrinfo(res);
  }
  for (const Addr& a : addrs) {
    if (!Find(t.allow, a).empty()) continue;
    std::string hit = Find(t.deny, a);
    if (hit.empty()) hit = Find(DefaultDeniedTargets(), a);
    if (!hit.empty()) {
      return Text(a) + " is in the denied range " + hit +
             " (allow it with: tend webhooks targets --allow RANGE)";
    }
  }
  return "";
}

}  // namespace tend::rules
