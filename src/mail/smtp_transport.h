// How a message leaves tend: MailTransport (one message to one recipient), and SmtpTransport,
// libcurl's SMTP client: smtp:// (STARTTLS when the server offers it) or smtps:// (implicit
// TLS), AUTH with the user and password of the URL. One transport is used by one thread at
// a time; it keeps its connection open between messages.
#ifndef TEND_MAIL_SMTP_TRANSPORT_H_
#define TEND_MAIL_SMTP_TRANSPORT_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace tend::mail {

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Hands `message` (BuildMime's text) for `to` to the next hop, from envelope sender
  // `from` (bare addresses). OK when accepted; kInvalidArgument ("mail.refused") when the
  // server refused it for good (a 5xx reply: trying again would not help); kUnavailable
  // ("mail.unavailable") for anything that may pass later (no connection, a timeout, 4xx,
  // a failed login).
  virtual Status Send(std::string_view from, std::string_view to, std::string_view message) = 0;
};

// Checks an SMTP URL: smtp:// or smtps://, a host, an optional port and user[:password]
// (percent-encoded). kInvalidArgument "serve.badSmtpUrl" saying what is wrong (without the
// password).
Status CheckSmtpUrl(std::string_view url);

// `url` with its password replaced by "***" (for logs and messages).
std::string RedactUrl(std::string_view url);

class SmtpTransport final : public MailTransport {
 public:
  // REQUIRES: CheckSmtpUrl(url).ok(). `ca_file`: a PEM bundle the server's certificate must
  // chain to; empty: the system's CAs.
  explicit SmtpTransport(std::string url, std::string ca_file = "");
  ~SmtpTransport() override;
  SmtpTransport(const SmtpTransport&) = delete;
  SmtpTransport& operator=(const SmtpTransport&) = delete;

  Status Send(std::string_view from, std::string_view to, std::string_view message) override;

 private:
  std::string url_, ca_file_;
  void* curl_ = nullptr;  // CURL*, kept for its connection
};

}  // namespace tend::mail

#endif  // TEND_MAIL_SMTP_TRANSPORT_H_
