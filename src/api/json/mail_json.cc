#include "api/json/mail_json.h"

#include "api/json/common_json.h"
#include "common/time.h"

namespace tend::api::json {

nlohmann::json MailJson(const store::MailRecord& m) {
  return {{"mail_id", m.mail_id},
          {"to", m.recipient},
          {"subject", m.subject},
          {"kind", m.kind},
          {"ref", m.ref},
          {"status", m.status},
          {"attempts", m.attempts},
          {"last_error", m.last_error},
          {"created_at", FormatTime(m.created_at)},
          {"next_attempt_at",
           m.status == "queued" ? nlohmann::json(FormatTime(m.next_attempt_at)) : nullptr},
          {"sent_at", TimeJson(m.sent_at)}};
}

nlohmann::json MailCountsJson(const store::MailCounts& c) {
  return {{"queued", c.queued}, {"sent", c.sent}, {"failed", c.failed}};
}

}  // namespace tend::api::json
