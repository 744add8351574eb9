// Store: the one interface through which tend reaches a workspace's durable state.
//
// Domain modules (ingest, metrics, scorecard, rules, ...) see only this interface; they never
// build SQL. SqliteStore (sqlite_store.h) is the embedded default; a PostgreSQL store will
// implement the same interface. Every method reports failure through Status/Result:
// kInvalidArgument for input that breaks a constraint, kFailedPrecondition for a schema the
// binary cannot use, kInternal for I/O and engine errors.
//
// Transactions: writes outside Begin()/Commit() are committed one by one. Within a
// transaction, reads see the transaction's own writes. A Store is used by one thread at a
// time (the server gives each worker its own connection).
//
// Durability: Commit() returns only after the transaction is in the write-ahead log and
// fsync'ed (SQLite WAL with synchronous=FULL), so a write reported as done survives kill -9
// and, on a disk that honours fsync, power loss.
#ifndef TEND_STORE_STORE_H_
#define TEND_STORE_STORE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/feedback_store.h"
#include "store/records.h"

namespace tend::store {

class Store : public FeedbackStore {
 public:
  virtual ~Store() = default;

  // The schema version the workspace file is at, and the newest this binary knows.
  virtual int schema_version() const = 0;

  // Opens another connection to the same workspace, for reading on another thread (a
  // snapshot of what is committed when its first read begins).
  virtual Result<std::unique_ptr<Store>> OpenAnother() = 0;

  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  // Undoes everything since Begin(). Safe to call when no transaction is open.
  virtual Status Rollback() = 0;

  // ---- Accounts and their custom attributes ----
  virtual Status UpsertAccount(const AccountRecord& account) = 0;
  // Creates a bare account unless one with that id exists; returns whether it did.
  virtual Result<bool> InsertAccountIfMissing(std::string_view account_id,
                                              std::string_view name) = 0;
  // All accounts with their custom attributes, ordered by account_id.
  virtual Result<std::vector<AccountRecord>> LoadAccounts() = 0;
  virtual Result<std::vector<AttributeDef>> LoadAttributeDefs() = 0;
  virtual Status SaveAttributeDef(const AttributeDef& def) = 0;

  // ---- Contacts, surveys, tickets, activities, deals ----
  // Creates or updates a contact. Records a ContactChangeRecord (time: now) when an existing
  // contact's title or account changes, and when a new contact is the same person (same name,
  // same email before the @) as a contact of another account: a move between companies.
  virtual Status UpsertContact(const ContactRecord& contact) = 0;
  virtual Result<std::vector<ContactRecord>> LoadContacts() = 0;
  // One account's contacts; one contact by id (nullopt when unknown).
  virtual Result<std::vector<ContactRecord>> ListContacts(std::string_view account_id) = 0;
  virtual Result<std::optional<ContactRecord>> GetContact(std::string_view contact_id) = 0;
  // A survey answer is a fact. Its identity is survey.survey_id when set (the same id
  // again updates the answer), else the whole row (ts, account, contact, survey, score,
  // comment): two different answers are never merged. Returns whether anything was stored
  // (false: the same answer was there already).
  virtual Result<bool> UpsertSurvey(const SurveyRecord& survey) = 0;
  virtual Result<std::vector<SurveyRecord>> LoadSurveys() = 0;
  // One account's surveys (by time) and tickets (by id).
  virtual Result<std::vector<SurveyRecord>> ListSurveys(std::string_view account_id) = 0;
  virtual Result<std::vector<TicketRecord>> ListTickets(std::string_view account_id) = 0;
  virtual Status UpsertTicket(const TicketRecord& ticket) = 0;
  virtual Result<std::vector<TicketRecord>> LoadTickets() = 0;
  // Imported activities are identified by (ts, account, contact, type, subject), system
  // ones by that and their notes, so writing one again changes nothing; those people log (source
  // "user") are always new. Returns the activity's id.
  virtual Result<int64_t> UpsertActivity(const ActivityRecord& activity) = 0;
  virtual Result<std::vector<ActivityRecord>> LoadActivities() = 0;
  // The activities that name a contact and have one of `types`, without their notes, in
  // account and time order (what the advocacy program reads about people).
  virtual Result<std::vector<ActivityRecord>> LoadContactActivities(
      const std::vector<std::string>& types) = 0;
  // The lean reads the metrics engine needs, in account order (then time): every survey's
  // account, time, kind and score; every ticket (ticket_id left empty); every activity's
  // account, time and type.
  virtual Status ForEachSurveyFact(
      const std::function<void(std::string_view account_id, EpochMs ts, std::string_view survey,
                               double score)>& fn) = 0;
  virtual Status ForEachTicket(const std::function<void(const TicketRecord&)>& fn) = 0;
  virtual Status ForEachContactRole(
      const std::function<void(std::string_view account_id, std::string_view role)>& fn) = 0;
  virtual Status ForEachActivityFact(
      const std::function<void(std::string_view account_id, EpochMs ts, std::string_view type)>&
          fn) = 0;
  virtual Status UpsertDeal(const DealRecord& deal) = 0;
  virtual Result<std::vector<DealRecord>> LoadDeals() = 0;

  // ---- Product usage (see metrics/usage_state.h) ----
  // The workspace's event-name dictionary; the index of a name is its event id.
  virtual Result<std::vector<std::string>> LoadEventNames() = 0;
  // REQUIRES: id == the current dictionary size (ids are dense).
  virtual Status AddEventName(uint32_t id, std::string_view name) = 0;
  // The stored usage state of one account, or nullopt.
  virtual Result<std::optional<std::string>> LoadUsage(std::string_view account_id) = 0;
  // Calls `fn` with every stored usage state; stops at the first error it returns.
  virtual Status ForEachUsage(
      const std::function<Status(std::string_view account_id, std::string_view blob)>& fn) = 0;
  virtual Status SaveUsage(std::string_view account_id, std::string_view blob, int64_t events) = 0;
  // Records a message id; returns false when it was recorded before (a duplicate event).
  virtual Result<bool> InsertMessageId(std::string_view message_id) = 0;

  // ---- Definitions (YAML files as applied) ----
  // Replaces the stored definition files with `files`.
  virtual Status ReplaceDefinitionFiles(const std::vector<DefinitionFileRecord>& files) = 0;
  virtual Result<std::vector<DefinitionFileRecord>> LoadDefinitionFiles() = 0;

  // ---- Score history and overrides ----
  // Upserts by (scorecard, account_id, day).
  virtual Status SaveScoreHistory(const std::vector<ScoreHistoryRecord>& rows) = 0;
  // All accounts' rows of `scorecard` on `day` (measures left empty when !with_measures).
  virtual Result<std::vector<ScoreHistoryRecord>> LoadScoresOnDay(std::string_view scorecard,
                                                                  EpochDay day,
                                                                  bool with_measures) = 0;
  // One account's rows, all scorecards, ordered by scorecard and day.
  virtual Result<std::vector<ScoreHistoryRecord>> LoadAccountHistory(
      std::string_view account_id) = 0;
  virtual Result<int64_t> AddOverride(const OverrideRecord& o) = 0;
  // Every override ever set, oldest first.
  virtual Result<std::vector<OverrideRecord>> LoadOverrides() = 0;

  // ---- Cockpit: CTAs, tasks, success plans ----
  // Fails with kAlreadyExists ("store.ctaExists") when the rule already has a CTA for the
  // account that is not closed.
  virtual Result<int64_t> InsertCta(const CtaRecord& cta) = 0;
  virtual Status UpdateCta(const CtaRecord& cta) = 0;
  virtual Result<std::vector<CtaRecord>> ListCtas(const CtaFilter& filter) = 0;
  virtual Result<int64_t> AddCtaEvent(const CtaEventRecord& event) = 0;
  virtual Result<std::vector<CtaEventRecord>> ListCtaEvents(int64_t cta_id) = 0;
  virtual Result<int64_t> InsertTask(const TaskRecord& task) = 0;
  virtual Status UpdateTask(const TaskRecord& task) = 0;
  virtual Result<std::optional<TaskRecord>> GetTask(int64_t task_id) = 0;
  // Tasks of a CTA, or of an objective, or (both empty) of an account.
  virtual Result<std::vector<TaskRecord>> ListTasks(std::optional<int64_t> cta_id,
                                                    std::optional<int64_t> objective_id,
                                                    std::string_view account_id) = 0;
  virtual Result<int64_t> InsertPlan(const PlanRecord& plan) = 0;
  virtual Result<std::vector<PlanRecord>> ListPlans(std::string_view account_id) = 0;
  virtual Result<int64_t> InsertObjective(const ObjectiveRecord& objective) = 0;
  virtual Status UpdateObjective(const ObjectiveRecord& objective) = 0;
  virtual Result<std::vector<ObjectiveRecord>> ListObjectives(int64_t plan_id) = 0;
  virtual Result<std::optional<ObjectiveRecord>> GetObjective(int64_t objective_id) = 0;
  // One account's activities (the timeline), newest first.
  virtual Result<std::vector<ActivityRecord>> ListActivities(std::string_view account_id) = 0;
  virtual Result<std::optional<ActivityRecord>> GetActivity(int64_t activity_id) = 0;
  // Changes an activity's time, type, subject, notes and contact.
  virtual Status UpdateActivity(const ActivityRecord& activity) = 0;
  // Sets (upserts) one custom attribute of one account.
  virtual Status SetAccountAttribute(std::string_view account_id, const AttributeValue& value) = 0;

  // ---- Rules ----
  // The (rule, account) pairs whose condition held at the last run.
  virtual Result<std::vector<std::pair<std::string, std::string>>> LoadRuleState() = 0;
  // The same, for some accounts only.
  virtual Result<std::vector<std::pair<std::string, std::string>>> LoadRuleStateOf(
      const std::vector<std::string>& account_ids) = 0;
  virtual Status SetRuleState(std::string_view rule, std::string_view account_id, bool matched,
                              EpochMs since) = 0;
  virtual Status AddRuleFiring(const RuleFiringRecord& firing) = 0;
  // Firings for an account (or all when empty), newest first, at most `limit`.
  virtual Result<std::vector<RuleFiringRecord>> ListRuleFirings(std::string_view account_id,
                                                                int limit) = 0;
  virtual Result<int64_t> InsertWebhookDelivery(const WebhookDeliveryRecord& d) = 0;
  virtual Status UpdateWebhookDelivery(const WebhookDeliveryRecord& d) = 0;
  // Deliveries with `status` (all when empty), oldest first.
  virtual Result<std::vector<WebhookDeliveryRecord>> ListWebhookDeliveries(
      std::string_view status) = 0;
  // The signing secret of the webhook receiver at `url` (nullopt when it has none yet);
  // SetWebhookSecret creates or replaces it.
  virtual Result<std::optional<std::string>> GetWebhookSecret(std::string_view url) = 0;
  virtual Status SetWebhookSecret(std::string_view url, std::string_view secret, EpochMs at) = 0;
  // Every receiver with a secret: (url, created_at), by url.
  virtual Result<std::vector<std::pair<std::string, EpochMs>>> ListWebhookSecrets() = 0;

  // Upserts one day's summary; the summaries of `scorecard` from `from_day` on, by day.
  virtual Status SaveDailySummary(const DailySummaryRecord& summary) = 0;
  virtual Result<std::vector<DailySummaryRecord>> LoadDailySummaries(std::string_view scorecard,
                                                                     EpochDay from_day) = 0;
  // CTAs that are not closed, counted by type and priority.
  virtual Result<std::vector<CtaCount>> CountOpenCtas() = 0;
  // A user's saved views (by name), add one, delete one of theirs (kNotFound otherwise).
  virtual Result<std::vector<SavedViewRecord>> ListSavedViews(int64_t user_id) = 0;
  virtual Result<int64_t> InsertSavedView(const SavedViewRecord& view) = 0;
  virtual Status DeleteSavedView(int64_t user_id, int64_t view_id) = 0;

  // ---- Prediction history ----
  // Upserts the probabilities of `target` on `day`, by (target, account_id, day).
  virtual Status SavePredictionHistory(std::string_view target, EpochDay day,
                                       const std::vector<std::pair<std::string, double>>& rows) = 0;
  // One account's probabilities of `target`, by day.
  virtual Result<std::vector<std::pair<EpochDay, double>>> LoadPredictionHistory(
      std::string_view target, std::string_view account_id) = 0;

  // ---- Advocacy program ----
  virtual Status UpsertAdvocate(const AdvocateRecord& advocate) = 0;
  // All advocates (every status), by contact_id; one by contact id.
  virtual Result<std::vector<AdvocateRecord>> ListAdvocates() = 0;
  virtual Result<std::optional<AdvocateRecord>> GetAdvocate(std::string_view contact_id) = 0;
  virtual Result<int64_t> InsertAsk(const AskRecord& ask) = 0;
  virtual Status UpdateAsk(const AskRecord& ask) = 0;
  virtual Result<std::optional<AskRecord>> GetAsk(int64_t ask_id) = 0;
  // Asks of one contact (all when empty), oldest first.
  virtual Result<std::vector<AskRecord>> ListAsks(std::string_view contact_id) = 0;
  virtual Result<int64_t> InsertLedgerEntry(const LedgerRecord& entry) = 0;
  // Ledger entries of one contact (all when empty), oldest first.
  virtual Result<std::vector<LedgerRecord>> ListLedger(std::string_view contact_id) = 0;
  virtual Result<int64_t> InsertReferenceRequest(const ReferenceRequestRecord& request) = 0;
  virtual Status UpdateReferenceRequest(const ReferenceRequestRecord& request) = 0;
  virtual Result<std::optional<ReferenceRequestRecord>> GetReferenceRequest(int64_t id) = 0;
  // All reference requests, newest first.
  virtual Result<std::vector<ReferenceRequestRecord>> ListReferenceRequests() = 0;
  // Contact changes (only the unprocessed ones when `unprocessed_only`), oldest first.
  virtual Result<std::vector<ContactChangeRecord>> ListContactChanges(bool unprocessed_only) = 0;
  // Marks a change processed, saying whether the person was a champion.
  virtual Status MarkContactChangeProcessed(int64_t change_id, bool champion) = 0;

  // The latest day before `day` with stored scores of `scorecard`.
  virtual Result<std::optional<EpochDay>> LatestHistoryDayBefore(std::string_view scorecard,
                                                                 EpochDay day) = 0;

  // ---- Users, sessions, API tokens, write keys (see auth/auth.h) ----
  // Returns the new user's id. Fails with kAlreadyExists ("store.userExists") when the email
  // is taken. failed_logins and last_failed_at start empty.
  virtual Result<int64_t> InsertUser(const UserRecord& user) = 0;
  // Updates the name, role, password hash and disabled flag of user.user_id (email, creation
  // time and failed logins stay). kNotFound ("store.noUser") when there is no such user.
  virtual Status UpdateUser(const UserRecord& user) = 0;
  // All users, ordered by user_id.
  virtual Result<std::vector<UserRecord>> LoadUsers() = 0;
  // The user with exactly this (lowercase) email, or nullopt.
  virtual Result<std::optional<UserRecord>> FindUserByEmail(std::string_view email) = 0;
  virtual Result<std::optional<UserRecord>> GetUserById(int64_t user_id) = 0;
  // Adds one to the user's failed logins in a row and sets their last_failed_at to `at`.
  virtual Status RecordFailedLogin(int64_t user_id, EpochMs at) = 0;
  // Sets the user's failed logins to 0 and clears last_failed_at.
  virtual Status ResetFailedLogins(int64_t user_id) = 0;

  virtual Status InsertSession(const SessionRecord& session) = 0;
  // The session whose token hash is `token_hash` (expired or not), or nullopt.
  virtual Result<std::optional<SessionRecord>> FindSession(std::string_view token_hash) = 0;
  // Deletes one session; no error when there is none.
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  virtual Status DeleteSessionsOfUser(int64_t user_id) = 0;
  // Deletes the sessions with expires_at <= now.
  virtual Status DeleteExpiredSessions(EpochMs now) = 0;

  // Returns the new token's id.
  virtual Result<int64_t> InsertApiToken(const ApiTokenRecord& token) = 0;
  // The token whose hash is `token_hash` (revoked or not), or nullopt.
  virtual Result<std::optional<ApiTokenRecord>> FindApiTokenByHash(std::string_view token_hash) = 0;
  // A user's tokens (revoked ones too), ordered by token_id.
  virtual Result<std::vector<ApiTokenRecord>> ListApiTokens(int64_t user_id) = 0;
  // Sets revoked_at to `at` unless already revoked (then keeps the first time). kNotFound
  // ("store.noToken") when the user has no token `token_id`.
  virtual Status RevokeApiToken(int64_t user_id, int64_t token_id, EpochMs at) = 0;
  // Sets the token's last_used_at to `at`.
  virtual Status TouchApiToken(int64_t token_id, EpochMs at) = 0;

  // Returns the new key's id.
  virtual Result<int64_t> InsertWriteKey(const WriteKeyRecord& key) = 0;
  // The key whose hash is `key_hash` (revoked or not), or nullopt.
  virtual Result<std::optional<WriteKeyRecord>> FindWriteKeyByHash(std::string_view key_hash) = 0;
  // All write keys (revoked ones too), ordered by key_id.
  virtual Result<std::vector<WriteKeyRecord>> ListWriteKeys() = 0;
  // Sets revoked_at to `at` unless already revoked. kNotFound ("store.noWriteKey") when there
  // is no key `key_id`.
  virtual Status RevokeWriteKey(int64_t key_id, EpochMs at) = 0;

  // ---- Server event journal (see api/live_workspace.h) ----
  // Appends one event to the journal; returns its sequence number.
  virtual Result<int64_t> AppendJournal(const JournalEvent& event) = 0;
  // Calls `fn` with the journal events that have an account, in sequence order: all of
  // them, or the first `limit` when limit > 0.
  virtual Status ForEachJournalEvent(const std::function<Status(const JournalEvent&)>& fn,
                                     int64_t limit) = 0;
  // Gives `account_id` to the user's events that had none; returns them.
  virtual Result<std::vector<JournalEvent>> AttributeJournal(std::string_view user_id,
                                                             std::string_view account_id) = 0;
  // Deletes the journal events with an account and a sequence number <= `seq`.
  virtual Status DeleteJournalThrough(int64_t seq) = 0;
  // The number of journal events with an account, and without.
  virtual Result<std::pair<int64_t, int64_t>> CountJournal() = 0;
  // The account of a user's last Segment group call.
  virtual Status SetUserGroup(std::string_view user_id, std::string_view account_id) = 0;
  virtual Result<std::optional<std::string>> GetUserGroup(std::string_view user_id) = 0;
  // Segment identify calls held until the user's account is known (the user's first group
  // call): Hold appends one; TakeHeldIdentifies returns a user's, oldest first, and deletes
  // them.
  virtual Status HoldIdentify(const HeldIdentifyRecord& held) = 0;
  virtual Result<std::vector<HeldIdentifyRecord>> TakeHeldIdentifies(std::string_view user_id) = 0;
  // How many identify calls are held, for how many users.
  virtual Result<std::pair<int64_t, int64_t>> CountHeldIdentifies() = 0;

  // ---- Workspace ----
  // Writes a consistent copy of the workspace to `path` while others keep reading and
  // writing (SQLite's online backup); the file appears complete or not at all.
  virtual Status BackupTo(const std::string& path) = 0;
  // The engine's own consistency check: empty when the file is sound, else its findings.
  virtual Result<std::vector<std::string>> CheckIntegrity() = 0;
  virtual Result<WorkspaceCounts> Counts() = 0;
  virtual Result<std::optional<std::string>> GetMeta(std::string_view key) = 0;
  virtual Status SetMeta(std::string_view key, std::string_view value) = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_STORE_H_
