// Plain records of the account store. Accounts and the facts about them: custom attributes,
// contacts, surveys, tickets, activities and deals (see account_store.h). Text fields that are
// empty mean "not given" and are stored as NULL where the schema allows; dates are epoch days,
// times epoch ms.
#ifndef TEND_STORE_ACCOUNT_RECORDS_H_
#define TEND_STORE_ACCOUNT_RECORDS_H_

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

}  // namespace tend::store

#endif  // TEND_STORE_ACCOUNT_RECORDS_H_
