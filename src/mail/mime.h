// The text of an outgoing message (RFC 5322 with MIME): multipart/alternative with a plain
// text part and an HTML part, both UTF-8 in quoted-printable; the subject as RFC 2047
// encoded words when it is not plain ASCII. Pure functions; thread-safe.
#ifndef TEND_MAIL_MIME_H_
#define TEND_MAIL_MIME_H_

#include <string>
#include <string_view>

#include "common/time.h"

namespace tend::mail {

struct MimeMessage {
  std::string from;        // the From header as configured ("Tend <cs@example.com>" or an address)
  std::string to;          // one address
  std::string subject;     // UTF-8
  std::string text, html;  // UTF-8 bodies; any line ends
  // Extra header lines, each "Name: value\r\n" (checked by CheckHeaderLines).
  std::string headers;
  std::string message_id;  // without the angle brackets: "tend.12.ab01@example.com"
  EpochMs date = 0;
  // The parts' boundary; made from it: "=_tend_" + boundary_tag. Quoted-printable text never
  // holds "=_", so no body can contain the boundary.
  std::string boundary_tag;
};

// The whole message, CRLF line ends, ready for SMTP DATA (the transport dot-stuffs).
// REQUIRES: from, to and headers passed CheckAddress / CheckHeaderLines (outbox.h does).
std::string BuildMime(const MimeMessage& m);

// RFC 2045 quoted-printable of `body`: line ends become CRLF, lines at most 76 characters
// (soft breaks "="), '=' and bytes outside printable ASCII as =XX, trailing blanks encoded.
std::string QuotedPrintable(std::string_view body);

// The value of a Subject header: printable ASCII as it is; anything else (or "=?") as UTF-8
// base64 encoded words of at most 75 characters, folded onto continuation lines, never
// splitting a UTF-8 character. CR and LF become spaces.
std::string EncodeHeaderText(std::string_view text);

// `text` safe inside HTML text and attribute values (& < > " ' escaped).
std::string EscapeHtml(std::string_view text);

// RFC 5322 date: "Tue, 08 Dec 2026 00:05:09 +0000".
std::string MailDate(EpochMs t);

}  // namespace tend::mail

#endif  // TEND_MAIL_MIME_H_
