// PgStore: the PostgreSQL implementation of Store (the class; open it with OpenPgStore in
// pg_store.h). Its definitions are cut by domain interface like SqliteStore's:
// pg_store.cc (open, transactions, meta, workspace operations) and pg_<domain>_store.cc for
// each interface (account, usage, history, cockpit, advocacy, auth, prediction, revenue,
// feedback, mail, survey). Semantics equal SqliteStore's (the store tests run on both); text keys
// are COLLATE "C" (pg_migrations.h), so every ORDER BY is byte order as in SQLite.
#ifndef TEND_STORE_PG_STORE_IMPL_H_
#define TEND_STORE_PG_STORE_IMPL_H_

#include <memory>
#include <string>

#include "common/clock.h"
#include "store/pg_db.h"
#include "store/sqlite_store.h"
#include "store/store.h"

namespace tend::store {

class PgStore final : public Store {
 public:
  // `options` as the workspace was opened with (OpenAnother opens the same way).
  PgStore(std::unique_ptr<PgDb> db, int version, OpenOptions options)
      : db_(std::move(db)), version_(version), options_(std::move(options)) {}
  ~PgStore() override;
  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;

  int schema_version() const override { return version_; }
  PgDb& db() { return *db_; }

  Result<std::unique_ptr<Store>> OpenAnother() override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Status UpsertAccount(const AccountRecord& account) override;
  Result<bool> InsertAccountIfMissing(std::string_view account_id, std::string_view name) override;
  Result<std::vector<AccountRecord>> LoadAccounts() override;
  Result<std::vector<AttributeDef>> LoadAttributeDefs() override;
  Status SaveAttributeDef(const AttributeDef& def) override;
  Status UpsertContact(const ContactRecord& contact) override;
  Result<std::vector<ContactRecord>> LoadContacts() override;
  Result<std::vector<ContactRecord>> ListContacts(std::string_view account_id) override;
  Result<std::optional<ContactRecord>> GetContact(std::string_view contact_id) override;
  Result<bool> UpsertSurvey(const SurveyRecord& survey) override;
  Result<std::vector<SurveyRecord>> LoadSurveys() override;
  Result<std::vector<SurveyRecord>> ListSurveys(std::string_view account_id) override;
  Result<std::vector<TicketRecord>> ListTickets(std::string_view account_id) override;
  Status UpsertTicket(const TicketRecord& ticket) override;
  Result<std::vector<TicketRecord>> LoadTickets() override;
  Result<int64_t> UpsertActivity(const ActivityRecord& activity) override;
  Result<std::vector<ActivityRecord>> LoadActivities() override;
  Result<std::vector<ActivityRecord>> LoadContactActivities( const std::vector<std::string>& types) override;
  Status ForEachSurveyFact( const std::function<void(std::string_view account_id, EpochMs ts, std::string_view survey, double score)>& fn) override;
  Status ForEachTicket(const std::function<void(const TicketRecord&)>& fn) override;
  Status ForEachContactRole( const std::function<void(std::string_view account_id, std::string_view role)>& fn) override;
  Status ForEachActivityFact( const std::function<void(std::string_view account_id, EpochMs ts, std::string_view type)>& fn) override;
  Status UpsertDeal(const DealRecord& deal) override;
  Result<std::vector<DealRecord>> LoadDeals() override;
  Result<std::vector<std::string>> LoadEventNames() override;
  Status AddEventName(uint32_t id, std::string_view name) override;
  Result<std::optional<std::string>> LoadUsage(std::string_view account_id) override;
  Status ForEachUsage( const std::function<Status(std::string_view account_id, std::string_view blob)>& fn) override;
  Status SaveUsage(std::string_view account_id, std::string_view blob, int64_t events) override;
  Result<bool> InsertMessageId(std::string_view message_id) override;
  Status ReplaceDefinitionFiles(const std::vector<DefinitionFileRecord>& files) override;
  Result<std::vector<DefinitionFileRecord>> LoadDefinitionFiles() override;
  Status SaveScoreHistory(const std::vector<ScoreHistoryRecord>& rows) override;
  Result<std::vector<ScoreHistoryRecord>> LoadScoresOnDay(std::string_view scorecard, EpochDay day, bool with_measures) override;
  Result<std::vector<ScoreHistoryRecord>> LoadAccountHistory( std::string_view account_id) override;
  Result<int64_t> AddOverride(const OverrideRecord& o) override;
  Result<std::vector<OverrideRecord>> LoadOverrides() override;
  Result<int64_t> InsertCta(const CtaRecord& cta) override;
  Status UpdateCta(const CtaRecord& cta) override;
  Result<std::vector<CtaRecord>> ListCtas(const CtaFilter& filter) override;
  Result<int64_t> AddCtaEvent(const CtaEventRecord& event) override;
  Result<std::vector<CtaEventRecord>> ListCtaEvents(int64_t cta_id) override;
  Result<int64_t> InsertTask(const TaskRecord& task) override;
  Status UpdateTask(const TaskRecord& task) override;
  Result<std::optional<TaskRecord>> GetTask(int64_t task_id) override;
  Result<std::vector<TaskRecord>> ListTasks(std::optional<int64_t> cta_id, std::optional<int64_t> objective_id, std::string_view account_id) override;
  Result<int64_t> InsertPlan(const PlanRecord& plan) override;
  Result<std::vector<PlanRecord>> ListPlans(std::string_view account_id) override;
  Result<int64_t> InsertObjective(const ObjectiveRecord& objective) override;
  Status UpdateObjective(const ObjectiveRecord& objective) override;
  Result<std::vector<ObjectiveRecord>> ListObjectives(int64_t plan_id) override;
  Result<std::optional<ObjectiveRecord>> GetObjective(int64_t objective_id) override;
  Result<std::vector<ActivityRecord>> ListActivities(std::string_view account_id) override;
  Result<std::optional<ActivityRecord>> GetActivity(int64_t activity_id) override;
  Status UpdateActivity(const ActivityRecord& activity) override;
  Status SetAccountAttribute(std::string_view account_id, const AttributeValue& value) override;
  Result<std::vector<std::pair<std::string, std::string>>> LoadRuleState() override;
  Result<std::vector<std::pair<std::string, std::string>>> LoadRuleStateOf( const std::vector<std::string>& account_ids) override;
  Status SetRuleState(std::string_view rule, std::string_view account_id, bool matched, EpochMs since) override;
  Status AddRuleFiring(const RuleFiringRecord& firing) override;
  Result<std::vector<RuleFiringRecord>> ListRuleFirings(std::string_view account_id, int limit) override;
  Result<int64_t> InsertWebhookDelivery(const WebhookDeliveryRecord& d) override;
  Status UpdateWebhookDelivery(const WebhookDeliveryRecord& d) override;
  Result<std::vector<WebhookDeliveryRecord>> ListWebhookDeliveries( std::string_view status) override;
  Result<std::optional<std::string>> GetWebhookSecret(std::string_view url) override;
  Status SetWebhookSecret(std::string_view url, std::string_view secret, EpochMs at) override;
  Result<std::vector<std::pair<std::string, EpochMs>>> ListWebhookSecrets() override;
  Status SaveDailySummary(const DailySummaryRecord& summary) override;
  Result<std::vector<DailySummaryRecord>> LoadDailySummaries(std::string_view scorecard, EpochDay from_day) override;
  Result<std::vector<CtaCount>> CountOpenCtas() override;
  Result<std::vector<SavedViewRecord>> ListSavedViews(int64_t user_id) override;
  Result<int64_t> InsertSavedView(const SavedViewRecord& view) override;
  Status DeleteSavedView(int64_t user_id, int64_t view_id) override;
  Status SavePredictionHistory(std::string_view target, EpochDay day, const std::vector<std::pair<std::string, double>>& rows) override;
  Result<std::vector<std::pair<EpochDay, double>>> LoadPredictionHistory( std::string_view target, std::string_view account_id) override;
  Status UpsertAdvocate(const AdvocateRecord& advocate) override;
  Result<std::vector<AdvocateRecord>> ListAdvocates() override;
  Result<std::optional<AdvocateRecord>> GetAdvocate(std::string_view contact_id) override;
  Result<int64_t> InsertAsk(const AskRecord& ask) override;
  Status UpdateAsk(const AskRecord& ask) override;
  Result<std::optional<AskRecord>> GetAsk(int64_t ask_id) override;
  Result<std::vector<AskRecord>> ListAsks(std::string_view contact_id) override;
  Result<int64_t> InsertLedgerEntry(const LedgerRecord& entry) override;
  Result<std::vector<LedgerRecord>> ListLedger(std::string_view contact_id) override;
  Result<int64_t> InsertReferenceRequest(const ReferenceRequestRecord& request) override;
  Status UpdateReferenceRequest(const ReferenceRequestRecord& request) override;
  Result<std::optional<ReferenceRequestRecord>> GetReferenceRequest(int64_t id) override;
  Result<std::vector<ReferenceRequestRecord>> ListReferenceRequests() override;
  Result<std::vector<ContactChangeRecord>> ListContactChanges(bool unprocessed_only) override;
  Status MarkContactChangeProcessed(int64_t change_id, bool champion) override;
  Result<int64_t> RecordContactChange(const ContactChangeRecord& change) override;
  Result<std::optional<std::string>> LoadProgramSettings() override;
  Status SaveProgramSettings(std::string_view settings) override;
  Status SaveLatestPredictions(const PredictionSet& set) override;
  Result<std::optional<PredictionSet>> LoadLatestPredictions(std::string_view target) override;
  Result<std::optional<std::string>> LoadModelDocument(std::string_view target) override;
  Status SaveModelDocument(std::string_view target, std::string_view document) override;
  // RevenueStore (pg_revenue_store.cc).
  Status UpsertSubscription(const SubscriptionRecord& subscription) override;
  Result<std::vector<SubscriptionRecord>> LoadSubscriptions() override;
  Result<std::vector<SubscriptionRecord>> ListSubscriptions(std::string_view account_id) override;
  Status UpsertPurchase(const PurchaseRecord& purchase) override;
  Result<std::vector<PurchaseRecord>> LoadPurchases() override;
  Result<std::vector<PurchaseRecord>> ListPurchases(std::string_view account_id) override;
  Status UpsertRenewal(const RenewalRecord& renewal) override;
  Result<std::vector<RenewalRecord>> LoadRenewals() override;
  // FeedbackStore (pg_feedback_store.cc).
  Result<int64_t> UpsertFeedbackItem(const FeedbackItemRecord& item) override;
  Result<std::optional<FeedbackItemRecord>> GetFeedbackItem(int64_t item_id) override;
  Result<std::vector<FeedbackItemRecord>> ListFeedbackItems(
      const FeedbackItemFilter& filter) override;
  Status LinkFeedbackItem(int64_t item_id, std::optional<int64_t> request_id) override;
  Result<int64_t> MoveFeedbackItems(int64_t from, int64_t to) override;
  Result<int64_t> InsertFeedbackRequest(const FeedbackRequestRecord& request) override;
  Status UpdateFeedbackRequest(const FeedbackRequestRecord& request) override;
  Result<std::optional<FeedbackRequestRecord>> GetFeedbackRequest(int64_t request_id) override;
  Result<std::vector<FeedbackRequestRecord>> ListFeedbackRequests() override;
  Result<std::vector<std::string>> ListProductAreas() override;
  Status AddProductArea(std::string_view name) override;
  Result<std::vector<std::pair<std::string, int64_t>>> CountOpenBlockerRequests() override;
  Result<std::optional<EpochDay>> LatestHistoryDayBefore(std::string_view scorecard, EpochDay day) override;
  Result<int64_t> InsertUser(const UserRecord& user) override;
  Status UpdateUser(const UserRecord& user) override;
  Result<std::vector<UserRecord>> LoadUsers() override;
  Result<std::optional<UserRecord>> FindUserByEmail(std::string_view email) override;
  Result<std::optional<UserRecord>> GetUserById(int64_t user_id) override;
  Status RecordFailedLogin(int64_t user_id, EpochMs at) override;
  Status ResetFailedLogins(int64_t user_id) override;
  Status InsertSession(const SessionRecord& session) override;
  Result<std::optional<SessionRecord>> FindSession(std::string_view token_hash) override;
  Status DeleteSession(std::string_view token_hash) override;
  Status DeleteSessionsOfUser(int64_t user_id) override;
  Status DeleteExpiredSessions(EpochMs now) override;
  Result<int64_t> InsertApiToken(const ApiTokenRecord& token) override;
  Result<std::optional<ApiTokenRecord>> FindApiTokenByHash(std::string_view token_hash) override;
  Result<std::vector<ApiTokenRecord>> ListApiTokens(int64_t user_id) override;
  Status RevokeApiToken(int64_t user_id, int64_t token_id, EpochMs at) override;
  Status TouchApiToken(int64_t token_id, EpochMs at) override;
  Result<int64_t> InsertWriteKey(const WriteKeyRecord& key) override;
  Result<std::optional<WriteKeyRecord>> FindWriteKeyByHash(std::string_view key_hash) override;
  Result<std::vector<WriteKeyRecord>> ListWriteKeys() override;
  Status RevokeWriteKey(int64_t key_id, EpochMs at) override;
  Result<std::string> GetWriteKeyOrigins(int64_t key_id) override;
  Status SetWriteKeyOrigins(int64_t key_id, std::string_view origins) override;
  Result<int64_t> AppendJournal(const JournalEvent& event) override;
  Status ForEachJournalEvent(const std::function<Status(const JournalEvent&)>& fn, int64_t limit) override;
  Result<std::vector<JournalEvent>> AttributeJournal(std::string_view user_id, std::string_view account_id) override;
  Status DeleteJournalThrough(int64_t seq) override;
  Result<std::pair<int64_t, int64_t>> CountJournal() override;
  Status SetUserGroup(std::string_view user_id, std::string_view account_id) override;
  Result<std::optional<std::string>> GetUserGroup(std::string_view user_id) override;
  Status HoldIdentify(const HeldIdentifyRecord& held) override;
  Result<std::vector<HeldIdentifyRecord>> TakeHeldIdentifies(std::string_view user_id) override;
  Result<std::pair<int64_t, int64_t>> CountHeldIdentifies() override;
  Status BackupTo(const std::string& path) override;
  Result<std::vector<std::string>> CheckIntegrity() override;
  Result<WorkspaceCounts> Counts() override;
  Result<std::optional<std::string>> GetMeta(std::string_view key) override;
  Status SetMeta(std::string_view key, std::string_view value) override;

  // ---- MailStore (pg_mail_store.cc) ----
  Result<int64_t> QueueMail(const MailRecord& mail) override;
  Result<std::vector<MailRecord>> ClaimDueMail(EpochMs now, EpochMs lease_until,
                                               int limit) override;
  Status MarkMailSent(int64_t mail_id, EpochMs at) override;
  Status MarkMailUnsent(int64_t mail_id, std::string_view error,
                        std::optional<EpochMs> retry_at) override;
  Result<int64_t> RequeueFailedMail(EpochMs now) override;
  Result<std::vector<MailRecord>> ListMail(std::string_view status, int limit) override;
  Result<std::optional<MailRecord>> GetMail(int64_t mail_id) override;
  Result<MailCounts> CountMail() override;

  // ---- SurveyStore (pg_survey_store.cc) ----
  Result<int64_t> InsertSurveyInvite(const SurveyInviteRecord& invite) override;
  Result<std::optional<SurveyInviteRecord>> FindSurveyInvite(
      std::string_view token_hash) override;
  Status AnswerSurveyInvite(int64_t invite_id, double score, std::string_view comment,
                            EpochMs at) override;
  Result<std::vector<SurveyInviteRecord>> ListSurveyInvites(std::string_view survey) override;
  Result<std::optional<EpochMs>> LastSurveyInvite(std::string_view contact_id) override;
  Result<bool> IsUnsubscribed(std::string_view email) override;
  Status Unsubscribe(std::string_view email, EpochMs at) override;

 private:
  // The contacts matching `where` ($1, or empty for all), by contact_id.
  Result<std::vector<ContactRecord>> ReadContacts(const char* where, std::string_view arg);
  // Records the contact changes options_.contact_changes decides for writing `c`.
  Status NoteContactChange(const ContactRecord& c);
  const Clock& clock() const { return options_.clock ? *options_.clock : DefaultClock(); }

  std::unique_ptr<PgDb> db_;
  int version_;
  OpenOptions options_;
  bool in_txn_ = false;
};

}  // namespace tend::store

#endif  // TEND_STORE_PG_STORE_IMPL_H_
