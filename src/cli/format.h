// Small output helpers shared by the commands.
#ifndef TEND_CLI_FORMAT_H_
#define TEND_CLI_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv_writer.h"

namespace tend::cli {

// 1234567 -> "1,234,567".
std::string Thousands(int64_t n);

// A number rounded half-up to at most `digits` decimals, without trailing zeros ("70", "15.56").
std::string Compact(double v, int digits = 2);

// Prints `rows` (the first row is the header) as aligned columns.
void PrintTable(const std::vector<std::vector<std::string>>& rows);
// Prints `rows` as CSV (RFC 4180 quoting: CsvField, common/csv_writer.h).
void PrintCsv(const std::vector<std::vector<std::string>>& rows);

}  // namespace tend::cli

#endif  // TEND_CLI_FORMAT_H_
