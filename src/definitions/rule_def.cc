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

}  // namespace tend::rules
