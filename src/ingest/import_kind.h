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

}  // namespace tend::ingest

#endif  // TEND_INGEST_IMPORT_KIND_H_
