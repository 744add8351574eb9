// JSON forms of outgoing mail: an outbox message (without its bodies) and the counts by
// status, as GET /api/admin/outbox answers.
#ifndef TEND_API_JSON_MAIL_JSON_H_
#define TEND_API_JSON_MAIL_JSON_H_

#include <nlohmann/json.hpp>

#include "store/mail_records.h"

namespace tend::api::json {

nlohmann::json MailJson(const store::MailRecord& mail);
nlohmann::json MailCountsJson(const store::MailCounts& counts);

}  // namespace tend::api::json

#endif  // TEND_API_JSON_MAIL_JSON_H_
