#include "definitions/rule_def.h"

namespace tend::rules {

std::vector<std::string> TemplateNames(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while ((at = text.find("{{", at)) != std::string::npos) {
    size_t end = text.find("}}", at + 2);
    if (end == std::string::npos) break;
    std::string name = text.substr(at + 2, end - at - 2);
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    while (!name.empty() && name.back() == ' ') name.pop_back();
    out.push_back(name);
    at = end + 2;
  }
  return out;
}

std::string TemplateNameToExpressionName(const std::string& name) {
  for (const char* prefix : {"account.", "metric."}) {
    std::string p = prefix;
    if (name.rfind(p, 0) == 0) return name.substr(p.size());
  }
  return name;
}

std::string RenderTemplate(const std::string& text,
                           const std::function<std::string(const std::string& name)>& value) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t open = text.find("{{", at);
    size_t close = open == std::string::npos ? std::string::npos : text.find("}}", open + 2);
    if (close == std::string::npos) {
      out += text.substr(at);
      break;
    }
    out += text.substr(at, open - at);
    std::string name = text.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    while (!name.empty() && name.back() == ' ') name.pop_back();
    out += value(name);
    at = close + 2;
  }
  return out;
}

}  // namespace tend::rules
