// Tests for the voice of the customer on a real SQLite workspace (migration included): items
// and requests round-trip; validation writes nothing; merging keeps every item; the ranking
// figures on a hand-made workspace; TF-IDF suggestions; the status change fan-out makes
// exactly one product_update CTA per account and CSM, also when set twice; the product role
// is storable after the migration; open blocker counts.
#include <gtest/gtest.h>

#include <algorithm>

#include "feedback/feedback.h"
#include "feedback/ranking.h"
#include "feedback/similarity.h"
#include "feedback/status_change.h"
#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::feedback {
namespace {

using testing::TempDir;

constexpr EpochMs kNow = 1'780'000'000'000;

store::AccountRecord Account(const std::string& id, const std::string& csm, double arr,
                             const std::string& segment, std::optional<EpochDay> renewal) {
  store::AccountRecord a;
  a.account_id = id;
  a.name = "Name " + id;
  a.csm = csm;
  a.arr = arr;
  a.segment = segment;
  a.renewal_date = renewal;
  return a;
}

store::FeedbackItemRecord Item(const std::string& account, const std::string& contact,
                               const std::string& importance, std::optional<int64_t> request) {
  store::FeedbackItemRecord i;
  i.account_id = account;
  i.contact_id = contact;
  i.source = "call";
  i.kind = "feature_request";
  i.text = "We need SSO";
  i.importance = importance;
  i.request_id = request;
  return i;
}

class FeedbackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("tend.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    ASSERT_TRUE(store_->UpsertAccount(Account("A1", "Ann", 100, "smb", today_ + 30)).ok());
    ASSERT_TRUE(store_->UpsertAccount(Account("A2", "Bob", 250, "enterprise", today_ + 400)).ok());
    ASSERT_TRUE(store_->UpsertAccount(Account("A3", "Ann", 40, "smb", std::nullopt)).ok());
    for (auto [c, a] : {std::pair{"C1", "A1"}, std::pair{"C2", "A1"}, std::pair{"C3", "A2"}}) {
      store::ContactRecord r;
      r.contact_id = c;
      r.account_id = a;
      r.name = std::string("Person ") + c;
      ASSERT_TRUE(store_->UpsertContact(r).ok());
    }
  }

  int64_t NewRequest(const std::string& title) {
    store::FeedbackRequestRecord r;
    r.title = title;
    auto id = CreateRequest(*store_, r, kNow);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  int64_t Log(store::FeedbackItemRecord item) {
    std::optional<std::string> contact_account;
    if (!item.contact_id.empty()) {
      auto c = store_->GetContact(item.contact_id);
      if (c.ok() && *c) contact_account = (*c)->account_id;
    }
    auto id = LogItem(*store_, item, true, contact_account, kNow);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  std::vector<store::CtaRecord> ProductCtas() {
    auto all = store_->ListCtas({});
    EXPECT_TRUE(all.ok());
    std::vector<store::CtaRecord> out;
    for (auto& c : *all) {
      if (c.type == "product_update") out.push_back(c);
    }
    return out;
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  EpochDay today_ = DayOf(kNow);
};

TEST_F(FeedbackTest, ItemsAndRequestsRoundTrip) {
  int64_t r = NewRequest("SSO with Okta");
  auto item = Item("A1", "C1", "blocker", r);
  item.product_area = "security";
  item.source_ref = "activity:7";
  int64_t id = Log(item);
  auto got = store_->GetFeedbackItem(id);
  ASSERT_TRUE(got.ok() && *got);
  EXPECT_EQ((*got)->account_id, "A1");
  EXPECT_EQ((*got)->contact_id, "C1");
  EXPECT_EQ((*got)->source_ref, "activity:7");
  EXPECT_EQ((*got)->product_area, "security");
  EXPECT_EQ((*got)->request_id, r);
  EXPECT_EQ((*got)->created_at, kNow);
  store::FeedbackItemFilter f;
  f.account_id = "A2";
  EXPECT_TRUE(store_->ListFeedbackItems(f)->empty());
  f.account_id = "A1";
  EXPECT_EQ(store_->ListFeedbackItems(f)->size(), 1u);
}

TEST_F(FeedbackTest, BadItemsAreRefusedNamingTheField) {
  auto bad = [&](store::FeedbackItemRecord i, const std::string& field) {
    auto id = LogItem(*store_, i, true, std::nullopt, kNow);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.status().id(), field) << id.status().ToString();
  };
  auto i = Item("A1", "", "blocker", std::nullopt);
  i.kind = "wish";
  bad(i, "kind");
  i = Item("A1", "", "urgent", std::nullopt);
  bad(i, "importance");
  i = Item("A1", "", "nice", std::nullopt);
  i.source = "";
  bad(i, "source");
  i = Item("A1", "", "nice", std::nullopt);
  i.text = "  ";
  bad(i, "text");
  // A contact of another account.
  i = Item("A2", "C1", "nice", std::nullopt);
  auto id = LogItem(*store_, i, true, std::string("A1"), kNow);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().id(), "contact_id");
  // Product areas are enforced once CS Ops keeps a list.
  ASSERT_TRUE(store_->AddProductArea("security").ok());
  i = Item("A1", "", "nice", std::nullopt);
  i.product_area = "billing";
  bad(i, "product_area");
  i.product_area = "security";
  EXPECT_TRUE(LogItem(*store_, i, true, std::nullopt, kNow).ok());
  EXPECT_EQ(store_->ListFeedbackItems({})->size(), 1u);  // only the good one
  // Unknown requests.
  i.request_id = 999;
  auto missing = LogItem(*store_, i, true, std::nullopt, kNow);
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

TEST_F(FeedbackTest, MergeMovesEveryItem) {
  int64_t a = NewRequest("SSO");
  int64_t b = NewRequest("Single sign-on");
  Log(Item("A1", "C1", "blocker", a));
  Log(Item("A2", "C3", "nice", a));
  Log(Item("A2", "", "important", b));
  auto moved = MergeRequests(*store_, a, b, kNow);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(*moved, 2);
  store::FeedbackItemFilter f;
  f.request_id = b;
  EXPECT_EQ(store_->ListFeedbackItems(f)->size(), 3u);
  EXPECT_EQ(store_->ListFeedbackItems({})->size(), 3u);
  f.request_id = a;
  EXPECT_TRUE(store_->ListFeedbackItems(f)->empty());
  // The merged request leads to the one it was merged into.
  EXPECT_EQ(GetRequest(*store_, a)->request_id, b);
  // Linking to the merged request links to its successor.
  int64_t late = Log(Item("A3", "", "nice", a));
  EXPECT_EQ((*store_->GetFeedbackItem(late))->request_id, b);
  // Merging again, or into itself, is refused and changes nothing.
  EXPECT_EQ(MergeRequests(*store_, a, b, kNow).status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(MergeRequests(*store_, b, b, kNow).status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(MergeRequests(*store_, b, 777, kNow).status().code(), ErrorCode::kNotFound);
  // The ranking no longer lists the merged request.
  auto ranked = RankRequests(*store_->ListFeedbackRequests(), *store_->ListFeedbackItems({}), {},
                             today_, {});
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_EQ(ranked[0].request.request_id, b);
  EXPECT_EQ(ranked[0].items, 4);
}

TEST(RankingTest, FiguresFollowTheirDefinitions) {
  const EpochDay today = 20000;
  std::map<std::string, AccountFacts> accounts;
  auto add = [&](const std::string& id, double arr, const std::string& segment,
                 std::optional<EpochDay> renewal, const std::string& color,
                 const std::string& status = "active") {
    AccountFacts f;
    f.account_id = id;
    f.arr = arr;
    f.segment = segment;
    f.renewal_date = renewal;
    f.color = color;
    f.status = status;
    accounts[id] = f;
  };
  add("A1", 100, "smb", today + 30, "green");      // renewing, blocker -> at risk
  add("A2", 250, "enterprise", today + 181, "yellow");  // not renewing (181 days), yellow
  add("A3", 40, "smb", today - 1, "red");          // renewed yesterday: not renewing; red
  add("A4", 1000, "smb", today + 10, "green");     // renewing, no blocker: not at risk
  add("A5", 5000, "smb", today + 10, "red", "churned");  // churned: left out
  store::FeedbackRequestRecord r;
  r.request_id = 7;
  r.title = "SSO";
  std::vector<store::FeedbackItemRecord> items = {
      Item("A1", "C1", "blocker", 7), Item("A1", "C2", "nice", 7),
      Item("A1", "C1", "important", 7), Item("A2", "C3", "blocker", 7),
      Item("A3", "", "nice", 7),      Item("A4", "C9", "important", 7),
      Item("A5", "C5", "blocker", 7), Item("A4", "C9", "blocker", 8)};
  RequestFigures f = ComputeFigures(r, items, accounts, today);
  EXPECT_EQ(f.items, 7);
  EXPECT_EQ(f.accounts, 4);
  EXPECT_EQ(f.contacts, 4);  // C1, C2, C3, C9 (not the churned account's C5)
  EXPECT_DOUBLE_EQ(f.arr, 1390);
  EXPECT_DOUBLE_EQ(f.blocker_arr, 350);
  EXPECT_DOUBLE_EQ(f.renewing_arr, 1100);
  EXPECT_DOUBLE_EQ(f.arr_at_risk, 100 + 250 + 40);
  EXPECT_EQ(f.red, 1);
  EXPECT_EQ(f.yellow, 1);
  EXPECT_EQ(f.segments.at("smb"), 3);
  EXPECT_EQ(f.segments.at("enterprise"), 1);
  ASSERT_EQ(f.by_account.size(), 4u);
  EXPECT_EQ(f.by_account[0].account.account_id, "A4");  // by ARR
  EXPECT_EQ(f.by_account[2].contacts, (std::vector<std::string>{"C1", "C2"}));

  // Sorting and filters.
  store::FeedbackRequestRecord other;
  other.request_id = 8;
  other.title = "Audit log";
  other.status = "planned";
  RankQuery q;
  auto ranked = RankRequests({r, other}, items, accounts, today, q);
  ASSERT_EQ(ranked.size(), 2u);
  // Request 8: A4 renews in 10 days and calls it a blocker, 1000 at risk against 390.
  EXPECT_EQ(ranked[0].request.request_id, 8);
  EXPECT_DOUBLE_EQ(ranked[0].arr_at_risk, 1000);
  q.sort = "renewing_arr";
  ranked = RankRequests({r, other}, items, accounts, today, q);
  EXPECT_EQ(ranked[0].request.request_id, 7);  // 1100 against 1000
  q.descending = false;
  ranked = RankRequests({r, other}, items, accounts, today, q);
  EXPECT_EQ(ranked[0].request.request_id, 8);
  q.descending = true;
  q.sort = "title";
  q.descending = false;
  ranked = RankRequests({r, other}, items, accounts, today, q);
  EXPECT_EQ(ranked[0].request.title, "Audit log");
  q.min["accounts"] = 2;
  ranked = RankRequests({r, other}, items, accounts, today, q);
  ASSERT_EQ(ranked.size(), 1u);
  q = {};
  q.statuses = {"planned"};
  ranked = RankRequests({r, other}, items, accounts, today, q);
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_EQ(ranked[0].request.request_id, 8);
  q = {};
  q.segment = "enterprise";
  ranked = RankRequests({r, other}, items, accounts, today, q);
  ASSERT_EQ(ranked.size(), 1u);
  q = {};
  q.max["arr"] = 1000;
  EXPECT_EQ(RankRequests({r, other}, items, accounts, today, q).size(), 1u);
  q = {};
  q.sort = "nonsense";
  EXPECT_EQ(CheckQuery(q).id(), "sort");
  q = {};
  q.min["arr_typo"] = 1;
  EXPECT_EQ(CheckQuery(q).id(), "min_arr_typo");
}

TEST(SimilarityTest, SuggestsRequestsWithTheSameWords) {
  std::vector<store::FeedbackRequestRecord> rs(4);
  rs[0].request_id = 1;
  rs[0].title = "SSO with Okta and Azure AD";
  rs[1].request_id = 2;
  rs[1].title = "Export to Excel";
  rs[1].description = "xlsx export of any table";
  rs[2].request_id = 3;
  rs[2].title = "Okta SCIM provisioning";
  rs[3].request_id = 4;
  rs[3].title = "Single sign-on with Okta";
  rs[3].merged_into = 1;
  auto s = SimilarRequests("The customer needs SSO through Okta", rs, 5);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].request_id, 1);  // shares "sso" and "okta"
  EXPECT_EQ(s[1].request_id, 3);  // shares "okta" only
  EXPECT_GT(s[0].score, s[1].score);
  EXPECT_LE(s[0].score, 1.0);
  EXPECT_TRUE(SimilarRequests("the and of", rs, 5).empty());  // stop words only
  auto x = SimilarRequests("export this table to xlsx", rs, 1);
  ASSERT_EQ(x.size(), 1u);
  EXPECT_EQ(x[0].request_id, 2);
  EXPECT_EQ(Tokens("Hello, World-42 a"), (std::vector<std::string>{"hello", "world", "42"}));
}

TEST_F(FeedbackTest, ShippingNotifiesEachAccountOnceWithItsContacts) {
  int64_t r = NewRequest("SSO");
  Log(Item("A1", "C1", "blocker", r));
  Log(Item("A1", "C2", "nice", r));
  Log(Item("A1", "C1", "nice", r));
  Log(Item("A2", "C3", "important", r));
  Log(Item("A3", "", "nice", NewRequest("Other")));
  ASSERT_TRUE(store_->SetMeta(kFeedbackWebhookKey, "http://127.0.0.1:9/hook").ok());

  auto under = SetRequestStatus(*store_, r, "under_review", "pm", today_, kNow);
  ASSERT_TRUE(under.ok()) << under.status().ToString();
  EXPECT_TRUE(under->changed);
  EXPECT_TRUE(under->cta_ids.empty());  // only planned and shipped notify CSMs
  EXPECT_EQ(under->webhooks, 1);        // every change goes to the webhook

  auto planned = SetRequestStatus(*store_, r, "planned", "pm", today_, kNow);
  ASSERT_TRUE(planned.ok()) << planned.status().ToString();
  EXPECT_EQ(planned->cta_ids.size(), 2u);
  EXPECT_EQ(planned->timeline_entries, 2);
  auto again = SetRequestStatus(*store_, r, "planned", "pm", today_, kNow);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->changed);
  EXPECT_TRUE(again->cta_ids.empty());
  auto ctas = ProductCtas();
  ASSERT_EQ(ctas.size(), 2u);
  std::sort(ctas.begin(), ctas.end(),
            [](const auto& a, const auto& b) { return a.account_id < b.account_id; });
  EXPECT_EQ(ctas[0].account_id, "A1");
  EXPECT_EQ(ctas[0].owner, "Ann");
  EXPECT_NE(ctas[0].description.find("Person C1"), std::string::npos);
  EXPECT_NE(ctas[0].description.find("Person C2"), std::string::npos);
  EXPECT_EQ(ctas[1].account_id, "A2");
  EXPECT_EQ(ctas[1].owner, "Bob");
  EXPECT_NE(ctas[1].description.find("Person C3"), std::string::npos);

  // planned -> in_progress -> planned: the open CTA of that change is not made twice.
  ASSERT_TRUE(SetRequestStatus(*store_, r, "in_progress", "pm", today_, kNow).ok());
  auto replanned = SetRequestStatus(*store_, r, "planned", "pm", today_, kNow);
  ASSERT_TRUE(replanned.ok()) << replanned.status().ToString();
  EXPECT_TRUE(replanned->cta_ids.empty());
  EXPECT_EQ(ProductCtas().size(), 2u);

  auto shipped = SetRequestStatus(*store_, r, "shipped", "pm", today_, kNow);
  ASSERT_TRUE(shipped.ok());
  EXPECT_EQ(shipped->cta_ids.size(), 2u);
  EXPECT_EQ(ProductCtas().size(), 4u);
  auto timeline = store_->ListActivities("A1");
  int64_t updates = std::count_if(timeline->begin(), timeline->end(),
                                  [](const auto& a) { return a.type == "product_update"; });
  EXPECT_EQ(updates, 3);  // planned, planned again, shipped
  auto deliveries = store_->ListWebhookDeliveries("");
  EXPECT_EQ(deliveries->size(), 5u);  // under_review, planned, in_progress, planned, shipped
  EXPECT_NE(deliveries->back().payload.find("\"to\":\"shipped\""), std::string::npos);
  // A3 asked for another request: nothing for it.
  EXPECT_TRUE(store_->ListCtas({.account_id = "A3"})->empty());

  EXPECT_EQ(SetRequestStatus(*store_, r, "done", "pm", today_, kNow).status().id(), "status");
}

TEST_F(FeedbackTest, OpenBlockerRequestsCountUnshippedBlockers) {
  int64_t a = NewRequest("SSO");
  int64_t b = NewRequest("Audit");
  Log(Item("A1", "", "blocker", a));
  Log(Item("A1", "", "blocker", a));
  Log(Item("A1", "", "blocker", b));
  Log(Item("A2", "", "nice", a));
  auto counts = store_->CountOpenBlockerRequests();
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ((*counts)[0], (std::pair<std::string, int64_t>("A1", 2)));
  ASSERT_TRUE(SetRequestStatus(*store_, b, "shipped", "pm", today_, kNow).ok());
  EXPECT_EQ((*store_->CountOpenBlockerRequests())[0].second, 1);
}

TEST_F(FeedbackTest, TheProductRoleIsStorable) {
  store::UserRecord u;
  u.email = "pm@example.com";
  u.name = "Pat";
  u.role = "product";
  u.created_at = kNow;
  auto id = store_->InsertUser(u);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ((*store_->GetUserById(*id))->role, "product");
  u.email = "x@example.com";
  u.role = "boss";
  EXPECT_FALSE(store_->InsertUser(u).ok());
}

}  // namespace
}  // namespace tend::feedback
