#include "api/forwarded.h"

#include <gtest/gtest.h>

namespace tend::api {
namespace {

TrustedProxies Proxies(std::vector<std::string> cidrs) {
  auto t = TrustedProxies::Parse(cidrs);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return *t;
}

TEST(TrustedProxiesTest, ContainsAddressesOfItsNetworks) {
  TrustedProxies t = Proxies({"10.0.0.0/8", "192.168.1.7", "fd00::/8"});
  EXPECT_TRUE(t.Contains("10.1.2.3"));
  EXPECT_TRUE(t.Contains("::ffff:10.1.2.3"));
  EXPECT_TRUE(t.Contains("192.168.1.7"));
  EXPECT_FALSE(t.Contains("192.168.1.8"));
  EXPECT_FALSE(t.Contains("11.0.0.1"));
  EXPECT_TRUE(t.Contains("fd12::1"));
  EXPECT_FALSE(t.Contains("fe80::1"));
  EXPECT_FALSE(t.Contains("not an address"));
}

TEST(TrustedProxiesTest, RejectsWhatIsNotACidr) {
  for (const char* bad : {"10.0.0.0/33", "10.0.0/8", "example.com", "::1/129", "1.2.3.4/x"}) {
    auto t = TrustedProxies::Parse({bad});
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().id(), "serve.badProxy");
    EXPECT_NE(t.status().message().find(bad), std::string::npos) << t.status().message();
  }
}

TEST(TrustedProxiesTest, BelievesForwardedHeadersOnlyFromTrustedPeers) {
  TrustedProxies t = Proxies({"127.0.0.1"});
  auto c = t.Resolve("127.0.0.1", "203.0.113.9", "https", false);
  EXPECT_EQ(c.address, "203.0.113.9");
  EXPECT_TRUE(c.https);
  // A client sending the headers itself changes nothing.
  c = t.Resolve("198.51.100.4", "203.0.113.9", "https", false);
  EXPECT_EQ(c.address, "198.51.100.4");
  EXPECT_FALSE(c.https);
}

TEST(TrustedProxiesTest, TakesTheRightMostUntrustedHop) {
  TrustedProxies t = Proxies({"10.0.0.0/8"});
  // The client forged the first entry; the proxies appended the real one and themselves.
  auto c = t.Resolve("10.0.0.2", "1.1.1.1, 203.0.113.9, 10.0.0.5", "http", true);
  EXPECT_EQ(c.address, "203.0.113.9");
  EXPECT_FALSE(c.https);  // the proxy says the client spoke plain HTTP
  // No header: the proxy itself.
  c = t.Resolve("10.0.0.2", "", "", false);
  EXPECT_EQ(c.address, "10.0.0.2");
}

}  // namespace
}  // namespace tend::api
