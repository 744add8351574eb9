// JSON forms shared by every route group (api/json/ maps domain structs to the API's JSON; one
// file per domain, this one for the values they all use). Pure functions, any thread.
#ifndef TEND_API_JSON_COMMON_JSON_H_
#define TEND_API_JSON_COMMON_JSON_H_

#include <nlohmann/json.hpp>
#include <optional>

#include "common/column.h"
#include "common/time.h"

namespace tend::api::json {

// A cell of an engine column (null when the column is missing or the cell NULL).
nlohmann::json CellJson(const Column* c, size_t row);
// A number, or null.
nlohmann::json OptJson(std::optional<double> v);
// "YYYY-MM-DD", or null.
nlohmann::json DateJson(const std::optional<EpochDay>& d);
// ISO-8601 UTC, or null.
nlohmann::json TimeJson(const std::optional<EpochMs>& t);

}  // namespace tend::api::json

#endif  // TEND_API_JSON_COMMON_JSON_H_
