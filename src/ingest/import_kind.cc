#include "ingest/import_kind.h"

namespace tend::ingest {

namespace {
constexpr ImportKind kOrder[] = {
    ImportKind::kAccounts, ImportKind::kContacts,   ImportKind::kEvents, ImportKind::kSurveys,
    ImportKind::kTickets,  ImportKind::kActivities, ImportKind::kDeals,
    ImportKind::kSubscriptions, ImportKind::kPurchases, ImportKind::kFeedback};
}  // namespace

std::string_view ImportKindName(ImportKind kind) {
  switch (kind) {
    case ImportKind::kAccounts:
      return "accounts";
    case ImportKind::kContacts:
      return "contacts";
    case ImportKind::kEvents:
      return "events";
    case ImportKind::kSurveys:
      return "surveys";
    case ImportKind::kTickets:
      return "tickets";
    case ImportKind::kActivities:
      return "activities";
    case ImportKind::kDeals:
      return "deals";
    case ImportKind::kSubscriptions:
      return "subscriptions";
    case ImportKind::kPurchases:
      return "purchases";
    case ImportKind::kFeedback:
      return "feedback";
  }
  return "unknown";
}

std::optional<ImportKind> ParseImportKind(std::string_view s) {
  if (s.size() > 4 && s.substr(s.size() - 4) == ".csv") s.remove_suffix(4);
  for (ImportKind k : kOrder) {
    if (ImportKindName(k) == s) return k;
  }
  return std::nullopt;
}

std::span<const ImportKind> ImportOrder() { return kOrder; }

}  // namespace tend::ingest
