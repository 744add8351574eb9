// The kinds of file `tend import` understands, their file names and dependency order.
#ifndef TEND_INGEST_IMPORT_KIND_H_
#define TEND_INGEST_IMPORT_KIND_H_

#include <optional>
#include <span>
#include <string_view>

namespace tend::ingest {

enum class ImportKind {
  kAccounts,
  kContacts,
  kEvents,
  kSurveys,
  kTickets,
  kActivities,
  kDeals,
  kSubscriptions,
  kPurchases,
  kFeedback
};

// "accounts", "contacts", ...
std::string_view ImportKindName(ImportKind kind);
// Accepts a kind name ("events") or its file name ("events.csv").
std::optional<ImportKind> ParseImportKind(std::string_view s);
// All kinds in dependency order: accounts before contacts before everything that names them.
std::span<const ImportKind> ImportOrder();

// What a column of an import file holds (docs/formats.md): how a mapped import converts a
// source value into it (ingest/import_mapping.h), and what the importer checks.
enum class FieldType {
  kText,    // as is (ids, names, free text)
  kEnum,    // one of a fixed list (the importer names it)
  kNumber,  // a decimal number
  kInt,     // a whole number (scores)
  kDate,    // YYYY-MM-DD
  kTime,    // ISO-8601 with an offset
};

struct ImportField {
  std::string_view name;
  bool required;
  FieldType type;
};

// The columns of each kind's file, in the order of the file format. Anything else in a file
// is ignored (or, for accounts, becomes a custom attribute).
std::span<const ImportField> ImportFields(ImportKind kind);

}  // namespace tend::ingest

#endif  // TEND_INGEST_IMPORT_KIND_H_
