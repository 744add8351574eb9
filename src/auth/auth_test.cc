// Tests for Auth on a real SQLite workspace: users (add, list, find, validation, duplicates,
// roles), logins (the same error for a bad password and an unknown email, lockout after five
// failures and its back-off, reset), disabled users, session expiry and logout, API tokens
// and write keys (create, check, revoke, last use), and that only hashes are stored.
#include "auth/auth.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "auth/origins.h"
#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::auth {
namespace {

using testing::TempDir;

constexpr EpochMs kT0 = 1'780'000'000'000;  // some time in 2026
constexpr EpochMs kSec = 1000;

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("tend.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auth_ = std::make_unique<Auth>(*store_, &throttle_);
  }

  User MustAdd(const std::string& email, Role role = Role::kCsm,
               const std::string& password = "correct horse") {
    auto u = auth_->AddUser(email, "Name of " + email, role, password, kT0);
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return u.ok() ? *u : User{};
  }

  TempDir dir_;
  LoginThrottle throttle_;  // each test counts from zero
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Auth> auth_;
};

TEST(RoleTest, NamesRoundTrip) {
  for (Role r : {Role::kAdmin, Role::kOps, Role::kCsm, Role::kSales, Role::kViewer}) {
    auto parsed = ParseRole(RoleName(r));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, r);
  }
  auto bad = ParseRole("root");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.status().id(), "auth.badRole");
}

TEST(SecretTest, ShapeAndHash) {
  std::string a = NewSecret("tend"), b = NewSecret("tend");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 5u + 52u);  // "tend_" + 256 bits in base32
  EXPECT_EQ(a.rfind("tend_", 0), 0u);
  for (char c : a.substr(5)) {
    EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7')) << a;
  }
  std::string h = HashSecret(a);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h, HashSecret(a));
  EXPECT_NE(h, HashSecret(b));
  // BLAKE2b-256 of "abc".
  EXPECT_EQ(HashSecret("abc"), "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST(PasswordTest, HashAndVerify) {
  auto h = HashPassword("s3cret-pass");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u) << *h;
  EXPECT_TRUE(VerifyPassword(*h, "s3cret-pass"));
  EXPECT_FALSE(VerifyPassword(*h, "s3cret-pasS"));
  EXPECT_FALSE(VerifyPassword("", "s3cret-pass"));
  EXPECT_FALSE(VerifyPassword("not a hash", "s3cret-pass"));
}

TEST_F(AuthTest, AddListFind) {
  User ann = MustAdd("Ann@Example.COM", Role::kAdmin);
  EXPECT_GT(ann.user_id, 0);
  EXPECT_EQ(ann.email, "ann@example.com");
  EXPECT_EQ(ann.role, Role::kAdmin);
  EXPECT_FALSE(ann.disabled);
  EXPECT_EQ(ann.created_at, kT0);
  MustAdd("bob@example.com", Role::kViewer);

  auto users = auth_->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].email, "ann@example.com");
  EXPECT_EQ((*users)[0].name, "Name of Ann@Example.COM");
  EXPECT_EQ((*users)[1].email, "bob@example.com");
  EXPECT_EQ((*users)[1].role, Role::kViewer);
  auto count = auth_->CountUsers();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 2);

  auto found = auth_->FindUser("ANN@example.com");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->user_id, ann.user_id);
  auto by_id = auth_->GetUser(ann.user_id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->email, "ann@example.com");

  auto missing = auth_->FindUser("nobody@example.com");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.status().id(), "auth.noUser");
  EXPECT_EQ(auth_->GetUser(9999).status().id(), "auth.noUser");
}

TEST_F(AuthTest, DuplicateEmailIsRefusedWhateverTheCase) {
  MustAdd("ann@example.com");
  auto again = auth_->AddUser("ANN@example.com", "Ann", Role::kOps, "another password", kT0);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(again.status().id(), "auth.userExists");
}

TEST_F(AuthTest, BadEmailsAndShortPasswords) {
  for (const char* email : {"", "ann", "ann@", "@example.com", "ann@example", "ann@example.",
                            "ann@.com", "ann@@example.com", "a nn@example.com", "ann@ex..com"}) {
    auto u = auth_->AddUser(email, "Ann", Role::kCsm, "long enough", kT0);
    ASSERT_FALSE(u.ok()) << email;
    EXPECT_EQ(u.status().code(), ErrorCode::kInvalidArgument) << email;
    EXPECT_EQ(u.status().id(), "auth.badEmail") << email;
  }
  auto weak = auth_->AddUser("ann@example.com", "Ann", Role::kCsm, "1234567", kT0);
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(weak.status().id(), "auth.weakPassword");
  // Eight characters, some of them multi-byte, are enough.
  EXPECT_TRUE(auth_->AddUser("ann@example.com", "Ann", Role::kCsm, "pässwörd", kT0).ok());
  auto users = auth_->ListUsers();
  ASSERT_TRUE(users.ok());
  EXPECT_EQ(users->size(), 1u);
}

TEST_F(AuthTest, SetRole) {
  MustAdd("ann@example.com", Role::kViewer);
  EXPECT_OK(auth_->SetRole("Ann@example.com", Role::kOps));
  EXPECT_EQ(auth_->FindUser("ann@example.com")->role, Role::kOps);
  Status s = auth_->SetRole("nobody@example.com", Role::kOps);
  EXPECT_EQ(s.code(), ErrorCode::kNotFound);
  EXPECT_EQ(s.id(), "auth.noUser");
}

TEST_F(AuthTest, LoginAndCheckSession) {
  User ann = MustAdd("ann@example.com");
  auto s = auth_->Login("ANN@example.com", "correct horse", kT0);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->token.rfind("tends_", 0), 0u) << s->token;
  EXPECT_FALSE(s->csrf_token.empty());
  EXPECT_EQ(s->user.user_id, ann.user_id);
  EXPECT_EQ(s->expires_at, kT0 + kSessionMs);

  auto c = auth_->CheckSession(s->token, kT0 + 60 * kSec);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->token.empty());
  EXPECT_EQ(c->csrf_token, s->csrf_token);
  EXPECT_EQ(c->user.email, "ann@example.com");
  EXPECT_EQ(c->expires_at, s->expires_at);

  auto other = auth_->CheckSession(NewSecret("tends"), kT0);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(other.status().id(), "auth.badSession");
  EXPECT_EQ(auth_->CheckSession("", kT0).status().id(), "auth.badSession");
}

TEST_F(AuthTest, BadPasswordAndUnknownEmailFailAlike) {
  MustAdd("ann@example.com");
  auto bad = auth_->Login("ann@example.com", "wrong horse", kT0);
  auto unknown = auth_->Login("nobody@example.com", "wrong horse", kT0);
  auto invalid = auth_->Login("not an email", "wrong horse", kT0);
  for (const auto* r : {&bad, &unknown, &invalid}) {
    ASSERT_FALSE(r->ok());
    EXPECT_EQ(r->status().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(r->status().id(), "auth.badLogin");
    EXPECT_EQ(r->status().message(), bad.status().message());
  }
}

TEST_F(AuthTest, LockoutAfterFiveFailuresThenBackOff) {
  MustAdd("ann@example.com");
  EpochMs t = kT0;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth_->Login("ann@example.com", "wrong", t).status().id(), "auth.badLogin") << i;
  }
  // The sixth attempt, even with the right password, is refused for 2^0 = 1 second.
  auto locked = auth_->Login("ann@example.com", "correct horse", t + 500);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(locked.status().id(), "auth.tooManyAttempts");
  EXPECT_NE(locked.status().message().find("in 1 second"), std::string::npos)
      << locked.status().message();
  // A refused attempt does not count: after the second, one more failure means 2 seconds.
  t += kSec;
  EXPECT_EQ(auth_->Login("ann@example.com", "wrong", t).status().id(), "auth.badLogin");
  EXPECT_EQ(auth_->Login("ann@example.com", "correct horse", t + 1999).status().id(),
            "auth.tooManyAttempts");
  t += 2 * kSec;
  EXPECT_EQ(auth_->Login("ann@example.com", "wrong", t).status().id(), "auth.badLogin");
  auto four = auth_->Login("ann@example.com", "correct horse", t);
  EXPECT_NE(four.status().message().find("in 4 seconds"), std::string::npos)
      << four.status().message();
  // Once the wait is over the right password works and resets the count.
  t += 4 * kSec;
  ASSERT_TRUE(auth_->Login("ann@example.com", "correct horse", t).ok());
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(auth_->Login("ann@example.com", "wrong", t).ok());
  EXPECT_TRUE(auth_->Login("ann@example.com", "correct horse", t).ok());
  // Other users are not affected.
  MustAdd("bob@example.com");
  EXPECT_TRUE(auth_->Login("bob@example.com", "correct horse", t).ok());
}

// Issue 17, item 3: 40 simultaneous wrong passwords for one account were all checked. The
// attempts being checked count, so exactly five are; the rest wait.
TEST_F(AuthTest, SimultaneousGuessesAreCountedBeforeTheyAreChecked) {
  MustAdd("ann@example.com");
  LoginLimits limits;
  limits.max_concurrent_hashes = 64;  // this test is about the count, not the hash slots
  throttle_.SetLimits(limits);
  std::atomic<int> checked{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&] {
      auto st = store::OpenSqliteStore(dir_.File("tend.db"));
      ASSERT_TRUE(st.ok()) << st.status().ToString();
      Auth a(**st, &throttle_);
      auto r = a.Login("ann@example.com", "wrong horse", kT0);
      if (r.status().id() == "auth.badLogin") {
        ++checked;
      } else if (r.status().id() == "auth.tooManyAttempts") {
        ++refused;
      } else {
        ++other;
        ADD_FAILURE() << r.status().ToString();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(checked, 5);
  EXPECT_EQ(refused, 35);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(store_->FindUserByEmail("ann@example.com").value()->failed_logins, 5);
}

// Issue 17, item 2: an unknown email is throttled exactly like a known one.
TEST_F(AuthTest, UnknownEmailsAreThrottledLikeKnownOnes) {
  MustAdd("ann@example.com");
  std::vector<std::string> known, unknown;
  for (int i = 0; i < 7; ++i) {
    known.push_back(auth_->Login("ann@example.com", "wrong", kT0).status().message());
    unknown.push_back(auth_->Login("nobody@example.com", "wrong", kT0).status().message());
  }
  EXPECT_EQ(known, unknown);
  EXPECT_EQ(auth_->Login("nobody@example.com", "wrong", kT0).status().id(), "auth.tooManyAttempts");
}

// Issue 17, item 2: one address guessing many emails is throttled too.
TEST_F(AuthTest, OneAddressGuessingManyEmailsIsThrottled) {
  MustAdd("ann@example.com");
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(auth_->Login("user" + std::to_string(i) + "@example.com", "wrong", kT0, "192.0.2.7")
                  .status()
                  .id(),
              "auth.badLogin")
        << i;
  }
  auto r = auth_->Login("ann@example.com", "correct horse", kT0, "192.0.2.7");
  EXPECT_EQ(r.status().id(), "auth.tooManyAttempts");
  EXPECT_NE(r.status().message().find("from this address"), std::string::npos);
  // Another address is not affected, and the wait passes.
  EXPECT_TRUE(auth_->Login("ann@example.com", "correct horse", kT0, "192.0.2.8").ok());
  EXPECT_TRUE(auth_->Login("ann@example.com", "correct horse", kT0 + kSec, "192.0.2.7").ok());
}

// Issue 17, item 2: at most max_concurrent_hashes password checks at once; more are refused
// at once instead of queued (each holds 64 MiB).
TEST(LoginThrottleTest, HashSlotsAreBounded) {
  LoginLimits limits;
  limits.max_concurrent_hashes = 2;
  LoginThrottle t(limits);
  auto a = t.Admit("a@example.com", "192.0.2.1", kT0);
  auto b = t.Admit("b@example.com", "192.0.2.2", kT0);
  ASSERT_TRUE(a.ok() && b.ok());
  auto c = t.Admit("c@example.com", "192.0.2.3", kT0);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().id(), "auth.busy");
  EXPECT_EQ(c.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(c.status().message().find("in 1 second"), std::string::npos);
  a->Finish(true, kT0);
  EXPECT_TRUE(t.Admit("c@example.com", "192.0.2.3", kT0).ok());
}

TEST_F(AuthTest, LockoutWaitIsCappedAt900Seconds) {
  User ann = MustAdd("ann@example.com");
  for (int i = 0; i < 30; ++i) ASSERT_OK(store_->RecordFailedLogin(ann.user_id, kT0));
  auto locked = auth_->Login("ann@example.com", "correct horse", kT0);
  EXPECT_NE(locked.status().message().find("in 900 seconds"), std::string::npos)
      << locked.status().message();
  EXPECT_EQ(auth_->Login("ann@example.com", "correct horse", kT0 + 899 * kSec).status().id(),
            "auth.tooManyAttempts");
  EXPECT_TRUE(auth_->Login("ann@example.com", "correct horse", kT0 + 900 * kSec).ok());
}

TEST_F(AuthTest, ResetPasswordClearsLockout) {
  MustAdd("ann@example.com");
  for (int i = 0; i < 8; ++i) (void)auth_->Login("ann@example.com", "wrong", kT0);
  EXPECT_EQ(auth_->Login("ann@example.com", "correct horse", kT0).status().id(),
            "auth.tooManyAttempts");
  EXPECT_EQ(auth_->ResetPassword("ann@example.com", "short").id(), "auth.weakPassword");
  EXPECT_EQ(auth_->ResetPassword("nobody@example.com", "new password").id(), "auth.noUser");
  ASSERT_OK(auth_->ResetPassword("ann@example.com", "new password"));
  EXPECT_EQ(auth_->Login("ann@example.com", "correct horse", kT0).status().id(), "auth.badLogin");
  EXPECT_TRUE(auth_->Login("ann@example.com", "new password", kT0).ok());
}

TEST_F(AuthTest, DisabledUserIsLockedOutEverywhere) {
  User ann = MustAdd("ann@example.com");
  auto session = auth_->Login("ann@example.com", "correct horse", kT0);
  ASSERT_TRUE(session.ok());
  auto token = auth_->CreateToken(ann.user_id, "ci", kT0);
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(auth_->CheckToken(*token, kT0).ok());

  ASSERT_OK(auth_->Disable("ann@example.com"));
  EXPECT_TRUE(auth_->FindUser("ann@example.com")->disabled);
  auto login = auth_->Login("ann@example.com", "correct horse", kT0);
  EXPECT_EQ(login.status().id(), "auth.badLogin");
  EXPECT_EQ(auth_->CheckSession(session->token, kT0).status().id(), "auth.badSession");
  EXPECT_EQ(auth_->CheckToken(*token, kT0).status().id(), "auth.badToken");
  EXPECT_EQ(auth_->Disable("nobody@example.com").id(), "auth.noUser");
}

TEST_F(AuthTest, SessionExpiresAndLogoutEndsIt) {
  MustAdd("ann@example.com");
  auto s = auth_->Login("ann@example.com", "correct horse", kT0);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(auth_->CheckSession(s->token, kT0 + kSessionMs - 1).ok());
  EXPECT_EQ(auth_->CheckSession(s->token, kT0 + kSessionMs).status().id(), "auth.badSession");
  EXPECT_EQ(auth_->CheckSession(s->token, kT0).status().id(), "auth.badSession")
      << "an expired session is deleted";

  auto a = auth_->Login("ann@example.com", "correct horse", kT0);
  auto b = auth_->Login("ann@example.com", "correct horse", kT0);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->token, b->token);
  EXPECT_NE(a->csrf_token, b->csrf_token);
  ASSERT_OK(auth_->Logout(a->token));
  EXPECT_EQ(auth_->CheckSession(a->token, kT0).status().id(), "auth.badSession");
  EXPECT_TRUE(auth_->CheckSession(b->token, kT0).ok()) << "other sessions stay";
  EXPECT_OK(auth_->Logout(a->token));  // twice is fine
}

TEST_F(AuthTest, ApiTokens) {
  User ann = MustAdd("ann@example.com");
  User bob = MustAdd("bob@example.com");
  auto t1 = auth_->CreateToken(ann.user_id, "ci", kT0);
  auto t2 = auth_->CreateToken(ann.user_id, "backup", kT0 + kSec);
  ASSERT_TRUE(t1.ok() && t2.ok());
  EXPECT_EQ(t1->rfind("tend_", 0), 0u) << *t1;
  EXPECT_EQ(t1->size(), 5u + 52u);
  EXPECT_EQ(auth_->CreateToken(9999, "x", kT0).status().id(), "auth.noUser");

  auto list = auth_->ListTokens(ann.user_id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  const TokenInfo& info = (*list)[0];
  EXPECT_EQ(info.name, "ci");
  EXPECT_EQ(info.prefix, t1->substr(0, 12));
  EXPECT_EQ(info.created_at, kT0);
  EXPECT_FALSE(info.last_used_at);
  EXPECT_FALSE(info.revoked_at);
  EXPECT_TRUE(auth_->ListTokens(bob.user_id)->empty());

  auto who = auth_->CheckToken(*t1, kT0 + 5 * kSec);
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->user_id, ann.user_id);
  EXPECT_EQ((*auth_->ListTokens(ann.user_id))[0].last_used_at, kT0 + 5 * kSec);
  EXPECT_FALSE((*auth_->ListTokens(ann.user_id))[1].last_used_at);

  auto bad = auth_->CheckToken(NewSecret("tend"), kT0);
  EXPECT_EQ(bad.status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(bad.status().id(), "auth.badToken");

  // Only the owner can revoke a token; revoking twice keeps the first time.
  Status s = auth_->RevokeToken(bob.user_id, info.token_id, kT0);
  EXPECT_EQ(s.code(), ErrorCode::kNotFound);
  EXPECT_EQ(s.id(), "auth.noToken");
  EXPECT_TRUE(auth_->CheckToken(*t1, kT0).ok());
  ASSERT_OK(auth_->RevokeToken(ann.user_id, info.token_id, kT0 + 10 * kSec));
  ASSERT_OK(auth_->RevokeToken(ann.user_id, info.token_id, kT0 + 20 * kSec));
  EXPECT_EQ((*auth_->ListTokens(ann.user_id))[0].revoked_at, kT0 + 10 * kSec);
  EXPECT_EQ(auth_->CheckToken(*t1, kT0).status().id(), "auth.badToken");
  EXPECT_TRUE(auth_->CheckToken(*t2, kT0).ok()) << "the other token still works";
  EXPECT_EQ(auth_->RevokeToken(ann.user_id, 9999, kT0).id(), "auth.noToken");
}

TEST_F(AuthTest, WriteKeys) {
  auto k1 = auth_->CreateWriteKey("segment prod", kT0);
  auto k2 = auth_->CreateWriteKey("segment staging", kT0);
  ASSERT_TRUE(k1.ok() && k2.ok());
  EXPECT_EQ(k1->rfind("tendwk_", 0), 0u) << *k1;
  auto list = auth_->ListWriteKeys();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "segment prod");
  EXPECT_EQ((*list)[0].prefix, k1->substr(0, 12));
  EXPECT_EQ((*list)[0].created_at, kT0);
  EXPECT_FALSE((*list)[0].revoked_at);

  auto checked = auth_->CheckWriteKey(*k1);
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(checked->name, "segment prod");
  EXPECT_FALSE(checked->browser());
  Status bad = auth_->CheckWriteKey("tendwk_nope").status();
  EXPECT_EQ(bad.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(bad.id(), "auth.badWriteKey");

  ASSERT_OK(auth_->RevokeWriteKey((*list)[0].key_id, kT0 + kSec));
  EXPECT_EQ(auth_->CheckWriteKey(*k1).status().id(), "auth.badWriteKey");
  EXPECT_OK(auth_->CheckWriteKey(*k2).status());
  EXPECT_EQ((*auth_->ListWriteKeys())[0].revoked_at, kT0 + kSec);
  Status missing = auth_->RevokeWriteKey(9999, kT0);
  EXPECT_EQ(missing.code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.id(), "auth.noWriteKey");
}

TEST_F(AuthTest, BrowserWriteKeysKeepTheirOrigins) {
  auto origins = ParseOrigins("https://app.example.com, https://*.example.com");
  ASSERT_TRUE(origins.ok());
  auto key = auth_->CreateWriteKey("web", kT0, *origins);
  ASSERT_TRUE(key.ok());
  auto k = auth_->CheckWriteKey(*key);
  ASSERT_TRUE(k.ok());
  EXPECT_TRUE(k->browser());
  EXPECT_EQ(k->origins,
            (std::vector<std::string>{"https://app.example.com", "https://*.example.com"}));
  ASSERT_OK(auth_->SetWriteKeyOrigins(k->key_id, {"http://localhost:5173"}));
  EXPECT_EQ((*auth_->ListWriteKeys())[0].origins,
            (std::vector<std::string>{"http://localhost:5173"}));
  ASSERT_OK(auth_->SetWriteKeyOrigins(k->key_id, {}));
  EXPECT_FALSE((*auth_->CheckWriteKey(*key)).browser());
  EXPECT_EQ(auth_->SetWriteKeyOrigins(4242, {}).id(), "auth.noWriteKey");
}

TEST(Origins, ParseNormalises) {
  auto o = ParseOrigins(
      " HTTPS://App.Example.com/ ,https://app.example.com:443,http://x.test:8080,"
      "https://*.example.com,*,,");
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(*o, (std::vector<std::string>{"https://app.example.com", "http://x.test:8080",
                                          "https://*.example.com", "*"}));
  EXPECT_EQ(JoinOrigins(*o), "https://app.example.com,http://x.test:8080,https://*.example.com,*");
  EXPECT_EQ(SplitOrigins(JoinOrigins(*o)), *o);
  EXPECT_TRUE(ParseOrigins("")->empty());
  for (const char* bad :
       {"app.example.com", "ftp://x.example.com", "https://x.example.com/path",
        "https://x.example.com:99999", "https://", "https://a..b", "https://u@x.example.com",
        "https://x.example.com?q=1", "https://*.", "https://a b"}) {
    auto r = ParseOrigins(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().id(), "auth.badOrigin") << bad;
    EXPECT_NE(r.status().message().find(bad), std::string::npos) << r.status().message();
  }
}

TEST(Origins, Matching) {
  auto p = *ParseOrigins("https://app.example.com,https://*.corp.example,http://localhost:5173");
  EXPECT_TRUE(OriginAllowed("https://app.example.com", p));
  EXPECT_TRUE(OriginAllowed("https://app.example.com:443", p));
  EXPECT_TRUE(OriginAllowed("HTTPS://APP.EXAMPLE.COM", p));
  EXPECT_FALSE(OriginAllowed("http://app.example.com", p));        // another scheme
  EXPECT_FALSE(OriginAllowed("https://app.example.com:8443", p));  // another port
  EXPECT_FALSE(OriginAllowed("https://app.example.com.evil.test", p));
  EXPECT_TRUE(OriginAllowed("https://eu.corp.example", p));
  EXPECT_TRUE(OriginAllowed("https://a.b.corp.example", p));
  EXPECT_FALSE(OriginAllowed("https://corp.example", p));  // the domain itself
  EXPECT_FALSE(OriginAllowed("https://evilcorp.example", p));
  EXPECT_FALSE(OriginAllowed("https://eu.corp.example:8443", p));
  EXPECT_TRUE(OriginAllowed("http://localhost:5173", p));
  EXPECT_FALSE(OriginAllowed("http://localhost:5174", p));
  EXPECT_FALSE(OriginAllowed("null", p));
  EXPECT_FALSE(OriginAllowed("", p));
  EXPECT_FALSE(OriginAllowed("https://*.corp.example", p));  // a pattern is not an origin
  EXPECT_FALSE(OriginAllowed("https://app.example.com", {}));
  EXPECT_TRUE(OriginAllowed("https://anything.test", {"*"}));
  EXPECT_FALSE(OriginAllowed("null", {"*"}));
}

TEST_F(AuthTest, StoresHashesNotSecrets) {
  User ann = MustAdd("ann@example.com", Role::kCsm, "correct horse");
  auto session = auth_->Login("ann@example.com", "correct horse", kT0);
  auto token = auth_->CreateToken(ann.user_id, "ci", kT0);
  auto key = auth_->CreateWriteKey("segment", kT0);
  ASSERT_TRUE(session.ok() && token.ok() && key.ok());

  auto user = store_->FindUserByEmail("ann@example.com");
  ASSERT_TRUE(user.ok() && user->has_value());
  EXPECT_EQ((*user)->password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ((*user)->password_hash.find("correct horse"), std::string::npos);

  auto stored_session = store_->FindSession(HashSecret(session->token));
  ASSERT_TRUE(stored_session.ok() && stored_session->has_value());
  auto no_plain = store_->FindSession(session->token);
  ASSERT_TRUE(no_plain.ok());
  EXPECT_FALSE(no_plain->has_value());

  auto stored_token = store_->FindApiTokenByHash(HashSecret(*token));
  ASSERT_TRUE(stored_token.ok() && stored_token->has_value());
  EXPECT_NE((*stored_token)->token_hash, *token);
  EXPECT_FALSE(store_->FindApiTokenByHash(*token)->has_value());
  auto stored_key = store_->FindWriteKeyByHash(HashSecret(*key));
  ASSERT_TRUE(stored_key.ok() && stored_key->has_value());
  EXPECT_FALSE(store_->FindWriteKeyByHash(*key)->has_value());

  // Nothing secret appears anywhere in the workspace file.
  store_.reset();
  std::string file = testing::ReadFile(dir_.File("tend.db"));
  std::string wal;
  if (std::FILE* f = std::fopen(dir_.File("tend.db-wal").c_str(), "rb")) {
    std::fclose(f);
    wal = testing::ReadFile(dir_.File("tend.db-wal"));
  }
  for (const std::string& secret : {session->token, *token, *key, std::string("correct horse")}) {
    EXPECT_EQ(file.find(secret), std::string::npos) << secret;
    EXPECT_EQ(wal.find(secret), std::string::npos) << secret;
  }
}

}  // namespace
}  // namespace tend::auth
