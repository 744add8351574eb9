// Plain records of the account store. Accounts and the facts about them: custom attributes,
// contacts, surveys, tickets, activities and deals (see account_store.h). Text fields that are
// empty mean "not given" and are stored as NULL where the schema allows; dates are epoch days,
// times epoch ms.
#ifndef TEND_STORE_ACCOUNT_RECORDS_H_
#define TEND_STORE_ACCOUNT_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
  // Whether the person is still at the account: empty or "active"; "left" (the CRM says they
  // left the company) or "bounced" (mail to their address bounces): they are gone (HasLeft).
  std::string status;
};

// Whether `c` says the person is no longer at its account (status left or bounced).
inline bool HasLeft(const ContactRecord& c) { return c.status == "left" || c.status == "bounced"; }

// The part of `email` before the @, with the @, ASCII letters lower-cased ("John.Sato1@x.com":
// "john.sato1@"); empty when there is no such part. With the name, what tells a person's
// records at two companies apart from other people's (account_store.h ContactChangeRule).
inline std::string EmailLocalPart(std::string_view email) {
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0) return "";
  std::string local(email.substr(0, at + 1));
  for (char& ch : local) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return local;
}

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
