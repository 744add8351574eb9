#include "mail/smtp_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace tend::mail {

namespace {

struct Upload {
  std::string_view data;
  size_t at = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* u = static_cast<Upload*>(user);
  size_t n = std::min(size * count, u->data.size() - u->at);
  std::memcpy(buffer, u->data.data() + u->at, n);
  u->at += n;
  return n;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Status BadUrl(std::string_view url, const std::string& why) {
  return InvalidArgument("serve.badSmtpUrl", "--smtp-url " + RedactUrl(url) + ": " + why +
                                                 " (expected smtp://[user:password@]host:port "
                                                 "or smtps://...)");
}

}  // namespace

std::string RedactUrl(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  size_t auth_end = url.find('@', scheme + 3);
  size_t path = url.find('/', scheme + 3);
  if (auth_end == std::string_view::npos || (path != std::string_view::npos && path < auth_end)) {
    return std::string(url);
  }
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string_view::npos || colon > auth_end) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(auth_end));
}

Status CheckSmtpUrl(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return BadUrl(url, "no scheme");
  std::string_view s = url.substr(0, scheme);
  if (s != "smtp" && s != "smtps") return BadUrl(url, "the scheme must be smtp or smtps");
  std::string_view rest = url.substr(scheme + 3);
  size_t path = rest.find('/');
  std::string_view authority = rest.substr(0, path);
  size_t at = authority.rfind('@');
  std::string_view host_port =
      at == std::string_view::npos ? authority : authority.substr(at + 1);
  if (host_port.empty() || host_port.front() == ':') return BadUrl(url, "no host");
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 32 || c == 127) return BadUrl(url, "a blank or control character");
  }
  size_t colon = host_port.rfind(':');
  if (colon != std::string_view::npos && host_port.back() != ']') {
    std::string_view port = host_port.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(std::string(port)) > 65535) {
      return BadUrl(url, "the port must be 1..65535");
    }
  }
  return Status::Ok();
}

SmtpTransport::SmtpTransport(std::string url, std::string ca_file)
    : url_(std::move(url)), ca_file_(std::move(ca_file)) {
  GlobalInit();
  curl_ = curl_easy_init();
}

SmtpTransport::~SmtpTransport() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Status SmtpTransport::Send(std::string_view from, std::string_view to, std::string_view message) {
  CURL* c = static_cast<CURL*>(curl_);
  if (!c) return Status(ErrorCode::kUnavailable, "mail.unavailable", "libcurl failed to start");
  curl_easy_reset(c);  // keeps the open connection
  char error[CURL_ERROR_SIZE] = "";
  const std::string sender = "<" + std::string(from) + ">";
  const std::string rcpt = "<" + std::string(to) + ">";
  curl_slist* rcpts = curl_slist_append(nullptr, rcpt.c_str());
  Upload upload{message};
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 60000L);
  // smtp://: STARTTLS when the server offers it; smtps:// is TLS from the first byte.
  if (url_.rfind("smtp://", 0) == 0) curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
  if (!ca_file_.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, ca_file_.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, sender.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  CURLcode rc = curl_easy_perform(c);
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  curl_slist_free_all(rcpts);
  if (rc == CURLE_OK) return Status::Ok();
  std::string why = error[0] ? error : curl_easy_strerror(rc);
  if (reply > 0) why += " (SMTP reply " + std::to_string(reply) + ")";
  why = RedactUrl(url_) + ": " + why;
  // A 5xx reply to the envelope or the data is final; a refused login may be mended.
  if (reply >= 500 && reply < 600 && rc != CURLE_LOGIN_DENIED) {
    return InvalidArgument("mail.refused", why);
  }
  return Status(ErrorCode::kUnavailable, "mail.unavailable", why);
}

}  // namespace tend::mail
