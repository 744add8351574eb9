#include "auth/origins.h"

#include <algorithm>
#include <cctype>

#include "common/split.h"

namespace tend::auth {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

bool HostChar(char ch) {
  return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '.' || ch == '_';
}

// Normalises one pattern; "" with *why set when it is not one.
std::string Normalize(std::string_view item, std::string* why) {
  if (item == "*") return "*";
  std::string s = Lower(item);
  std::string scheme;
  if (s.rfind("https://", 0) == 0) {
    scheme = "https";
  } else if (s.rfind("http://", 0) == 0) {
    scheme = "http";
  } else {
    *why = "an origin starts with https:// or http://";
    return "";
  }
  std::string rest = s.substr(scheme.size() + 3);
  if (!rest.empty() && rest.back() == '/') rest.pop_back();  // "https://app.example.com/"
  if (rest.find_first_of("/?#") != std::string::npos) {
    *why = "an origin has no path, query or fragment (scheme://host[:port] only)";
    return "";
  }
  if (rest.find('@') != std::string::npos) {
    *why = "an origin has no user name";
    return "";
  }
  std::string host = rest, port;
  if (auto colon = rest.rfind(':'); colon != std::string::npos && rest.front() != '[') {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) ||
        std::stoi(port) > 65535 || std::stoi(port) == 0) {
      *why = "the port must be a number from 1 to 65535";
      return "";
    }
    if ((scheme == "https" && port == "443") || (scheme == "http" && port == "80")) port.clear();
  }
  std::string_view name = host;
  if (name.rfind("*.", 0) == 0) name.remove_prefix(2);
  if (name.empty() || name.front() == '.' || name.back() == '.' ||
      name.find("..") != std::string_view::npos ||
      !std::all_of(name.begin(), name.end(), HostChar)) {
    *why = "the host must be a name like app.example.com (a leading *. allows its subdomains)";
    return "";
  }
  return scheme + "://" + host + (port.empty() ? "" : ":" + port);
}

}  // namespace

Result<std::vector<std::string>> ParseOrigins(std::string_view list) {
  std::vector<std::string> out;
  for (std::string_view item : SplitList(list)) {
    std::string why;
    std::string n = Normalize(item, &why);
    if (n.empty()) {
      return InvalidArgument("auth.badOrigin",
                             "\"" + std::string(item) + "\" is not an allowed origin: " + why);
    }
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(std::move(n));
  }
  return out;
}

std::string JoinOrigins(const std::vector<std::string>& patterns) {
  std::string out;
  for (const auto& p : patterns) {
    if (!out.empty()) out += ',';
    out += p;
  }
  return out;
}

std::vector<std::string> SplitOrigins(std::string_view stored) {
  std::vector<std::string> out;
  for (std::string_view item : SplitList(stored)) out.emplace_back(item);
  return out;
}

bool OriginAllowed(std::string_view origin, const std::vector<std::string>& patterns) {
  if (patterns.empty() || origin.empty() || origin == "null") return false;
  std::string why;
  const std::string o = Normalize(origin, &why);
  if (o.empty() || o.find('*') != std::string::npos) return false;
  for (const auto& p : patterns) {
    if (p == "*" || p == o) return true;
    // "scheme://*.example.com[:port]": the origin's host ends with ".example.com" (and has
    // at least one label before it), with the same scheme and port.
    const size_t star = p.find("://*.");
    if (star == std::string::npos) continue;
    const std::string scheme = p.substr(0, star + 3);  // "https://"
    const std::string suffix = p.substr(star + 4);     // ".example.com[:port]"
    if (o.rfind(scheme, 0) != 0) continue;
    // The suffix holds the pattern's port, if any, so ports must match too.
    const std::string host_port = o.substr(scheme.size());
    if (host_port.size() > suffix.size() &&
        host_port.compare(host_port.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace tend::auth
