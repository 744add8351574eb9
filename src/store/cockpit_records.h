// Plain records of the cockpit store. The cockpit's CTAs, tasks, success plans, and the rule
// firings and webhook deliveries that feed it (see cockpit_store.h). Text fields that are empty
// mean "not given" and are stored as NULL where the schema allows; dates are epoch days, times
// epoch ms.
#ifndef TEND_STORE_COCKPIT_RECORDS_H_
#define TEND_STORE_COCKPIT_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"

namespace tend::store {

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
  std::string renewal_id;  // the subscription_id of the renewal it is about; empty: none
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

// Open CTAs counted by type and priority.
struct CtaCount {
  std::string type, priority;
  int64_t count = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_COCKPIT_RECORDS_H_
