// Importer: loads CSV exports into a workspace, strictly and all-or-nothing.
//
// One Run() is one transaction. Every row is validated (types, enums, dates, references to
// accounts and contacts); each problem is reported as `file:line: column c: what` and the
// whole run is rolled back unless ImportOptions::reject_path is set, in which case the valid
// rows are imported and the rejected ones written there with their reasons.
//
// Entities (accounts, contacts, tickets, activities, deals) are upserted by id, so
// importing a file twice changes nothing. The contacts of a file who left (status left or
// bounced) are written after its other contacts, so that a company move is decided against the
// whole file (docs/advocacy.md "Milestones"). A survey answer is identified by its survey_id
// column when the file has one, else by the whole row: different answers are never merged,
// and an answer already stored is counted in `duplicates`, not `imported`. Events are appended to
// each account's compact usage state (metrics/usage_state.h); rows whose message_id was seen before
// are skipped.
//
// Failures: data problems are values in ImportReport; Status is returned only for
// environment failures (a file that cannot be read, a store error) and then nothing is
// written either.
#ifndef TEND_INGEST_IMPORTER_H_
#define TEND_INGEST_IMPORTER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/column.h"
#include "common/result.h"
#include "ingest/import_kind.h"
#include "ingest/import_mapping.h"
#include "store/store.h"

namespace tend::ingest {

// The most columns a CSV file may have (a header wider than this is refused as a whole:
// on accounts.csv every extra column would become a custom attribute). docs/formats.md.
inline constexpr size_t kMaxCsvColumns = 1000;

struct ImportFile {
  ImportKind kind;
  std::string path;
  // A mapped import (import_mapping.h): the importer reads this instead of `path`, and names
  // the source file, lines and columns in its messages.
  std::shared_ptr<const MappedFile> mapped;
};

struct ImportOptions {
  // When set, bad rows are skipped and written to this CSV (file,line,error,row).
  std::string reject_path;
  // Overrides the inferred type of custom account attribute columns.
  std::map<std::string, ValueType> attribute_types;
  // Called now and then while a file is read (for progress bars).
  std::function<void(const std::string& file, int64_t done_bytes, int64_t total_bytes,
                     int64_t rows)>
      progress;
  // How many problem messages to keep (all are counted).
  size_t max_messages = 20;
  // Check everything and count what would be imported, then roll back: nothing is written.
  bool dry_run = false;
};

struct FileReport {
  std::string file;
  ImportKind kind;
  int64_t rows = 0;        // data rows read
  int64_t imported = 0;    // rows written (upserted or appended)
  int64_t duplicates = 0;  // events with a known message_id; survey answers already stored
  int64_t rejected = 0;    // rows with problems
  double seconds = 0;
  std::vector<std::string> ignored_columns;
};

struct ImportReport {
  std::vector<FileReport> files;
  std::vector<std::string> messages;  // the first max_messages problems
  int64_t problems = 0;               // all problems
  bool committed = false;
  bool dry_run = false;  // rolled back on purpose; `imported` counts what would have been
};

// The known files present in `dir`, in dependency order. kNotFound when there are none.
Result<std::vector<ImportFile>> FindImportFiles(const std::string& dir);

// Imports `files` (sorted into dependency order first) into `store` in one transaction.
Result<ImportReport> RunImport(store::Store& store, std::vector<ImportFile> files,
                               const ImportOptions& options);

}  // namespace tend::ingest

#endif  // TEND_INGEST_IMPORTER_H_
