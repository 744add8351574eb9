#include "api/forwarded.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <optional>

namespace tend::api {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// An address as 16 bytes (IPv4 mapped into IPv6), and whether it was IPv4.
std::optional<std::pair<std::array<uint8_t, 16>, bool>> ParseAddress(std::string_view text) {
  std::string s(Trim(text));
  // "[::1]" and "1.2.3.4:5678" as some proxies write them.
  if (s.size() > 2 && s.front() == '[') {
    size_t close = s.find(']');
    if (close == std::string::npos) return std::nullopt;
    s = s.substr(1, close - 1);
  } else if (std::count(s.begin(), s.end(), ':') == 1) {
    s = s.substr(0, s.find(':'));
  }
  std::array<uint8_t, 16> out{};
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return std::make_pair(out, true);
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return std::make_pair(out, false);
  }
  return std::nullopt;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& cidrs) {
  TrustedProxies t;
  for (const std::string& c : cidrs) {
    std::string_view v = Trim(c);
    if (v.empty()) continue;
    size_t slash = v.find('/');
    auto addr = ParseAddress(v.substr(0, slash));
    int bits = -1;
    if (addr) {
      int max = addr->second ? 32 : 128;
      bits = max;
      if (slash != std::string_view::npos) {
        std::string n(v.substr(slash + 1));
        char* end = nullptr;
        long b = std::strtol(n.c_str(), &end, 10);
        bits = (n.empty() || *end != '\0' || b < 0 || b > max) ? -1 : static_cast<int>(b);
      }
      if (bits >= 0 && addr->second) bits += 96;
    }
    if (!addr || bits < 0) {
      return InvalidArgument("serve.badProxy",
                             "--trusted-proxy: \"" + c +
                                 "\" is not an address or CIDR (expected e.g. 10.0.0.0/8, "
                                 "127.0.0.1 or ::1/128)");
    }
    t.nets_.push_back({addr->first, bits});
  }
  return t;
}

bool TrustedProxies::Contains(std::string_view address) const {
  auto a = ParseAddress(address);
  if (!a) return false;
  for (const Net& n : nets_) {
    int full = n.bits / 8, rest = n.bits % 8;
    if (std::memcmp(a->first.data(), n.addr.data(), static_cast<size_t>(full)) != 0) continue;
    if (rest) {
      uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
      if ((a->first[static_cast<size_t>(full)] & mask) !=
          (n.addr[static_cast<size_t>(full)] & mask))
        continue;
    }
    return true;
  }
  return false;
}

TrustedProxies::Client TrustedProxies::Resolve(std::string_view peer,
                                               std::string_view forwarded_for,
                                               std::string_view forwarded_proto,
                                               bool direct_https) const {
  Client c{std::string(peer), direct_https};
  if (!Contains(peer)) return c;
  // Right to left: each hop appended the address it saw; the first one that is not one of
  // our proxies is the client.
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    size_t comma = rest.rfind(',');
    std::string_view hop = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (hop.empty() || !ParseAddress(hop)) break;  // garbage: stop at the last good hop
    c.address = std::string(hop);
    if (!Contains(hop)) break;
  }
  // The proto the first proxy saw (several proxies may each add one: the left-most).
  std::string_view proto = Trim(forwarded_proto.substr(0, forwarded_proto.find(',')));
  if (!proto.empty()) c.https = proto == "https" || proto == "HTTPS";
  return c;
}

}  // namespace tend::api
