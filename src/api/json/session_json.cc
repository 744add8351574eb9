#include "api/json/session_json.h"

namespace tend::api::json {

nlohmann::json UserJson(const auth::User& u) {
  return {{"user_id", u.user_id},   {"email", u.email},
          {"name", u.name},         {"role", std::string(auth::RoleName(u.role))},
          {"disabled", u.disabled}, {"created_at", FormatTime(u.created_at)}};
}

}  // namespace tend::api::json
