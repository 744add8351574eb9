#include "ingest/importer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "metrics/usage_state.h"
#include "store/sqlite_store.h"
#include "testutil/testutil.h"

namespace tend::ingest {
namespace {

using testing::TempDir;
using testing::WriteFile;

const char* kAccounts =
    "account_id,name,industry,segment,region,arr,start_date,renewal_date,csm,status,churned_on,"
    "employees,plan,beta\n"
    "A1,\"Lopez, & Partners\",media,smb,na,5000.00,2023-06-16,2027-06-16,Sofia Wang,active,,120,"
    "growth,true\n"
    "A2,Müller GmbH,retail,enterprise,emea,90000,2021-01-01,2027-01-01,Sean Costa,churned,2026-"
    "09-01,4000,enterprise,no\n";
const char* kContacts =
    "contact_id,account_id,name,email,title,seniority,role\n"
    "C1,A1,Ann O'Brien,ann@a1.example.com,VP Ops,vp,champion\n"
    "C2,A2,Bo,bo@a2.example.com,Engineer,ic,user\n";

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("tend.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  // Writes `content` as `name` and imports it as `kind`.
  ImportReport Import(ImportKind kind, const std::string& name, const std::string& content,
                      const ImportOptions& options = {}) {
    WriteFile(dir_.File(name), content);
    auto r = RunImport(*store_, {{kind, dir_.File(name)}}, options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ImportReport{};
  }

  void ImportBase() {
    ASSERT_TRUE(Import(ImportKind::kAccounts, "accounts.csv", kAccounts).committed);
    ASSERT_TRUE(Import(ImportKind::kContacts, "contacts.csv", kContacts).committed);
  }

  // The single problem message of a failed import.
  std::string OnlyError(ImportKind kind, const std::string& name, const std::string& content) {
    ImportReport r = Import(kind, name, content);
    EXPECT_FALSE(r.committed);
    EXPECT_EQ(r.problems, 1);
    return r.messages.empty() ? "" : r.messages[0];
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(ImporterTest, ImportsAccountsWithTypedCustomAttributes) {
  ImportBase();
  auto accounts = store_->LoadAccounts();
  ASSERT_TRUE(accounts.ok());
  ASSERT_EQ(accounts->size(), 2u);
  const auto& a1 = (*accounts)[0];
  EXPECT_EQ(a1.name, "Lopez, & Partners");
  EXPECT_EQ(a1.arr, 5000.0);
  EXPECT_EQ(a1.start_date, ParseDate("2023-06-16"));
  EXPECT_EQ((*accounts)[1].churned_on, ParseDate("2026-09-01"));
  auto defs = store_->LoadAttributeDefs();
  ASSERT_EQ(defs->size(), 3u);
  EXPECT_EQ((*defs)[0].name, "beta");
  EXPECT_EQ((*defs)[0].type, ValueType::kBool);
  EXPECT_EQ((*defs)[1].name, "employees");
  EXPECT_EQ((*defs)[1].type, ValueType::kNumber);
  EXPECT_EQ((*defs)[2].type, ValueType::kText);
  ASSERT_EQ(a1.attributes.size(), 3u);
  EXPECT_EQ(a1.attributes[1].num, 120.0);
}

TEST_F(ImporterTest, AttributeTypeCanBeOverridden) {
  ImportOptions o;
  o.attribute_types["employees"] = ValueType::kText;
  ASSERT_TRUE(Import(ImportKind::kAccounts, "accounts.csv", kAccounts, o).committed);
  auto defs = store_->LoadAttributeDefs();
  EXPECT_EQ((*defs)[1].type, ValueType::kText);
}

TEST_F(ImporterTest, ImportingTwiceChangesNothing) {
  ImportBase();
  ImportBase();
  const char* surveys =
      "ts,account_id,contact_id,survey,score,comment\n"
      "2026-10-01T10:00:00Z,A1,C1,nps,9,\"great, really\"\n";
  Import(ImportKind::kSurveys, "surveys.csv", surveys);
  Import(ImportKind::kSurveys, "surveys.csv", surveys);
  const char* acts = "ts,account_id,contact_id,type,subject\n2026-10-01T10:00:00Z,A1,C1,qbr,Q3\n";
  Import(ImportKind::kActivities, "activities.csv", acts);
  Import(ImportKind::kActivities, "activities.csv", acts);
  auto c = store_->Counts();
  EXPECT_EQ(c->accounts, 2);
  EXPECT_EQ(c->contacts, 2);
  EXPECT_EQ(c->surveys, 1);
  EXPECT_EQ(c->activities, 1);
}

// Issue 22: two files whose answers share time and contact reported "4 imported" and stored
// 2 (the later comments overwrote the earlier ones). Every different answer is kept, and the
// summary counts what was stored.
TEST_F(ImporterTest, SurveyAnswersSharingATimeAreNeverMerged) {
  ImportBase();
  ImportReport first = Import(ImportKind::kSurveys, "surveys.csv",
                              "ts,account_id,contact_id,survey,score,comment\n"
                              "2026-10-01T10:00:00Z,A1,C1,nps,9,fast support\n"
                              "2026-10-01T10:00:00Z,A2,C2,nps,3,too slow\n");
  ASSERT_TRUE(first.committed);
  EXPECT_EQ(first.files[0].imported, 2);
  ImportReport second = Import(ImportKind::kSurveys, "later.csv",
                               "ts,account_id,contact_id,survey,score,comment\n"
                               "2026-10-01T10:00:00Z,A1,C1,nps,9,good docs\n"
                               "2026-10-01T10:00:00Z,A2,C2,nps,3,too slow\n");
  ASSERT_TRUE(second.committed);
  // The first row is another answer; the second is the same answer again.
  EXPECT_EQ(second.files[0].imported, 1);
  EXPECT_EQ(second.files[0].duplicates, 1);
  auto all = store_->LoadSurveys();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  std::vector<std::string> comments;
  for (const auto& s : *all) comments.push_back(s.comment);
  std::sort(comments.begin(), comments.end());
  EXPECT_EQ(comments, (std::vector<std::string>{"fast support", "good docs", "too slow"}));
  EXPECT_EQ(store_->Counts()->surveys, first.files[0].imported + second.files[0].imported);
}

TEST_F(ImporterTest, ASurveyIdIdentifiesAnAnswer) {
  ImportBase();
  const char* header = "survey_id,ts,account_id,contact_id,survey,score,comment\n";
  ImportReport r = Import(ImportKind::kSurveys, "surveys.csv",
                          std::string(header) +
                              "R1,2026-10-01T10:00:00Z,A1,C1,nps,9,\n"
                              "R2,2026-10-01T10:00:00Z,A1,C1,nps,9,\n");
  ASSERT_TRUE(r.committed);
  EXPECT_EQ(r.files[0].imported, 2);  // two answers, though their rows are alike
  // The same id again with a corrected score updates that answer; unchanged ones are
  // duplicates.
  r = Import(ImportKind::kSurveys, "fixed.csv",
             std::string(header) +
                 "R1,2026-10-01T10:00:00Z,A1,C1,nps,10,\n"
                 "R2,2026-10-01T10:00:00Z,A1,C1,nps,9,\n");
  EXPECT_EQ(r.files[0].imported, 1);
  EXPECT_EQ(r.files[0].duplicates, 1);
  auto all = store_->LoadSurveys();
  ASSERT_EQ(all->size(), 2u);
  double sum = 0;
  for (const auto& s : *all) sum += s.score;
  EXPECT_EQ(sum, 19);
  EXPECT_TRUE(r.files[0].ignored_columns.empty());
}

// Issue 17, item 5: one account with more than 65,535 distinct event names (a 16-bit
// feature index wrapped at 65,536 and the import crashed).
TEST_F(ImporterTest, AnAccountMayUseMoreThan65535DistinctEventNames) {
  ImportBase();
  const int kNames = 70000;
  std::string events = "ts,account_id,user_id,event\n";
  for (int i = 0; i < kNames; ++i) {
    events += "2026-10-01T10:00:00Z,A1,u1,event_" + std::to_string(i) + "\n";
  }
  ImportReport r = Import(ImportKind::kEvents, "events.csv", events);
  ASSERT_TRUE(r.committed) << (r.messages.empty() ? "" : r.messages[0]);
  EXPECT_EQ(r.files[0].imported, kNames);
  // Again on the stored state: the same names once more and 10 new ones.
  std::string more = "ts,account_id,user_id,event\n";
  for (int i = kNames - 10; i < kNames + 10; ++i) {
    more += "2026-10-02T10:00:00Z,A1,u1,event_" + std::to_string(i) + "\n";
  }
  r = Import(ImportKind::kEvents, "more.csv", more);
  ASSERT_TRUE(r.committed);
  auto blob = store_->LoadUsage("A1");
  ASSERT_TRUE(blob.ok() && blob->has_value());
  auto usage = metrics::AccountUsage::Deserialize(**blob);
  ASSERT_TRUE(usage.ok());
  EXPECT_EQ(usage->features().size(), static_cast<size_t>(kNames + 10));
  EXPECT_EQ(usage->events(), static_cast<uint64_t>(kNames + 20));
  for (const auto& f : usage->features()) {
    ASSERT_FALSE(f.days.empty()) << "feature " << f.event_id << " has no events";
  }
}

// Issue 17, item 6: invalid UTF-8 is a located row problem, never stored text.
TEST_F(ImporterTest, InvalidUtf8IsARowProblemNamingTheColumn) {
  std::string accounts = kAccounts;
  accounts += "A3,Bad \xFF Name,media,smb,na,1,2023-06-16,2027-06-16,Sofia Wang,active,,1,x,no\n";
  EXPECT_EQ(OnlyError(ImportKind::kAccounts, "accounts.csv", accounts),
            "accounts.csv:4: column name: invalid UTF-8 at byte 5 (0xFF)");
  EXPECT_EQ(store_->LoadAccounts()->size(), 0u);  // all-or-nothing
  ImportBase();
  EXPECT_EQ(OnlyError(ImportKind::kEvents, "events.csv",
                      "ts,account_id,user_id,event\n"
                      "2026-10-01T10:00:00Z,A1,u1,login\n"
                      "2026-10-01T10:00:00Z,A1,u\xC3(,login\n"),
            "events.csv:3: column user_id: invalid UTF-8 at byte 2 (0xC3)");
  EXPECT_EQ(OnlyError(ImportKind::kContacts, "contacts.csv",
                      "contact_id,account_id,name\nC9,A1,\xE2\x82\n"),
            "contacts.csv:2: column name: invalid UTF-8 at byte 1 (0xE2)");
  EXPECT_EQ(OnlyError(ImportKind::kContacts, "contacts.csv", "contact_id,account_id,n\xFF\n"),
            "contacts.csv:1: column 3: invalid UTF-8 at byte 2 (0xFF)");
  // With a reject file the good rows go in and the bad one is written out.
  ImportOptions skip;
  skip.reject_path = dir_.File("rejects.csv");
  ImportReport r = Import(ImportKind::kContacts, "contacts.csv",
                          "contact_id,account_id,name\nC7,A1,Good\nC8,A1,B\xFF"
                          "d\n",
                          skip);
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(r.files[0].imported, 1);
  EXPECT_EQ(r.files[0].rejected, 1);
}

// Issue 17, item 10: a header wider than kMaxCsvColumns is refused as a whole.
TEST_F(ImporterTest, AFileWithTooManyColumnsIsRefused) {
  std::string header = "account_id,name";
  for (size_t i = 0; i < kMaxCsvColumns; ++i) header += ",attr_" + std::to_string(i);
  EXPECT_EQ(OnlyError(ImportKind::kAccounts, "accounts.csv", header + "\n"),
            "accounts.csv:1: " + std::to_string(kMaxCsvColumns + 2) +
                " columns; a file may have at most " + std::to_string(kMaxCsvColumns));
  EXPECT_TRUE(store_->LoadAttributeDefs()->empty());
}

TEST_F(ImporterTest, EventsAppendAndDeduplicateByMessageId) {
  ImportBase();
  const char* events =
      "ts,account_id,user_id,event,message_id\n"
      "2026-10-01T10:00:00Z,A1,u1,login,m1\n"
      "2026-10-01T11:00:00Z,A1,u2,report_run,m2\n"
      "2026-10-02T00:00:00+02:00,A2,u1,login,\n";
  ImportReport r = Import(ImportKind::kEvents, "events.csv", events);
  EXPECT_EQ(r.files[0].imported, 3);
  r = Import(ImportKind::kEvents, "events.csv", events);
  EXPECT_EQ(r.files[0].imported, 1);  // only the row without a message_id is new
  EXPECT_EQ(r.files[0].duplicates, 2);
  EXPECT_EQ(store_->Counts()->events, 4);
  auto blob = store_->LoadUsage("A2");
  ASSERT_TRUE(blob.ok() && blob->has_value());
  auto usage = metrics::AccountUsage::Deserialize(**blob);
  ASSERT_TRUE(usage.ok());
  EXPECT_EQ(usage->events(), 2u);
  EXPECT_EQ(usage->users().size(), 1u);
  // 2026-10-02T00:00:00+02:00 is 2026-10-01T22:00Z.
  EXPECT_EQ(usage->totals().Sum(*ParseDate("2026-10-01"), *ParseDate("2026-10-01")), 2u);
}

TEST_F(ImporterTest, BadTimeIsReportedWithFileLineAndColumn) {
  ImportBase();
  EXPECT_EQ(OnlyError(ImportKind::kEvents, "events.csv",
                      "ts,account_id,user_id,event\n2026-10-01T10:00:00Z,A1,u1,x\n"
                      "2026-13-01,A1,u1,x\n"),
            "events.csv:3: column ts: \"2026-13-01\" is not an ISO-8601 time");
}

TEST_F(ImporterTest, EveryRowErrorHasItsMessage) {
  ImportBase();
  struct Case {
    ImportKind kind;
    const char* file;
    std::string content;
    std::string message;
  } cases[] = {
      {ImportKind::kEvents, "events.csv",
       "ts,account_id,user_id,event\n2026-10-01T10:00:00Z,A9,u1,x\n",
       "events.csv:2: column account_id: unknown account \"A9\""},
      {ImportKind::kEvents, "events.csv",
       "ts,account_id,user_id,event\n2026-10-01T10:00:00Z,A1,u1\n",
       "events.csv:2: expected 4 fields, found 3"},
      {ImportKind::kEvents, "events.csv",
       "ts,account_id,user_id,event\n2026-10-01T10:00:00Z,A1,,x\n",
       "events.csv:2: column user_id: a user id is required"},
      {ImportKind::kEvents, "events.csv", "ts,account_id,event\n",
       "events.csv:1: missing column user_id (expected a header with "
       "ts,account_id,user_id,event,message_id)"},
      {ImportKind::kAccounts, "accounts.csv", "account_id,status\nA3,gone\n",
       "accounts.csv:2: column status: \"gone\" is not one of active|churned"},
      {ImportKind::kAccounts, "accounts.csv", "account_id,arr\nA3,12k\n",
       "accounts.csv:2: column arr: \"12k\" is not a number"},
      {ImportKind::kAccounts, "accounts.csv", "account_id,start_date\nA3,2026-02-30\n",
       "accounts.csv:2: column start_date: \"2026-02-30\" is not a date (expected YYYY-MM-DD)"},
      {ImportKind::kAccounts, "accounts.csv",
       "account_id,status,churned_on\nA3,active,2026-01-01\n",
       "accounts.csv:2: column churned_on: must be empty unless status is churned"},
      {ImportKind::kAccounts, "accounts.csv", "name\nx\n",
       "accounts.csv:1: missing column account_id (expected a header with "
       "account_id,name,industry,segment,region,arr,start_date,renewal_date,csm,status,churned_"
       "on)"},
      {ImportKind::kContacts, "contacts.csv", "contact_id,account_id,seniority\nC9,A1,boss\n",
       "contacts.csv:2: column seniority: \"boss\" is not one of ic|manager|director|vp|c_level"},
      {ImportKind::kContacts, "contacts.csv", "contact_id,account_id,role\nC9,A1,fan\n",
       "contacts.csv:2: column role: \"fan\" is not one of champion|decision_maker|user|admin"},
      {ImportKind::kContacts, "contacts.csv", "contact_id,account_id,email\nC9,A1,nope\n",
       "contacts.csv:2: column email: \"nope\" is not an email address"},
      {ImportKind::kContacts, "contacts.csv", "contact_id,account_id,status\nC9,A1,gone\n",
       "contacts.csv:2: column status: \"gone\" is not one of active|left|bounced"},
      {ImportKind::kSurveys, "surveys.csv",
       "ts,account_id,contact_id,survey,score\n2026-10-01T00:00:00Z,A1,C1,nps,11\n",
       "surveys.csv:2: column score: \"11\" is not a whole number from 0 to 10 (nps)"},
      {ImportKind::kSurveys, "surveys.csv",
       "ts,account_id,contact_id,survey,score\n2026-10-01T00:00:00Z,A1,C1,csat,0\n",
       "surveys.csv:2: column score: \"0\" is not a whole number from 1 to 5 (csat)"},
      {ImportKind::kSurveys, "surveys.csv",
       "ts,account_id,contact_id,survey,score\n2026-10-01T00:00:00Z,A1,C2,nps,5\n",
       "surveys.csv:2: column contact_id: contact \"C2\" belongs to account \"A2\", not \"A1\""},
      {ImportKind::kSurveys, "surveys.csv",
       "ts,account_id,contact_id,survey,score\n2026-10-01T00:00:00Z,A1,C7,nps,5\n",
       "surveys.csv:2: column contact_id: unknown contact \"C7\""},
      {ImportKind::kSurveys, "surveys.csv",
       "ts,account_id,contact_id,survey,score\n2026-10-01T00:00:00Z,A1,C1,ces,5\n",
       "surveys.csv:2: column survey: \"ces\" is not one of nps|csat|advocacy_nps"},
      {ImportKind::kTickets, "tickets.csv",
       "ticket_id,account_id,opened_at,closed_at,priority,status,csat\nT1,A1,2026-10-01T00:00:00Z,,"
       "p1,open,\n",
       "tickets.csv:2: column priority: \"p1\" is not one of low|normal|high|urgent"},
      {ImportKind::kTickets, "tickets.csv",
       "ticket_id,account_id,opened_at,closed_at,priority,status,csat\nT1,A1,2026-10-02T00:00:00Z,"
       "2026-10-01T00:00:00Z,low,closed,\n",
       "tickets.csv:2: column closed_at: is before opened_at"},
      {ImportKind::kTickets, "tickets.csv",
       "ticket_id,account_id,opened_at,closed_at,priority,status,csat\nT1,A1,2026-10-01T00:00:00Z,,"
       "low,pending,\n",
       "tickets.csv:2: column status: \"pending\" is not one of open|closed"},
      {ImportKind::kTickets, "tickets.csv",
       "ticket_id,account_id,opened_at,closed_at,priority,status,csat\nT1,A1,2026-10-01T00:00:00Z,"
       "2026-10-02T00:00:00Z,low,closed,9\n",
       "tickets.csv:2: column csat: \"9\" is not a whole number from 1 to 5"},
      {ImportKind::kActivities, "activities.csv",
       "ts,account_id,contact_id,type,subject\n2026-10-01T00:00:00Z,A1,,party,x\n",
       "activities.csv:2: column type: \"party\" is not one of "
       "meeting|call|email|qbr|note|beta_response|community_post|social_mention|reference_call|"
       "case_study|speaking|advisory_board"},
      {ImportKind::kDeals, "deals.csv",
       "deal_id,prospect,amount,stage,closed_at,reference_contact_id\nD1,X,10,maybe,,\n",
       "deals.csv:2: column stage: \"maybe\" is not one of open|won|lost"},
      {ImportKind::kDeals, "deals.csv",
       "deal_id,prospect,amount,stage,closed_at,reference_contact_id\nD1,X,10,won,2026-10-01,C8\n",
       "deals.csv:2: column reference_contact_id: unknown contact \"C8\""},
      {ImportKind::kDeals, "deals.csv",
       "deal_id,prospect,amount,stage,closed_at,reference_contact_id\nD1,X,ten,won,2026-10-01,\n",
       "deals.csv:2: column amount: \"ten\" is not a number"},
      {ImportKind::kDeals, "deals.csv", "deal_id,stage\nD1,won\nD2,\"won\"x\n",
       "deals.csv:3: unexpected character after a closing quote in field 2"},
      {ImportKind::kDeals, "deals.csv", "", "deals.csv: the file is empty; expected a header row"},
      {ImportKind::kFeedback, "feedback.csv",
       "feedback_id,ts,account_id,source,kind,importance,text\nF1,2026-10-01T00:00:00Z,A1,phone,"
       "bug,nice,x\n",
       "feedback.csv:2: column source: \"phone\" is not one of "
       "call|meeting|qbr|ticket|survey|email|community|other"},
      {ImportKind::kFeedback, "feedback.csv",
       "feedback_id,ts,account_id,source,kind,importance,text\nF1,2026-10-01T00:00:00Z,A1,call,"
       "bug,,x\n",
       "feedback.csv:2: column importance: a value is required (one of nice|important|blocker)"},
      {ImportKind::kFeedback, "feedback.csv",
       "feedback_id,ts,account_id,contact_id,source,kind,importance,text\nF1,2026-10-01T00:00:00Z,"
       "A1,C2,call,bug,nice,x\n",
       "feedback.csv:2: column contact_id: contact \"C2\" belongs to account \"A2\", not \"A1\""},
      {ImportKind::kFeedback, "feedback.csv", "feedback_id,ts,account_id\n",
       "feedback.csv:1: missing columns source, kind, importance, text (expected a header with "
       "feedback_id,ts,account_id,contact_id,source,source_ref,kind,importance,text,product_area,"
       "created_by,request)"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(OnlyError(c.kind, c.file, c.content), c.message);
  }
  // Nothing of the failed imports was written.
  auto counts = store_->Counts();
  EXPECT_EQ(counts->accounts, 2);
  EXPECT_EQ(counts->events, 0);
  EXPECT_EQ(counts->deals, 0);
  EXPECT_TRUE(store_->ListFeedbackItems({})->empty());
  EXPECT_TRUE(store_->ListFeedbackRequests()->empty());
}

TEST_F(ImporterTest, FeedbackLinksRequestsByTitleAndImportsOnce) {
  ImportBase();
  const std::string file =
      "feedback_id,ts,account_id,contact_id,source,source_ref,kind,importance,text,request\n"
      "F1,2026-10-01T10:00:00Z,A1,C1,call,activity:4,feature_request,blocker,Need SSO,SSO\n"
      "F2,2026-10-02T10:00:00Z,A2,,survey,,feature_request,nice,SSO please,SSO\n"
      "F3,2026-10-03T10:00:00Z,A2,,ticket,,bug,important,Export fails,\n";
  ImportReport r = Import(ImportKind::kFeedback, "feedback.csv", file);
  ASSERT_TRUE(r.committed);
  EXPECT_EQ(r.files[0].imported, 3);
  r = Import(ImportKind::kFeedback, "feedback.csv", file);  // the same items again
  ASSERT_TRUE(r.committed);
  auto items = store_->ListFeedbackItems({});
  ASSERT_EQ(items->size(), 3u);
  auto requests = store_->ListFeedbackRequests();
  ASSERT_EQ(requests->size(), 1u);
  EXPECT_EQ((*requests)[0].title, "SSO");
  EXPECT_EQ((*items)[0].request_id, (*requests)[0].request_id);
  EXPECT_EQ((*items)[1].request_id, (*requests)[0].request_id);
  EXPECT_FALSE((*items)[2].request_id);
  EXPECT_EQ((*items)[0].source_ref, "activity:4");
  EXPECT_EQ((*items)[0].contact_id, "C1");
  auto counts = store_->CountOpenBlockerRequests();
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ((*counts)[0].first, "A1");
}

TEST_F(ImporterTest, OneImportCommandIsAllOrNothing) {
  WriteFile(dir_.File("accounts.csv"), kAccounts);
  WriteFile(dir_.File("contacts.csv"), kContacts);
  std::string events = "ts,account_id,user_id,event\n";
  for (int i = 0; i < 1000; ++i) events += "2026-10-01T10:00:00Z,A1,u1,x\n";
  events += "bad,A1,u1,x\n";
  WriteFile(dir_.File("events.csv"), events);
  auto files = FindImportFiles(dir_.path());
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->size(), 3u);
  auto r = RunImport(*store_, *files, {});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(r->problems, 1);
  auto c = store_->Counts();
  EXPECT_EQ(c->accounts, 0);
  EXPECT_EQ(c->contacts, 0);
  EXPECT_EQ(c->events, 0);
}

TEST_F(ImporterTest, ShowsTheFirstTwentyProblemsAndCountsTheRest) {
  ImportBase();
  std::string events = "ts,account_id,user_id,event\n";
  for (int i = 0; i < 50; ++i) events += "2026-10-01T10:00:00Z,NOPE,u1,x\n";
  ImportReport r = Import(ImportKind::kEvents, "events.csv", events);
  EXPECT_EQ(r.problems, 50);
  EXPECT_EQ(r.messages.size(), 20u);
}

TEST_F(ImporterTest, SkipBadImportsValidRowsAndWritesRejects) {
  ImportBase();
  ImportOptions o;
  o.reject_path = dir_.File("rejects.csv");
  ImportReport r = Import(ImportKind::kEvents, "events.csv",
                          "ts,account_id,user_id,event\n2026-10-01T10:00:00Z,A1,u1,x\n"
                          "2026-10-01T10:00:00Z,ZZ,u1,x\n2026-10-01T11:00:00Z,A1,u2,y\n",
                          o);
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(r.files[0].imported, 2);
  EXPECT_EQ(r.files[0].rejected, 1);
  EXPECT_EQ(store_->Counts()->events, 2);
  EXPECT_EQ(testing::ReadFile(dir_.File("rejects.csv")),
            "file,line,error,row\n\"events.csv\",3,\"column account_id: unknown account "
            "\"\"ZZ\"\"\",\"2026-10-01T10:00:00Z,ZZ,u1,x\"\n");
}

TEST_F(ImporterTest, HeaderColumnsMayComeInAnyOrder) {
  ImportBase();
  ImportReport r = Import(ImportKind::kEvents, "events.csv",
                          "event,user_id,account_id,ts\nlogin,u1,A1,2026-10-01T10:00:00Z\n");
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(store_->Counts()->events, 1);
}

}  // namespace
}  // namespace tend::ingest
