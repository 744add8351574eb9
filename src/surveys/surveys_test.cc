#include "surveys/surveys.h"

#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>

#include "store/open_store.h"
#include "surveys/results.h"
#include "testutil/testutil.h"

namespace tend::surveys {
namespace {

constexpr EpochMs kDay = 24LL * 3600 * 1000;

class SurveysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore(dir_.File("w.db"), {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    store::AccountRecord a;
    a.account_id = "A1";
    a.name = "Acme";
    ASSERT_OK(store_->UpsertAccount(a));
    ASSERT_OK(store_->UpsertContact({"C1", "A1", "Ann Lee", "Ann@Example.com", "CTO", "", ""}));
    ASSERT_OK(store_->UpsertContact({"C2", "A1", "Bob", "", "", "", ""}));
    ASSERT_OK(store_->UpsertContact({"C3", "A1", "Cy", "cy@example.com", "", "", ""}));
    def_.name = "nps_q4";
    def_.kind = "nps";
    def_.subject = "{{contact.first_name}}, a question about {{account.name}}";
    def_.body = "Hi {{contact.name}},\n\nOne question <please>.";
  }

  // Sends def_ to `ids`; returns the token of the last mail queued.
  std::string Send(const std::vector<std::string>& ids, SendResult* out, EpochMs now) {
    SendOptions o;
    o.public_url = "https://t.example";
    auto values = [](const std::string& account, const std::string& name) {
      return name == "account.name" && account == "A1" ? std::string("Acme") : std::string();
    };
    auto r = SendSurvey(*store_, def_, ids, o, values, now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    *out = *r;
    auto mail = store_->ListMail("", 1);
    if (!mail.ok() || mail->empty()) return "";
    std::smatch m;
    static const std::regex kLink(R"(https://t\.example/s/([A-Za-z0-9_-]{43}))");
    std::string text = (*mail)[0].text;
    return std::regex_search(text, m, kLink) ? m[1].str() : "";
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  SurveyDef def_;
};

TEST_F(SurveysTest, SendsOnePersonalMailPerContactAndSaysWhoWasSkipped) {
  SendResult r;
  const EpochMs now = 1765000000000;
  std::string token = Send({"C1", "C2", "nobody", "C1"}, &r, now);
  EXPECT_EQ(r.queued, 1);
  ASSERT_EQ(r.skipped.size(), 2u);
  EXPECT_EQ(r.skipped[0].contact_id, "C2");
  EXPECT_EQ(r.skipped[0].reason, "no_email");
  EXPECT_EQ(r.skipped[1].reason, "unknown_contact");
  auto mail = (*store_->ListMail("", 10))[0];
  EXPECT_EQ(mail.recipient, "ann@example.com");
  EXPECT_EQ(mail.subject, "Ann, a question about Acme");
  EXPECT_EQ(mail.kind, "survey");
  EXPECT_NE(mail.html.find("One question &lt;please&gt;."), std::string::npos);
  for (int s = 0; s <= 10; ++s) {
    EXPECT_NE(mail.html.find("/s/" + token + "?score=" + std::to_string(s) + "\""),
              std::string::npos)
        << s;
  }
  EXPECT_NE(mail.headers.find("List-Unsubscribe: <https://t.example/s/" + token + "/unsubscribe>"),
            std::string::npos);
  // Only the token's hash is kept.
  auto inv = *store_->ListSurveyInvites("nps_q4");
  ASSERT_EQ(inv.size(), 1u);
  EXPECT_EQ(inv[0].token_hash, TokenHash(token));
  EXPECT_EQ(inv[0].token_hash.find(token), std::string::npos);
  EXPECT_EQ(inv[0].mail_id, std::optional<int64_t>(mail.mail_id));
  EXPECT_EQ(inv[0].expires_at, now + 30 * kDay);
  // Within the throttle days: skipped; after them: sent again.
  Send({"C1"}, &r, now + 29 * kDay);
  EXPECT_EQ(r.queued, 0);
  EXPECT_EQ(r.skipped[0].reason, "throttled");
  Send({"C1"}, &r, now + 31 * kDay);
  EXPECT_EQ(r.queued, 1);
  // Unsubscribed: never.
  std::string t3 = Send({"C3"}, &r, now);
  ASSERT_OK(UnsubscribeByToken(*store_, t3, now));
  Send({"C3"}, &r, now + 90 * kDay);
  EXPECT_EQ(r.skipped[0].reason, "unsubscribed");
}

TEST_F(SurveysTest, AnAnswerIsASurveyResponseAndASecondOneUpdatesIt) {
  SendResult r;
  const EpochMs now = 1765000000000;
  std::string token = Send({"C1"}, &r, now);
  auto a = Answer(*store_, token, 9, std::nullopt, now + 1000);
  ASSERT_OK(a.status());
  EXPECT_TRUE(a->first);
  auto surveys = *store_->ListSurveys("A1");
  ASSERT_EQ(surveys.size(), 1u);
  EXPECT_EQ(surveys[0].survey, "nps");
  EXPECT_EQ(surveys[0].score, 9);
  EXPECT_EQ(surveys[0].contact_id, "C1");
  EXPECT_EQ(surveys[0].ts, now + 1000);
  // A comment, then a changed score, within the window: the same response, updated.
  ASSERT_OK(Answer(*store_, token, std::nullopt, std::string("great support"), now + 2000).status());
  a = Answer(*store_, token, 6, std::nullopt, now + 3000);
  ASSERT_OK(a.status());
  EXPECT_FALSE(a->first);
  surveys = *store_->ListSurveys("A1");
  ASSERT_EQ(surveys.size(), 1u);
  EXPECT_EQ(surveys[0].score, 6);
  EXPECT_EQ(surveys[0].comment, "great support");
  EXPECT_EQ(surveys[0].ts, now + 1000);
  // After the window: refused, nothing written.
  auto late = Answer(*store_, token, 10, std::nullopt, now + 1000 + kAnswerWindowMs + 1);
  EXPECT_EQ(late.status().id(), "survey.answerClosed");
  EXPECT_EQ((*store_->ListSurveys("A1"))[0].score, 6);
  auto res = ComputeResults(*store_->ListSurveyInvites("nps_q4"), "nps");
  EXPECT_EQ(res.sent, 1);
  EXPECT_EQ(res.responses, 1);
  EXPECT_EQ(res.detractors, 1);
  EXPECT_EQ(res.nps, std::optional<double>(-100));
  ASSERT_EQ(res.comments.size(), 1u);
  EXPECT_EQ(res.comments[0].comment, "great support");
}

TEST_F(SurveysTest, BadInputWritesNothing) {
  SendResult r;
  const EpochMs now = 1765000000000;
  std::string token = Send({"C1"}, &r, now);
  EXPECT_EQ(Answer(*store_, "not-a-token", 9, std::nullopt, now).status().id(), "survey.badToken");
  std::string other = token;
  other[0] = other[0] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Answer(*store_, other, 9, std::nullopt, now).status().id(), "survey.badToken");
  EXPECT_EQ(Answer(*store_, token, 11, std::nullopt, now).status().id(), "survey.badScore");
  EXPECT_EQ(Answer(*store_, token, -1, std::nullopt, now).status().id(), "survey.badScore");
  EXPECT_EQ(Answer(*store_, token, std::nullopt, std::string("why"), now).status().id(),
            "survey.noScore");
  EXPECT_EQ(Answer(*store_, token, 9, std::string(kMaxCommentBytes + 1, 'x'), now).status().id(),
            "survey.commentTooLong");
  EXPECT_EQ(Answer(*store_, token, 9, std::string("\xff\xfe"), now).status().id(),
            "survey.commentTooLong");
  EXPECT_EQ(Answer(*store_, token, 9, std::nullopt, now + 30 * kDay).status().id(),
            "survey.expired");
  EXPECT_TRUE(store_->ListSurveys("A1")->empty());
  EXPECT_FALSE((*store_->ListSurveyInvites(""))[0].answered_at.has_value());
}

TEST(SurveyResultsTest, NpsIsPromotersMinusDetractorsInPercent) {
  std::vector<store::SurveyInviteRecord> inv(5);
  inv[0].score = 10;
  inv[1].score = 9;
  inv[2].score = 7;
  inv[3].score = 3;  // inv[4] not answered
  auto r = ComputeResults(inv, "nps");
  EXPECT_EQ(r.sent, 5);
  EXPECT_EQ(r.responses, 4);
  EXPECT_DOUBLE_EQ(r.response_rate, 0.8);
  EXPECT_EQ(r.promoters, 2);
  EXPECT_EQ(r.passives, 1);
  EXPECT_EQ(r.detractors, 1);
  EXPECT_EQ(r.nps, std::optional<double>(25));
  EXPECT_EQ(r.average, std::optional<double>(7.25));
  auto csat = ComputeResults(inv, "csat");
  EXPECT_FALSE(csat.nps.has_value());
  EXPECT_EQ(csat.promoters, 0);
  auto none = ComputeResults({}, "nps");
  EXPECT_EQ(none.response_rate, 0);
  EXPECT_FALSE(none.average.has_value());
}

}  // namespace
}  // namespace tend::surveys
