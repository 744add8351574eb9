// SplitList: the items of a separated list such as "a, b,,c" (command-line and setting
// values), each trimmed of white space, empty ones dropped.
#ifndef TEND_COMMON_SPLIT_H_
#define TEND_COMMON_SPLIT_H_

#include <cctype>
#include <string_view>
#include <vector>

namespace tend {

inline std::vector<std::string_view> SplitList(std::string_view list, char sep = ',') {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(sep, start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view item = list.substr(start, end - start);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) {
      item.remove_prefix(1);
    }
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) {
      item.remove_suffix(1);
    }
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

}  // namespace tend

#endif  // TEND_COMMON_SPLIT_H_
