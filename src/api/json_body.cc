#include "api/json_body.h"

#include <string>

#include "common/utf8.h"

namespace tend::api {

Result<nlohmann::json> ParseJsonBody(std::string_view body) {
  if (body.empty()) {
    return InvalidArgument("api.badJson", "the request needs a JSON object body");
  }
  // Checked first so that the message can name the byte (and never quotes bad bytes back).
  if (auto bad = FirstInvalidUtf8(body)) {
    return InvalidArgument("api.badJson",
                           "the body is not valid JSON: " + InvalidUtf8Message(body, *bad));
  }
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    // Parse again for the position (exceptions stay inside this library edge). Every
    // nlohmann exception counts: a number too large for a double ("1e400") is out_of_range,
    // not parse_error.
    std::string where;
    try {
      nlohmann::json ignored = nlohmann::json::parse(body);
      (void)ignored;
    } catch (const nlohmann::json::parse_error& e) {
      where = " at byte " + std::to_string(e.byte) + ": " + e.what();
    } catch (const nlohmann::json::exception& e) {
      where = std::string(": ") + e.what();
    }
    // nlohmann quotes the token it read last, which may be long, and may end inside a
    // character (it stops at the byte that did not fit).
    where = ToValidUtf8(where);
    if (where.size() > 300) {
      size_t cut = 300;
      while (cut > 0 && (static_cast<unsigned char>(where[cut]) & 0xC0) == 0x80) --cut;
      where = where.substr(0, cut) + "...";  // on a character boundary
    }
    return InvalidArgument("api.badJson", "the body is not valid JSON" + where);
  }
  if (!j.is_object()) return InvalidArgument("api.notObject", "the body must be a JSON object");
  return j;
}

}  // namespace tend::api
