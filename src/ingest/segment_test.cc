#include "ingest/segment.h"

#include <gtest/gtest.h>

#include <string>

#include "testutil/testutil.h"

namespace tend::ingest {
namespace {

const EpochMs kReceived = *ParseTime("2026-06-01T12:00:00Z");

SegmentBatch Parse(std::string_view kind, std::string_view body) {
  auto r = ParseSegment(kind, body, kReceived);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : SegmentBatch{};
}

// The Status of a parse that must fail.
Status Fail(std::string_view kind, std::string_view body) {
  auto r = ParseSegment(kind, body, kReceived);
  EXPECT_FALSE(r.ok()) << "parsed: " << body.substr(0, 200);
  return r.ok() ? Status() : r.status();
}

// A track message of exactly `size` bytes (size >= 80).
std::string TrackOfSize(size_t size) {
  const std::string head = R"({"type":"track","userId":"u1","event":"E","properties":{"pad":")";
  const std::string tail = R"("}})";
  return head + std::string(size - head.size() - tail.size(), 'x') + tail;
}

const SegmentTrait* FindTrait(const SegmentMessage& m, std::string_view key) {
  for (const SegmentTrait& t : m.traits) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

TEST(SegmentTest, Track) {
  SegmentBatch b = Parse("track", R"({
    "type": "track", "userId": "u1", "messageId": "m-1", "event": "Report Built",
    "timestamp": "2026-05-01T15:22:05.250+02:00",
    "properties": {"rows": 12, "nested": {"a": [1, 2, {"b": null}]}},
    "context": {"groupId": "acct-7", "ip": "1.2.3.4", "traits": {"plan": "pro", "seats": 5}}
  })");
  ASSERT_EQ(b.messages.size(), 1u);
  EXPECT_EQ(b.skipped, 0);
  const SegmentMessage& m = b.messages[0];
  EXPECT_EQ(m.type, SegmentType::kTrack);
  EXPECT_EQ(m.message_id, "m-1");
  EXPECT_EQ(m.user_id, "u1");
  EXPECT_EQ(m.group_id, "acct-7");
  EXPECT_EQ(m.event, "Report Built");
  EXPECT_EQ(m.name, "");
  EXPECT_EQ(m.ts, *ParseTime("2026-05-01T13:22:05.250Z"));
  ASSERT_EQ(m.traits.size(), 2u);  // context.traits on a track call
  EXPECT_EQ(m.traits[0].key, "plan");
  EXPECT_EQ(m.traits[0].text, "pro");
  EXPECT_EQ(m.traits[1].text, "5");
}

TEST(SegmentTest, IdentifyTraits) {
  SegmentBatch b = Parse("identify", R"({
    "userId": "u1", "anonymousId": "anon-1",
    "traits": {"email": "ann@example.com", "age": 41, "score": 1.50, "big": -2e3,
               "vip": true, "churned": false, "nothing": null,
               "address": {"city": "Lyon"}, "tags": ["a", "b"]},
    "context": {"traits": {"ignored": "on identify"}}
  })");
  ASSERT_EQ(b.messages.size(), 1u);
  const SegmentMessage& m = b.messages[0];
  EXPECT_EQ(m.type, SegmentType::kIdentify);
  EXPECT_EQ(m.user_id, "u1");
  EXPECT_EQ(m.event, "");
  ASSERT_EQ(m.traits.size(), 6u);  // nested, arrays and null skipped
  EXPECT_EQ(FindTrait(m, "email")->text, "ann@example.com");
  EXPECT_FALSE(FindTrait(m, "email")->number.has_value());
  EXPECT_EQ(FindTrait(m, "age")->text, "41");
  EXPECT_EQ(FindTrait(m, "age")->number, 41.0);
  EXPECT_EQ(FindTrait(m, "score")->text, "1.50");  // as written
  EXPECT_EQ(FindTrait(m, "score")->number, 1.5);
  EXPECT_EQ(FindTrait(m, "big")->text, "-2e3");
  EXPECT_EQ(FindTrait(m, "big")->number, -2000.0);
  EXPECT_EQ(FindTrait(m, "vip")->text, "true");
  EXPECT_FALSE(FindTrait(m, "vip")->number.has_value());
  EXPECT_EQ(FindTrait(m, "churned")->text, "false");
  EXPECT_EQ(FindTrait(m, "nothing"), nullptr);
  EXPECT_EQ(FindTrait(m, "address"), nullptr);
  EXPECT_EQ(FindTrait(m, "tags"), nullptr);
  EXPECT_EQ(FindTrait(m, "ignored"), nullptr);
}

TEST(SegmentTest, GroupUsesItsGroupIdAndTraits) {
  SegmentBatch b = Parse("group", R"({
    "userId": 12345, "groupId": 42, "traits": {"name": "Acme", "employees": 300},
    "context": {"groupId": "not-this-one", "traits": {"role": "admin"}}
  })");
  ASSERT_EQ(b.messages.size(), 1u);
  const SegmentMessage& m = b.messages[0];
  EXPECT_EQ(m.type, SegmentType::kGroup);
  EXPECT_EQ(m.user_id, "12345");  // numeric ids as their text
  EXPECT_EQ(m.group_id, "42");
  ASSERT_EQ(m.traits.size(), 2u);
  EXPECT_EQ(FindTrait(m, "name")->text, "Acme");
  EXPECT_EQ(FindTrait(m, "employees")->number, 300.0);
}

TEST(SegmentTest, PageAndScreen) {
  SegmentBatch page = Parse("page", R"({"anonymousId": "a1", "name": "Pricing",
                                        "properties": {"url": "https://x.example/pricing"}})");
  ASSERT_EQ(page.messages.size(), 1u);
  EXPECT_EQ(page.messages[0].type, SegmentType::kPage);
  EXPECT_EQ(page.messages[0].event, "Page Viewed /pricing");  // the path of the url
  EXPECT_EQ(page.messages[0].name, "Pricing");
  EXPECT_EQ(page.messages[0].ts, kReceived);  // no time given

  SegmentBatch bare = Parse("page", R"({"userId": "u1"})");
  EXPECT_EQ(bare.messages[0].event, "Page Viewed");

  SegmentBatch screen = Parse("screen", R"({"userId": "u2", "name": "Home"})");
  ASSERT_EQ(screen.messages.size(), 1u);
  EXPECT_EQ(screen.messages[0].type, SegmentType::kScreen);
  EXPECT_EQ(screen.messages[0].event, "Screen Viewed Home");
  EXPECT_EQ(screen.messages[0].name, "Home");
  EXPECT_EQ(Parse("screen", R"({"userId": "u2"})").messages[0].event, "Screen Viewed");
}

const SegmentTrait* FindProperty(const SegmentMessage& m, std::string_view key) {
  for (const auto& t : m.properties) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

TEST(SegmentTest, PagesKeepTheirProperties) {
  // What analytics.js sends: properties, and the same in context.page.
  SegmentBatch b = Parse("page", R"({"userId": "u1", "properties": {"path": "/billing/",
      "title": "Billing", "referrer": "https://search.example/", "n": 3, "deep": {"x": 1}},
      "context": {"page": {"url": "https://app.example/billing/?tab=2", "path": "/ignored",
                           "search": "?tab=2"}}})");
  ASSERT_EQ(b.messages.size(), 1u);
  const SegmentMessage& m = b.messages[0];
  EXPECT_EQ(m.event, "Page Viewed /billing");
  EXPECT_EQ(FindProperty(m, "path")->text, "/billing/");  // properties win over context.page
  EXPECT_EQ(FindProperty(m, "title")->text, "Billing");
  EXPECT_EQ(FindProperty(m, "referrer")->text, "https://search.example/");
  EXPECT_EQ(FindProperty(m, "url")->text, "https://app.example/billing/?tab=2");
  EXPECT_EQ(FindProperty(m, "search")->text, "?tab=2");
  EXPECT_EQ(FindProperty(m, "n")->number, 3.0);
  EXPECT_EQ(FindProperty(m, "deep"), nullptr);  // nested: skipped
  // Only context.page: its path.
  SegmentBatch c = Parse("page", R"({"userId": "u1", "context": {"page": {"path": "/a/b"}}})");
  EXPECT_EQ(c.messages[0].event, "Page Viewed /a/b");
  // Track keeps its properties too (and not context.page).
  SegmentBatch t = Parse("track", R"({"userId": "u1", "event": "E", "properties": {"k": "v"},
                                      "context": {"page": {"path": "/x"}}})");
  ASSERT_EQ(t.messages[0].properties.size(), 1u);
  EXPECT_EQ(FindProperty(t.messages[0], "k")->text, "v");
  // Identify and group have traits, not properties.
  EXPECT_TRUE(Parse("identify", R"({"userId": "u1", "properties": {"k": "v"}})")
                  .messages[0]
                  .properties.empty());
}

TEST(SegmentTest, PagePath) {
  EXPECT_EQ(PagePath("/billing"), "/billing");
  EXPECT_EQ(PagePath("/billing/"), "/billing");
  EXPECT_EQ(PagePath("billing"), "/billing");
  EXPECT_EQ(PagePath("/"), "/");
  EXPECT_EQ(PagePath(""), "");
  EXPECT_EQ(PagePath("https://app.example.com"), "/");
  EXPECT_EQ(PagePath("https://app.example.com/a//b/?q=1#top"), "/a/b");
  EXPECT_EQ(PagePath("/accounts/8812/settings"), "/accounts/:id/settings");
  EXPECT_EQ(PagePath("/u/3f2b8c9e-1d2a-4b5c-8d7e-0a1b2c3d4e5f/x"), "/u/:id/x");
  EXPECT_EQ(PagePath("/doc/65a1f0c2b9e4d3a7c8f10293"), "/doc/:id");  // 24 hex digits
  EXPECT_EQ(PagePath("/blog/getting-started-with-tend-2024"),
            "/blog/getting-started-with-tend-2024");  // a slug stays
  EXPECT_EQ(PagePath("/v2/reports"), "/v2/reports");
  EXPECT_LE(PagePath("/" + std::string(300, 'a') + "/b").size(), 200u);
  EXPECT_EQ(PagePath("/" + std::string(150, 'a') + "/" + std::string(100, 'b')),
            "/" + std::string(150, 'a'));  // whole segments only
}

TEST(SegmentTest, WriteKeyFromTheBody) {
  EXPECT_EQ(Parse("track", R"({"writeKey": "tendwk_a", "userId": "u", "event": "E"})").write_key,
            "tendwk_a");
  EXPECT_EQ(Parse("track", R"({"userId": "u", "event": "E"})").write_key, "");
  // analytics.js batches: at the top and in each message.
  EXPECT_EQ(Parse("batch", R"({"writeKey": "tendwk_b", "batch": [{"type": "track",
                               "userId": "u", "event": "E", "writeKey": "tendwk_c"}]})")
                .write_key,
            "tendwk_b");
  EXPECT_EQ(Parse("batch", R"({"batch": [{"type": "track", "userId": "u", "event": "E",
                               "writeKey": "tendwk_c"}]})")
                .write_key,
            "tendwk_c");
  // alias: understood, skipped.
  SegmentBatch alias = Parse("alias", R"({"userId": "u", "previousId": "a", "writeKey": "k"})");
  EXPECT_TRUE(alias.messages.empty());
  EXPECT_EQ(alias.skipped, 1);
  EXPECT_EQ(alias.write_key, "k");
}

TEST(SegmentTest, EndpointDecidesTheType) {
  SegmentBatch b = Parse("track", R"({"type": "identify", "userId": "u1", "event": "E"})");
  ASSERT_EQ(b.messages.size(), 1u);
  EXPECT_EQ(b.messages[0].type, SegmentType::kTrack);
  EXPECT_EQ(b.messages[0].event, "E");
}

TEST(SegmentTest, Batch) {
  SegmentBatch b = Parse("batch", R"({
    "batch": [
      {"type": "track", "userId": "u1", "event": "A", "messageId": "1"},
      {"type": "identify", "userId": "u1", "traits": {"plan": "pro"}},
      {"type": "group", "userId": "u1", "groupId": "g9", "traits": {"name": "Acme"}},
      {"type": "page", "anonymousId": "a2", "name": "Docs", "context": {"groupId": "own"}},
      {"type": "screen", "userId": "u3", "name": "Settings"},
      {"type": "alias", "userId": "u1", "previousId": "a1"},
      {"type": "track", "event": "no user"},
      "not a message", null, 7
    ],
    "context": {"groupId": "g-batch", "traits": {"tier": "gold"}},
    "sentAt": "2026-06-01T12:00:00Z"
  })");
  ASSERT_EQ(b.messages.size(), 5u);
  EXPECT_EQ(b.skipped, 5);  // alias, no user, three non-objects
  EXPECT_EQ(b.messages[0].type, SegmentType::kTrack);
  EXPECT_EQ(b.messages[0].event, "A");
  EXPECT_EQ(b.messages[0].message_id, "1");
  // The batch's context stands in for a message's own, even though it comes after.
  EXPECT_EQ(b.messages[0].group_id, "g-batch");
  ASSERT_EQ(b.messages[0].traits.size(), 1u);
  EXPECT_EQ(b.messages[0].traits[0].text, "gold");
  EXPECT_EQ(b.messages[1].type, SegmentType::kIdentify);
  ASSERT_EQ(b.messages[1].traits.size(), 1u);
  EXPECT_EQ(b.messages[1].traits[0].key, "plan");
  EXPECT_EQ(b.messages[1].group_id, "g-batch");
  EXPECT_EQ(b.messages[2].type, SegmentType::kGroup);
  EXPECT_EQ(b.messages[2].group_id, "g9");
  EXPECT_EQ(b.messages[3].type, SegmentType::kPage);
  EXPECT_EQ(b.messages[3].user_id, "a2");
  EXPECT_EQ(b.messages[3].group_id, "own");
  EXPECT_TRUE(b.messages[3].traits.empty());  // its own context has no traits
  EXPECT_EQ(b.messages[4].type, SegmentType::kScreen);
  EXPECT_EQ(b.messages[4].name, "Settings");
}

TEST(SegmentTest, EmptyBatch) {
  SegmentBatch b = Parse("batch", R"({"batch": []})");
  EXPECT_TRUE(b.messages.empty());
  EXPECT_EQ(b.skipped, 0);
  b = Parse("batch", R"({"writeKey": "k"})");
  EXPECT_TRUE(b.messages.empty());
}

TEST(SegmentTest, TimestampPrecedence) {
  auto ts = [](std::string_view fields) {
    SegmentBatch b = Parse("track", std::string(R"({"userId": "u", "event": "E")") +
                                        (fields.empty() ? "" : ", ") + std::string(fields) + "}");
    return b.messages.empty() ? EpochMs{-1} : b.messages[0].ts;
  };
  // timestamp wins, as given (no skew correction).
  EXPECT_EQ(ts(R"("timestamp": "2026-05-01T00:00:00Z", "originalTimestamp": "2026-04-01T00:00:00Z",
                  "sentAt": "2026-04-01T00:00:10Z")"),
            *ParseTime("2026-05-01T00:00:00Z"));
  // originalTimestamp + sentAt: the client's clock is 1 h 10 s fast.
  EXPECT_EQ(ts(R"("originalTimestamp": "2026-06-01T13:00:00Z", "sentAt": "2026-06-01T13:00:10Z")"),
            kReceived - 10'000);
  // A client 5 min slow, with offsets and fractions.
  EXPECT_EQ(ts(R"("sentAt": "2026-06-01T13:55:00.500+02:00",
                  "originalTimestamp": "2026-06-01T13:54:00.250+02:00")"),
            kReceived - 60'250);
  // originalTimestamp alone.
  EXPECT_EQ(ts(R"("originalTimestamp": "2026-05-31T23:59:59.999Z")"),
            *ParseTime("2026-05-31T23:59:59.999Z"));
  // Nothing: the time received; sentAt alone changes nothing.
  EXPECT_EQ(ts(""), kReceived);
  EXPECT_EQ(ts(R"("sentAt": "2026-06-01T13:00:10Z")"), kReceived);
  // A time that is not ISO-8601 counts as absent.
  EXPECT_EQ(ts(R"("timestamp": "yesterday", "originalTimestamp": "2026-05-02T00:00:00Z")"),
            *ParseTime("2026-05-02T00:00:00Z"));
  EXPECT_EQ(ts(R"("timestamp": 1767225600000)"), kReceived);
  EXPECT_EQ(ts(R"("originalTimestamp": "2026-06-01T11:00:00Z", "sentAt": "soon")"),
            *ParseTime("2026-06-01T11:00:00Z"));
}

TEST(SegmentTest, BatchSentAtCorrectsSkew) {
  SegmentBatch b = Parse("batch", R"({"batch": [
      {"type": "track", "userId": "u", "event": "A", "originalTimestamp": "2026-06-01T12:59:00Z"},
      {"type": "track", "userId": "u", "event": "B", "originalTimestamp": "2026-06-01T12:59:00Z",
       "sentAt": "2026-06-01T12:59:30Z"}],
    "sentAt": "2026-06-01T13:00:00Z"})");
  ASSERT_EQ(b.messages.size(), 2u);
  EXPECT_EQ(b.messages[0].ts, kReceived - 60'000);
  EXPECT_EQ(b.messages[1].ts, kReceived - 30'000);  // its own sentAt wins
}

TEST(SegmentTest, UserIdFallsBackToAnonymousId) {
  SegmentBatch b = Parse("batch", R"({"batch": [
      {"type": "track", "anonymousId": "anon-1", "event": "A"},
      {"type": "track", "userId": "", "anonymousId": "anon-2", "event": "B"},
      {"type": "track", "userId": null, "anonymousId": 77, "event": "C"},
      {"type": "track", "userId": "u4", "anonymousId": "anon-4", "event": "D"},
      {"type": "track", "userId": true, "event": "E"},
      {"type": "track", "userId": "", "anonymousId": "", "event": "F"}]})");
  ASSERT_EQ(b.messages.size(), 4u);
  EXPECT_EQ(b.messages[0].user_id, "anon-1");
  EXPECT_EQ(b.messages[1].user_id, "anon-2");
  EXPECT_EQ(b.messages[2].user_id, "77");
  EXPECT_EQ(b.messages[3].user_id, "u4");
  EXPECT_EQ(b.skipped, 2);
}

TEST(SegmentTest, MessageWithoutUserIsSkipped) {
  SegmentBatch b = Parse("track", R"({"event": "E", "context": {"groupId": "g"}})");
  EXPECT_TRUE(b.messages.empty());
  EXPECT_EQ(b.skipped, 1);
}

TEST(SegmentTest, UnknownKindIsSkipped) {
  SegmentBatch b = Parse("alias", R"({"userId": "u", "previousId": "a"})");
  EXPECT_TRUE(b.messages.empty());
  EXPECT_EQ(b.skipped, 1);
}

TEST(SegmentTest, ContextGroupIdNumeric) {
  SegmentBatch b = Parse("track", R"({"userId": "u", "event": "E", "context": {"groupId": 9001}})");
  ASSERT_EQ(b.messages.size(), 1u);
  EXPECT_EQ(b.messages[0].group_id, "9001");
}

TEST(SegmentTest, Unicode) {
  SegmentBatch b = Parse("identify", R"({"userId": "ünïcødé-✓",
    "traits": {"name": "Zoë \u00e9\ud83d\ude00 \"q\"", "城市": "東京"}})");
  ASSERT_EQ(b.messages.size(), 1u);
  const SegmentMessage& m = b.messages[0];
  EXPECT_EQ(m.user_id, "ünïcødé-✓");
  ASSERT_EQ(m.traits.size(), 2u);
  EXPECT_EQ(m.traits[0].text, "Zoë é😀 \"q\"");
  EXPECT_EQ(m.traits[1].key, "城市");
  EXPECT_EQ(m.traits[1].text, "東京");

  b = Parse("track", R"({"userId": "u", "event": "Café ☕ ordered"})");
  ASSERT_EQ(b.messages.size(), 1u);
  EXPECT_EQ(b.messages[0].event, "Café ☕ ordered");
}

TEST(SegmentTest, MessageTooLargeAlone) {
  EXPECT_EQ(Parse("track", TrackOfSize(kMaxMessageBytes)).messages.size(), 1u);
  Status s = Fail("track", TrackOfSize(kMaxMessageBytes + 1));
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.id(), "segment.messageTooLarge");
  EXPECT_NE(s.message().find("32769"), std::string::npos) << s.message();
}

TEST(SegmentTest, MessageTooLargeInBatch) {
  const std::string ok = TrackOfSize(kMaxMessageBytes);
  SegmentBatch b = Parse("batch", R"({"batch": [)" + ok + " ,\n " + ok + "\n]}");
  EXPECT_EQ(b.messages.size(), 2u);

  Status s = Fail("batch", R"({"batch": [)" + ok + ", " + TrackOfSize(kMaxMessageBytes + 1) + "]}");
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.id(), "segment.messageTooLarge");
  EXPECT_NE(s.message().find("batch[1]"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("32769"), std::string::npos) << s.message();
}

TEST(SegmentTest, BatchTooLarge) {
  std::string body = R"({"batch": [)";
  while (body.size() <= kMaxBatchBytes) body += TrackOfSize(1000) + ",";
  body.back() = ']';
  body += "}";
  Status s = Fail("batch", body);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.id(), "segment.batchTooLarge");
}

TEST(SegmentTest, MalformedJson) {
  struct Case {
    const char* body;
    const char* expect;  // a part of the message
  };
  const Case cases[] = {
      {R"({"batch": [{"type": "track", "userId": "u", "event": "A"},)",
       "the object that starts at byte 0 is not closed at the end of the body"},
      {R"({"batch": [{"type": "track" "userId": "u"}]})", "at byte"},
      {R"(  {"batch": [{"type": "track", "userId": "u", "event": "A"}]} trailing)",
       "the object that starts at byte 2 is not closed"},
      {R"({"batch": [{"type": "track", "userId": "u", "event": "A"}]} {})",
       "unexpected content at byte 60"},
      {R"({"batch": [{"type": "track", "userId": "u", "event": "A"}]}})",
       "unexpected content at byte 59"},
      {R"({"batch": [{"type": "track", "userId": "u"}})", "at byte 43"},
      {R"({"batch": [{"type": "track", "properties": {"x": tru}}]})", "'t' (at byte 49)"},
      {R"({"batch": [{"type": "track", "properties": {"x": [1, 2.3.4]}}]})", "at byte"},
      {R"({"batch": [{"type": "track", "properties": {"x": "bad \q escape"}}]})", ""},
      {R"({"batch": [{"type": "track", "userId": "unterminated}]})", ""},
      {"", ""},
      {"   ", ""},
  };
  for (const Case& c : cases) {
    Status s = Fail("batch", c.body);
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << c.body;
    EXPECT_EQ(s.id(), "segment.badJson") << c.body;
    EXPECT_NE(s.message().find(c.expect), std::string::npos) << c.body << " -> " << s.message();
  }
  Status s = Fail("identify", R"({"userId": "u", "traits": {"a": nul}})");
  EXPECT_EQ(s.id(), "segment.badJson");
  EXPECT_NE(s.message().find("at byte"), std::string::npos) << s.message();
}

// Issue 17, item 6: invalid UTF-8 anywhere in a body is refused with its byte, before
// any message of it is taken.
TEST(SegmentTest, InvalidUtf8IsRefusedWithItsPosition) {
  Status s = Fail("track", "{\"userId\": \"u\", \"event\": \"caf\xC3\", \"groupId\": \"A1\"}");
  EXPECT_EQ(s.id(), "segment.badJson");
  EXPECT_NE(s.message().find("invalid UTF-8 at byte 30 (0xC3)"), std::string::npos) << s.message();
  s = Fail("batch", "{\"batch\": [{\"type\": \"track\", \"properties\": {\"\xFF\": 1}}]}");
  EXPECT_EQ(s.id(), "segment.badJson");
  EXPECT_NE(s.message().find("(0xFF)"), std::string::npos) << s.message();
}

TEST(SegmentTest, NonObjectBody) {
  for (const char* body : {"[1, 2]", R"("track")", "42", "null", "true"}) {
    Status s = Fail("track", body);
    EXPECT_EQ(s.id(), "segment.badJson") << body;
    EXPECT_NE(s.message().find("not a JSON object"), std::string::npos) << s.message();
  }
}

TEST(SegmentTest, NonArrayBatchOrContextIsIgnored) {
  SegmentBatch b = Parse("batch", R"({"batch": {"type": "track"}, "context": "x", "sentAt": 5})");
  EXPECT_TRUE(b.messages.empty());
  EXPECT_EQ(b.skipped, 0);
}

}  // namespace
}  // namespace tend::ingest
