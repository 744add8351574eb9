#include "mail/outbox.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/open_store.h"
#include "testutil/testutil.h"

namespace tend::mail {
namespace {

// A transport that answers as told and keeps what it was given.
class FakeTransport : public MailTransport {
 public:
  Status Send(std::string_view from, std::string_view to, std::string_view message) override {
    sent.push_back({std::string(from), std::string(to), std::string(message)});
    return next;
  }
  struct Sent {
    std::string from, to, message;
  };
  std::vector<Sent> sent;
  Status next = Status::Ok();
};

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore(dir_.File("w.db"), {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  OutgoingMail Mail(std::string to) {
    OutgoingMail m;
    m.to = std::move(to);
    m.subject = "Quick question";
    m.text = "How are we doing?";
    m.html = "<p>How are we doing?</p>";
    m.headers = {{"List-Unsubscribe", "<https://t.example/u/1>"}};
    m.kind = "test";
    return m;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  FakeClock clock_{1765000000000};
  FakeTransport transport_;
};

TEST_F(OutboxTest, AddressesAndHeadersAreCheckedWhenQueued) {
  EXPECT_OK(CheckAddress("ann.lee+x@mail.example.org"));
  for (const char* bad : {"", "ann", "@example.com", "ann@", "ann@localhost", "a b@example.com",
                          "ann@example.com\r\nBcc: x@example.com", "<ann@example.com>",
                          "ann@@example.com"}) {
    EXPECT_EQ(CheckAddress(bad).id(), "mail.badAddress") << bad;
  }
  EXPECT_EQ(*EnvelopeAddress("Tend CS <cs@example.com>"), "cs@example.com");
  EXPECT_EQ(*EnvelopeAddress("cs@example.com"), "cs@example.com");
  EXPECT_EQ(EnvelopeAddress("Tënd <cs@example.com>").status().id(), "serve.badMailFrom");
  EXPECT_EQ(EnvelopeAddress("Tend <cs@example.com").status().id(), "serve.badMailFrom");
  OutgoingMail m = Mail("ann@example.com");
  m.headers.push_back({"X-Evil", "a\r\nBcc: x@example.com"});
  EXPECT_EQ(QueueMail(*store_, m, clock_.NowMs()).status().id(), "mail.badHeader");
  EXPECT_EQ(QueueMail(*store_, Mail("nobody"), clock_.NowMs()).status().id(), "mail.badAddress");
  EXPECT_EQ(store_->CountMail()->queued, 0);
  int64_t id = *QueueMail(*store_, Mail("ann@example.com"), clock_.NowMs());
  auto got = **store_->GetMail(id);
  EXPECT_EQ(got.headers, "List-Unsubscribe: <https://t.example/u/1>\r\n");
  EXPECT_EQ(got.next_attempt_at, clock_.NowMs());
}

TEST_F(OutboxTest, SendsDueMailAndMarksItSent) {
  int64_t id = *QueueMail(*store_, Mail("ann@example.com"), clock_.NowMs());
  MailSender sender(*store_, transport_, "Tend <cs@example.com>", clock_);
  auto r = sender.SendDue();
  ASSERT_OK(r.status());
  EXPECT_EQ(r->sent, 1);
  ASSERT_EQ(transport_.sent.size(), 1u);
  EXPECT_EQ(transport_.sent[0].from, "cs@example.com");
  EXPECT_EQ(transport_.sent[0].to, "ann@example.com");
  const std::string& msg = transport_.sent[0].message;
  EXPECT_NE(msg.find("From: Tend <cs@example.com>\r\n"), std::string::npos);
  EXPECT_NE(msg.find("List-Unsubscribe: <https://t.example/u/1>\r\n"), std::string::npos);
  EXPECT_NE(msg.find("Message-ID: <tend." + std::to_string(id) + "."), std::string::npos);
  auto got = **store_->GetMail(id);
  EXPECT_EQ(got.status, "sent");
  EXPECT_EQ(got.attempts, 1);
  EXPECT_EQ(got.sent_at, std::optional<EpochMs>(clock_.NowMs()));
  // Nothing is sent twice.
  EXPECT_EQ(sender.SendDue()->sent, 0);
  EXPECT_EQ(transport_.sent.size(), 1u);
}

TEST_F(OutboxTest, RetriesWithBackoffThenGivesUp) {
  int64_t id = *QueueMail(*store_, Mail("ann@example.com"), clock_.NowMs());
  MailSender sender(*store_, transport_, "cs@example.com", clock_);
  transport_.next = Status(ErrorCode::kUnavailable, "mail.unavailable", "connection refused");
  EXPECT_EQ(sender.SendDue()->retrying, 1);
  auto got = **store_->GetMail(id);
  EXPECT_EQ(got.status, "queued");
  EXPECT_EQ(got.last_error, "connection refused");
  EXPECT_EQ(got.next_attempt_at, clock_.NowMs() + 2000);
  // Not due before its time.
  clock_.Advance(1999);
  EXPECT_EQ(sender.SendDue()->retrying, 0);
  EXPECT_EQ(transport_.sent.size(), 1u);
  for (int attempt = 2; attempt <= MailSender::kMaxAttempts; ++attempt) {
    clock_.Advance(MailSender::Backoff(attempt - 1));
    auto r = *sender.SendDue();
    EXPECT_EQ(r.retrying + r.failed, 1) << attempt;
  }
  got = **store_->GetMail(id);
  EXPECT_EQ(got.status, "failed");
  EXPECT_EQ(got.attempts, MailSender::kMaxAttempts);
  EXPECT_EQ(MailSender::Backoff(30), 3600 * 1000);
  // Back in the queue on request, and then it goes.
  EXPECT_EQ(*store_->RequeueFailedMail(clock_.NowMs()), 1);
  transport_.next = Status::Ok();
  EXPECT_EQ(sender.SendDue()->sent, 1);
}

TEST_F(OutboxTest, APermanentRefusalFailsAtOnce) {
  int64_t id = *QueueMail(*store_, Mail("ann@example.com"), clock_.NowMs());
  MailSender sender(*store_, transport_, "cs@example.com", clock_);
  transport_.next = InvalidArgument("mail.refused", "550 no such user");
  EXPECT_EQ(sender.SendDue()->failed, 1);
  auto got = **store_->GetMail(id);
  EXPECT_EQ(got.status, "failed");
  EXPECT_EQ(got.last_error, "550 no such user");
}

TEST(SmtpUrlTest, UrlsAreCheckedAndPasswordsNeverShown) {
  EXPECT_OK(CheckSmtpUrl("smtp://127.0.0.1:2525"));
  EXPECT_OK(CheckSmtpUrl("smtps://user%40example.com:s3cret@mail.example.com:465"));
  EXPECT_OK(CheckSmtpUrl("smtp://mail.example.com"));
  for (const char* bad : {"http://x:25", "smtp://", "smtp://:25", "smtp://host:99999",
                          "smtp://host:x", "mail.example.com:25", "smtp://ho st:25"}) {
    EXPECT_EQ(CheckSmtpUrl(bad).id(), "serve.badSmtpUrl") << bad;
  }
  Status st = CheckSmtpUrl("ftp://bob:hunter2@host");
  EXPECT_EQ(st.message().find("hunter2"), std::string::npos) << st.message();
  EXPECT_EQ(RedactUrl("smtps://bob:hunter2@host:465"), "smtps://bob:***@host:465");
  EXPECT_EQ(RedactUrl("smtp://bob@host:25"), "smtp://bob@host:25");
  EXPECT_EQ(RedactUrl("smtp://host:25"), "smtp://host:25");
}

}  // namespace
}  // namespace tend::mail
