#include "generate/feedback_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "common/csv_writer.h"
#include "common/rng.h"

namespace tend::generate {

namespace {

// The generator's random streams are numbered in generator.cc (1..10); this is the next.
constexpr uint64_t kStreamFeedback = 11;

struct Catalogued {
  const char* title;
  const char* area;
  const char* asks[2];  // two ways customers put it
};

constexpr Catalogued kRequests[] = {
    {"SSO with Okta and Azure AD", "security",
     {"We need single sign-on with Okta before security signs off",
      "Azure AD SSO is a must for our IT team"}},
    {"Audit log export", "security",
     {"Compliance asks for an export of the audit log", "Can we export audit logs to our SIEM?"}},
    {"Granular user permissions", "security",
     {"We need roles finer than admin and member", "Read-only permissions for contractors"}},
    {"Salesforce two-way sync", "integrations",
     {"Sync accounts both ways with Salesforce", "Salesforce sync overwrites our fields"}},
    {"Slack notifications", "integrations",
     {"Send alerts to a Slack channel", "Slack notifications for new reports would help"}},
    {"Public REST API for reports", "integrations",
     {"An API to pull reports into our warehouse", "We want the report data over a REST API"}},
    {"Custom dashboards", "analytics",
     {"Let us build our own dashboards", "Custom dashboard widgets for the leadership team"}},
    {"Scheduled report e-mails", "analytics",
     {"E-mail the weekly report on a schedule", "Schedule reports to land in inboxes on Monday"}},
    {"Export to Excel", "analytics",
     {"Export any table to Excel", "The CSV export breaks Excel formatting, need xlsx"}},
    {"Faster search", "core",
     {"Search is slow on large projects", "Searching takes seconds, needs to be faster"}},
    {"Bulk edit", "core",
     {"Editing records one by one takes forever, need bulk edit",
      "Bulk update of many items at once"}},
    {"Offline mode for the mobile app", "mobile",
     {"Field teams need the mobile app to work offline", "Offline sync on the mobile app"}},
    {"Dark mode", "core", {"Please add a dark mode", "Dark theme for late shifts"}},
    {"Data residency in the EU", "security",
     {"Our data must stay in the EU", "EU data residency is required by our legal team"}},
};

constexpr const char* kSources[] = {"call", "meeting", "qbr", "ticket", "survey", "email",
                                    "community", "other"};
constexpr const char* kOtherKinds[] = {"bug", "praise", "complaint", "question"};
constexpr const char* kOtherTexts[] = {
    "The export button does nothing in Safari", "Love the new onboarding flow",
    "Support took three days to answer", "How do we add another workspace?"};

std::string Ts(EpochDay day, int64_t seconds) {
  return FormatDate(day) + "T" + (seconds / 3600 < 10 ? "0" : "") +
         std::to_string(seconds / 3600) + ":" + (seconds / 60 % 60 < 10 ? "0" : "") +
         std::to_string(seconds / 60 % 60) + ":00Z";
}

}  // namespace

Result<int64_t> WriteFeedbackCsv(const std::string& path,
                                 const std::vector<FeedbackAccountPlan>& accounts, uint64_t seed) {
  struct Row {
    EpochDay day;
    int64_t seconds;
    std::vector<std::string> fields;
  };
  std::vector<Row> rows;
  Rng rng = Rng::ForStream(seed, kStreamFeedback);
  constexpr size_t kCatalogue = std::size(kRequests);
  for (const FeedbackAccountPlan& a : accounts) {
    if (a.last_day < a.first_day) continue;
    const int n = rng.Poisson(a.at_risk ? 2.0 : 0.8);
    for (int k = 0; k < n; ++k) {
      Row r;
      r.day = static_cast<EpochDay>(rng.Between(a.first_day, a.last_day));
      r.seconds = rng.Between(8 * 3600, 18 * 3600);
      const bool request = rng.Chance(0.8);
      // Popular requests come up more often: pick the smaller of two draws.
      size_t which = std::min(rng.Below(kCatalogue), rng.Below(kCatalogue));
      std::string source = kSources[rng.Below(std::size(kSources))];
      std::string contact =
          a.contact_ids.empty() || rng.Chance(0.15) ? "" : a.contact_ids[rng.Below(a.contact_ids.size())];
      std::string kind = "feature_request", text, area, title, importance = "nice";
      if (request) {
        text = kRequests[which].asks[rng.Below(2)];
        area = kRequests[which].area;
        const double u = rng.Uniform();
        importance = u < (a.at_risk ? 0.35 : 0.1) ? "blocker" : u < 0.55 ? "important" : "nice";
        if (!rng.Chance(0.1)) title = kRequests[which].title;  // some are not triaged yet
      } else {
        size_t o = rng.Below(std::size(kOtherKinds));
        kind = kOtherKinds[o];
        text = kOtherTexts[o];
        importance = kind == "complaint" ? "important" : "nice";
      }
      r.fields = {"", Ts(r.day, r.seconds), a.id, contact, source, "", kind, importance, text,
                  area, "", title};
      rows.push_back(std::move(r));
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
    return x.day != y.day ? x.day < y.day : x.seconds < y.seconds;
  });
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    return Internal("ingest.generateWriteFailed", path + ": cannot create: " + std::strerror(errno));
  }
  out << "feedback_id,ts,account_id,contact_id,source,source_ref,kind,importance,text,"
         "product_area,created_by,request\n";
  int64_t id = 0;
  for (Row& r : rows) {
    std::string digits = std::to_string(++id);
    r.fields[0] = "F" + std::string(digits.size() < 7 ? 7 - digits.size() : 0, '0') + digits;
    std::string line;
    for (size_t i = 0; i < r.fields.size(); ++i) {
      if (i) line += ',';
      AppendCsvField(&line, r.fields[i]);
    }
    out << line << '\n';
  }
  out.close();
  if (!out) return Internal("ingest.generateWriteFailed", path + ": write failed");
  return id;
}

}  // namespace tend::generate
