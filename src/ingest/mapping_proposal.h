// Proposing a mapping (import_mapping.h) for a file in another tool's layout: each tend field
// of the kind gets the source column whose header names it best (its own name, or the names
// CRMs and support tools use for it), and date, time and number columns get the format their
// sample values are written in. A person checks and corrects the proposal (the web app's Data
// page shows it in an editor, then a dry run).
#ifndef TEND_INGEST_MAPPING_PROPOSAL_H_
#define TEND_INGEST_MAPPING_PROPOSAL_H_

#include <string>
#include <vector>

#include "common/csv_reader.h"
#include "common/result.h"
#include "ingest/import_kind.h"

namespace tend::ingest {

struct ProposedField {
  std::string field;   // the tend field
  std::string column;  // the source column, "" when none fits
  std::string format;  // "", "number", or a date/time format the samples all match
  bool required = false;
};

struct MappingProposal {
  std::vector<std::string> header;  // the source columns
  std::vector<ProposedField> fields;
  std::string yaml;                 // the proposal as a mapping file
};

// Reads the header and up to `samples` rows of `source`. kInvalidArgument when it has no
// header.
Result<MappingProposal> ProposeMapping(ImportKind kind, CsvReader& source, size_t samples = 200);

}  // namespace tend::ingest

#endif  // TEND_INGEST_MAPPING_PROPOSAL_H_
