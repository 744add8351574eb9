#include "ingest/mapping_proposal.h"

#include <algorithm>
#include <map>

#include "common/field_parse.h"
#include "ingest/value_formats.h"

namespace tend::ingest {

namespace {

// Lowercase letters and digits only: "Account ID" -> "accountid".
std::string Key(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

// The headers other tools use for a tend field, best first (compared as Key()s).
const std::map<std::string, std::vector<std::string>>& Synonyms() {
  static const std::map<std::string, std::vector<std::string>> kSynonyms = {
      {"account_id", {"accountid", "companyid", "recordid", "organizationid", "orgid",
                      "customerid", "organization", "company", "id"}},
      {"contact_id", {"contactid", "personid", "recordid", "userid", "id"}},
      {"name", {"accountname", "companyname", "name", "fullname", "company", "organization"}},
      {"industry", {"industry", "vertical", "sector"}},
      {"segment", {"segment", "tier", "customersegment", "type"}},
      {"region", {"region", "billingcountry", "countryregion", "country", "geo"}},
      {"arr", {"arr", "annualrecurringrevenue", "arrusd", "recurringrevenue"}},
      {"start_date", {"startdate", "customersince", "contractstart", "createddate", "createdate"}},
      {"renewal_date", {"renewaldate", "contractend", "contractenddate", "nextrenewal", "enddate"}},
      {"csm", {"csm", "customersuccessmanager", "accountowner", "companyowner", "owner"}},
      {"status", {"status", "lifecyclestage", "state", "accountstatus", "stage"}},
      {"churned_on", {"churnedon", "churndate", "cancellationdate", "churned"}},
      {"email", {"email", "emailaddress", "personemail"}},
      {"title", {"title", "jobtitle", "position"}},
      {"ts", {"ts", "timestamp", "time", "created", "createdat", "createdutc", "date"}},
      {"user_id", {"userid", "user", "distinctid", "anonymousid"}},
      {"event", {"event", "eventname", "eventtype", "action"}},
      {"message_id", {"messageid", "eventid", "insertid"}},
      {"score", {"score", "rating", "npsscore", "value"}},
      {"comment", {"comment", "comments", "feedback", "reason", "text"}},
      {"survey_id", {"surveyid", "responseid"}},
      {"ticket_id", {"ticketid", "id", "casenumber", "caseid", "number"}},
      {"opened_at", {"openedat", "createdat", "created", "createddate", "opened"}},
      {"closed_at", {"closedat", "solvedat", "closeddate", "resolvedat", "closed"}},
      {"priority", {"priority", "severity"}},
      {"csat", {"csat", "satisfactionscore", "satisfaction"}},
      {"deal_id", {"dealid", "opportunityid", "recordid", "id"}},
      {"amount", {"amount", "value", "dealamount"}},
      {"subscription_id", {"subscriptionid", "id"}},
      {"purchase_id", {"purchaseid", "invoiceid", "orderid", "id"}},
  };
  return kSynonyms;
}

// The date and time formats tried on sample values, in order of preference.
constexpr const char* kDateFormats[] = {"YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY",
                                        "YYYY/MM/DD"};
constexpr const char* kTimeFormats[] = {"iso8601",          "YYYY-MM-DD HH:MM:SS ZZ",
                                        "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD HH:MM",
                                        "MM/DD/YYYY HH:MM:SS", "MM/DD/YYYY HH:MM",
                                        "DD.MM.YYYY HH:MM",  "epoch_ms", "epoch_s"};

bool AllMatch(const std::vector<std::string_view>& values, auto&& ok) {
  bool any = false;
  for (std::string_view v : values) {
    if (v.empty()) continue;
    any = true;
    if (!ok(v)) return false;
  }
  return any;
}

std::string QuoteYaml(const std::string& s) {
  bool plain = !s.empty() && s.find_first_of(":#{}[],&*!|>'\"%@`") == std::string::npos &&
               s.front() != ' ' && s.back() != ' ' && s.front() != '-' && s.front() != '?';
  if (plain) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Result<MappingProposal> ProposeMapping(ImportKind kind, CsvReader& source, size_t samples) {
  if (!source.Next()) {
    if (!source.status().ok()) return source.status();
    return InvalidArgument("import.emptyFile", source.name() + ": the file is empty; expected a header row");
  }
  MappingProposal out;
  for (std::string_view h : source.fields()) out.header.emplace_back(Trim(h));
  std::vector<std::vector<std::string>> columns(out.header.size());
  for (size_t n = 0; n < samples && source.Next(); ++n) {
    auto f = source.fields();
    for (size_t i = 0; i < f.size() && i < columns.size(); ++i) columns[i].emplace_back(Trim(f[i]));
  }
  std::vector<bool> taken(out.header.size(), false);
  const auto& synonyms = Synonyms();
  for (const ImportField& field : ImportFields(kind)) {
    ProposedField p{std::string(field.name), "", "", field.required};
    std::vector<std::string> names = {Key(field.name)};
    if (auto it = synonyms.find(std::string(field.name)); it != synonyms.end())
      names.insert(names.end(), it->second.begin(), it->second.end());
    for (const std::string& n : names) {
      for (size_t i = 0; i < out.header.size() && p.column.empty(); ++i) {
        if (!taken[i] && Key(out.header[i]) == n) {
          p.column = out.header[i];
          taken[i] = true;
        }
      }
      if (!p.column.empty()) break;
    }
    if (!p.column.empty()) {
      size_t i = std::find(out.header.begin(), out.header.end(), p.column) - out.header.begin();
      std::vector<std::string_view> values(columns[i].begin(), columns[i].end());
      if (field.type == FieldType::kDate || field.type == FieldType::kTime) {
        auto try_formats = [&](auto& list) {
          for (const char* f : list) {
            auto fmt = DateTimeFormat::Parse(f);
            if (!fmt.ok()) continue;
            bool date = field.type == FieldType::kDate;
            if (AllMatch(values, [&](std::string_view v) {
                  return date ? fmt->Date(v, nullptr).has_value() : fmt->Time(v, nullptr).has_value();
                })) {
              p.format = f;
              return true;
            }
          }
          return false;
        };
        if (field.type == FieldType::kDate) {
          if (!try_formats(kDateFormats)) try_formats(kTimeFormats);
        } else {
          try_formats(kTimeFormats);
        }
        if (p.format == "YYYY-MM-DD" || p.format == "iso8601") p.format.clear();  // tend's own
      } else if (field.type == FieldType::kNumber &&
                 !AllMatch(values, [](std::string_view v) { return ParseNumber(v).has_value(); }) &&
                 AllMatch(values, [](std::string_view v) { return ParseFormattedNumber(v).has_value(); })) {
        p.format = "number";
      }
    }
    out.fields.push_back(std::move(p));
  }
  out.yaml = "kind: " + std::string(ImportKindName(kind)) + "\ncolumns:\n";
  for (const ProposedField& p : out.fields) {
    if (p.column.empty()) {
      out.yaml += "  # " + p.field + ": " + (p.required ? "(required) " : "") + "no column found\n";
    } else if (p.format.empty()) {
      out.yaml += "  " + p.field + ": " + QuoteYaml(p.column) + "\n";
    } else {
      out.yaml += "  " + p.field + ": {column: " + QuoteYaml(p.column) + ", format: " +
                  QuoteYaml(p.format) + "}\n";
    }
  }
  return out;
}

}  // namespace tend::ingest
