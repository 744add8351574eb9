#include "mail/mime.h"

#include <sodium.h>

#include <cstdio>
#include <ctime>

namespace tend::mail {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool PrintableAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 32 || c > 126) return false;
  }
  return true;
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// Appends one line (without its end) quoted-printable, with soft breaks.
void EncodeLine(std::string_view line, std::string& out) {
  size_t width = 0;  // characters on the current output line
  for (size_t i = 0; i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    bool last = i + 1 == line.size();
    bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
    size_t need = literal ? 1 : 3;
    // Room for this and a soft break "=" within 76 (the last character needs no "=" after it).
    if (width + need > (last ? 76u : 75u)) {
      out += "=\r\n";
      width = 0;
    }
    if (literal) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('=');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
    width += need;
  }
}

void Part(std::string& out, const std::string& boundary, const char* type,
          std::string_view body) {
  out += "--" + boundary + "\r\n";
  out += std::string("Content-Type: ") + type + "; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += QuotedPrintable(body);
  out += "\r\n";
}

}  // namespace

std::string QuotedPrintable(std::string_view body) {
  std::string out;
  out.reserve(body.size() + body.size() / 8);
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    std::string_view line =
        body.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    EncodeLine(line, out);
    if (end == std::string_view::npos) break;
    out += "\r\n";
    start = end + 1;
  }
  return out;
}

std::string EncodeHeaderText(std::string_view text) {
  std::string clean(text);
  for (char& c : clean) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  if (PrintableAscii(clean) && clean.find("=?") == std::string::npos && clean.size() <= 900) {
    return clean;
  }
  // 45 bytes make 60 base64 characters: "=?UTF-8?B?" + 60 + "?=" is 72.
  std::string out;
  size_t i = 0;
  while (i < clean.size()) {
    size_t n = std::min<size_t>(45, clean.size() - i);
    // Back off to the start of a UTF-8 character (never a continuation byte 10xxxxxx).
    while (n > 0 && i + n < clean.size() &&
           (static_cast<unsigned char>(clean[i + n]) & 0xC0) == 0x80) {
      --n;
    }
    if (n == 0) n = std::min<size_t>(45, clean.size() - i);  // not UTF-8: split anywhere
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(std::string_view(clean).substr(i, n)) + "?=";
    i += n;
  }
  return out;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string MailDate(EpochMs t) {
  std::time_t secs = static_cast<std::time_t>(t / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string BuildMime(const MimeMessage& m) {
  const std::string boundary = "=_tend_" + m.boundary_tag;
  std::string out;
  out.reserve(m.text.size() + m.html.size() + 1024);
  out += "From: " + m.from + "\r\n";
  out += "To: " + m.to + "\r\n";
  out += "Subject: " + EncodeHeaderText(m.subject) + "\r\n";
  out += "Date: " + MailDate(m.date) + "\r\n";
  out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += m.headers;
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "This is a message in MIME format: a plain-text part and an HTML part.\r\n\r\n";
  Part(out, boundary, "text/plain", m.text);
  Part(out, boundary, "text/html", m.html);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace tend::mail
