// Writing CSV (RFC 4180): the one field quoter behind every CSV tend writes (command output,
// reject files, the generator's files).
//
// A field is quoted when it holds a comma, a double quote, CR or LF (or always, with
// CsvQuote::kAlways), and a double quote inside a quoted field is doubled. Records end with LF.
#ifndef TEND_COMMON_CSV_WRITER_H_
#define TEND_COMMON_CSV_WRITER_H_

#include <string>
#include <string_view>

namespace tend {

enum class CsvQuote { kWhenNeeded, kAlways };

// Appends `value` to `*out` as one field.
void AppendCsvField(std::string* out, std::string_view value,
                    CsvQuote quote = CsvQuote::kWhenNeeded);

// `value` as one field.
std::string CsvField(std::string_view value, CsvQuote quote = CsvQuote::kWhenNeeded);

}  // namespace tend

#endif  // TEND_COMMON_CSV_WRITER_H_
