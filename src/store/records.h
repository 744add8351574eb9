// Plain records exchanged between the domain modules and the Store. Text fields that are
// empty mean "not given" and are stored as NULL. Dates are epoch days, times epoch ms.
#ifndef TEND_STORE_RECORDS_H_
#define TEND_STORE_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "metrics/column.h"

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
  EpochMs ts;
  std::string account_id, contact_id, survey;
  double score;
  std::string comment;
};

struct TicketRecord {
  std::string ticket_id, account_id;
  std::optional<EpochMs> opened_at, closed_at;
  std::string priority, status;
  std::optional<double> csat;
};

struct ActivityRecord {
  int64_t activity_id = 0;  // assigned by the store
  EpochMs ts;
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

// Row counts per kind, as `tend stats` prints them.
struct WorkspaceCounts {
  int64_t accounts = 0, contacts = 0, events = 0, surveys = 0, tickets = 0, activities = 0,
          deals = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_RECORDS_H_
