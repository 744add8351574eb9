#include "ingest/trusted_traits.h"

#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::ingest {
namespace {

SegmentBatch Group(std::string_view traits) {
  auto b = ParseSegment("batch",
                        std::string(R"({"batch": [{"type": "group", "userId": "u", "groupId": "A",
                                         "traits": )") +
                            std::string(traits) +
                            R"(}, {"type": "identify", "userId": "u", "traits": )" +
                            std::string(traits) + "}]}",
                        0);
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return *b;
}

std::vector<std::string> Keys(const SegmentMessage& m) {
  std::vector<std::string> out;
  for (const auto& t : m.traits) out.push_back(t.key);
  return out;
}

const char* kAll = R"({"name": "Acme", "csm": "Mallory", "arr": 1, "renewal_date": "2030-01-01",
                       "start_date": "2020-01-01", "industry": "Retail"})";

TEST(TrustedTraitsTest, UntrustedProtectedTraitsAreDropped) {
  SegmentBatch b = Group(kAll);
  EXPECT_EQ(DropUntrustedTraits(&b, {}, false),
            (std::vector<std::string>{"csm", "arr", "renewal_date", "start_date"}));
  EXPECT_EQ(Keys(b.messages[0]), (std::vector<std::string>{"name", "industry"}));
  EXPECT_EQ(b.messages[1].traits.size(), 6u);  // identify: contact traits, untouched
}

TEST(TrustedTraitsTest, ServerKeysSetTrustedOnes) {
  SegmentBatch b = Group(kAll);
  EXPECT_EQ(DropUntrustedTraits(&b, {"arr", "csm"}, false),
            (std::vector<std::string>{"renewal_date", "start_date"}));
  EXPECT_EQ(Keys(b.messages[0]), (std::vector<std::string>{"name", "csm", "arr", "industry"}));
  SegmentBatch none = Group(R"({"name": "Acme"})");
  EXPECT_TRUE(DropUntrustedTraits(&none, {}, false).empty());
}

TEST(TrustedTraitsTest, BrowserKeysNeverSetThem) {
  SegmentBatch b = Group(kAll);
  EXPECT_EQ(DropUntrustedTraits(&b, {"csm", "arr", "renewal_date", "start_date"}, true).size(), 4u);
  EXPECT_EQ(Keys(b.messages[0]), (std::vector<std::string>{"name", "industry"}));
}

TEST(TrustedTraitsTest, ParseAndStore) {
  auto t = ParseTrustedTraits(" renewal_date, arr ,arr,");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, (std::vector<std::string>{"arr", "renewal_date"}));  // canonical order
  auto bad = ParseTrustedTraits("arr,owner");
  EXPECT_EQ(bad.status().id(), "segment.badTrustedTrait");
  EXPECT_NE(bad.status().message().find("\"owner\""), std::string::npos);
  EXPECT_NE(bad.status().message().find("csm, arr, renewal_date, start_date"), std::string::npos);

  testing::TempDir dir;
  auto st = store::OpenSqliteStore(dir.File("trusted_traits.db"));
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_TRUE(LoadTrustedTraits(**st)->empty());
  ASSERT_OK(SaveTrustedTraits(**st, *t));
  EXPECT_EQ(*LoadTrustedTraits(**st), *t);
  ASSERT_OK(SaveTrustedTraits(**st, {}));
  EXPECT_TRUE(LoadTrustedTraits(**st)->empty());
}

}  // namespace
}  // namespace tend::ingest
