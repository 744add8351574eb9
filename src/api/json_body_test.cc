// Issue 17, item 6: every bad JSON body is a value (a 4xx), never an exception or a message
// that cannot be sent back.
#include "api/json_body.h"

#include <gtest/gtest.h>

#include "common/utf8.h"

namespace tend::api {
namespace {

Status Refusal(std::string_view body) {
  auto r = ParseJsonBody(body);
  EXPECT_FALSE(r.ok()) << body;
  return r.ok() ? Status::Ok() : r.status();
}

TEST(JsonBodyTest, BadBodiesAreLocatedRefusals) {
  Status s = Refusal("{\"email\": \"\xFF@example.com\"}");
  EXPECT_EQ(s.id(), "api.badJson");
  EXPECT_NE(s.message().find("invalid UTF-8 at byte 12 (0xFF)"), std::string::npos) << s.message();
  // A number too large for a double is out_of_range in nlohmann, not parse_error.
  s = Refusal("{\"limit\": 1e400}");
  EXPECT_EQ(s.id(), "api.badJson");
  EXPECT_NE(s.message().find("overflow"), std::string::npos) << s.message();
  s = Refusal("{\"a\": 1 \"b\": 2}");
  EXPECT_NE(s.message().find("at byte 11"), std::string::npos) << s.message();
  EXPECT_EQ(Refusal("").id(), "api.badJson");
  EXPECT_EQ(Refusal("[1, 2]").id(), "api.notObject");
  EXPECT_EQ(Refusal("{\"s\": \"\\ud800\"}").id(), "api.badJson");  // a lone surrogate
}

TEST(JsonBodyTest, MessagesAreValidUtf8EvenWhenTheParserStopsInsideACharacter) {
  // Valid UTF-8, but nlohmann's "last read" ends after the first byte of the character.
  Status s = Refusal("[1,\xCF\xAB]");
  EXPECT_TRUE(IsValidUtf8(s.message())) << s.message();
  std::string long_token = "{\"a\": \"" + std::string(5000, 'x') + "\xCF\xAB" + "\n\"}";
  s = Refusal(long_token);
  EXPECT_TRUE(IsValidUtf8(s.message()));
  EXPECT_LT(s.message().size(), 400u);
}

TEST(JsonBodyTest, GoodBodiesParse) {
  auto r = ParseJsonBody("{\"name\": \"M\xC3\xBCller\", \"n\": 18446744073709551615}");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["name"], "M\xC3\xBCller");
}

}  // namespace
}  // namespace tend::api
