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

std::span<const ImportField> ImportFields(ImportKind kind) {
  using F = FieldType;
  static constexpr ImportField kAccounts[] = {
      {"account_id", true, F::kText}, {"name", false, F::kText},
      {"industry", false, F::kText},  {"segment", false, F::kText},
      {"region", false, F::kText},    {"arr", false, F::kNumber},
      {"start_date", false, F::kDate}, {"renewal_date", false, F::kDate},
      {"csm", false, F::kText},       {"status", false, F::kEnum},
      {"churned_on", false, F::kDate}};
  static constexpr ImportField kContacts[] = {
      {"contact_id", true, F::kText}, {"account_id", true, F::kText}, {"name", false, F::kText},
      {"email", false, F::kText},     {"title", false, F::kText},     {"seniority", false, F::kEnum},
      {"role", false, F::kEnum},      {"status", false, F::kEnum}};
  static constexpr ImportField kEvents[] = {{"ts", true, F::kTime},
                                            {"account_id", true, F::kText},
                                            {"user_id", true, F::kText},
                                            {"event", true, F::kText},
                                            {"message_id", false, F::kText}};
  static constexpr ImportField kSurveys[] = {
      {"ts", true, F::kTime},     {"account_id", true, F::kText}, {"contact_id", false, F::kText},
      {"survey", true, F::kEnum}, {"score", true, F::kInt},       {"comment", false, F::kText},
      {"survey_id", false, F::kText}};
  static constexpr ImportField kTickets[] = {
      {"ticket_id", true, F::kText},  {"account_id", true, F::kText},
      {"opened_at", false, F::kTime}, {"closed_at", false, F::kTime},
      {"priority", false, F::kEnum},  {"status", true, F::kEnum},
      {"csat", false, F::kInt}};
  static constexpr ImportField kActivities[] = {
      {"ts", true, F::kTime},        {"account_id", true, F::kText}, {"contact_id", false, F::kText},
      {"type", true, F::kEnum},      {"subject", false, F::kText},   {"author", false, F::kText},
      {"notes", false, F::kText}};
  static constexpr ImportField kDeals[] = {
      {"deal_id", true, F::kText}, {"prospect", false, F::kText},  {"amount", false, F::kNumber},
      {"stage", true, F::kEnum},   {"closed_at", false, F::kDate}, {"reference_contact_id", false, F::kText}};
  static constexpr ImportField kSubscriptions[] = {
      {"subscription_id", true, F::kText}, {"account_id", true, F::kText},
      {"product", true, F::kText},         {"plan", false, F::kText},
      {"quantity", true, F::kNumber},      {"unit_price", false, F::kNumber},
      {"arr", true, F::kNumber},           {"start_date", true, F::kDate},
      {"end_date", true, F::kDate},        {"status", true, F::kEnum}};
  static constexpr ImportField kPurchases[] = {
      {"purchase_id", true, F::kText}, {"account_id", true, F::kText}, {"ts", true, F::kTime},
      {"product", false, F::kText},    {"amount", true, F::kNumber},   {"kind", true, F::kEnum}};
  static constexpr ImportField kFeedback[] = {
      {"feedback_id", true, F::kText},   {"ts", true, F::kTime},
      {"account_id", true, F::kText},    {"contact_id", false, F::kText},
      {"source", true, F::kEnum},        {"source_ref", false, F::kText},
      {"kind", true, F::kEnum},          {"importance", true, F::kEnum},
      {"text", true, F::kText},          {"product_area", false, F::kText},
      {"created_by", false, F::kText},   {"request", false, F::kText}};
  switch (kind) {
    case ImportKind::kAccounts: return kAccounts;
    case ImportKind::kContacts: return kContacts;
    case ImportKind::kEvents: return kEvents;
    case ImportKind::kSurveys: return kSurveys;
    case ImportKind::kTickets: return kTickets;
    case ImportKind::kActivities: return kActivities;
    case ImportKind::kDeals: return kDeals;
    case ImportKind::kSubscriptions: return kSubscriptions;
    case ImportKind::kPurchases: return kPurchases;
    case ImportKind::kFeedback: return kFeedback;
  }
  return {};
}

}  // namespace tend::ingest
