// Routes: outgoing mail (docs/operations.md, "Outgoing mail"): the outbox with its statuses
// and errors, putting failed mail back in the queue, and a test message that shows whether
// the SMTP settings work. Handlers parse, call mail/ and map with api/json/mail_json.h.
#include <algorithm>

#include "api/json/mail_json.h"
#include "api/route.h"
#include "api/server.h"
#include "mail/mime.h"
#include "mail/outbox.h"

namespace tend::api {

namespace {

Status Outbox(Ctx& c) {
  std::string status = c.Query("status");
  if (!status.empty() &&
      std::find(store::kMailStatuses.begin(), store::kMailStatuses.end(), status) ==
          store::kMailStatuses.end()) {
    c.error_field = "status";
    return InvalidArgument("api.badQuery", "status must be queued, sent or failed");
  }
  int limit = 200;
  if (std::string l = c.Query("limit"); !l.empty()) {
    if (l.size() > 4 || !std::all_of(l.begin(), l.end(), ::isdigit) || std::stoi(l) < 1) {
      c.error_field = "limit";
      return InvalidArgument("api.badQuery", "limit must be 1..1000");
    }
    limit = std::min(std::stoi(l), 1000);
  }
  TEND_ASSIGN_OR_RETURN(auto rows, c.store.ListMail(status, limit));
  TEND_ASSIGN_OR_RETURN(auto counts, c.store.CountMail());
  nlohmann::json mail = nlohmann::json::array();
  for (const auto& m : rows) mail.push_back(json::MailJson(m));
  c.Send(200, {{"smtp_configured", !c.state.options->smtp_url.empty()},
               {"counts", json::MailCountsJson(counts)},
               {"mail", mail}});
  return Status::Ok();
}

Status RetryOutbox(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(int64_t n, c.store.RequeueFailedMail(NowMs()));
  c.Send(200, {{"requeued", n}});
  return Status::Ok();
}

Status TestMail(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto body, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string to, StringField(c, body, "to", true));
  if (Status st = mail::CheckAddress(to); !st.ok()) return FieldError(c, "to", st.message());
  const ServerOptions& o = *c.state.options;
  if (o.smtp_url.empty()) {
    return FailedPrecondition("mail.notConfigured",
                              "no SMTP server is configured (tend serve --smtp-url, "
                              "TEND_SMTP_URL): the message would wait in the outbox");
  }
  mail::OutgoingMail m;
  m.to = to;
  m.subject = "tend: test message";
  m.text = "This is a test message from tend, sent by " + c.Actor() +
           ".\nIf you can read it, outgoing mail works.\n";
  m.html = "<p>This is a test message from <b>tend</b>, sent by " + mail::EscapeHtml(c.Actor()) +
           ".</p><p>If you can read it, outgoing mail works.</p>";
  m.kind = "test";
  TEND_ASSIGN_OR_RETURN(int64_t id, mail::QueueMail(c.store, m, NowMs()));
  c.Send(202, {{"mail_id", id}});
  return Status::Ok();
}

}  // namespace

void AddMailRoutes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/admin/outbox", Access::kOps, "mail",
               "the outbox: outgoing mail with its status and last error, newest first", Outbox,
               "", "status,limit"});
  r.push_back({"POST", "/api/admin/outbox/retry", Access::kOps, "mail",
               "put every failed message back in the queue", RetryOutbox});
  r.push_back({"POST", "/api/admin/mail/test", Access::kAdmin, "mail",
               "queue a test message to an address (checks the SMTP settings)", TestMail,
               "!to:string"});
}

}  // namespace tend::api
