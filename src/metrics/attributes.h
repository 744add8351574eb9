// The values of the account attributes an expression can name (the names and their types
// are definitions/attributes.h): one attribute of one account as of a day, into a Column.
#ifndef TEND_METRICS_ATTRIBUTES_H_
#define TEND_METRICS_ATTRIBUTES_H_

#include <cstddef>
#include <string_view>

#include "common/column.h"
#include "metrics/workspace_data.h"

namespace tend::metrics {

// Writes attribute `name` of account `i` as of day `d` into row `row` of `out` (whose type is
// the attribute's type). REQUIRES: definitions::AttributeType(name) is set.
void AttributeValue(std::string_view name, const WorkspaceData& data, size_t i, EpochDay d,
                    Column* out, size_t row);

}  // namespace tend::metrics

#endif  // TEND_METRICS_ATTRIBUTES_H_
