// Mapped imports (docs/formats.md, "Mapped imports"): a YAML mapping says, for each tend field
// of an import kind, which source column or expression fills it, so that a CRM's or support
// tool's export is imported as it is.
//
//   kind: accounts
//   columns:
//     account_id: Account ID                                   # a source column
//     arr: {column: "ARR (USD)", format: number}               # "$1,234.50" -> 1234.5
//     start_date: {column: Customer Since, format: "MM/DD/YYYY"}
//     status: {column: Lifecycle Stage, values: {Customer: active, Former Customer: churned}}
//     region: {value: emea}                                    # a constant
//     name: {concat: [First Name, Last Name], separator: " "}
//
// A mapping is parsed once (ParseImportMapping, errors as `file:line:column: message`) and
// applied to each source file (ApplyMapping), which yields the file in tend's own layout for
// the importer, with each row's source line and each field's source column so that every
// problem names the source, and a preview (the first rows as tend sees them, value counts of
// the enumerated fields) for dry runs.
#ifndef TEND_INGEST_IMPORT_MAPPING_H_
#define TEND_INGEST_IMPORT_MAPPING_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/csv_reader.h"
#include "common/result.h"
#include "ingest/import_kind.h"
#include "ingest/value_formats.h"

namespace tend::ingest {

// How one tend field is filled.
struct FieldMapping {
  std::string field;  // a field of the kind (import_kind.h), or for accounts an attribute
  std::vector<std::string> columns;  // one source column, or several joined (concat)
  std::string separator = " ";       // between concatenated columns
  std::optional<std::string> constant;         // `value:` instead of columns
  std::optional<std::string> default_value;    // when the source value is empty
  std::vector<std::pair<std::string, std::string>> values;  // source value -> tend value
  std::string format;         // "", "number", "bool", or a date/time format
  char decimal = 0;           // the decimal mark of `number` ('.', ',', 0: per value)
  std::optional<DateTimeFormat> datetime;      // set when format names dates or times
  std::string where;          // "map.yaml:12:5", for messages
};

// The mapping of one source file.
struct FileMapping {
  ImportKind kind = ImportKind::kAccounts;
  std::string file;  // the source file's name inside a folder (folder imports); may be empty
  std::vector<FieldMapping> fields;
  // Source values that mean "empty" (default: "", N/A, n/a, NA, NULL, null, -, none).
  std::vector<std::string> empty = {"", "N/A", "n/a", "NA", "NULL", "null", "-", "none"};
  std::shared_ptr<const TimeZone> zone;  // local times without an offset (default UTC)
  // Source columns not to keep (accounts: unmapped columns become custom attributes).
  std::vector<std::string> ignore;
  // `only: {column: C, values: [...]}`: import only the rows whose C is one of the values
  // (an export of every company, of which only the customers are accounts); the others are
  // counted as skipped.
  std::string only_column;
  std::vector<std::string> only_values;
};

struct ImportMapping {
  std::string name;         // the mapping file, or "preset NAME"
  std::string description;  // presets: what export it reads
  std::vector<FileMapping> files;
};

// Parses a mapping document: `kind` + `columns` (+ `file`, `empty`, `timezone`, `decimal`,
// `ignore`, `description`), or `files:` a list of those. `name` is used in messages. Fails
// with kInvalidArgument "import.badMapping" listing every problem as `name:line:column: ...`.
Result<ImportMapping> ParseImportMapping(const std::string& text, const std::string& name);
// Reads and parses a mapping file.
Result<ImportMapping> LoadImportMapping(const std::string& path);

// A source file in tend's layout, as the importer reads it (ImportFile::mapped).
struct MappedFile {
  std::string source;  // the source file's path: messages name it
  std::string csv;     // header + one record per source row
  // The first physical line of each canonical record (after the header) and of its source row.
  std::vector<int64_t> canonical_lines, source_lines;
  // tend field -> how messages name it: `"Annual Revenue" (arr)`.
  std::map<std::string, std::string> labels;
  // Problems converting a row's values, by record index (0-based): (field, what).
  std::map<size_t, std::vector<std::pair<std::string, std::string>>> row_problems;
  // For dry runs: the header, the first rows as tend sees them, and the value counts of the
  // enumerated fields.
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> first_rows;
  std::map<std::string, std::map<std::string, int64_t>> value_counts;
  int64_t rows = 0;
  int64_t skipped = 0;  // rows left out by `only`

  // The source line of the canonical record starting at physical `canonical_line` (the
  // canonical line itself when unknown, e.g. the header).
  int64_t SourceLine(int64_t canonical_line) const;
  // The record index of the record starting at `canonical_line`, or nullopt.
  std::optional<size_t> RecordAt(int64_t canonical_line) const;

  // Building one: the header (first), then each record in order with the line its source row
  // starts on; a record without row_problems goes into the preview. Returns its index.
  void SetHeader(std::vector<std::string> columns);
  size_t AppendRecord(const std::vector<std::string>& values, int64_t source_line);

 private:
  int64_t next_line_ = 2;  // the physical line the next canonical record starts on
};

// Reads `source` (whose header names the source columns) through `mapping`. Fails (as a
// file problem, `source:1: ...`) when a mapped column is missing from the header or a
// required field of the kind has no mapping and no column of its own name; value problems
// are per row (row_problems). Unmapped source columns pass through under their own names for
// accounts (custom attributes) and are dropped, and listed in `ignored`, for other kinds.
Result<MappedFile> ApplyMapping(const FileMapping& mapping, CsvReader& source,
                                std::vector<std::string>* ignored);

}  // namespace tend::ingest

#endif  // TEND_INGEST_IMPORT_MAPPING_H_
