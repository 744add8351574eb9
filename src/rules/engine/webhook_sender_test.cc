// Tests for WebhookSender against a real local HTTP receiver (cpp-httplib on 127.0.0.1, a
// free port): quick retries with backoff (the sleep is injected, so nothing waits), the
// schedule of the next attempt, giving up after kMaxAttempts with the last error kept,
// RetryFailed, and payloads queued by the rule engine (JSON and Slack) as the receiver sees them.
#include "rules/engine/webhook_sender.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "ingest/importer.h"
#include "rules/engine/rule_engine.h"
#include "rules/engine/webhook_targets.h"
#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::rules {
namespace {

using testing::TempDir;
using testing::WriteFile;

// An HTTP receiver on 127.0.0.1 that answers 500 to the first `fail_first` POSTs to /hook
// (all of them when fail_first < 0), then 200.
class Receiver {
 public:
  explicit Receiver(int fail_first) : fail_first_(fail_first) {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      int n = ++requests_;
      {
        std::lock_guard<std::mutex> lock(mu_);
        bodies_.push_back(req.body);
        content_types_.push_back(req.get_header_value("Content-Type"));
      }
      int fail = fail_first_.load();
      if (fail < 0 || n <= fail) {
        res.status = 500;
        res.set_content("nope", "text/plain");
      } else {
        res.status = status_ok_;
        res.set_content("ok", "text/plain");
      }
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  int requests() const { return requests_.load(); }
  void set_fail_first(int n) {
    fail_first_ = n;
    requests_ = 0;
  }
  void set_status_ok(int s) { status_ok_ = s; }
  std::vector<std::string> bodies() {
    std::lock_guard<std::mutex> lock(mu_);
    return bodies_;
  }
  std::vector<std::string> content_types() {
    std::lock_guard<std::mutex> lock(mu_);
    return content_types_;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> fail_first_;
  std::atomic<int> requests_{0};
  std::atomic<int> status_ok_{200};
  std::mutex mu_;
  std::vector<std::string> bodies_, content_types_;
};

class WebhookSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("tend.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    WriteFile(dir_.File("accounts.csv"),
              "account_id,name,csm,score\nA1,Acme,ann,20\nA2,Beta,bob,80\n");
    auto r = ingest::RunImport(*store_,
                               {{ingest::ImportKind::kAccounts, dir_.File("accounts.csv")}}, {});
    ASSERT_TRUE(r.ok() && r->committed);
  }

  int64_t Queue(const std::string& url, const std::string& payload = R"j({"hello":"world"})j") {
    store::WebhookDeliveryRecord d;
    d.rule = "r";
    d.account_id = "A1";
    d.url = url;
    d.payload = payload;
    d.created_at = NowMs();
    d.next_attempt_at = NowMs();
    auto id = store_->InsertWebhookDelivery(d);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  store::WebhookDeliveryRecord Get(int64_t id) {
    auto all = store_->ListWebhookDeliveries("");
    EXPECT_TRUE(all.ok());
    for (const auto& d : *all) {
      if (d.delivery_id == id) return d;
    }
    ADD_FAILURE() << "no delivery " << id;
    return {};
  }

  // Makes a scheduled delivery due now.
  void MakeDue(int64_t id) {
    auto d = Get(id);
    d.next_attempt_at = NowMs() - 1;
    ASSERT_OK(store_->UpdateWebhookDelivery(d));
  }

  WebhookSender Sender() {
    return WebhookSender(*store_, [this](int ms) { sleeps_.push_back(ms); });
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::vector<int> sleeps_;
};

TEST_F(WebhookSenderTest, DeliversOnTheFirstTry) {
  Receiver rx(0);
  int64_t id = Queue(rx.url());
  auto r = Sender().DeliverDue();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->delivered, 1);
  EXPECT_EQ(r->retrying, 0);
  EXPECT_EQ(r->failed, 0);
  auto d = Get(id);
  EXPECT_EQ(d.status, "delivered");
  EXPECT_EQ(d.attempts, 1);
  EXPECT_TRUE(d.delivered_at.has_value());
  EXPECT_FALSE(d.next_attempt_at.has_value());
  EXPECT_EQ(d.last_error, "");
  EXPECT_TRUE(sleeps_.empty());
  ASSERT_EQ(rx.bodies().size(), 1u);
  EXPECT_EQ(rx.bodies()[0], R"j({"hello":"world"})j");
  EXPECT_EQ(rx.content_types()[0], "application/json");
  // Delivered deliveries are not sent again.
  auto again = Sender().DeliverDue();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->delivered, 0);
  EXPECT_EQ(rx.requests(), 1);
}

TEST_F(WebhookSenderTest, AnyTwoHundredCounts) {
  Receiver rx(0);
  rx.set_status_ok(204);
  int64_t id = Queue(rx.url());
  ASSERT_TRUE(Sender().DeliverDue().ok());
  EXPECT_EQ(Get(id).status, "delivered");
}

TEST_F(WebhookSenderTest, QuickRetriesBackOffAndThenDeliver) {
  Receiver rx(2);
  int64_t id = Queue(rx.url());
  auto r = Sender().DeliverDue(3);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->delivered, 1);
  auto d = Get(id);
  EXPECT_EQ(d.status, "delivered");
  EXPECT_EQ(d.attempts, 3);
  EXPECT_EQ(d.last_error, "");
  EXPECT_EQ(sleeps_, (std::vector<int>{250, 500}));
  EXPECT_EQ(rx.requests(), 3);
}

TEST_F(WebhookSenderTest, SchedulesTheNextAttemptWithExponentialBackoff) {
  Receiver rx(4);
  int64_t id = Queue(rx.url());
  EpochMs before = NowMs();
  auto r = Sender().DeliverDue(3);
  EpochMs after = NowMs();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->retrying, 1);
  auto d = Get(id);
  EXPECT_EQ(d.status, "pending");
  EXPECT_EQ(d.attempts, 3);
  EXPECT_EQ(d.last_error, "HTTP 500: nope");
  ASSERT_TRUE(d.next_attempt_at.has_value());
  // 2^attempts seconds after the last try.
  EXPECT_GE(*d.next_attempt_at, before + 8000);
  EXPECT_LE(*d.next_attempt_at, after + 8000);
  // Not due yet: nothing is sent.
  auto early = Sender().DeliverDue(3);
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->delivered + early->retrying + early->failed, 0);
  EXPECT_EQ(rx.requests(), 3);
  // Due: the 4th attempt fails, the 5th (the last allowed) succeeds.
  MakeDue(id);
  auto later = Sender().DeliverDue(3);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->delivered, 1);
  d = Get(id);
  EXPECT_EQ(d.status, "delivered");
  EXPECT_EQ(d.attempts, 5);
  EXPECT_EQ(rx.requests(), 5);
}

TEST_F(WebhookSenderTest, OneQuickAttemptSchedulesTwoSecondsLater) {
  Receiver rx(-1);
  int64_t id = Queue(rx.url());
  EpochMs before = NowMs();
  ASSERT_TRUE(Sender().DeliverDue(1).ok());
  auto d = Get(id);
  EXPECT_EQ(d.attempts, 1);
  ASSERT_TRUE(d.next_attempt_at.has_value());
  EXPECT_GE(*d.next_attempt_at, before + 2000);
  EXPECT_LE(*d.next_attempt_at, NowMs() + 2000);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(WebhookSenderTest, FailsAfterMaxAttemptsKeepsTheErrorAndRetryFailedRequeues) {
  Receiver rx(-1);
  int64_t id = Queue(rx.url());
  auto first = Sender().DeliverDue(3);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->retrying, 1);
  MakeDue(id);
  auto second = Sender().DeliverDue(3);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->failed, 1);
  EXPECT_EQ(second->retrying, 0);
  EXPECT_EQ(rx.requests(), WebhookSender::kMaxAttempts);
  auto d = Get(id);
  EXPECT_EQ(d.status, "failed");
  EXPECT_EQ(d.attempts, WebhookSender::kMaxAttempts);
  EXPECT_EQ(d.last_error, "HTTP 500: nope");
  EXPECT_FALSE(d.next_attempt_at.has_value());
  EXPECT_FALSE(d.delivered_at.has_value());
  // Kept and visible, never sent again by itself.
  auto failed = store_->ListWebhookDeliveries("failed");
  ASSERT_TRUE(failed.ok());
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ((*failed)[0].delivery_id, id);
  ASSERT_TRUE(Sender().DeliverDue(3).ok());
  EXPECT_EQ(rx.requests(), WebhookSender::kMaxAttempts);

  auto n = Sender().RetryFailed();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  d = Get(id);
  EXPECT_EQ(d.status, "pending");
  EXPECT_EQ(d.attempts, 0);
  auto none = Sender().RetryFailed();
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  rx.set_fail_first(0);
  auto retried = Sender().DeliverDue(3);
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->delivered, 1);
  d = Get(id);
  EXPECT_EQ(d.status, "delivered");
  EXPECT_EQ(d.attempts, 1);
}

TEST_F(WebhookSenderTest, UnreachableReceiverIsRetriedWithTheConnectionError) {
  // A port that was free a moment ago: nothing listens there (connections are refused).
  int port = 0;
  {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    port = ntohs(addr.sin_port);
    ::close(fd);
  }
  int64_t id = Queue("http://127.0.0.1:" + std::to_string(port) + "/hook");
  auto r = Sender().DeliverDue(2);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->retrying, 1);
  auto d = Get(id);
  EXPECT_EQ(d.attempts, 2);
  EXPECT_EQ(d.last_error.rfind("no answer: ", 0), 0u) << d.last_error;
  EXPECT_EQ(sleeps_, (std::vector<int>{250}));
}

// Issue 17, item 10: metadata and link-local addresses are refused by default, at once and
// with the reason; a workspace setting allows or denies ranges.
TEST_F(WebhookSenderTest, MetadataAndLinkLocalTargetsAreRefusedUnlessAllowed) {
  Receiver rx(0);
  int64_t meta = Queue("http://169.254.169.254/latest/meta-data/");
  int64_t mapped = Queue("http://[::ffff:169.254.169.254]/x");
  int64_t named = Queue("http://metadata.google.internal/computeMetadata/v1/");
  int64_t v6 = Queue("http://[fe80::1]:8080/hook");
  int64_t local = Queue(rx.url());
  auto r = Sender().DeliverDue();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->failed, 4);
  EXPECT_EQ(r->delivered, 1);
  for (int64_t id : {meta, mapped, named, v6}) {
    auto d = Get(id);
    EXPECT_EQ(d.status, "failed") << d.url;
    EXPECT_EQ(d.attempts, 0) << d.url;  // nothing was sent
    EXPECT_EQ(d.last_error.rfind("refused: ", 0), 0u) << d.last_error;
  }
  EXPECT_NE(Get(meta).last_error.find("169.254.0.0/16"), std::string::npos);
  EXPECT_EQ(Get(local).status, "delivered");  // loopback is allowed unless denied

  // Denying loopback refuses the receiver; allowing a range wins over every deny.
  WebhookTargets t;
  t.deny = {"127.0.0.0/8", "::1/128"};
  ASSERT_OK(SaveWebhookTargets(*store_, t));
  int64_t denied = Queue(rx.url());
  ASSERT_TRUE(Sender().DeliverDue().ok());
  EXPECT_NE(Get(denied).last_error.find("127.0.0.0/8"), std::string::npos);
  EXPECT_EQ(CheckWebhookTarget("http://169.254.169.254/", t).empty(), false);
  t.allow = {"169.254.169.254/32"};
  EXPECT_EQ(CheckWebhookTarget("http://169.254.169.254/", t), "");
  EXPECT_EQ(SaveWebhookTargets(*store_, WebhookTargets{{"10.0.0.0/33"}, {}}).id(),
            "webhooks.badRange");
  EXPECT_EQ(SaveWebhookTargets(*store_, WebhookTargets{{}, {"not-an-ip"}}).id(),
            "webhooks.badRange");
}

TEST_F(WebhookSenderTest, PostRejectsWhatIsNotAUrl) {
  EXPECT_EQ(WebhookSender::Post("hooks.example.com/x", "{}"), "not an http(s) URL");
}

TEST_F(WebhookSenderTest, SeveralDeliveriesEachGetTheirOwnOutcome) {
  Receiver ok(0);
  Receiver bad(-1);
  int64_t a = Queue(ok.url(), R"j({"n":1})j");
  int64_t b = Queue(bad.url(), R"j({"n":2})j");
  int64_t c = Queue(ok.url(), R"j({"n":3})j");
  auto r = Sender().DeliverDue(1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->delivered, 2);
  EXPECT_EQ(r->retrying, 1);
  EXPECT_EQ(Get(a).status, "delivered");
  EXPECT_EQ(Get(b).status, "pending");
  EXPECT_EQ(Get(c).status, "delivered");
  EXPECT_EQ(ok.bodies(), (std::vector<std::string>{R"j({"n":1})j", R"j({"n":3})j"}));
}

// The rule engine queues, the sender delivers: what the receiver gets for each format.
TEST_F(WebhookSenderTest, EngineQueuedPayloadsAsTheReceiverSeesThem) {
  Receiver rx(0);
  std::string yaml =
      "scorecards:\n"
      "  - name: health\n"
      "    measures:\n"
      "      - {name: s, weight: 1, value: score}\n"
      "rules:\n"
      "  - name: low\n"
      "    when: score < 50\n"
      "    actions:\n"
      "      - webhook: {url: \"" +
      rx.url() +
      "\", text: \"{{account.name}} scored {{score}}\"}\n"
      "      - webhook: {url: \"" +
      rx.url() +
      "\", format: slack, text: \"*{{account.name}}* is {{health.color}} ({{health.overall}})\"}\n";
  auto attrs = store_->LoadAttributeDefs();
  ASSERT_TRUE(attrs.ok());
  auto compiled = definitions::Compile({{"defs.yaml", yaml}}, *attrs);
  ASSERT_TRUE(std::holds_alternative<definitions::Definitions>(compiled))
      << ::testing::PrintToString(std::get<std::vector<std::string>>(compiled));
  ASSERT_OK(store_->ReplaceDefinitionFiles({{"defs.yaml", yaml, 0}}));
  auto session = scorecard::HealthSession::Open(*store_);
  ASSERT_TRUE(session.ok());
  ASSERT_OK((*session)->Refresh(*ParseDate("2026-10-01"), true));
  auto run = RuleEngine(**session).Run();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->webhooks_queued, 2);
  auto sent = Sender().DeliverDue();
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent->delivered, 2);
  auto bodies = rx.bodies();
  ASSERT_EQ(bodies.size(), 2u);
  auto json = nlohmann::json::parse(bodies[0]);
  EXPECT_EQ(json["rule"], "low");
  EXPECT_EQ(json["account_id"], "A1");
  EXPECT_EQ(json["account_name"], "Acme");
  EXPECT_EQ(json["message"], "Acme scored 20");
  EXPECT_EQ(json["as_of"], "2026-10-01");
  EXPECT_EQ(json["values"], nlohmann::json::parse(R"j({"score": 20})j"));
  EXPECT_EQ(nlohmann::json::parse(bodies[1]),
            nlohmann::json::parse(R"j({"text": "*Acme* is red (20)"})j"));
  // Running the rules again queues nothing more.
  auto session2 = scorecard::HealthSession::Open(*store_);
  ASSERT_TRUE(session2.ok());
  ASSERT_OK((*session2)->Refresh(*ParseDate("2026-10-01"), true));
  auto run2 = RuleEngine(**session2).Run();
  ASSERT_TRUE(run2.ok());
  EXPECT_EQ(run2->webhooks_queued, 0);
  auto all = store_->ListWebhookDeliveries("");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
}

}  // namespace
}  // namespace tend::rules
