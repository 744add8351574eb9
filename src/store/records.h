// Plain records exchanged between the domain modules and the Store. Text fields that are
// empty mean "not given" and are stored as NULL. Dates are epoch days, times epoch ms.
#ifndef TEND_STORE_RECORDS_H_
#define TEND_STORE_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/column.h"
#include "common/time.h"

namespace tend::store {

// A typed custom attribute value: `num` for number, date (epoch day) and boolean (0/1),
// `text` for text. Both empty means NULL.
struct AttributeValue {
  std::string name;
  std::optional<double> num;
  std::optional<std::string> text;
};

struct AttributeDef {
  std::string name;
  ValueType type;
};

struct AccountRecord {
  std::string account_id;
  std::string name, industry, segment, region;
  std::optional<double> arr;
  std::optional<EpochDay> start_date, renewal_date;
  std::string csm;
  std::string status = "active";  // active | churned
  std::optional<EpochDay> churned_on;
  std::vector<AttributeValue> attributes;
};

struct ContactRecord {
  std::string contact_id, account_id, name, email, title, seniority, role;
};

struct SurveyRecord {
  EpochMs ts = 0;
  std::string account_id, contact_id, survey;
  double score = 0;
  std::string comment;
  std::string survey_id;  // the source's id of the answer; empty: the whole row is its identity
};

struct TicketRecord {
  std::string ticket_id, account_id;
  std::optional<EpochMs> opened_at, closed_at;
  std::string priority, status;
  std::optional<double> csat;
};

struct ActivityRecord {
  int64_t activity_id = 0;  // assigned by the store
  EpochMs ts = 0;
  std::string account_id, contact_id, type, subject;
  std::string author, notes;
  std::string source = "import";  // import | user | system
};

struct DealRecord {
  std::string deal_id, prospect;
  std::optional<double> amount;
  std::string stage;
  std::optional<EpochDay> closed_at;
  std::string reference_contact_id;
};

// One applied definitions file (YAML), as `tend apply` stored it.
struct DefinitionFileRecord {
  std::string path;
  std::string content;
  EpochMs applied_at = 0;
};

// One account's scorecard result on one day. `measures` is JSON:
// {"<measure>": {"value": <value or null>, "score": <score or null>}, ...}.
struct ScoreHistoryRecord {
  std::string scorecard, account_id;
  EpochDay day;
  std::optional<double> overall;
  std::string color;  // empty when N/A
  std::string measures;
};

// A person's score for a measure of an account, with who, when and why.
struct OverrideRecord {
  int64_t override_id = 0;
  std::string scorecard, measure, account_id;
  std::optional<double> score;  // nullopt clears earlier overrides
  std::string comment, author;
  EpochMs created_at = 0;
};

// A call-to-action: something a person should do about an account.
struct CtaRecord {
  int64_t cta_id = 0;
  std::string account_id;
  std::string rule;  // empty for CTAs people create
  std::string type, priority, title, description, owner;
  std::string status = "open";  // open | in_progress | closed
  std::string close_reason;     // success | lost | no_action | duplicate | resolved_by_rule
  std::optional<EpochDay> due_day, snoozed_until;
  std::string playbook, reason_code;
  EpochMs created_at = 0, updated_at = 0;
  std::optional<EpochMs> closed_at;
};

// One entry of a CTA's history: created, status, snoozed, reassigned, comment, task, closed.
struct CtaEventRecord {
  int64_t event_id = 0;
  int64_t cta_id = 0;
  EpochMs at = 0;
  std::string actor, kind, detail;
};

struct TaskRecord {
  int64_t task_id = 0;
  std::optional<int64_t> cta_id, objective_id;
  std::string account_id, title, owner;
  std::optional<EpochDay> due_day;
  std::string status = "open";  // open | done
  std::string notes;
  int position = 0;
  std::optional<EpochMs> completed_at;
};

struct PlanRecord {
  int64_t plan_id = 0;
  std::string account_id, name, template_name;
  std::string status = "active";  // active | done | cancelled
  std::string created_by;
  EpochMs created_at = 0;
};

struct ObjectiveRecord {
  int64_t objective_id = 0;
  int64_t plan_id = 0;
  std::string title, description;
  std::optional<EpochDay> due_day;
  std::string status = "not_started";  // not_started | on_track | at_risk | done
  int position = 0;
};

// A rule fired for an account: when, and the values of the names its condition uses (JSON).
struct RuleFiringRecord {
  int64_t firing_id = 0;
  std::string rule, account_id;
  EpochMs at = 0;
  EpochDay day = 0;
  std::string values;   // JSON object
  std::string outcome;  // what the actions did, e.g. "cta 12 created"
};

struct WebhookDeliveryRecord {
  int64_t delivery_id = 0;
  std::string rule, account_id, url, payload;
  std::string status = "pending";  // pending | delivered | failed
  int attempts = 0;
  std::string last_error;
  std::optional<EpochMs> next_attempt_at;
  EpochMs created_at = 0;
  std::optional<EpochMs> delivered_at;
};

struct CtaFilter {
  std::vector<std::string> statuses;  // empty: any
  std::string account_id, owner, rule;
  std::vector<std::string> account_ids;  // when not empty: any of these accounts
  std::optional<int64_t> cta_id;
};

// One event the server received, in its journal until a checkpoint folds it into the
// account's usage state. `account_id` is empty while the user's account is unknown.
// A Segment identify call held until the user's account is known. `traits` is the
// LiveWorkspace's JSON encoding of the call's traits.
struct HeldIdentifyRecord {
  int64_t seq = 0;
  std::string user_id;
  EpochMs ts = 0, received_at = 0;
  std::string traits;
};

struct JournalEvent {
  int64_t seq = 0;
  std::string account_id, user_id, event;
  EpochMs ts = 0;
};

// One scorecard's summary on one day (score_daily).
struct DailySummaryRecord {
  std::string scorecard;
  EpochDay day = 0;
  int64_t accounts = 0;
  std::optional<double> average;
  int64_t red = 0, yellow = 0, green = 0;
  double arr_red = 0, arr_yellow = 0, arr_total = 0;
};

struct SavedViewRecord {
  int64_t view_id = 0;
  int64_t user_id = 0;
  std::string name, query;
  EpochMs created_at = 0;
};

// ---- Advocacy program (see advocacy/program.h) ----

// A contact's place in the advocacy program.
struct AdvocateRecord {
  std::string contact_id, account_id;
  std::string status;  // candidate | invited | active | paused | retired | dismissed
  std::string tier;    // reference_network | case_study | event_speaking | advisory_board
  bool consent = false;
  std::optional<EpochMs> consent_at;
  std::string preferred;                  // activity types, comma-separated
  std::optional<EpochDay> snoozed_until;  // candidates: hidden from the queue until then
  std::string reason;                     // why dismissed or snoozed
  EpochMs since = 0, updated_at = 0;
  std::string updated_by;
};

// Something the program asked an advocate for.
struct AskRecord {
  int64_t ask_id = 0;
  std::string contact_id, account_id;
  std::string activity;  // reference_call | case_study | speaking | advisory_board
  std::string status;    // asked | accepted | declined | completed
  EpochMs asked_at = 0;
  std::optional<EpochMs> answered_at, completed_at;
  std::string outcome, note;
  std::optional<int64_t> request_id;
  std::string asked_by;
};

// One entry of an advocate's give/receive ledger.
struct LedgerRecord {
  int64_t entry_id = 0;
  std::string contact_id, account_id;
  EpochMs ts = 0;
  std::string direction;  // gave | received
  std::string kind;
  double units = 1;
  std::string note;
  std::optional<int64_t> ask_id;
  std::string author;
};

// A sales rep's request for a customer reference.
struct ReferenceRequestRecord {
  int64_t request_id = 0;
  EpochMs created_at = 0;
  std::string requested_by;
  std::optional<int64_t> requested_by_user;
  std::string deal_id, prospect, industry, segment, region, product;
  std::optional<EpochDay> deadline;
  std::string notes;
  std::string status =
      "requested";                // requested | asked | accepted | declined | completed | cancelled
  std::optional<int64_t> ask_id;  // the current ask
  std::string outcome;
  EpochMs updated_at = 0;
};

// A contact's title or company changed (found by Store::UpsertContact).
struct ContactChangeRecord {
  int64_t change_id = 0;
  EpochMs ts = 0;
  std::string contact_id;
  std::string previous_contact_id;  // a company move found by name and email: the old record
  std::string kind;                 // title | company
  std::string old_title, new_title, old_seniority, new_seniority;
  std::string old_account_id, new_account_id;
  bool processed = false;
  bool champion = false;  // set when processed: the person was a champion
};

// Open CTAs counted by type and priority.
struct CtaCount {
  std::string type, priority;
  int64_t count = 0;
};

// Row counts per kind, as `tend stats` prints them.
struct WorkspaceCounts {
  int64_t accounts = 0, contacts = 0, events = 0, surveys = 0, tickets = 0, activities = 0,
          deals = 0;
};

// A person who signs in (see auth/auth.h). `email` is stored lowercase; `role` is admin, ops,
// csm, sales or viewer; `password_hash` is an argon2id string, empty when none is set.
struct UserRecord {
  int64_t user_id = 0;  // assigned by the store
  std::string email, name, role, password_hash;
  bool disabled = false;
  EpochMs created_at = 0;
  int failed_logins = 0;  // failed logins in a row
  std::optional<EpochMs> last_failed_at;
};

// A login session. Only a hash of the cookie value is kept.
struct SessionRecord {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  EpochMs created_at = 0, expires_at = 0;
};

// An API (Bearer) token of a user. Only a hash of the token is kept; `prefix` tells tokens
// apart for people.
struct ApiTokenRecord {
  int64_t token_id = 0;  // assigned by the store
  int64_t user_id = 0;
  std::string name, token_hash, prefix;
  EpochMs created_at = 0;
  std::optional<EpochMs> last_used_at, revoked_at;
};

// A Segment-compatible write key. Only a hash of the key is kept.
struct WriteKeyRecord {
  int64_t key_id = 0;  // assigned by the store
  std::string name, key_hash, prefix;
  EpochMs created_at = 0;
  std::optional<EpochMs> revoked_at;
};

}  // namespace tend::store

#endif  // TEND_STORE_RECORDS_H_
