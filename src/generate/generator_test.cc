#include "generate/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/rng.h"
#include "common/time.h"
#include "testutil/testutil.h"

namespace tend::generate {
namespace {

using Row = std::vector<std::string>;

constexpr const char* kFiles[] = {"accounts.csv", "contacts.csv",   "events.csv", "surveys.csv",
                                  "tickets.csv",  "activities.csv", "deals.csv",
                                  "feedback.csv"};

// A strict RFC 4180 reader for LF-terminated files: quoted fields may hold commas, doubled
// quotes and line breaks. Fails the test on malformed input.
std::vector<Row> ParseCsv(const std::string& text) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
          EXPECT_TRUE(i + 1 == text.size() || text[i + 1] == ',' || text[i + 1] == '\n')
              << "text after closing quote at byte " << i;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      EXPECT_FALSE(field_started) << "quote inside an unquoted field at byte " << i;
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
      rows.push_back(std::move(row));
      row.clear();
    } else {
      EXPECT_NE(c, '\r') << "bare CR at byte " << i;
      field.push_back(c);
      field_started = true;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_TRUE(field.empty() && row.empty()) << "last line has no LF";
  return rows;
}

// One parsed file: the header row and the data rows, with columns looked up by name.
struct Table {
  Row header;
  std::vector<Row> rows;
  size_t Col(const std::string& name) const {
    auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << "no column " << name;
    return static_cast<size_t>(it - header.begin());
  }
};

Table Load(const std::string& path) {
  std::vector<Row> all = ParseCsv(testing::ReadFile(path));
  Table t;
  if (all.empty()) {
    ADD_FAILURE() << path << " is empty";
    return t;
  }
  t.header = all.front();
  t.rows.assign(all.begin() + 1, all.end());
  for (const Row& r : t.rows) EXPECT_EQ(r.size(), t.header.size()) << path;
  return t;
}

constexpr EpochDay kEnd = DaysFromCivil(2026, 10, 31);

GenerateOptions Options(const std::string& dir, int accounts = 200, uint64_t seed = 1) {
  GenerateOptions options;
  options.accounts = accounts;
  options.seed = seed;
  options.end_day = kEnd;
  options.out_dir = dir;
  return options;
}

// One 200-account workspace shared by the read-only tests below.
class GeneratorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    Result<GenerateReport> result = Generate(Options(dir_->path()));
    ASSERT_OK(result.status());
    report_ = *result;
    for (const char* file : kFiles) tables_[file] = Load(dir_->File(file));
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
    tables_.clear();
  }

  static const Table& T(const std::string& file) { return tables_.at(file); }

  static testing::TempDir* dir_;
  static GenerateReport report_;
  static std::map<std::string, Table> tables_;
};

testing::TempDir* GeneratorTest::dir_ = nullptr;
GenerateReport GeneratorTest::report_;
std::map<std::string, Table> GeneratorTest::tables_;

TEST_F(GeneratorTest, HeaderRowsAreExact) {
  EXPECT_EQ(T("accounts.csv").header,
            (Row{"account_id", "name", "industry", "segment", "region", "arr", "start_date",
                 "renewal_date", "csm", "status", "churned_on", "employees", "plan"}));
  EXPECT_EQ(T("contacts.csv").header,
            (Row{"contact_id", "account_id", "name", "email", "title", "seniority", "role",
                 "status"}));
  EXPECT_EQ(T("events.csv").header, (Row{"ts", "account_id", "user_id", "event"}));
  EXPECT_EQ(T("surveys.csv").header,
            (Row{"ts", "account_id", "contact_id", "survey", "score", "comment"}));
  EXPECT_EQ(T("tickets.csv").header, (Row{"ticket_id", "account_id", "opened_at", "closed_at",
                                          "priority", "status", "csat"}));
  EXPECT_EQ(T("activities.csv").header, (Row{"ts", "account_id", "contact_id", "type", "subject"}));
  EXPECT_EQ(T("deals.csv").header,
            (Row{"deal_id", "prospect", "amount", "stage", "closed_at", "reference_contact_id"}));
}

TEST_F(GeneratorTest, ReportCountsMatchFiles) {
  EXPECT_EQ(report_.accounts, 200);
  EXPECT_EQ(report_.accounts, static_cast<int64_t>(T("accounts.csv").rows.size()));
  EXPECT_EQ(report_.contacts, static_cast<int64_t>(T("contacts.csv").rows.size()));
  EXPECT_EQ(report_.events, static_cast<int64_t>(T("events.csv").rows.size()));
  EXPECT_EQ(report_.surveys, static_cast<int64_t>(T("surveys.csv").rows.size()));
  EXPECT_EQ(report_.tickets, static_cast<int64_t>(T("tickets.csv").rows.size()));
  EXPECT_EQ(report_.activities, static_cast<int64_t>(T("activities.csv").rows.size()));
  EXPECT_EQ(report_.deals, static_cast<int64_t>(T("deals.csv").rows.size()));
  EXPECT_EQ(report_.feedback, static_cast<int64_t>(T("feedback.csv").rows.size()));
  EXPECT_GE(report_.deals, 5);
  EXPECT_GT(report_.surveys, 0);
  EXPECT_GT(report_.tickets, 0);
  EXPECT_GT(report_.activities, 0);
}

TEST_F(GeneratorTest, SameSeedGivesIdenticalBytesAndOtherSeedDiffers) {
  testing::TempDir again, other;
  ASSERT_OK(Generate(Options(again.path())).status());
  ASSERT_OK(Generate(Options(other.path(), 200, 2)).status());
  for (const char* file : kFiles) {
    EXPECT_TRUE(testing::ReadFile(dir_->File(file)) == testing::ReadFile(again.File(file)))
        << file << " differs between two runs with the same options";
  }
  EXPECT_NE(testing::ReadFile(dir_->File("accounts.csv")),
            testing::ReadFile(other.File("accounts.csv")));
  EXPECT_NE(testing::ReadFile(dir_->File("events.csv")),
            testing::ReadFile(other.File("events.csv")));
}

TEST_F(GeneratorTest, IdsAreWellFormedAndReferencesResolve) {
  std::set<std::string> accounts;
  for (const Row& r : T("accounts.csv").rows) {
    const std::string& id = r[0];
    EXPECT_EQ(id.size(), 8u);
    EXPECT_EQ(id[0], 'A');
    EXPECT_TRUE(accounts.insert(id).second) << "duplicate " << id;
  }
  EXPECT_EQ(*accounts.begin(), "A0000001");
  std::map<std::string, std::string> contact_account;
  for (const Row& r : T("contacts.csv").rows) {
    EXPECT_EQ(r[0].size(), 9u);
    EXPECT_EQ(r[0][0], 'C');
    EXPECT_TRUE(accounts.count(r[1])) << r[1];
    EXPECT_TRUE(contact_account.emplace(r[0], r[1]).second) << "duplicate " << r[0];
  }
  for (const Row& r : T("events.csv").rows) {
    ASSERT_TRUE(accounts.count(r[1])) << r[1];
    // U<account number>_<user index>
    ASSERT_EQ(r[2].substr(0, 9), "U" + r[1].substr(1) + "_") << r[2];
    ASSERT_GE(r[2].size(), 11u);
  }
  for (const char* file : {"surveys.csv", "activities.csv"}) {
    const Table& t = T(file);
    for (const Row& r : t.rows) {
      EXPECT_TRUE(accounts.count(r[1])) << file << ": " << r[1];
      const std::string& contact = r[2];
      if (contact.empty()) {
        EXPECT_EQ(std::string(file), "activities.csv");
        EXPECT_EQ(r[3], "note");
        continue;
      }
      ASSERT_TRUE(contact_account.count(contact)) << file << ": " << contact;
      EXPECT_EQ(contact_account[contact], r[1]) << file << ": contact of another account";
    }
  }
  for (const Row& r : T("tickets.csv").rows) EXPECT_TRUE(accounts.count(r[1])) << r[1];
  for (const Row& r : T("deals.csv").rows) {
    if (!r[5].empty()) {
      EXPECT_TRUE(contact_account.count(r[5])) << r[5];
    }
  }
}

TEST_F(GeneratorTest, FeedbackNamesAccountsContactsAndRequests) {
  const Table& t = T("feedback.csv");
  EXPECT_EQ(t.header, (Row{"feedback_id", "ts", "account_id", "contact_id", "source", "source_ref",
                           "kind", "importance", "text", "product_area", "created_by", "request"}));
  ASSERT_GT(t.rows.size(), 100u);  // 200 accounts, about one item each
  std::map<std::string, std::string> status, contact_account;
  for (const Row& r : T("accounts.csv").rows) status[r[0]] = r[9];
  for (const Row& r : T("contacts.csv").rows) contact_account[r[0]] = r[1];
  std::map<std::string, int> blockers;  // by account status
  std::set<std::string> titles;
  int unlinked_requests = 0;
  std::string last_ts;
  for (const Row& r : t.rows) {
    ASSERT_EQ(r.size(), 12u);
    EXPECT_EQ(r[0].size(), 8u);
    EXPECT_EQ(r[0][0], 'F');
    EXPECT_GE(r[1], last_ts) << "sorted by ts";
    last_ts = r[1];
    ASSERT_TRUE(status.count(r[2])) << r[2];
    if (!r[3].empty()) EXPECT_EQ(contact_account[r[3]], r[2]) << "contact of another account";
    EXPECT_FALSE(r[8].empty());
    if (r[6] == "feature_request") {
      EXPECT_FALSE(r[9].empty()) << "requests have a product area";
      if (r[11].empty()) ++unlinked_requests;
      titles.insert(r[11]);
    } else {
      EXPECT_TRUE(r[11].empty()) << "only feature requests name a request";
    }
    if (r[7] == "blocker") ++blockers[status[r[2]]];
  }
  EXPECT_GT(titles.size(), 8u);
  EXPECT_GT(unlinked_requests, 0);
  EXPECT_GT(blockers["active"], 0);
}

TEST_F(GeneratorTest, EnumsAndValuesAreValid) {
  const std::set<std::string> segments = {"smb", "mid_market", "enterprise"};
  const std::set<std::string> regions = {"na", "emea", "apac", "latam"};
  const std::set<std::string> plans = {"starter", "growth", "enterprise"};
  const std::set<std::string> seniorities = {"ic", "manager", "director", "vp", "c_level"};
  const std::set<std::string> roles = {"champion", "decision_maker", "user", "admin"};
  const std::set<std::string> priorities = {"low", "normal", "high", "urgent"};
  const std::set<std::string> types = {
      "meeting",        "call",          "email",          "qbr",
      "note",           "beta_response", "community_post", "social_mention",
      "reference_call", "case_study",    "speaking",       "advisory_board"};
  const std::set<std::string> stages = {"open", "won", "lost"};

  int churned = 0;
  std::set<std::string> csms;
  for (const Row& r : T("accounts.csv").rows) {
    EXPECT_TRUE(segments.count(r[3])) << r[3];
    EXPECT_TRUE(regions.count(r[4])) << r[4];
    EXPECT_NE(r[5].find('.'), std::string::npos);
    EXPECT_EQ(r[5].size() - r[5].find('.'), 3u) << "arr needs 2 decimals: " << r[5];
    auto start = ParseDate(r[6]);
    auto renewal = ParseDate(r[7]);
    ASSERT_TRUE(start && renewal) << r[6] << " " << r[7];
    EXPECT_LE(*start, kEnd - 30);
    EXPECT_GE(*start, kEnd - 4 * 366);
    EXPECT_GT(*renewal, *start);
    csms.insert(r[8]);
    if (r[9] == "churned") {
      ++churned;
      auto churned_on = ParseDate(r[10]);
      ASSERT_TRUE(churned_on) << r[10];
      EXPECT_GE(*churned_on, kEnd - 183 + 1);
      EXPECT_LE(*churned_on, kEnd);
      EXPECT_GT(*churned_on, *start);
    } else {
      EXPECT_EQ(r[9], "active");
      EXPECT_EQ(r[10], "");
      EXPECT_GT(*renewal, kEnd);
    }
    EXPECT_GT(std::stoi(r[11]), 0);
    EXPECT_TRUE(plans.count(r[12])) << r[12];
  }
  EXPECT_GE(churned, 4);
  EXPECT_LE(churned, 32);
  EXPECT_GE(csms.size(), 4u);

  for (const Row& r : T("contacts.csv").rows) {
    EXPECT_TRUE(seniorities.count(r[5])) << r[5];
    EXPECT_TRUE(roles.count(r[6])) << r[6];
    EXPECT_NE(r[3].find('@'), std::string::npos);
    EXPECT_TRUE(r[3].ends_with(".example.com")) << r[3];
    for (char c : r[3]) EXPECT_TRUE(static_cast<unsigned char>(c) < 0x80) << r[3];
  }
  for (const Row& r : T("surveys.csv").rows) {
    ASSERT_TRUE(ParseTime(r[0])) << r[0];
    EXPECT_LE(DayOf(*ParseTime(r[0])), kEnd);
    const int score = std::stoi(r[4]);
    if (r[3] == "csat") {
      EXPECT_TRUE(score >= 1 && score <= 5) << score;
    } else {
      EXPECT_TRUE(r[3] == "nps" || r[3] == "advocacy_nps") << r[3];
      EXPECT_TRUE(score >= 0 && score <= 10) << score;
    }
  }
  for (const Row& r : T("tickets.csv").rows) {
    EXPECT_EQ(r[0][0], 'T');
    EXPECT_TRUE(priorities.count(r[4])) << r[4];
    auto opened = ParseTime(r[2]);
    ASSERT_TRUE(opened) << r[2];
    EXPECT_LE(DayOf(*opened), kEnd);
    if (r[5] == "closed") {
      auto closed = ParseTime(r[3]);
      ASSERT_TRUE(closed) << r[3];
      EXPECT_GT(*closed, *opened);
      EXPECT_LE(DayOf(*closed), kEnd);
      if (!r[6].empty()) {
        EXPECT_TRUE(std::stoi(r[6]) >= 1 && std::stoi(r[6]) <= 5);
      }
    } else {
      EXPECT_EQ(r[5], "open");
      EXPECT_EQ(r[3], "");
      EXPECT_EQ(r[6], "");
    }
  }
  for (const Row& r : T("activities.csv").rows) {
    EXPECT_TRUE(types.count(r[3])) << r[3];
    ASSERT_TRUE(ParseTime(r[0])) << r[0];
    EXPECT_LE(DayOf(*ParseTime(r[0])), kEnd);
  }
  for (const Row& r : T("deals.csv").rows) {
    EXPECT_TRUE(stages.count(r[3])) << r[3];
    if (r[3] == "open") {
      EXPECT_EQ(r[4], "");
    } else {
      ASSERT_TRUE(ParseDate(r[4])) << r[4];
      EXPECT_LE(*ParseDate(r[4]), kEnd);
    }
  }
}

TEST_F(GeneratorTest, EventsAreSortedInsideTheWindowAndNeverAfterChurn) {
  std::map<std::string, EpochDay> churned_on;
  for (const Row& r : T("accounts.csv").rows) {
    if (!r[10].empty()) churned_on[r[0]] = *ParseDate(r[10]);
  }
  ASSERT_FALSE(churned_on.empty());
  const EpochDay first_day = kEnd - 183 + 1;
  std::string previous;
  int midnight = 0;
  for (const Row& r : T("events.csv").rows) {
    ASSERT_GE(r[0], previous) << "events not sorted by ts";
    previous = r[0];
    auto ts = ParseTime(r[0]);
    ASSERT_TRUE(ts) << r[0];
    ASSERT_EQ(r[0].size(), 20u) << r[0];
    const EpochDay day = DayOf(*ts);
    ASSERT_GE(day, first_day) << r[0];
    ASSERT_LE(day, kEnd) << r[0];
    auto it = churned_on.find(r[1]);
    if (it != churned_on.end()) {
      ASSERT_LT(day, it->second) << r[1] << " " << r[0];
    }
    if (r[0].ends_with("T00:00:00Z")) ++midnight;
  }
  EXPECT_GT(midnight, 0);
}

TEST_F(GeneratorTest, EventVolumeIsAbout500PerAccount) {
  const double per_account = static_cast<double>(report_.events) / report_.accounts;
  EXPECT_GE(per_account, 375.0);
  EXPECT_LE(per_account, 625.0);
}

TEST_F(GeneratorTest, EventsHaveWeekdaySeasonalityAndFeatureLifecycles) {
  std::map<EpochDay, int> per_day;
  std::map<std::string, std::pair<EpochDay, EpochDay>> seen;  // first and last day
  std::map<std::string, std::set<std::string>> users;
  for (const Row& r : T("events.csv").rows) {
    const EpochDay day = DayOf(*ParseTime(r[0]));
    ++per_day[day];
    auto [it, inserted] = seen.emplace(r[3], std::make_pair(day, day));
    if (!inserted) it->second.second = day;
    users[r[1]].insert(r[2]);
  }
  double weekday = 0, weekend = 0;
  int weekdays = 0, weekends = 0;
  for (auto [day, count] : per_day) {
    const int dow = ((day % 7) + 11) % 7;  // 0 = Sunday
    if (dow == 0 || dow == 6) {
      weekend += count;
      ++weekends;
    } else {
      weekday += count;
      ++weekdays;
    }
  }
  const double ratio = (weekend / weekends) / (weekday / weekdays);
  EXPECT_GT(ratio, 0.2);
  EXPECT_LT(ratio, 0.45);

  EXPECT_GE(seen.size(), 40u);
  EXPECT_LE(seen.size(), 60u);
  int late = 0, retired = 0;
  for (const auto& [name, days] : seen) {
    if (days.first > kEnd - 30) ++late;
    if (days.second < kEnd - 60) ++retired;
  }
  EXPECT_GE(late, 1);
  EXPECT_GE(retired, 1);

  size_t largest = 0, small = 0;
  for (const auto& [account, ids] : users) {
    largest = std::max(largest, ids.size());
    if (ids.size() <= 30) ++small;
  }
  EXPECT_GE(largest, 100u) << "a few accounts should have hundreds of users";
  EXPECT_GT(small, users.size() / 2);
}

TEST_F(GeneratorTest, ChurnedAccountsDeclineBeforeChurn) {
  std::map<std::string, EpochDay> churned_on;
  for (const Row& r : T("accounts.csv").rows) {
    if (!r[10].empty()) churned_on[r[0]] = *ParseDate(r[10]);
  }
  // Events in the 20 days before churn versus the 20 days before those, for accounts whose
  // window covers both periods.
  int64_t recent = 0, earlier = 0;
  for (const Row& r : T("events.csv").rows) {
    auto it = churned_on.find(r[1]);
    if (it == churned_on.end() || it->second - 40 < kEnd - 182) continue;
    const int before = it->second - DayOf(*ParseTime(r[0]));
    if (before <= 20) {
      ++recent;
    } else if (before <= 40) {
      ++earlier;
    }
  }
  EXPECT_LT(recent, earlier);
}

TEST_F(GeneratorTest, AccountsExerciseCsvQuoting) {
  const std::string raw = testing::ReadFile(dir_->File("accounts.csv"));
  EXPECT_NE(raw.find(",\""), std::string::npos) << "no quoted field";
  bool comma = false, quote = false, apostrophe = false, non_ascii = false;
  for (const Row& r : T("accounts.csv").rows) {
    const std::string& name = r[1];
    comma |= name.find(',') != std::string::npos;
    quote |= name.find('"') != std::string::npos;
    apostrophe |= name.find('\'') != std::string::npos;
    for (char c : name) non_ascii |= static_cast<unsigned char>(c) >= 0x80;
  }
  EXPECT_TRUE(comma && quote && apostrophe && non_ascii);
}

TEST_F(GeneratorTest, ContactsHaveChampionsAndSomeChangeJobs) {
  std::map<std::string, int> contacts, champions;
  std::map<std::string, std::vector<const Row*>> by_person;  // name|local part
  for (const Row& r : T("contacts.csv").rows) {
    ++contacts[r[1]];
    if (r[6] == "champion") ++champions[r[1]];
    by_person[r[2] + "|" + r[3].substr(0, r[3].find('@'))].push_back(&r);
  }
  EXPECT_EQ(contacts.size(), 200u);
  for (const auto& [account, count] : contacts) {
    EXPECT_GE(count, 2) << account;
    EXPECT_LE(count, 8) << account;
    EXPECT_GE(champions[account], 1) << account;
    EXPECT_LE(champions[account], 2) << account;
  }
  const std::map<std::string, int> rank = {
      {"ic", 0}, {"manager", 1}, {"director", 2}, {"vp", 3}, {"c_level", 4}};
  int movers = 0;
  for (const auto& [person, rows] : by_person) {
    if (rows.size() == 1) continue;
    ASSERT_EQ(rows.size(), 2u) << person;
    // The old job is the champion row; the new one has the next seniority up.
    const bool first_is_old = rank.at((*rows[0])[5]) < rank.at((*rows[1])[5]);
    const Row& before = first_is_old ? *rows[0] : *rows[1];
    const Row& after = first_is_old ? *rows[1] : *rows[0];
    EXPECT_NE(before[1], after[1]) << person;
    EXPECT_NE(before[3], after[3]) << "same email at the new company: " << person;
    EXPECT_EQ(before[6], "champion") << person;
    // The old record says the person left (what tend needs to call it a move); the new one not.
    EXPECT_EQ(before[7], "left") << person;
    EXPECT_EQ(after[7], "active") << person;
    EXPECT_NE(before[4], after[4]) << "title should change: " << person;
    EXPECT_EQ(rank.at(after[5]), rank.at(before[5]) + 1) << person;
    ++movers;
  }
  EXPECT_GE(movers, 1);
  EXPECT_LE(movers, 10);
  int left = 0;
  for (const Row& r : T("contacts.csv").rows) left += r[7] == "left";
  EXPECT_EQ(left, movers) << "only the old records of movers are left";
}

TEST_F(GeneratorTest, DetractorsConcentrateOnChurnedAccounts) {
  std::set<std::string> churned;
  for (const Row& r : T("accounts.csv").rows) {
    if (r[9] == "churned") churned.insert(r[0]);
  }
  int churned_scores = 0, churned_detractors = 0, other_scores = 0, other_detractors = 0;
  for (const Row& r : T("surveys.csv").rows) {
    if (r[3] != "nps") continue;
    const bool detractor = std::stoi(r[4]) <= 6;
    if (churned.count(r[1])) {
      ++churned_scores;
      churned_detractors += detractor;
    } else {
      ++other_scores;
      other_detractors += detractor;
    }
  }
  ASSERT_GT(churned_scores, 0);
  ASSERT_GT(other_scores, 0);
  EXPECT_GT(static_cast<double>(churned_detractors) / churned_scores,
            static_cast<double>(other_detractors) / other_scores);
}

TEST(GeneratorOptionsTest, RejectsBadOptions) {
  testing::TempDir dir;
  GenerateOptions options = Options(dir.path());
  options.accounts = 0;
  Result<GenerateReport> result = Generate(options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.status().id(), "ingest.generateBadOptions");

  options = Options(dir.path());
  options.history_days = 0;
  EXPECT_EQ(Generate(options).status().code(), ErrorCode::kInvalidArgument);

  options = Options("");
  EXPECT_EQ(Generate(options).status().code(), ErrorCode::kInvalidArgument);

  options = Options(dir.path());
  options.end_day = 0;  // never set
  EXPECT_EQ(Generate(options).status().code(), ErrorCode::kInvalidArgument);
}

TEST(GeneratorOptionsTest, UncreatableDirectoryIsAnError) {
  testing::TempDir dir;
  testing::WriteFile(dir.File("plain_file"), "x");
  Result<GenerateReport> result = Generate(Options(dir.File("plain_file") + "/sub", 5));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kInternal);
  EXPECT_EQ(result.status().id(), "ingest.generateCannotCreateDir");
}

TEST(GeneratorOptionsTest, TinyWorkspaceAndShortHistory) {
  testing::TempDir dir;
  GenerateOptions options = Options(dir.path(), 1);
  options.history_days = 7;
  Result<GenerateReport> result = Generate(options);
  ASSERT_OK(result.status());
  EXPECT_EQ(result->accounts, 1);
  EXPECT_GE(result->deals, 5);
  const Table events = Load(dir.File("events.csv"));
  for (const Row& r : events.rows) EXPECT_GE(DayOf(*ParseTime(r[0])), kEnd - 6) << r[0];
}

TEST(RngTest, IsDeterministicAndBounded) {
  Rng a = Rng::ForStream(42, 3, 7), b = Rng::ForStream(42, 3, 7), c = Rng::ForStream(42, 3, 8);
  bool differs = false;
  for (int i = 0; i < 1000; ++i) {
    const uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    differs |= x != c.Next();
    const uint64_t below = a.Below(10);
    EXPECT_LT(below, 10u);
    b.Below(10);
    const double u = a.Uniform();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
    b.Uniform();
  }
  EXPECT_TRUE(differs);
  // Pinned outputs: every generated workspace depends on them, so they must not drift.
  EXPECT_EQ(Rng(1).Next(), 12966619160104079557ULL);
  EXPECT_EQ(Rng::ForStream(1, 2, 3).Next(), 2482466805671121624ULL);
  Rng p(5);
  int64_t sum = 0;
  for (int i = 0; i < 2000; ++i) sum += p.Poisson(45.0);
  EXPECT_NEAR(sum / 2000.0, 45.0, 1.5);
}

}  // namespace
}  // namespace tend::generate
