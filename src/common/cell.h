// One value of a Column as text or JSON: what the CLI, the rules' templates and logs, and the
// API show of a cell.
#ifndef TEND_COMMON_CELL_H_
#define TEND_COMMON_CELL_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/column.h"

namespace tend {

// One value of a column as JSON (null for NULL; booleans as true/false; dates as YYYY-MM-DD).
nlohmann::json CellJson(const Column& c, size_t row);
// Formats one value of a column for people ("" for NULL; numbers rounded half up to two
// decimals without trailing zeros; dates as YYYY-MM-DD).
std::string FormatCell(const Column& c, size_t row);
// A numeric cell: nullopt when the column is missing (null), the cell NULL or the column text.
std::optional<double> NumberAt(const Column* c, size_t row);

}  // namespace tend

#endif  // TEND_COMMON_CELL_H_
