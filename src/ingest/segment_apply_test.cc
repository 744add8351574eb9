// Tests for the durable half of Segment ingestion (segment_apply.h) on a real SQLite
// workspace: dedup, unattributed events moved by the user's group call, held identify calls
// released, group traits on the account, new accounts, the all-or-nothing transaction, and
// the in-memory half (ApplyToData).
#include "ingest/segment_apply.h"

#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::ingest {
namespace {

SegmentMessage Msg(SegmentType type, const char* id, const char* user, const char* group = "",
                   const char* event = "") {
  SegmentMessage m;
  m.type = type;
  m.message_id = id;
  m.user_id = user;
  m.group_id = group;
  m.event = event;
  m.ts = 1'790'000'000'000;
  return m;
}

class SegmentApplyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("tend.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  // Lookups over `data` (nothing loaded when null).
  SegmentApplier::Lookups Over(const metrics::WorkspaceData* data) {
    SegmentApplier::Lookups l;
    l.loaded_account = [data](const std::string& id) -> std::optional<store::AccountRecord> {
      if (!data) return std::nullopt;
      if (auto i = data->Index(id)) return data->account(*i);
      return std::nullopt;
    };
    l.is_loaded = [data](const std::string& id) { return data && data->Index(id).has_value(); };
    return l;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  SegmentApplier applier_;
};

TEST_F(SegmentApplyTest, AFirstGroupCallCreatesTheAccountAndReleasesWhatWaited) {
  SegmentBatch b;
  b.skipped = 2;
  b.messages = {Msg(SegmentType::kTrack, "m1", "u1", "", "Login"),
                Msg(SegmentType::kIdentify, "m2", "u1"),
                Msg(SegmentType::kTrack, "m1", "u1", "", "Login"),  // same messageId
                Msg(SegmentType::kGroup, "m3", "u1", "A1"),
                Msg(SegmentType::kGroup, "m4", "u2")};  // no groupId
  b.messages[1].traits = {{"email", "u1@example.com", std::nullopt},
                          {"firstName", "Ann", std::nullopt}};
  b.messages[3].traits = {{"name", "Acme", std::nullopt}, {"arr", "1200", 1200.0}};
  auto r = applier_.Apply(*store_, b, Over(nullptr), 1);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const IngestReport& rep = r->report;
  EXPECT_EQ(rep.accepted, 1);
  EXPECT_EQ(rep.unattributed, 1);
  EXPECT_EQ(rep.duplicates, 1);
  EXPECT_EQ(rep.skipped, 3);
  EXPECT_EQ(rep.held, 1);
  EXPECT_EQ(rep.released, 1);
  EXPECT_EQ(rep.identified, 1);
  EXPECT_EQ(rep.grouped, 1);
  ASSERT_EQ(rep.outcomes.size(), 5u);
  EXPECT_STREQ(rep.outcomes[0].what, "unattributed");
  EXPECT_STREQ(rep.outcomes[1].what, "held");
  EXPECT_STREQ(rep.outcomes[2].what, "duplicate");
  EXPECT_STREQ(rep.outcomes[3].what, "grouped");
  EXPECT_EQ(rep.outcomes[3].account_id, "A1");
  EXPECT_STREQ(rep.outcomes[4].what, "skipped");
  EXPECT_TRUE(r->new_accounts);
  // The unattributed event moved to A1 with the group call.
  ASSERT_EQ(r->events_by_account["A1"].size(), 1u);
  EXPECT_EQ(r->events_by_account["A1"][0].event, "Login");
  ASSERT_EQ(r->changed_accounts.count("A1"), 1u);
  EXPECT_EQ(r->changed_accounts["A1"].name, "Acme");
  EXPECT_EQ(r->changed_accounts["A1"].arr, 1200);
  auto contact = store_->GetContact("u1");
  ASSERT_TRUE(contact.ok() && contact->has_value());
  EXPECT_EQ((*contact)->account_id, "A1");
  EXPECT_EQ((*contact)->email, "u1@example.com");
  EXPECT_EQ((*contact)->name, "Ann");
  // The same batch again: every message id is known now.
  auto again = applier_.Apply(*store_, b, Over(nullptr), 2);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->report.duplicates, 5);  // dedup comes first, even for m4
  EXPECT_EQ(again->report.accepted, 0);
}

TEST_F(SegmentApplyTest, AFailureWritesNothing) {
  SegmentBatch b;
  b.messages = {Msg(SegmentType::kGroup, "m1", "u1", "A1"), Msg(SegmentType::kIdentify, "m2", "u1")};
  auto lookups = Over(nullptr);
  lookups.on_contacts_changed = [](store::Store&) -> Result<std::vector<std::string>> {
    return Status(ErrorCode::kUnavailable, "test.down", "milestones failed");
  };
  auto r = applier_.Apply(*store_, b, lookups, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().id(), "test.down");
  auto contact = store_->GetContact("u1");
  ASSERT_TRUE(contact.ok());
  EXPECT_FALSE(contact->has_value());
  // Nothing was recorded: the retry is not a duplicate, and the user's group is not cached.
  auto retry = applier_.Apply(*store_, b, Over(nullptr), 2);
  ASSERT_TRUE(retry.ok()) << retry.status().ToString();
  EXPECT_EQ(retry->report.duplicates, 0);
  EXPECT_EQ(retry->report.identified, 1);
}

TEST_F(SegmentApplyTest, ApplyToDataAddsEventsAndRecordsOfLoadedAccounts) {
  store::AccountRecord a;
  a.account_id = "A1";
  a.name = "Acme";
  ASSERT_OK(store_->UpsertAccount(a));
  auto loaded = metrics::WorkspaceData::Load(*store_);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  metrics::WorkspaceData data = std::move(loaded).value();
  SegmentBatch b;
  b.messages = {Msg(SegmentType::kGroup, "m1", "u1", "A1"),
                Msg(SegmentType::kTrack, "m2", "u1", "", "Report Run"),
                Msg(SegmentType::kTrack, "m3", "u9", "B7", "Login")};  // B7 is not loaded
  b.messages[0].traits = {{"industry", "Retail", std::nullopt}};
  auto r = applier_.Apply(*store_, b, Over(&data), 1);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->new_accounts);  // B7
  EXPECT_EQ(r->events_by_account["A1"].size(), 1u);
  auto rows = ApplyToData(*r, data);
  const size_t i = *data.Index("A1");
  EXPECT_EQ(rows, std::vector<size_t>{i});
  EXPECT_EQ(data.account(i).industry, "Retail");
  EXPECT_EQ(data.account(i).name, "Acme");
  EXPECT_TRUE(data.EventId("Report Run").has_value());
}

}  // namespace
}  // namespace tend::ingest
