// Tests for the methods the per-domain stores added over today's Store, on SQLite: the latest
// predictions and models (typed, kept in workspace_meta as before), write-key origins, the
// advocacy settings, and contact changes recorded as the injected rule decides, stamped by
// the injected clock.
#include <gtest/gtest.h>

#include "common/clock.h"
#include "store/prediction_document.h"
#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::store {
namespace {

PredictionSet Churn() {
  PredictionSet set;
  set.target = "churn";
  set.as_of = "2026-10-01";
  set.scored_at = "2026-10-01T12:00:00Z";
  set.model_trained_at = "2026-09-30T08:00:00Z";
  set.horizon_days = 90;
  set.exact_reasons = 1;
  set.accounts.push_back({"A2", 0.75, {{"usage_drop", 0.5, "usage fell"}}});
  set.accounts.push_back({"A1", 0.125, {}});
  return set;
}

TEST(SqliteDomainStoreTest, LatestPredictionsRoundTripInTheirTextForm) {
  testing::TempDir dir;
  auto s = OpenSqliteStore(dir.File("w.db"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto none = (*s)->LoadLatestPredictions("churn");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_OK((*s)->SaveLatestPredictions(Churn()));
  auto got = (*s)->LoadLatestPredictions("churn");
  ASSERT_TRUE(got.ok() && got->has_value()) << got.status().ToString();
  EXPECT_EQ(EncodePredictions(**got), EncodePredictions(Churn()));
  ASSERT_EQ((*got)->accounts.size(), 2u);
  EXPECT_EQ((*got)->accounts[0].reasons[0].text, "usage fell");
  // The text form as `tend predict score --format json` always printed it.
  auto meta = (*s)->GetMeta("predictions.churn");
  ASSERT_TRUE(meta.ok() && meta->has_value());
  EXPECT_EQ(meta->value().rfind(
                "{\"target\":\"churn\",\"as_of\":\"2026-10-01\",\"scored_at\":", 0),
            0u);
  EXPECT_FALSE((*s)->LoadLatestPredictions("advocate")->has_value());
  EXPECT_EQ((*s)->SaveLatestPredictions(PredictionSet{}).code(), ErrorCode::kInvalidArgument);
}

TEST(SqliteDomainStoreTest, DamagedPredictionsAreDataLoss) {
  testing::TempDir dir;
  auto s = OpenSqliteStore(dir.File("w.db"));
  ASSERT_TRUE(s.ok());
  ASSERT_OK((*s)->SetMeta("predictions.churn", "{\"accounts\": 3}"));
  auto got = (*s)->LoadLatestPredictions("churn");
  EXPECT_EQ(got.status().code(), ErrorCode::kDataLoss);
  // Entries without an id or a numeric probability are skipped.
  ASSERT_OK(
      (*s)->SetMeta("predictions.churn",
                    "{\"accounts\": [{\"account_id\": \"A1\", \"probability\": \"x\"}, "
                    "{\"probability\": 0.5}, {\"account_id\": \"A2\", \"probability\": 1}]}"));
  got = (*s)->LoadLatestPredictions("churn");
  ASSERT_TRUE(got.ok() && got->has_value());
  ASSERT_EQ((*got)->accounts.size(), 1u);
  EXPECT_EQ((*got)->accounts[0].account_id, "A2");
}

TEST(SqliteDomainStoreTest, ModelsOriginsAndSettingsAreKept) {
  testing::TempDir dir;
  auto s = OpenSqliteStore(dir.File("w.db"));
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE((*s)->LoadModelDocument("churn")->has_value());
  ASSERT_OK((*s)->SaveModelDocument("churn", "{\"format_version\":1}"));
  EXPECT_EQ((*s)->LoadModelDocument("churn")->value_or(""), "{\"format_version\":1}");
  EXPECT_EQ(*(*s)->GetWriteKeyOrigins(7), "");
  ASSERT_OK((*s)->SetWriteKeyOrigins(7, "https://a.example,https://b.example"));
  EXPECT_EQ(*(*s)->GetWriteKeyOrigins(7), "https://a.example,https://b.example");
  EXPECT_EQ(*(*s)->GetWriteKeyOrigins(8), "");
  EXPECT_FALSE((*s)->LoadProgramSettings()->has_value());
  ASSERT_OK((*s)->SaveProgramSettings("{\"tiers\":[]}"));
  EXPECT_EQ((*s)->LoadProgramSettings()->value_or(""), "{\"tiers\":[]}");
}

TEST(SqliteDomainStoreTest, ContactChangesAreWhatTheRuleDecidesStampedByTheClock) {
  testing::TempDir dir;
  FakeClock clock(1'000'000);
  std::vector<std::string> seen;  // what the rule was shown: stored?, namesakes
  OpenOptions options;
  options.clock = &clock;
  options.contact_changes = [&](const ContactRecord& in, const std::optional<ContactRecord>& stored,
                                const std::vector<ContactRecord>& namesakes) {
    seen.push_back(in.contact_id + (stored ? " stored" : " new") + " " +
                   std::to_string(namesakes.size()));
    std::vector<ContactChangeRecord> out;
    if (stored && stored->title != in.title) {
      ContactChangeRecord ch;
      ch.contact_id = in.contact_id;
      ch.kind = "title";
      ch.old_title = stored->title;
      ch.new_title = in.title;
      out.push_back(ch);
    }
    return out;
  };
  auto s = OpenSqliteStore(dir.File("w.db"), options);
  ASSERT_TRUE(s.ok());
  for (const char* id : {"A1", "A2"}) ASSERT_TRUE((*s)->InsertAccountIfMissing(id, id).ok());
  ASSERT_OK((*s)->UpsertContact({"C1", "A1", "Ann", "ann@a.com", "Director", "", "", ""}));
  ASSERT_OK((*s)->UpsertContact({"C2", "A2", "Ann", "ann@b.com", "", "", "", ""}));
  clock.Advance(5);
  ASSERT_OK((*s)->UpsertContact({"C1", "A1", "Ann", "ann@a.com", "VP", "", "", ""}));
  EXPECT_EQ(seen, (std::vector<std::string>{"C1 new 0", "C2 new 1", "C1 stored 0"}));
  auto changes = (*s)->ListContactChanges(false);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].kind, "title");
  EXPECT_EQ((*changes)[0].new_title, "VP");
  EXPECT_EQ((*changes)[0].ts, 1'000'005);
  EXPECT_FALSE((*changes)[0].processed);
  // Another connection keeps the rule and the clock.
  auto other = (*s)->OpenAnother();
  ASSERT_TRUE(other.ok());
  ASSERT_OK((*other)->UpsertContact({"C1", "A1", "Ann", "ann@a.com", "CEO", "", "", ""}));
  EXPECT_EQ((*other)->ListContactChanges(true)->size(), 2u);

  // Without a rule nothing is recorded.
  auto plain = OpenSqliteStore(dir.File("w2.db"));
  ASSERT_TRUE(plain.ok());
  ASSERT_TRUE((*plain)->InsertAccountIfMissing("A1", "A1").ok());
  ASSERT_OK((*plain)->UpsertContact({"C1", "A1", "Ann", "", "Director", "", "", ""}));
  ASSERT_OK((*plain)->UpsertContact({"C1", "A1", "Ann", "", "VP", "", "", ""}));
  EXPECT_TRUE((*plain)->ListContactChanges(false)->empty());
}

}  // namespace
}  // namespace tend::store
