#include "mail/outbox.h"

#include <sodium.h>

#include <algorithm>

#include "mail/mime.h"

namespace tend::mail {

namespace {

bool AddressChar(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u > 32 && u < 127 && c != '<' && c != '>' && c != '"' && c != '(' && c != ')' &&
         c != ',' && c != ';' && c != ':' && c != '\\' && c != '[' && c != ']';
}

bool TokenChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

}  // namespace

Status CheckAddress(std::string_view a) {
  size_t at = a.rfind('@');
  bool ok = a.size() <= 254 && at != std::string_view::npos && at > 0 && at + 1 < a.size() &&
            a.find('@') == at && std::all_of(a.begin(), a.end(), AddressChar) &&
            a.substr(at + 1).find('.') != std::string_view::npos && a.back() != '.';
  if (!ok) {
    return InvalidArgument("mail.badAddress",
                           "\"" + std::string(a.substr(0, 100)) + "\" is not an e-mail address");
  }
  return Status::Ok();
}

Result<std::string> EnvelopeAddress(std::string_view from) {
  std::string_view address = from;
  size_t open = from.find('<');
  if (open != std::string_view::npos) {
    if (from.back() != '>') {
      return InvalidArgument("serve.badMailFrom",
                             "--mail-from: expected \"Name <address>\" or an address");
    }
    std::string_view name = from.substr(0, open);
    for (char c : name) {
      unsigned char u = static_cast<unsigned char>(c);
      if (u < 32 || u > 126 || c == '"' || c == '<' || c == '>') {
        return InvalidArgument("serve.badMailFrom",
                               "--mail-from: the name before <address> must be plain ASCII "
                               "without quotes");
      }
    }
    address = from.substr(open + 1, from.size() - open - 2);
  }
  Status st = CheckAddress(address);
  if (!st.ok()) return InvalidArgument("serve.badMailFrom", "--mail-from: " + st.message());
  return std::string(address);
}

Result<int64_t> QueueMail(store::MailStore& store, const OutgoingMail& mail, EpochMs now) {
  TEND_RETURN_IF_ERROR(CheckAddress(mail.to));
  store::MailRecord r;
  r.recipient = mail.to;
  for (const auto& [name, value] : mail.headers) {
    bool ok = !name.empty() && std::all_of(name.begin(), name.end(), TokenChar) &&
              value.size() < 900 && std::all_of(value.begin(), value.end(), [](char c) {
                return static_cast<unsigned char>(c) >= 32 && static_cast<unsigned char>(c) < 127;
              });
    if (!ok) {
      return InvalidArgument("mail.badHeader",
                             "header \"" + name.substr(0, 60) + "\" cannot be sent as it is");
    }
    r.headers += name + ": " + value + "\r\n";
  }
  r.subject = mail.subject;
  r.html = mail.html;
  r.text = mail.text;
  r.kind = mail.kind;
  r.ref = mail.ref;
  r.status = "queued";
  r.next_attempt_at = now;
  r.created_at = now;
  return store.QueueMail(r);
}

MailSender::MailSender(store::MailStore& store, MailTransport& transport, std::string from,
                       const Clock& clock)
    : store_(store), transport_(transport), from_(std::move(from)), clock_(clock) {
  auto envelope = EnvelopeAddress(from_);
  if (envelope.ok()) envelope_from_ = *envelope;
  domain_ = envelope_from_.substr(envelope_from_.rfind('@') + 1);
}

EpochMs MailSender::Backoff(int64_t attempts) {
  return std::min<EpochMs>(EpochMs{1000} << std::clamp<int64_t>(attempts, 0, 20), 3600 * 1000);
}

Result<SendReport> MailSender::SendDue(int batch) {
  SendReport report;
  const EpochMs now = clock_.NowMs();
  TEND_ASSIGN_OR_RETURN(auto claimed,
                        store_.ClaimDueMail(now, now + kLeaseMs, std::min(batch, 25)));
  for (const store::MailRecord& m : claimed) {
    MimeMessage mime;
    mime.from = from_;
    mime.to = m.recipient;
    mime.subject = m.subject;
    mime.text = m.text;
    mime.html = m.html;
    mime.headers = m.headers;
    mime.message_id = "tend." + std::to_string(m.mail_id) + "." + RandomHex(8) + "@" + domain_;
    mime.date = clock_.NowMs();
    mime.boundary_tag = std::to_string(m.mail_id) + "_" + RandomHex(6);
    Status sent = transport_.Send(envelope_from_, m.recipient, BuildMime(mime));
    if (sent.ok()) {
      TEND_RETURN_IF_ERROR(store_.MarkMailSent(m.mail_id, clock_.NowMs()));
      ++report.sent;
    } else if (sent.code() == ErrorCode::kInvalidArgument || m.attempts >= kMaxAttempts) {
      TEND_RETURN_IF_ERROR(store_.MarkMailUnsent(m.mail_id, sent.message(), std::nullopt));
      ++report.failed;
    } else {
      TEND_RETURN_IF_ERROR(
          store_.MarkMailUnsent(m.mail_id, sent.message(), clock_.NowMs() + Backoff(m.attempts)));
      ++report.retrying;
    }
  }
  return report;
}

}  // namespace tend::mail
