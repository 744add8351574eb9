// JSON text out: one way to serialise a document, safe for any stored text.
#ifndef TEND_COMMON_JSON_TEXT_H_
#define TEND_COMMON_JSON_TEXT_H_

#include <nlohmann/json.hpp>
#include <string>

namespace tend {

// Serialises `j` (compact, or indented by `indent` spaces). Never throws on text: bytes that
// are not valid UTF-8 (text stored before the edges checked it, or from a library) come out
// as U+FFFD, where nlohmann::json::dump() would throw and fail the whole page or command.
// Any nlohmann document type (nlohmann::json, nlohmann::ordered_json keeps its key order).
template <typename Json>
std::string DumpJson(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace tend

#endif  // TEND_COMMON_JSON_TEXT_H_
