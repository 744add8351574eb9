#include "generate/generator.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/csv_writer.h"
#include "common/rng.h"
#include "generate/revenue_plan.h"
#include "common/status.h"
#include "common/time.h"
#include "generate/feedback_writer.h"

namespace tend::generate {
namespace {

// ---------------------------------------------------------------------------------------------
// Tunables. kPerUserRate is calibrated so that 10,000 accounts over 183 days make about five
// million events (about 500 per account).

constexpr double kPerUserRate = 0.1825;  // events per user on a weekday at usage level 1
constexpr double kWeekendFactor = 0.30;
constexpr double kChurnedShare = 0.08;
constexpr double kAtRiskShare = 0.11;  // of all accounts, active but declining
constexpr double kGrowingShare = 0.16;
constexpr double kNewAccountShare = 0.03;  // started 30..59 days before end_day
constexpr double kScheduledJobShare = 0.05;
constexpr double kJobChangeShare = 0.02;
constexpr int kMaxContactsPerAccount = 8;
constexpr size_t kFlushBytes = size_t{1} << 20;

// Independent random streams, one per purpose (see Rng::ForStream).
constexpr uint64_t kStreamAccount = 1;
constexpr uint64_t kStreamName = 2;
constexpr uint64_t kStreamCsm = 3;
constexpr uint64_t kStreamContact = 4;
constexpr uint64_t kStreamJobChange = 5;
constexpr uint64_t kStreamSurvey = 6;
constexpr uint64_t kStreamTicket = 7;
constexpr uint64_t kStreamActivity = 8;
constexpr uint64_t kStreamDeal = 9;
constexpr uint64_t kStreamEvent = 10;
constexpr uint64_t kStreamRevenue = 11;

// ---------------------------------------------------------------------------------------------
// Vocabularies.

constexpr std::string_view kSegments[] = {"smb", "mid_market", "enterprise"};
constexpr std::string_view kRegions[] = {"na", "emea", "apac", "latam"};
constexpr std::string_view kPlans[] = {"starter", "growth", "enterprise"};
constexpr std::string_view kSeniorities[] = {"ic", "manager", "director", "vp", "c_level"};
constexpr std::string_view kRoles[] = {"champion", "decision_maker", "user", "admin"};
constexpr std::string_view kPriorities[] = {"low", "normal", "high", "urgent"};

// Indexes into the tables above (plain ints, since they index arrays and are stored as ints).
constexpr int kSmb = 0, kMidMarket = 1, kEnterprise = 2;
constexpr int kIc = 0, kManager = 1, kDirector = 2, kVp = 3, kCLevel = 4;
constexpr int kChampion = 0, kDecisionMaker = 1, kUser = 2, kAdmin = 3;

constexpr std::string_view kIndustries[] = {"software",      "financial_services",
                                            "healthcare",    "retail",
                                            "manufacturing", "education",
                                            "media",         "logistics",
                                            "energy",        "professional_services"};

struct NameWord {
  std::string_view word;
  int industry;  // index into kIndustries, -1 for any
};

constexpr std::string_view kNameFirstWords[] = {
    "Blue",      "Northwind", "Summit",  "Granite",   "Silver",    "Bright",   "Harbor",
    "Evergreen", "Pioneer",   "Atlas",   "Crescent",  "Redwood",   "Lumen",    "Vertex",
    "Cobalt",    "Maple",     "Orion",   "Sterling",  "Golden",    "Iron",     "Cedar",
    "Falcon",    "Quantum",   "Horizon", "Polar",     "Coastal",   "Prairie",  "Union",
    "Beacon",    "Aurora",    "Zürich",  "Nordlicht", "São Paulo", "Kraków",   "Málaga",
    "Göteborg",  "Juniper",   "Copper",  "Meridian",  "Tidal",     "Keystone", "Sable",
    "Willow",    "Ember",     "Apex",    "Lakeside",  "Highland",  "Riverbend"};

constexpr NameWord kNameSecondWords[] = {
    {"Analytics", 0}, {"Software", 0}, {"Networks", 0},  {"Labs", 0},       {"Systems", 0},
    {"Capital", 1},   {"Bank", 1},     {"Insurance", 1}, {"Health", 2},     {"Pharma", 2},
    {"Clinics", 2},   {"Foods", 3},    {"Apparel", 3},   {"Outfitters", 3}, {"Robotics", 4},
    {"Motors", 4},    {"Foundry", 4},  {"Works", 4},     {"Learning", 5},   {"Academy", 5},
    {"Media", 6},     {"Studios", 6},  {"Logistics", 7}, {"Freight", 7},    {"Supply", 7},
    {"Energy", 8},    {"Solar", 8},    {"Partners", 9},  {"Advisory", 9},   {"Dynamics", -1},
    {"Group", -1},    {"Holdings", -1}};

constexpr std::string_view kCompanySuffixes[] = {"",     "",      "",      "",     " Inc.", " LLC",
                                                 " Ltd", " GmbH", " S.A.", " Co.", " AB",   " Oy"};

constexpr std::string_view kFirstNames[] = {
    "James",   "Maria",    "Wei",    "Aisha",  "José",    "Zoë",    "Björn",     "François",
    "Søren",   "Priya",    "Liam",   "Olivia", "Noah",    "Emma",   "Mateo",     "Sofia",
    "Hiroshi", "Yuki",     "Fatima", "Omar",   "Chloé",   "Łukasz", "Anna",      "David",
    "Sarah",   "Michael",  "Elena",  "Ivan",   "Grace",   "Kwame",  "Ngozi",     "Lucas",
    "Camille", "Ana",      "Raj",    "Mei",    "Daniel",  "Laura",  "Tomás",     "Inès",
    "Hannah",  "Ahmed",    "Julia",  "Marcus", "Nora",    "Pedro",  "Leila",     "Kenji",
    "Astrid",  "Mohammed", "Chiara", "Jakub",  "Siobhán", "Diego",  "Valentina", "Arjun",
    "Ingrid",  "Kofi",     "Amara",  "Felix",  "Rosa",    "Tariq",  "Min-jun",   "Ji-woo"};

constexpr std::string_view kLastNames[] = {
    "Smith",    "O'Brien",   "Müller",    "García",       "Nguyen",   "Kowalski",     "Johnson",
    "D'Angelo", "Patel",     "Kim",       "Rossi",        "Dubois",   "Schmidt",      "Jensen",
    "Silva",    "Okafor",    "Tanaka",    "Chen",         "Williams", "Brown",        "Martínez",
    "Novák",    "Andersson", "Lefèvre",   "Hernández",    "Ivanova",  "Cohen",        "Murphy",
    "O'Neill",  "Fischer",   "Haddad",    "Mensah",       "Suzuki",   "Singh",        "Costa",
    "Wójcik",   "Brennan",   "Walsh",     "Park",         "Lopez",    "Eriksen",      "Moreau",
    "Yilmaz",   "Nakamura",  "Bianchi",   "Horvat",       "Kaplan",   "Reyes",        "Kelly",
    "Novak",    "Vargas",    "Lindqvist", "Papadopoulos", "Abdullah", "Sato",         "Ferreira",
    "Kovács",   "Dąbrowski", "Nieminen",  "Oliveira",     "MacLeod",  "Van der Berg", "Al-Sayed",
    "Okonkwo"};

constexpr std::string_view kTitles[5][5] = {
    {"Customer Success Specialist", "Operations Analyst", "Software Engineer", "Account Executive",
     "Marketing Specialist"},
    {"Operations Manager", "Marketing Manager", "Customer Success Manager", "IT Manager",
     "Sales Operations Manager"},
    {"Director of Operations", "Director, Customer Experience", "Director of Marketing",
     "Director of IT", "Director, Revenue Operations"},
    {"VP of Sales", "VP, Revenue Operations", "VP of Customer Success", "VP of Engineering",
     "VP, Marketing & Growth"},
    {"CEO", "CTO", "COO", "Chief Revenue Officer", "Chief Customer Officer"}};

// Product features, in order of popularity (Zipf weight 1 / (rank + 1)).
enum class FeatureKind { kRegular, kLate, kRetired, kScheduled };

struct Feature {
  std::string_view name;
  FeatureKind kind;
  int days_before_end;  // kLate: launch day; kRetired: last day available (end - N)
};

constexpr Feature kFeatures[] = {
    {"dashboard_view", FeatureKind::kRegular, 0},
    {"record_view", FeatureKind::kRegular, 0},
    {"search", FeatureKind::kRegular, 0},
    {"report_run", FeatureKind::kRegular, 0},
    {"filter_apply", FeatureKind::kRegular, 0},
    {"legacy_report_run", FeatureKind::kRetired, 75},
    {"ai_summary", FeatureKind::kLate, 27},
    {"record_edit", FeatureKind::kRegular, 0},
    {"export_csv", FeatureKind::kRegular, 0},
    {"notification_open", FeatureKind::kRegular, 0},
    {"task_complete", FeatureKind::kRegular, 0},
    {"timeline_view", FeatureKind::kRegular, 0},
    {"copilot_chat", FeatureKind::kLate, 19},
    {"comment_add", FeatureKind::kRegular, 0},
    {"classic_editor_open", FeatureKind::kRetired, 96},
    {"health_view", FeatureKind::kRegular, 0},
    {"record_create", FeatureKind::kRegular, 0},
    {"task_create", FeatureKind::kRegular, 0},
    {"note_add", FeatureKind::kRegular, 0},
    {"share_link", FeatureKind::kRegular, 0},
    {"smart_alerts_view", FeatureKind::kLate, 9},
    {"chart_create", FeatureKind::kRegular, 0},
    {"integration_sync", FeatureKind::kRegular, 0},
    {"workflow_run", FeatureKind::kRegular, 0},
    {"import_csv", FeatureKind::kRegular, 0},
    {"flash_export", FeatureKind::kRetired, 140},
    {"api_call", FeatureKind::kRegular, 0},
    {"playbook_run", FeatureKind::kRegular, 0},
    {"segment_create", FeatureKind::kRegular, 0},
    {"template_use", FeatureKind::kRegular, 0},
    {"email_send", FeatureKind::kRegular, 0},
    {"alert_create", FeatureKind::kRegular, 0},
    {"pivot_view", FeatureKind::kRegular, 0},
    {"forecast_view", FeatureKind::kRegular, 0},
    {"bulk_update", FeatureKind::kRegular, 0},
    {"tag_add", FeatureKind::kRegular, 0},
    {"file_upload", FeatureKind::kRegular, 0},
    {"calendar_sync", FeatureKind::kRegular, 0},
    {"mobile_open", FeatureKind::kRegular, 0},
    {"user_invite", FeatureKind::kRegular, 0},
    {"settings_update", FeatureKind::kRegular, 0},
    {"survey_send", FeatureKind::kRegular, 0},
    {"nps_view", FeatureKind::kRegular, 0},
    {"goal_set", FeatureKind::kRegular, 0},
    {"workflow_edit", FeatureKind::kRegular, 0},
    {"webhook_create", FeatureKind::kRegular, 0},
    {"audit_log_view", FeatureKind::kRegular, 0},
    {"sso_configure", FeatureKind::kRegular, 0},
    {"sandbox_open", FeatureKind::kRegular, 0},
    {"scheduled_export", FeatureKind::kScheduled, 0},
};
constexpr int kFeatureCount = static_cast<int>(std::size(kFeatures));
static_assert(kFeatureCount >= 40 && kFeatureCount <= 60, "40 to 60 features");
static_assert(kFeatureCount <= 64, "feature adoption is a 64-bit mask");
constexpr int kScheduledFeature = kFeatureCount - 1;

// Relative activity by local hour of day: office hours, a lunch dip, a little at night.
constexpr double kHourWeights[24] = {1, 0.6, 0.5, 0.5, 0.5, 0.8, 1.5, 3, 8, 12, 14, 13,
                                     9, 12,  13,  12,  10,  6,   4,   3, 3, 2,  2,  1.5};
// Hours to add to local time to get UTC, per region (na, emea, apac, latam).
constexpr int kRegionUtcShift[] = {6, -1, -8, 3};

// Survey comments by sentiment band: promoter, passive, detractor.
constexpr std::string_view kComments[3][7] = {
    {"", "", "Love the dashboards", "Great support team, very responsive",
     "Saves us hours every week", "The \"health view\" is a game changer",
     "Pros: fast, reliable\nCons: none so far"},
    {"", "", "Good, but exports are slow", "Solid product; pricing is a bit high",
     "Would like more integrations, especially with our CRM", "It's fine",
     "The new editor takes getting used to"},
    {"", "", "Too many bugs lately", "Support said \"we'll look into it\" twice, no follow-up",
     "Considering alternatives, renewal is in question", "Hard to onboard new users",
     "Reports time out, again"}};

// ---------------------------------------------------------------------------------------------
// Small formatting helpers.

void AppendPadded(std::string& out, int64_t value, int width) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int i = n; i < width; ++i) out.push_back('0');
  while (n > 0) out.push_back(digits[--n]);
}

std::string MakeId(char prefix, int64_t number, int width) {
  std::string id(1, prefix);
  AppendPadded(id, number, width);
  return id;
}

// Cents as "1234.56".
std::string FormatCents(int64_t cents) {
  std::string out;
  AppendPadded(out, cents / 100, 1);
  out.push_back('.');
  AppendPadded(out, cents % 100, 2);
  return out;
}

// ASCII spelling of the Latin letters used in the name lists; other non-ASCII is dropped.
std::string_view FoldCodePoint(uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0xC5) return "A";
  if (cp >= 0xE0 && cp <= 0xE5) return "a";
  if (cp >= 0xC8 && cp <= 0xCB) return "E";
  if (cp >= 0xE8 && cp <= 0xEB) return "e";
  if (cp >= 0xCC && cp <= 0xCF) return "I";
  if (cp >= 0xEC && cp <= 0xEF) return "i";
  if ((cp >= 0xD2 && cp <= 0xD6) || cp == 0xD8) return "O";
  if ((cp >= 0xF2 && cp <= 0xF6) || cp == 0xF8) return "o";
  if (cp >= 0xD9 && cp <= 0xDC) return "U";
  if (cp >= 0xF9 && cp <= 0xFC) return "u";
  switch (cp) {
    case 0xC6:
      return "AE";
    case 0xE6:
      return "ae";
    case 0xC7:
    case 0x106:
    case 0x10C:
      return "C";
    case 0xE7:
    case 0x107:
    case 0x10D:
      return "c";
    case 0xD1:
      return "N";
    case 0xF1:
    case 0x144:
      return "n";
    case 0xDD:
      return "Y";
    case 0xFD:
    case 0xFF:
      return "y";
    case 0xDF:
      return "ss";
    case 0x141:
      return "L";
    case 0x142:
      return "l";
    case 0x15A:
    case 0x160:
      return "S";
    case 0x15B:
    case 0x161:
      return "s";
    case 0x179:
    case 0x17B:
    case 0x17D:
      return "Z";
    case 0x17A:
    case 0x17C:
    case 0x17E:
      return "z";
    case 0x104:
      return "A";
    case 0x105:
      return "a";
    case 0x118:
      return "E";
    case 0x119:
    case 0x11B:
      return "e";
    case 0x159:
      return "r";
    default:
      return "";
  }
}

std::string FoldToAscii(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      ++i;
    } else if ((b & 0xE0) == 0xC0 && i + 1 < utf8.size()) {
      const uint32_t cp = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
      out.append(FoldCodePoint(cp));
      i += 2;
    } else {
      ++i;
      while (i < utf8.size() && (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

// Lowercase ASCII letters and digits of `text`, runs of anything else as one `sep` (or
// dropped when sep is 0); apostrophes are dropped ("O'Brien" -> "obrien").
std::string Slug(std::string_view text, char sep) {
  std::string out;
  bool pending = false;
  for (char c : FoldToAscii(text)) {
    if (c == '\'') continue;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (pending && !out.empty() && sep != 0) out.push_back(sep);
      pending = false;
      out.push_back(c);
    } else if (c >= 'A' && c <= 'Z') {
      if (pending && !out.empty() && sep != 0) out.push_back(sep);
      pending = false;
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      pending = true;
    }
  }
  return out;
}

inline int Weekday(EpochDay day) { return ((day % 7) + 7 + 4) % 7; }  // 0 = Sunday
inline bool IsWeekend(EpochDay day) {
  const int w = Weekday(day);
  return w == 0 || w == 6;
}

EpochDay AddYears(EpochDay day, int years) {
  const CivilDate c = CivilFromDays(day);
  const int year = c.year + years;
  unsigned d = c.day;
  if (c.month == 2 && d == 29 && !IsValidDate(year, 2, 29)) d = 28;
  return DaysFromCivil(year, c.month, d);
}

// The first anniversary of `start` (one or more whole years later) on or after `day`.
EpochDay AnniversaryOnOrAfter(EpochDay start, EpochDay day) {
  int years = std::max(1, static_cast<int>((day - start) / 366));
  while (AddYears(start, years) < day) ++years;
  return AddYears(start, years);
}

// A second of the UTC day drawn from the office-hours profile of `region`.
int64_t OfficeSecond(int region, Rng& rng) {
  static constexpr auto kCumulative = [] {
    std::array<double, 24> c{};
    double sum = 0;
    for (int h = 0; h < 24; ++h) c[h] = sum += kHourWeights[h];
    return c;
  }();
  const int local_hour = static_cast<int>(rng.PickWeighted(kCumulative));
  const int hour = (local_hour + kRegionUtcShift[region] + 24) % 24;
  return hour * 3600 + static_cast<int64_t>(rng.Below(3600));
}

// A time on `day` drawn from the office-hours profile of `region`.
EpochMs OfficeTime(EpochDay day, int region, Rng& rng) {
  return static_cast<EpochMs>(day) * kMsPerDay + OfficeSecond(region, rng) * 1000;
}

// ---------------------------------------------------------------------------------------------
// CSV output with one large buffer per file. The first write error is kept and returned by
// Close(); later writes are dropped.

class CsvFile {
 public:
  CsvFile() = default;
  ~CsvFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;

  Status Open(const std::string& path) {
    path_ = path;
    file_ = std::fopen(path.c_str(), "wb");
    if (file_ == nullptr) {
      return Internal("ingest.generateWriteFailed",
                      path + ": cannot create: " + std::strerror(errno));
    }
    std::setvbuf(file_, nullptr, _IONBF, 0);  // buf_ is the buffer
    buf_.reserve(kFlushBytes + 4096);
    return Status::Ok();
  }

  void Field(std::string_view value) {
    Separate();
    AppendCsvField(&buf_, value);
  }
  void Int(int64_t value) {
    Separate();
    if (value < 0) {
      buf_.push_back('-');
      value = -value;
    }
    AppendPadded(buf_, value, 1);
  }
  void Empty() { Separate(); }
  void Header(std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) Field(name);
    EndRow();
  }
  void EndRow() {
    buf_.push_back('\n');
    first_field_ = true;
    if (buf_.size() >= kFlushBytes) Flush();
  }
  // Appends whole, already formatted lines (the events fast path).
  std::string& raw() { return buf_; }
  void MaybeFlush() {
    if (buf_.size() >= kFlushBytes) Flush();
  }

  Status Close() {
    Flush();
    if (file_ != nullptr) {
      if (std::fclose(file_) != 0 && status_.ok()) {
        status_ = Internal("ingest.generateWriteFailed",
                           path_ + ": cannot close: " + std::strerror(errno));
      }
      file_ = nullptr;
    }
    return status_;
  }

 private:
  void Separate() {
    if (!first_field_) buf_.push_back(',');
    first_field_ = false;
  }
  void Flush() {
    if (!buf_.empty() && status_.ok() && file_ != nullptr) {
      if (std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) {
        status_ = Internal("ingest.generateWriteFailed",
                           path_ + ": write failed: " + std::strerror(errno));
      }
    }
    buf_.clear();
  }

  FILE* file_ = nullptr;
  std::string path_;
  std::string buf_;
  bool first_field_ = true;
  Status status_;
};

// ---------------------------------------------------------------------------------------------
// The plan: accounts and contacts, decided before any file is written.

enum class Trajectory { kStable, kGrowing, kAtRisk, kChurned };

struct Contact {
  std::string id;  // assigned after job changes are placed
  std::string name;
  std::string email_local;
  std::string email;
  std::string title;
  int seniority = kIc;
  int role = kUser;
  bool moved = false;  // joined from another account (a job change)
  bool left = false;   // left for another account (the old record of a job change)
};

struct Account {
  int number = 0;
  std::string id;         // A0000001
  std::string user_stem;  // U0000001_ (user ids append the user index)
  std::string name;
  std::string domain;  // <slug>.example.com
  int industry = 0;
  int segment = kSmb;
  int region = 0;
  int plan = 0;
  int64_t arr_cents = 0;
  EpochDay start = 0;
  EpochDay renewal = 0;
  int csm = 0;
  int employees = 0;
  Trajectory trajectory = Trajectory::kStable;
  bool churned = false;
  EpochDay churned_on = 0;
  EpochDay last_day = 0;   // last day with any data: end_day, or churned_on - 1
  double sentiment = 0.5;  // 0 (angry) .. 1 (delighted), drives surveys and advocacy

  // Usage model.
  int users = 3;
  double intensity = 1.0;
  double level_from = 1.0;  // usage level at change_day (or window start)
  double level_to = 1.0;    // usage level at level_end
  EpochDay change_day = 0;  // level is level_from up to here, then moves linearly
  EpochDay level_end = 0;
  int joined_base = 0;  // growing accounts: users beyond this join over the window
  uint64_t feature_mask = 0;
  bool scheduled_job = false;
  std::vector<double> user_cumulative;  // Zipf weights of users

  std::vector<Contact> contacts;
  bool promoter = false;
  bool has_advocacy = false;
};

class Generator {
 public:
  explicit Generator(const GenerateOptions& options)
      : options_(options),
        end_(options.end_day),
        window_start_(options.end_day - options.history_days + 1) {}

  Result<GenerateReport> Run() {
    PlanCsms();
    PlanAccounts();
    PlanContacts();
    PlanJobChanges();
    AssignContactIds();
    TEND_RETURN_IF_ERROR(WriteAccounts());
    TEND_RETURN_IF_ERROR(WriteContacts());
    TEND_RETURN_IF_ERROR(WriteSurveys());
    TEND_RETURN_IF_ERROR(WriteTickets());
    TEND_RETURN_IF_ERROR(WriteActivities());
    TEND_RETURN_IF_ERROR(WriteDeals());
    TEND_RETURN_IF_ERROR(WriteRevenue());
    TEND_RETURN_IF_ERROR(WriteFeedback());
    TEND_RETURN_IF_ERROR(WriteEvents());
    return report_;
  }

 private:
  std::string Path(std::string_view file) const {
    return (std::filesystem::path(options_.out_dir) / file).string();
  }

  // A person: "First Last", "First M. Last" or rarely "First Last, Jr.", and the matching
  // email local part ("first.last", "first.m.last").
  struct Person {
    std::string name;
    std::string email_local;
  };
  static Person MakePerson(Rng& rng) {
    Person p;
    const std::string first(rng.Pick(kFirstNames));
    const std::string last(rng.Pick(kLastNames));
    if (rng.Chance(0.5)) {
      const char initial = static_cast<char>('A' + rng.Below(26));
      p.name = first + " " + initial + ". " + last;
      p.email_local =
          Slug(first, 0) + "." + static_cast<char>(initial - 'A' + 'a') + "." + Slug(last, 0);
    } else {
      p.name = first + " " + last;
      p.email_local = Slug(first, 0) + "." + Slug(last, 0);
    }
    if (rng.Chance(0.01)) p.name += ", Jr.";
    return p;
  }

  // A contact person whose email local part is used by no one else in the workspace, so
  // emails are unique and the only repeated (name, local part) pairs are the planned job
  // changes. When the name space runs out, the local part gets a numeric suffix instead.
  Person UniquePerson(Rng& rng) {
    Person p;
    for (int attempt = 0; attempt < 20; ++attempt) {
      p = MakePerson(rng);
      if (used_locals_.insert(p.email_local).second) return p;
    }
    const std::string base = p.email_local;
    for (int suffix = 2;; ++suffix) {
      p.email_local = base + std::to_string(suffix);
      if (used_locals_.insert(p.email_local).second) return p;
    }
  }

  void PlanCsms() {
    const int count = std::max(4, static_cast<int>((options_.accounts * 8 + 500) / 1000));
    Rng rng = Rng::ForStream(options_.seed, kStreamCsm);
    std::set<std::string> used;
    while (static_cast<int>(csms_.size()) < count) {
      std::string name = MakePerson(rng).name;
      if (used.size() >= std::size(kFirstNames) * std::size(kLastNames) / 2) {
        name += " " + std::to_string(csms_.size() + 1);
      }
      if (used.insert(name).second) csms_.push_back(std::move(name));
    }
  }

  // A company name; `kind` forces a shape for the first accounts so that even a tiny
  // workspace exercises CSV quoting (comma, quote), apostrophes and non-ASCII text.
  std::string CompanyName(Rng& rng, int kind, int* industry) {
    *industry = -1;
    const NameWord& second = rng.Pick(kNameSecondWords);
    if (kind < 0) {
      const double u = rng.Uniform();
      kind = u < 0.60 ? 0 : u < 0.72 ? 1 : u < 0.82 ? 2 : u < 0.90 ? 3 : u < 0.95 ? 4 : 5;
    }
    switch (kind) {
      case 1:  // "Blue Logistics, Inc."
        *industry = second.industry;
        return std::string(rng.Pick(kNameFirstWords)) + " " + std::string(second.word) + ", Inc.";
      case 2:  // "O'Brien Logistics"
        *industry = second.industry;
        return std::string(rng.Pick(kLastNames)) + " " + std::string(second.word);
      case 3:  // "Müller & Chen"
        return std::string(rng.Pick(kLastNames)) + " & " + std::string(rng.Pick(kLastNames));
      case 4:  // "Smith, Jensen & Partners"
        return std::string(rng.Pick(kLastNames)) + ", " + std::string(rng.Pick(kLastNames)) +
               " & Partners";
      case 5:  // The "Summit" Company
        return "The \"" + std::string(rng.Pick(kNameFirstWords)) + "\" Company";
      case 6:  // forced apostrophe
        *industry = second.industry;
        return "O'Brien " + std::string(second.word);
      case 7:  // forced non-ASCII
        return "Müller " + std::string(second.word) + " GmbH";
      default:  // "Summit Analytics Ltd"
        *industry = second.industry;
        return std::string(rng.Pick(kNameFirstWords)) + " " + std::string(second.word) +
               std::string(rng.Pick(kCompanySuffixes));
    }
  }

  void PlanAccounts() {
    const int n = options_.accounts;
    accounts_.resize(n);
    std::set<std::string> used_domains;
    // Account sizes follow a golden-ratio (low-discrepancy) sequence of quantiles, so even a
    // couple of hundred accounts hold close to the intended share of very large accounts and
    // the event volume per account stays stable.
    const double phase = Rng::ForStream(options_.seed, kStreamAccount, 0).Uniform();
    constexpr double kGolden = 0.6180339887498949;
    for (int i = 0; i < n; ++i) {
      Account& a = accounts_[i];
      a.number = i + 1;
      Rng rng = Rng::ForStream(options_.seed, kStreamAccount, a.number);
      a.id = MakeId('A', a.number, 7);
      a.user_stem = MakeId('U', a.number, 7) + "_";

      // Name and domain, unique across the workspace.
      Rng name_rng = Rng::ForStream(options_.seed, kStreamName, a.number);
      const int forced_kinds[] = {-1, 4, 5, 6, 7};
      int kind = a.number < 6 ? forced_kinds[a.number - 1] : -1;
      int name_industry = -1;
      for (int attempt = 0;; ++attempt) {
        a.name = CompanyName(name_rng, attempt == 0 ? kind : -1, &name_industry);
        if (attempt >= 8) a.name += " " + std::to_string(a.number);
        std::string slug = Slug(a.name, '-');
        if (used_domains.insert(slug).second) {
          a.domain = slug + ".example.com";
          break;
        }
      }
      a.industry = name_industry >= 0 && rng.Chance(0.85)
                       ? name_industry
                       : static_cast<int>(rng.Below(std::size(kIndustries)));

      // Size: users from a Zipf-like table of quantile bands (log-uniform inside a band).
      double q = phase + a.number * kGolden + rng.Uniform(-0.01, 0.01);
      q -= std::floor(q);
      struct Band {
        double upto;
        double lo, hi;
      };
      static constexpr Band kBands[] = {
          {0.60, 3, 12}, {0.90, 12, 30}, {0.97, 30, 100}, {0.995, 100, 300}, {1.0, 300, 800}};
      double prev = 0;
      for (const Band& band : kBands) {
        if (q < band.upto || band.upto == 1.0) {
          const double t = std::clamp((q - prev) / (band.upto - prev), 0.0, 1.0);
          a.users = static_cast<int>(std::lround(band.lo * std::pow(band.hi / band.lo, t)));
          break;
        }
        prev = band.upto;
      }
      a.users = std::clamp(a.users, 3, 800);
      const double seg_q = q + rng.Uniform(-0.08, 0.08);
      a.segment = a.users >= 100 ? kEnterprise
                  : seg_q < 0.55 ? kSmb
                  : seg_q < 0.88 ? kMidMarket
                                 : kEnterprise;
      static constexpr double kRegionCumulative[] = {0.50, 0.78, 0.93, 1.0};
      a.region = static_cast<int>(rng.PickWeighted(kRegionCumulative));
      const double plan_u = rng.Uniform();
      if (a.segment == kSmb) {
        a.plan = plan_u < 0.70 ? 0 : 1;
      } else if (a.segment == kMidMarket) {
        a.plan = plan_u < 0.10 ? 0 : plan_u < 0.80 ? 1 : 2;
      } else {
        a.plan = plan_u < 0.15 ? 1 : 2;
      }
      static constexpr int64_t kSeatCents[3][2] = {
          {60000, 120000}, {100000, 200000}, {150000, 300000}};
      a.arr_cents = a.users * rng.Between(kSeatCents[a.segment][0], kSeatCents[a.segment][1]);
      if (a.segment == kEnterprise) a.arr_cents = std::max<int64_t>(a.arr_cents, 15'000'000);
      static constexpr double kEmployeesPerUser[3][2] = {{1.5, 6}, {3, 15}, {5, 40}};
      a.employees = std::max(
          a.users + 2, static_cast<int>(a.users * rng.Uniform(kEmployeesPerUser[a.segment][0],
                                                              kEmployeesPerUser[a.segment][1])));
      a.csm = static_cast<int>(rng.Below(csms_.size()));

      // Lifecycle: trajectory first, then dates that fit it.
      const double t_u = rng.Uniform();
      a.trajectory = t_u < kChurnedShare                                  ? Trajectory::kChurned
                     : t_u < kChurnedShare + kAtRiskShare                 ? Trajectory::kAtRisk
                     : t_u < kChurnedShare + kAtRiskShare + kGrowingShare ? Trajectory::kGrowing
                                                                          : Trajectory::kStable;
      const EpochDay oldest_start = end_ - 4 * 365;
      const EpochDay churn_lo = std::max(window_start_ + 14, end_ - 3 * 365);
      if (a.trajectory == Trajectory::kChurned && churn_lo <= end_ - 1) {
        a.churned = true;
        a.churned_on = static_cast<EpochDay>(rng.Between(churn_lo, end_ - 1));
        a.start = static_cast<EpochDay>(rng.Between(oldest_start, a.churned_on - 120));
        // Most churn happens at a renewal: move churned_on to the anniversary when one falls
        // inside the window.
        const EpochDay anniversary = AnniversaryOnOrAfter(a.start, churn_lo);
        if (anniversary <= end_ - 1 && rng.Chance(0.6)) a.churned_on = anniversary;
        a.renewal = AnniversaryOnOrAfter(a.start, a.churned_on);
        a.last_day = a.churned_on - 1;
      } else {
        if (a.trajectory == Trajectory::kChurned) a.trajectory = Trajectory::kAtRisk;
        if (rng.Chance(kNewAccountShare) && a.trajectory != Trajectory::kAtRisk) {
          a.start = static_cast<EpochDay>(rng.Between(end_ - 59, end_ - 30));
        } else {
          a.start = static_cast<EpochDay>(rng.Between(oldest_start, end_ - 30));
        }
        a.renewal = AnniversaryOnOrAfter(a.start, end_ + 1);
        a.last_day = end_;
      }

      // Usage level over time.
      // Per-user habits average out in big accounts, so their intensity varies less.
      a.intensity = 1.0 + rng.Uniform(-0.5, 0.5) * std::min(1.0, std::sqrt(20.0 / a.users));
      switch (a.trajectory) {
        case Trajectory::kStable:
          a.level_from = rng.Uniform(0.85, 1.15);
          a.level_to = rng.Uniform(0.85, 1.15);
          a.change_day = window_start_;
          a.level_end = end_;
          a.sentiment = rng.Uniform(0.4, 0.85);
          break;
        case Trajectory::kGrowing:
          a.level_from = rng.Uniform(0.5, 0.8);
          a.level_to = rng.Uniform(1.2, 1.6);
          a.change_day = window_start_;
          a.level_end = end_;
          a.joined_base = std::max(1, static_cast<int>(a.users * 0.7));
          a.sentiment = rng.Uniform(0.6, 1.0);
          break;
        case Trajectory::kAtRisk:
          a.level_from = 1.0;
          a.level_to = rng.Uniform(0.2, 0.5);
          a.change_day = end_ - static_cast<EpochDay>(rng.Between(30, 90));
          a.level_end = end_;
          a.sentiment = rng.Uniform(0.1, 0.5);
          break;
        case Trajectory::kChurned:
          a.level_from = 1.0;
          a.level_to = rng.Uniform(0.05, 0.3);
          a.level_end = a.churned_on;
          a.change_day = a.churned_on - static_cast<EpochDay>(rng.Between(45, 75));
          a.sentiment = rng.Uniform(0.0, 0.4);
          break;
      }

      // Users are weighted 1/(k+2): a few power users, a long tail of occasional ones.
      a.user_cumulative.resize(a.users);
      double sum = 0;
      for (int k = 0; k < a.users; ++k) a.user_cumulative[k] = sum += 1.0 / (k + 2);

      // Feature adoption: the most popular features everywhere, the tail less often, more on
      // the enterprise plan.
      for (int f = 0; f < kFeatureCount; ++f) {
        const double p = f < 5 ? 1.0 : f < 12 ? 0.9 : f < 25 ? 0.65 : 0.4;
        if (rng.Chance(std::min(1.0, p + (a.plan == 2 ? 0.15 : 0.0)))) {
          a.feature_mask |= uint64_t{1} << f;
        }
      }
      a.scheduled_job = a.number == 1 || rng.Chance(kScheduledJobShare);
    }
  }

  // Usage level of `a` on `day` (0 when the account has no usage that day).
  double Level(const Account& a, EpochDay day) const {
    if (day < a.start || day > a.last_day) return 0.0;
    double level = a.level_from;
    if (day > a.change_day && a.level_end > a.change_day) {
      const double t = std::min(1.0, static_cast<double>(day - a.change_day) /
                                         static_cast<double>(a.level_end - a.change_day));
      level = a.level_from + (a.level_to - a.level_from) * t;
    }
    const int age = day - a.start;
    if (age < 30) level *= 0.25 + 0.75 * age / 30.0;  // onboarding ramp
    return level;
  }

  void PlanContacts() {
    for (Account& a : accounts_) {
      Rng rng = Rng::ForStream(options_.seed, kStreamContact, a.number);
      int log2_users = 0;
      while ((2 << log2_users) <= a.users) ++log2_users;
      const int count = std::clamp(1 + log2_users + static_cast<int>(rng.Below(3)), 2,
                                   kMaxContactsPerAccount - 1);
      const bool two_champions = count >= 4 && rng.Chance(0.3);
      for (int k = 0; k < count; ++k) {
        Contact c;
        c.role = k == 0                      ? kChampion
                 : k == 1                    ? kDecisionMaker
                 : k == 2                    ? kAdmin
                 : (k == 3 && two_champions) ? kChampion
                                             : kUser;
        const double u = rng.Uniform();
        switch (c.role) {
          case kChampion:
            c.seniority = u < 0.5 ? kManager : u < 0.9 ? kDirector : kVp;
            break;
          case kDecisionMaker:
            c.seniority = a.segment == kSmb ? (u < 0.6 ? kCLevel : kVp)
                                            : (u < 0.3   ? kDirector
                                               : u < 0.7 ? kVp
                                                         : kCLevel);
            break;
          case kAdmin:
            c.seniority = u < 0.6 ? kIc : kManager;
            break;
          default:
            c.seniority = u < 0.75 ? kIc : kManager;
            break;
        }
        c.title = std::string(rng.Pick(kTitles[c.seniority]));
        Person person = UniquePerson(rng);
        c.name = std::move(person.name);
        c.email_local = std::move(person.email_local);
        c.email = c.email_local + "@" + a.domain;
        a.contacts.push_back(std::move(c));
      }
    }
  }

  // About 2% of accounts lose a champion to another account, more often troubled ones.
  void PlanJobChanges() {
    const int n = options_.accounts;
    if (n < 2) return;
    Rng rng = Rng::ForStream(options_.seed, kStreamJobChange);
    const int target = std::max(1, static_cast<int>(std::lround(n * kJobChangeShare)));
    std::vector<bool> is_source(n, false);
    int placed = 0;
    for (int attempt = 0; placed < target && attempt < target * 50; ++attempt) {
      const int from = static_cast<int>(rng.Below(n));
      const Account& src = accounts_[from];
      const bool troubled =
          src.trajectory == Trajectory::kAtRisk || src.trajectory == Trajectory::kChurned;
      if (is_source[from] || !rng.Chance(troubled ? 1.0 : 0.35)) continue;
      const int to = static_cast<int>(rng.Below(n));
      Account& dst = accounts_[to];
      if (to == from || dst.contacts.size() >= kMaxContactsPerAccount) continue;
      Contact& champion = accounts_[from].contacts[0];
      const bool clash =
          std::any_of(dst.contacts.begin(), dst.contacts.end(),
                      [&](const Contact& c) { return c.email_local == champion.email_local; });
      if (clash) continue;
      Contact moved = champion;
      moved.seniority = std::min<int>(champion.seniority + 1, kCLevel);
      do {
        moved.title = std::string(rng.Pick(kTitles[moved.seniority]));
      } while (moved.title == champion.title);
      const int champions =
          static_cast<int>(std::count_if(dst.contacts.begin(), dst.contacts.end(),
                                         [](const Contact& c) { return c.role == kChampion; }));
      moved.role = champions < 2 ? kChampion : kDecisionMaker;
      moved.email = moved.email_local + "@" + dst.domain;
      moved.moved = true;
      // The CRM marks the old record: the evidence tend needs to call it a move.
      champion.left = true;
      dst.contacts.push_back(std::move(moved));
      is_source[from] = true;
      ++placed;
    }
  }

  void AssignContactIds() {
    int64_t next = 1;
    for (Account& a : accounts_) {
      for (Contact& c : a.contacts) c.id = MakeId('C', next++, 8);
    }
  }

  Status WriteAccounts() {
    CsvFile f;
    TEND_RETURN_IF_ERROR(f.Open(Path("accounts.csv")));
    f.Header({"account_id", "name", "industry", "segment", "region", "arr", "start_date",
              "renewal_date", "csm", "status", "churned_on", "employees", "plan"});
    for (const Account& a : accounts_) {
      f.Field(a.id);
      f.Field(a.name);
      f.Field(kIndustries[a.industry]);
      f.Field(kSegments[a.segment]);
      f.Field(kRegions[a.region]);
      f.Field(FormatCents(a.arr_cents));
      f.Field(FormatDate(a.start));
      f.Field(FormatDate(a.renewal));
      f.Field(csms_[a.csm]);
      f.Field(a.churned ? "churned" : "active");
      if (a.churned) {
        f.Field(FormatDate(a.churned_on));
      } else {
        f.Empty();
      }
      f.Int(a.employees);
      f.Field(kPlans[a.plan]);
      f.EndRow();
      ++report_.accounts;
    }
    return f.Close();
  }

  Status WriteContacts() {
    CsvFile f;
    TEND_RETURN_IF_ERROR(f.Open(Path("contacts.csv")));
    f.Header(
        {"contact_id", "account_id", "name", "email", "title", "seniority", "role", "status"});
    // People who changed jobs come last: a later row is the newer record, which is how
    // tend tells where a person moved from and to.
    for (const bool moved : {false, true}) {
      for (const Account& a : accounts_) {
        for (const Contact& c : a.contacts) {
          if (c.moved != moved) continue;
          f.Field(c.id);
          f.Field(a.id);
          f.Field(c.name);
          f.Field(c.email);
          f.Field(c.title);
          f.Field(kSeniorities[c.seniority]);
          f.Field(kRoles[c.role]);
          f.Field(c.left ? "left" : "active");
          f.EndRow();
          ++report_.contacts;
        }
      }
    }
    return f.Close();
  }

  // A row of surveys.csv or activities.csv, kept until the file is sorted by time.
  struct TimedRow {
    EpochMs ts;
    int account;  // index into accounts_
    int contact;  // index into the account's contacts, -1 for none
    int kind;     // survey kind or activity type
    int score;
    std::string text;
  };

  static void SortByTime(std::vector<TimedRow>& rows) {
    std::stable_sort(rows.begin(), rows.end(), [](const TimedRow& x, const TimedRow& y) {
      return x.ts != y.ts ? x.ts < y.ts : x.account < y.account;
    });
  }

  int ContactWithRole(const Account& a, int role, Rng& rng) const {
    std::vector<int> matches;
    for (int k = 0; k < static_cast<int>(a.contacts.size()); ++k) {
      if (a.contacts[k].role == role) matches.push_back(k);
    }
    if (matches.empty()) return static_cast<int>(rng.Below(a.contacts.size()));
    return matches[rng.Below(matches.size())];
  }

  static int Clamp(double value, int lo, int hi) {
    return std::clamp(static_cast<int>(std::lround(value)), lo, hi);
  }

  Status WriteSurveys() {
    constexpr int kNps = 0, kCsat = 1, kAdvocacyNps = 2;
    static constexpr std::string_view kKinds[] = {"nps", "csat", "advocacy_nps"};
    std::vector<TimedRow> rows;
    for (int i = 0; i < static_cast<int>(accounts_.size()); ++i) {
      Account& a = accounts_[i];
      Rng rng = Rng::ForStream(options_.seed, kStreamSurvey, a.number);
      const EpochDay from = std::max(a.start, end_ - 364);
      const EpochDay to = a.last_day;
      const bool nps = rng.Chance(1.0 / 3.0);
      const bool csat = rng.Chance(0.2);
      const bool advocacy = rng.Chance(0.08);
      if (from > to) continue;
      auto add = [&](int kind, int contact, int score) {
        const EpochDay day = static_cast<EpochDay>(rng.Between(from, to));
        const int band = kind == kCsat ? (score >= 5   ? 0
                                          : score >= 4 ? 1
                                                       : 2)
                                       : (score >= 9   ? 0
                                          : score >= 7 ? 1
                                                       : 2);
        const std::string_view comment = rng.Pick(kComments[band]);
        rows.push_back(
            {OfficeTime(day, a.region, rng), i, contact, kind, score, std::string(comment)});
      };
      double nps_sum = 0;
      int nps_count = 0;
      if (nps) {
        const int responses = static_cast<int>(rng.Between(1, 3));
        for (int r = 0; r < responses; ++r) {
          const int score = Clamp(4 + 6 * a.sentiment + rng.Uniform(-2.5, 2.5), 0, 10);
          nps_sum += score;
          ++nps_count;
          add(kNps, static_cast<int>(rng.Below(a.contacts.size())), score);
        }
      }
      if (csat) {
        const int responses = static_cast<int>(rng.Between(1, 3));
        for (int r = 0; r < responses; ++r) {
          add(kCsat, static_cast<int>(rng.Below(a.contacts.size())),
              Clamp(1 + 4 * a.sentiment + rng.Uniform(-1.0, 1.0), 1, 5));
        }
      }
      if (advocacy) {
        add(kAdvocacyNps, ContactWithRole(a, kChampion, rng),
            Clamp(3 + 7 * a.sentiment + rng.Uniform(-2.0, 2.0), 0, 10));
      }
      a.promoter = nps_count > 0 ? nps_sum / nps_count >= 8.5 : a.sentiment >= 0.75;
    }
    SortByTime(rows);
    CsvFile f;
    TEND_RETURN_IF_ERROR(f.Open(Path("surveys.csv")));
    f.Header({"ts", "account_id", "contact_id", "survey", "score", "comment"});
    for (const TimedRow& row : rows) {
      const Account& a = accounts_[row.account];
      f.Field(FormatTime(row.ts));
      f.Field(a.id);
      f.Field(a.contacts[row.contact].id);
      f.Field(kKinds[row.kind]);
      f.Int(row.score);
      f.Field(row.text);
      f.EndRow();
      ++report_.surveys;
    }
    return f.Close();
  }

  Status WriteTickets() {
    struct Ticket {
      EpochMs opened;
      EpochMs closed;  // 0 when open
      int account;
      int priority;
      int csat;  // 0 for none
    };
    std::vector<Ticket> tickets;
    const EpochMs end_ms = static_cast<EpochMs>(end_ + 1) * kMsPerDay - 1000;
    for (int i = 0; i < static_cast<int>(accounts_.size()); ++i) {
      const Account& a = accounts_[i];
      Rng rng = Rng::ForStream(options_.seed, kStreamTicket, a.number);
      const bool troubled = a.trajectory == Trajectory::kAtRisk || a.churned;
      const EpochDay from = std::max(a.start, window_start_);
      const EpochDay to = a.last_day;
      const double span = static_cast<double>(options_.history_days) / 183.0;
      const int count = rng.Poisson((1.0 + a.users / 15.0) * (troubled ? 2.5 : 1.0) * span);
      if (from > to) continue;
      const EpochMs last_ms = static_cast<EpochMs>(to + 1) * kMsPerDay - 1000;
      for (int k = 0; k < count; ++k) {
        Ticket t{};
        t.account = i;
        const EpochDay day = static_cast<EpochDay>(rng.Between(from, to));
        t.opened = OfficeTime(day, a.region, rng);
        static constexpr double kCalm[] = {0.30, 0.80, 0.95, 1.0};
        static constexpr double kTroubled[] = {0.15, 0.50, 0.80, 1.0};
        t.priority = static_cast<int>(rng.PickWeighted(troubled ? kTroubled : kCalm));
        static constexpr double kHours[][2] = {{24, 336}, {8, 168}, {4, 72}, {2, 24}};
        double hours = rng.Uniform(kHours[t.priority][0], kHours[t.priority][1]);
        if (troubled) hours *= 1.5;
        EpochMs closed = t.opened + static_cast<EpochMs>(hours * 3600.0) * 1000;
        const bool stuck =
            troubled && !a.churned && t.priority >= 2 && day > end_ - 30 && rng.Chance(0.4);
        if (a.churned) {
          closed = std::min(closed, last_ms);  // everything is closed out at churn
          if (closed <= t.opened) closed = t.opened + 60'000;
        } else if (stuck || closed > end_ms) {
          closed = 0;
        }
        t.closed = closed;
        if (closed != 0 && rng.Chance(0.4)) {
          t.csat = Clamp(1 + 4 * a.sentiment + rng.Uniform(-1.2, 1.2), 1, 5);
        }
        tickets.push_back(t);
      }
    }
    std::stable_sort(tickets.begin(), tickets.end(), [](const Ticket& x, const Ticket& y) {
      return x.opened != y.opened ? x.opened < y.opened : x.account < y.account;
    });
    CsvFile f;
    TEND_RETURN_IF_ERROR(f.Open(Path("tickets.csv")));
    f.Header({"ticket_id", "account_id", "opened_at", "closed_at", "priority", "status", "csat"});
    int64_t next = 1;
    for (const Ticket& t : tickets) {
      f.Field(MakeId('T', next++, 8));
      f.Field(accounts_[t.account].id);
      f.Field(FormatTime(t.opened));
      if (t.closed != 0) {
        f.Field(FormatTime(t.closed));
      } else {
        f.Empty();
      }
      f.Field(kPriorities[t.priority]);
      f.Field(t.closed != 0 ? "closed" : "open");
      if (t.csat != 0) {
        f.Int(t.csat);
      } else {
        f.Empty();
      }
      f.EndRow();
      ++report_.tickets;
    }
    return f.Close();
  }

  Status WriteActivities() {
    // Indexes into kTypes and kSubjects.
    constexpr int kMeeting = 0, kCall = 1, kEmail = 2, kQbr = 3, kNote = 4, kBetaResponse = 5,
                  kCommunityPost = 6, kSocialMention = 7, kReferenceCall = 8, kAdvisoryBoard = 11;
    static constexpr std::string_view kTypes[] = {
        "meeting",        "call",          "email",          "qbr",
        "note",           "beta_response", "community_post", "social_mention",
        "reference_call", "case_study",    "speaking",       "advisory_board"};
    static constexpr std::string_view kSubjects[][4] = {
        {"Onboarding session", "Roadmap review", "Workshop: reports, dashboards", "Check-in"},
        {"Support follow-up", "Renewal call", "Call re: \"export\" issue", "Intro call"},
        {"Welcome email", "Release notes, new features", "Renewal reminder", "Follow-up"},
        {"Quarterly business review", "QBR: goals, adoption, renewal", "QBR", "QBR prep"},
        {"Account review", "Expansion opportunity, 20 more seats", "Risk: usage declining",
         "Champion may be leaving"},
        {"Beta feedback: ai_summary", "Beta feedback: copilot_chat", "Beta survey answered",
         "Beta bug report"},
        {"Posted: tips for dashboards", "Answered a community question", "Community post",
         "Shared a workflow template"},
        {"Mentioned tend on LinkedIn", "Tweeted about tend", "Blog post mentions tend",
         "Podcast mention"},
        {"Reference call with prospect", "Reference call", "Peer reference for a prospect",
         "Reference call, fintech prospect"},
        {"Case study published", "Case study interview", "Case study draft approved",
         "Video testimonial"},
        {"Spoke at CS Summit", "Webinar co-host", "Conference panel", "Meetup talk"},
        {"Joined customer advisory board", "Advisory board meeting", "Advisory board feedback",
         "Advisory board: roadmap"}};
    std::vector<TimedRow> rows;
    const EpochDay horizon = end_ - 729;
    for (int i = 0; i < static_cast<int>(accounts_.size()); ++i) {
      Account& a = accounts_[i];
      Rng rng = Rng::ForStream(options_.seed, kStreamActivity, a.number);
      const EpochDay from = std::max(a.start, horizon);
      const EpochDay to = a.last_day;
      if (from > to) continue;
      const double years = (to - from + 1) / 365.0;
      const bool troubled = a.trajectory == Trajectory::kAtRisk || a.churned;
      const bool healthy = !troubled;
      auto add = [&](int type, EpochDay lo, EpochDay hi, int contact) {
        lo = std::max(lo, from);
        hi = std::min(hi, to);
        if (lo > hi) return;
        const EpochDay day = static_cast<EpochDay>(rng.Between(lo, hi));
        rows.push_back({OfficeTime(day, a.region, rng), i, contact, type, 0,
                        std::string(rng.Pick(kSubjects[type]))});
      };
      auto any_contact = [&] { return static_cast<int>(rng.Below(a.contacts.size())); };
      const int per_year[] = {1, 1, 2};  // meeting, call, email (logged by the CSM, not all mail)
      for (int type = kMeeting; type <= kEmail; ++type) {
        const int count = rng.Poisson(per_year[type] * years);
        for (int k = 0; k < count; ++k) add(type, from, to, any_contact());
      }
      if (troubled) {  // escalation calls in the last 90 days before the end or churn
        const int count = rng.Poisson(4);
        for (int k = 0; k < count; ++k) add(kCall, to - 89, to, any_contact());
      }
      if (a.segment != kSmb) {  // quarterly (enterprise) or half-yearly (mid-market) QBRs
        const int step = a.segment == kEnterprise ? 91 : 182;
        for (EpochDay day = from + static_cast<EpochDay>(rng.Below(step)); day <= to; day += step) {
          add(kQbr, day, day, ContactWithRole(a, kDecisionMaker, rng));
        }
      }
      const int notes = rng.Poisson(0.5 * years);
      for (int k = 0; k < notes; ++k) add(kNote, from, to, rng.Chance(0.5) ? -1 : any_contact());
      const double engaged = healthy ? 2.0 : 0.5;
      const int betas = rng.Poisson(0.5 * engaged * years);
      for (int k = 0; k < betas; ++k) add(kBetaResponse, from, to, any_contact());
      const int posts = rng.Poisson(0.6 * engaged * years);
      for (int k = 0; k < posts; ++k) add(kCommunityPost, from, to, any_contact());
      const int mentions = rng.Poisson(0.3 * engaged * years);
      for (int k = 0; k < mentions; ++k) add(kSocialMention, from, to, any_contact());
      // Advocacy: concentrated on healthy promoter accounts.
      const double advocacy_p = healthy && a.promoter ? 0.45 : healthy ? 0.03 : 0.0;
      if (rng.Chance(advocacy_p)) {
        const int count = static_cast<int>(rng.Between(1, 3));
        for (int k = 0; k < count; ++k) {
          const int type = static_cast<int>(rng.Between(kReferenceCall, kAdvisoryBoard));
          add(type, from, to, ContactWithRole(a, kChampion, rng));
        }
        a.has_advocacy = true;
      }
      if (a.churned) {
        rows.push_back({static_cast<EpochMs>(a.churned_on) * kMsPerDay + 17 * 3600 * 1000, i, -1,
                        kNote, 0, "Account churned, did not renew"});
      }
    }
    SortByTime(rows);
    CsvFile f;
    TEND_RETURN_IF_ERROR(f.Open(Path("activities.csv")));
    f.Header({"ts", "account_id", "contact_id", "type", "subject"});
    for (const TimedRow& row : rows) {
      const Account& a = accounts_[row.account];
      f.Field(FormatTime(row.ts));
      f.Field(a.id);
      if (row.contact >= 0) {
        f.Field(a.contacts[row.contact].id);
      } else {
        f.Empty();
      }
      f.Field(kTypes[row.kind]);
      f.Field(row.text);
      f.EndRow();
      ++report_.activities;
    }
    return f.Close();
  }

  // feedback.csv, by generate/feedback_writer.h.
  Status WriteFeedback() {
    std::vector<FeedbackAccountPlan> plans;
    for (const Account& a : accounts_) {
      FeedbackAccountPlan p;
      p.id = a.id;
      p.at_risk = a.churned || a.trajectory == Trajectory::kAtRisk;
      p.first_day = std::max(window_start_, a.start);
      p.last_day = a.last_day;
      for (const Contact& c : a.contacts) p.contact_ids.push_back(c.id);
      plans.push_back(std::move(p));
    }
    TEND_ASSIGN_OR_RETURN(report_.feedback,
                          WriteFeedbackCsv(Path("feedback.csv"), plans, options_.seed));
    return Status::Ok();
  }

  Status WriteDeals() {
    // Advocates: champions of accounts with advocacy activity, else of promoter accounts.
    std::vector<const Contact*> advocates;
    for (const Account& a : accounts_) {
      if (a.has_advocacy) advocates.push_back(&a.contacts[0]);
    }
    if (advocates.empty()) {
      for (const Account& a : accounts_) {
        if (a.promoter && !a.churned) advocates.push_back(&a.contacts[0]);
      }
    }
    Rng rng = Rng::ForStream(options_.seed, kStreamDeal);
    const int count = std::max(5, (options_.accounts + 10) / 20);
    CsvFile f;
    TEND_RETURN_IF_ERROR(f.Open(Path("deals.csv")));
    f.Header({"deal_id", "prospect", "amount", "stage", "closed_at", "reference_contact_id"});
    std::set<std::string> used;
    for (const Account& a : accounts_) used.insert(a.name);
    for (int k = 0; k < count; ++k) {
      int industry = -1;
      std::string prospect;
      for (int attempt = 0;; ++attempt) {
        prospect = CompanyName(rng, -1, &industry);
        if (attempt >= 8) prospect += " " + std::to_string(k + 1);
        if (used.insert(prospect).second) break;
      }
      const double u = rng.Uniform();
      const int stage = u < 0.40 ? 0 : u < 0.75 ? 1 : 2;  // open, won, lost
      static constexpr std::string_view kStages[] = {"open", "won", "lost"};
      f.Field(MakeId('D', k + 1, 7));
      f.Field(prospect);
      f.Field(FormatCents(rng.Between(500, 25'000) * 1000));
      f.Field(kStages[stage]);
      if (stage == 0) {
        f.Empty();
      } else {
        f.Field(FormatDate(static_cast<EpochDay>(rng.Between(end_ - 364, end_))));
      }
      const double reference_p = stage == 1 ? 0.6 : 0.35;
      if (!advocates.empty() && rng.Chance(reference_p)) {
        f.Field(advocates[rng.Below(advocates.size())]->id);
      } else {
        f.Empty();
      }
      f.EndRow();
      ++report_.deals;
    }
    return f.Close();
  }

  // subscriptions.csv and purchases.csv (generate/revenue_plan.h).
  Status WriteRevenue() {
    std::vector<PlannedSubscription> subs;
    std::vector<PlannedPurchase> purchases;
    for (size_t i = 0; i < accounts_.size(); ++i) {
      const Account& a = accounts_[i];
      RevenueAccount r{static_cast<int>(i), a.arr_cents, a.users, static_cast<int>(a.trajectory),
                       a.churned ? a.churned_on : 0, end_, {}};
      const EpochDay last = a.churned ? a.churned_on - 1 : end_;
      for (int k = 0;; ++k) {
        r.anniversaries.push_back(AddYears(a.start, k));
        if (r.anniversaries.back() > last) break;
      }
      Rng rng = Rng::ForStream(options_.seed, kStreamRevenue, a.number);
      PlanRevenue(r, rng, &subs, &purchases);
    }
    auto cents = [](int64_t c) { return c < 0 ? "-" + FormatCents(-c) : FormatCents(c); };
    CsvFile f;
    TEND_RETURN_IF_ERROR(f.Open(Path("subscriptions.csv")));
    f.Header({"subscription_id", "account_id", "product", "plan", "quantity", "unit_price", "arr",
              "start_date", "end_date", "status"});
    for (size_t k = 0; k < subs.size(); ++k) {
      const PlannedSubscription& s = subs[k];
      const Account& a = accounts_[static_cast<size_t>(s.account)];
      f.Field(MakeId('S', static_cast<int64_t>(k + 1), 8));
      f.Field(a.id);
      f.Field(s.add_on ? "analytics" : "platform");
      f.Field(kPlans[a.plan]);
      f.Int(s.quantity);
      f.Field(cents(s.unit_price_cents));
      f.Field(cents(s.arr_cents));
      f.Field(FormatDate(s.start));
      f.Field(FormatDate(s.end));
      f.Field(s.status);
      f.EndRow();
      ++report_.subscriptions;
    }
    TEND_RETURN_IF_ERROR(f.Close());
    CsvFile g;
    TEND_RETURN_IF_ERROR(g.Open(Path("purchases.csv")));
    g.Header({"purchase_id", "account_id", "ts", "product", "amount", "kind"});
    for (size_t k = 0; k < purchases.size(); ++k) {
      const PlannedPurchase& p = purchases[k];
      g.Field(MakeId('P', static_cast<int64_t>(k + 1), 8));
      g.Field(accounts_[static_cast<size_t>(p.account)].id);
      g.Field(FormatTime(p.ts));
      g.Field(p.add_on ? "analytics" : "platform");
      g.Field(cents(p.amount_cents));
      g.Field(p.kind);
      g.EndRow();
      ++report_.purchases;
    }
    return g.Close();
  }

  // Events are generated one day at a time for all accounts, so only one day is in memory;
  // each day is sorted by (time, account, user, feature) packed into one integer.
  Status WriteEvents() {
    CsvFile f;
    TEND_RETURN_IF_ERROR(f.Open(Path("events.csv")));
    f.Header({"ts", "account_id", "user_id", "event"});
    std::vector<Rng> rngs;
    rngs.reserve(accounts_.size());
    for (const Account& a : accounts_) {
      rngs.push_back(Rng::ForStream(options_.seed, kStreamEvent, a.number));
    }
    std::vector<uint64_t> keys;
    std::vector<double> feature_cumulative(kFeatureCount);
    std::vector<int> feature_of(kFeatureCount);
    char line[160];
    for (EpochDay day = window_start_; day <= end_; ++day) {
      keys.clear();
      // Features available today, by Zipf weight.
      int available = 0;
      double weight_sum = 0;
      for (int f_index = 0; f_index < kFeatureCount; ++f_index) {
        const Feature& feature = kFeatures[f_index];
        if (feature.kind == FeatureKind::kScheduled) continue;
        if (feature.kind == FeatureKind::kLate && day < end_ - feature.days_before_end) continue;
        if (feature.kind == FeatureKind::kRetired && day > end_ - feature.days_before_end) {
          continue;
        }
        weight_sum += 1.0 / (f_index + 1);
        feature_cumulative[available] = weight_sum;
        feature_of[available] = f_index;
        ++available;
      }
      const std::span<const double> features(feature_cumulative.data(), available);
      const CivilDate civil = CivilFromDays(day);
      const bool holiday =
          (civil.month == 1 && civil.day == 1) || (civil.month == 12 && civil.day == 25);
      const double day_factor = (IsWeekend(day) ? kWeekendFactor : 1.0) * (holiday ? 0.25 : 1);

      for (int i = 0; i < static_cast<int>(accounts_.size()); ++i) {
        const Account& a = accounts_[i];
        const double level = Level(a, day);
        if (level <= 0) continue;
        Rng& rng = rngs[i];
        const uint64_t account_bits = static_cast<uint64_t>(i) << 18;
        if (a.scheduled_job) {  // a nightly job of the admin user, at exactly midnight UTC
          keys.push_back(account_bits | kScheduledFeature);
        }
        const double lambda =
            a.users * kPerUserRate * a.intensity * level * day_factor * rng.Uniform(0.8, 1.2);
        const int count = rng.Poisson(lambda);
        int users = a.users;
        if (a.joined_base > 0) {
          const double t =
              static_cast<double>(day - window_start_) / std::max(1, options_.history_days - 1);
          users = a.joined_base + static_cast<int>((a.users - a.joined_base) * t);
        }
        const std::span<const double> user_weights(a.user_cumulative.data(), users);
        for (int k = 0; k < count; ++k) {
          const uint64_t user = rng.PickWeighted(user_weights);
          int feature = 0;
          for (int attempt = 0; attempt < 4; ++attempt) {
            const int candidate = feature_of[rng.PickWeighted(features)];
            if ((a.feature_mask >> candidate) & 1) {
              feature = candidate;
              break;
            }
          }
          const uint64_t second = static_cast<uint64_t>(OfficeSecond(a.region, rng));
          keys.push_back(second << 42 | account_bits | user << 6 | static_cast<uint64_t>(feature));
        }
      }
      std::sort(keys.begin(), keys.end());

      // Format: 2026-05-01T13:22:05Z,A0000123,U0000123_07,report_run
      const std::string date = FormatDate(day);
      std::string& out = f.raw();
      for (uint64_t key : keys) {
        const int second = static_cast<int>(key >> 42);
        const Account& a = accounts_[(key >> 18) & 0xFFFFFF];
        const int user = static_cast<int>((key >> 6) & 0xFFF) + 1;
        const std::string_view feature = kFeatures[key & 0x3F].name;
        char* p = line;
        std::memcpy(p, date.data(), 10);
        p += 10;
        *p++ = 'T';
        const int hh = second / 3600, mm = second / 60 % 60, ss = second % 60;
        *p++ = static_cast<char>('0' + hh / 10);
        *p++ = static_cast<char>('0' + hh % 10);
        *p++ = ':';
        *p++ = static_cast<char>('0' + mm / 10);
        *p++ = static_cast<char>('0' + mm % 10);
        *p++ = ':';
        *p++ = static_cast<char>('0' + ss / 10);
        *p++ = static_cast<char>('0' + ss % 10);
        *p++ = 'Z';
        *p++ = ',';
        std::memcpy(p, a.id.data(), a.id.size());
        p += a.id.size();
        *p++ = ',';
        std::memcpy(p, a.user_stem.data(), a.user_stem.size());
        p += a.user_stem.size();
        if (user >= 100) *p++ = static_cast<char>('0' + user / 100);
        *p++ = static_cast<char>('0' + user / 10 % 10);
        *p++ = static_cast<char>('0' + user % 10);
        *p++ = ',';
        std::memcpy(p, feature.data(), feature.size());
        p += feature.size();
        *p++ = '\n';
        out.append(line, static_cast<size_t>(p - line));
        f.MaybeFlush();
      }
      report_.events += static_cast<int64_t>(keys.size());
    }
    return f.Close();
  }

  const GenerateOptions& options_;
  const EpochDay end_;
  const EpochDay window_start_;
  std::vector<std::string> csms_;
  std::set<std::string> used_locals_;  // email local parts of all contacts
  std::vector<Account> accounts_;
  GenerateReport report_;
};

}  // namespace

Result<GenerateReport> Generate(const GenerateOptions& options) {
  if (options.accounts < 1 || options.accounts > 9'999'999) {
    return InvalidArgument(
        "ingest.generateBadOptions",
        "accounts must be between 1 and 9999999, got " + std::to_string(options.accounts));
  }
  if (options.history_days < 1 || options.history_days > 3660) {
    return InvalidArgument(
        "ingest.generateBadOptions",
        "history_days must be between 1 and 3660, got " + std::to_string(options.history_days));
  }
  constexpr EpochDay kFirstEnd = DaysFromCivil(1975, 1, 1);
  constexpr EpochDay kLastEnd = DaysFromCivil(9998, 12, 31);
  if (options.end_day < kFirstEnd || options.end_day > kLastEnd) {
    return InvalidArgument(
        "ingest.generateBadOptions",
        "end_day must be between 1975-01-01 and 9998-12-31, got " + FormatDate(options.end_day));
  }
  if (options.out_dir.empty()) {
    return InvalidArgument("ingest.generateBadOptions", "out_dir is empty");
  }
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec || !std::filesystem::is_directory(options.out_dir, ec)) {
    return Internal("ingest.generateCannotCreateDir",
                    options.out_dir + ": cannot create directory: " +
                        (ec ? ec.message() : std::string("not a directory")));
  }
  Generator generator(options);
  return generator.Run();
}

}  // namespace tend::generate
