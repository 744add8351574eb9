// Fuzzes CsvReader (common/csv_reader.h) through FromString with arbitrary bytes.
//
// Invariants checked on every input:
//   - reading terminates, with at most one record per input byte (plus one);
//   - every record has at least one field;
//   - record line numbers start at 1, strictly increase, and never pass the number of
//     line ends in the input plus one;
//   - a record without quotes is exactly its fields joined by commas, each field inside
//     the record's raw text; a quoted record's fields (unquoted in the reader's buffer, the
//     raw text being a copy) are each no longer than the raw text;
//   - bad_utf8() names a field exactly when one holds bytes that are not UTF-8;
//   - a failure's message names the input ("fuzz.csv:").
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "common/csv_reader.h"
#include "common/utf8.h"

namespace {

void Fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "csv_reader_fuzz: %s (input of %zu bytes)\n", what, input.size());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  int64_t line_ends = 0;
  for (char c : input) line_ends += c == '\n';

  auto reader = tend::CsvReader::FromString(input, "fuzz.csv");
  int64_t last_line = 0;
  size_t records = 0;
  while (reader->Next()) {
    if (++records > size + 1) Fail("more records than input bytes", input);
    auto fields = reader->fields();
    if (fields.empty()) Fail("a record without fields", input);
    const int64_t line = reader->line();
    if (line < 1 || line <= last_line) Fail("record line numbers do not increase", input);
    if (line > line_ends + 1) Fail("record line beyond the last line", input);
    last_line = line;

    std::string_view raw = reader->raw();
    if (raw.size() > size) Fail("raw record longer than the input", input);
    const bool quoted = raw.find('"') != std::string_view::npos;
    for (std::string_view f : fields) {
      if (f.size() > raw.size()) Fail("a field longer than its record", input);
      if (f.empty() || quoted) continue;
      if (f.data() < raw.data() || f.data() + f.size() > raw.data() + raw.size()) {
        Fail("a field outside its record", input);
      }
    }
    std::optional<size_t> bad_field;
    for (size_t i = 0; i < fields.size() && !bad_field; ++i) {
      if (!tend::IsValidUtf8(fields[i])) bad_field = i;
    }
    const auto& bad = reader->bad_utf8();
    if (bad_field.has_value() != bad.has_value() || (bad && bad->field != *bad_field)) {
      Fail("bad_utf8() does not name the first field that is not UTF-8", input);
    }
    if (!quoted) {
      std::string joined;
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i) joined += ',';
        joined += fields[i];
      }
      if (joined != raw) Fail("unquoted record is not its fields joined by commas", input);
    }
  }
  const tend::Status& st = reader->status();
  if (!st.ok() && st.message().rfind("fuzz.csv:", 0) != 0)
    Fail("error does not name the input", input);
  return 0;
}
