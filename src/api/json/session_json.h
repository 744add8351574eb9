// JSON forms of sign-in records (users), as the API answers them. Pure functions, any thread.
#ifndef TEND_API_JSON_SESSION_JSON_H_
#define TEND_API_JSON_SESSION_JSON_H_

#include <nlohmann/json.hpp>

#include "auth/auth.h"

namespace tend::api::json {

nlohmann::json UserJson(const auth::User& u);

}  // namespace tend::api::json

#endif  // TEND_API_JSON_SESSION_JSON_H_
