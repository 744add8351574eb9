// TrustedProxies: which peers' X-Forwarded-For and X-Forwarded-Proto headers `tend serve`
// believes (--trusted-proxy CIDR). A request's client is its peer address, unless the peer
// is a trusted proxy: then it is the right-most X-Forwarded-For address that is not itself a
// trusted proxy (each proxy appends the address it saw), and the request came over HTTPS when
// the trusted proxy says X-Forwarded-Proto: https. Headers from anyone else are ignored, so a
// client cannot forge its address or claim HTTPS.
//
// Thread-safety: immutable after Parse; const methods may be called from any thread.
#ifndef TEND_API_FORWARDED_H_
#define TEND_API_FORWARDED_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace tend::api {

class TrustedProxies {
 public:
  // CIDRs ("10.0.0.0/8", "127.0.0.1", "::1/128"; a bare address is one host).
  // kInvalidArgument ("serve.badProxy") naming the first one that is not a CIDR.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& cidrs);

  bool empty() const { return nets_.empty(); }
  // Whether `address` (IPv4, IPv6, or IPv4-mapped IPv6) is in one of the networks.
  bool Contains(std::string_view address) const;

  struct Client {
    std::string address;  // the client's address, as the trusted proxies report it
    bool https = false;   // the client's connection was HTTPS
  };
  // The client of a request from `peer` with these header values ("" when absent);
  // `direct_https`: tend itself serves TLS.
  Client Resolve(std::string_view peer, std::string_view forwarded_for,
                 std::string_view forwarded_proto, bool direct_https) const;

 private:
  struct Net {
    std::array<uint8_t, 16> addr{};  // IPv4 as IPv4-mapped IPv6
    int bits = 0;                    // prefix length over the 128 bits
  };
  std::vector<Net> nets_;
};

}  // namespace tend::api

#endif  // TEND_API_FORWARDED_H_
