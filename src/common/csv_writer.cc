#include "common/csv_writer.h"

namespace tend {

void AppendCsvField(std::string* out, std::string_view value, CsvQuote quote) {
  if (quote == CsvQuote::kWhenNeeded && value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(value);
    return;
  }
  out->push_back('"');
  for (char c : value) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string CsvField(std::string_view value, CsvQuote quote) {
  std::string out;
  AppendCsvField(&out, value, quote);
  return out;
}

}  // namespace tend
