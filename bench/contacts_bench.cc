// contacts_bench: how fast `tend import` loads contacts whose names collide, as a CRM's do
// (issue 16: 386,841 contacts from a few hundred common names imported at 2,106 rows/s,
// because each new contact read every namesake to look for a company move).
//
// The data: --accounts companies (accounts.csv, imported untimed) and --contacts contacts
// drawn from --first x --last common names (default 30 x 30: about 110 people per name),
// emails `first.last<N>@c<account>.example.com` where N counts that name at the company, so
// "john.sato1@" is at many companies and nobody moved.
//
//   contacts,tend          RunImport of contacts.csv into a workspace opened as tend opens it
//                          (advocacy::DecideContactChanges finds moves), plus closing the
//                          store. Target: >= 100,000 rows/s; the note says how many company
//                          moves were recorded (must be 0).
//   contacts,no_rule       the same without the move rule: what finding moves costs.
//
// Usage: contacts_bench [--contacts N] [--accounts N] [--first N] [--last N] [--runs N]
//                       [--work DIR]
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "advocacy/contact_moves.h"
#include "bench_util.h"
#include "ingest/importer.h"
#include "store/sqlite_store.h"

namespace tend::bench {
namespace {

constexpr char kUsage[] =
    "usage: contacts_bench [--contacts N] [--accounts N] [--first N] [--last N] [--runs N] "
    "[--work DIR]\n"
    "  --contacts N  contacts to import (default 100000)\n"
    "  --accounts N  companies they are at (default 25000)\n"
    "  --first N     distinct first names (default 30, at most 60)\n"
    "  --last N      distinct last names (default 30, at most 60)\n"
    "  --runs N      timed runs per variant; the median is reported (default 1)\n"
    "  --work DIR    where the CSV files and workspaces go (default: a temporary folder)\n";

constexpr const char* kFirst[] = {
    "John",   "Mary",   "James", "Anna",  "Robert", "Linda",  "Michael", "Sara",  "David",  "Emma",
    "Daniel", "Olivia", "Paul",  "Nora",  "Mark",   "Laura",  "Peter",   "Julia", "Thomas", "Eva",
    "Kenji",  "Yuki",   "Wei",   "Mei",   "Ali",    "Fatima", "Carlos",  "Lucia", "Ivan",   "Olga",
    "George", "Helen",  "Frank", "Alice", "Henry",  "Grace",  "Oscar",   "Ruth",  "Victor", "Irene",
    "Hugo",   "Clara",  "Felix", "Marta", "Leon",   "Sofia",  "Omar",    "Leila", "Raj",    "Priya",
    "Lars",   "Ingrid", "Pablo", "Elena", "Tariq",  "Amina",  "Jun",     "Hana",  "Dmitri", "Vera"};
constexpr const char* kLast[] = {
    "Smith",  "Sato",     "Muller", "Garcia", "Rossi",  "Silva",  "Kim",    "Chen",    "Novak",
    "Jones",  "Brown",    "Tanaka", "Wang",   "Lopez",  "Martin", "Dubois", "Schmidt", "Nowak",
    "Ivanov", "Kowalski", "Khan",   "Singh",  "Patel",  "Cohen",  "Berg",   "Larsen",  "Costa",
    "Moreau", "Fischer",  "Weber",  "Taylor", "Wilson", "Evans",  "Walker", "Wright",  "Green",
    "Hall",   "Wood",     "Clarke", "Lewis",  "Young",  "King",   "Scott",  "Baker",   "Adams",
    "Nelson", "Hill",     "Ramos",  "Torres", "Flores", "Nguyen", "Tran",   "Park",    "Lee",
    "Yamada", "Suzuki",   "Kumar",  "Ahmed",  "Ali",    "Haddad"};

struct Files {
  std::string accounts, contacts;
};

// Writes the two CSV files; deterministic for given sizes.
Files WriteData(const std::string& dir, int64_t contacts, int accounts, int first, int last) {
  std::filesystem::create_directories(dir);
  Files f{dir + "/accounts.csv", dir + "/contacts.csv"};
  std::FILE* a = std::fopen(f.accounts.c_str(), "w");
  std::FILE* c = std::fopen(f.contacts.c_str(), "w");
  if (!a || !c) {
    std::fprintf(stderr, "bench: cannot write into %s\n", dir.c_str());
    std::exit(1);
  }
  std::fprintf(a, "account_id,name\n");
  for (int k = 0; k < accounts; ++k) std::fprintf(a, "A%07d,Company %d\n", k, k);
  std::fprintf(c, "contact_id,account_id,name,email,title,seniority,role\n");
  std::mt19937_64 rng(16);
  std::map<std::tuple<int, int, int>, int> at_company;  // (account, first, last) -> count
  for (int64_t k = 0; k < contacts; ++k) {
    const int acc = static_cast<int>(rng() % accounts);
    const int fi = static_cast<int>(rng() % first), la = static_cast<int>(rng() % last);
    const int n = ++at_company[{acc, fi, la}];
    std::string local = std::string(kFirst[fi]) + "." + kLast[la] + std::to_string(n);
    std::transform(local.begin(), local.end(), local.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    std::fprintf(c, "C%08lld,A%07d,%s %s,%s@c%d.example.com,Manager,manager,user\n",
                 static_cast<long long>(k), acc, kFirst[fi], kLast[la], local.c_str(), acc);
  }
  std::fclose(a);
  std::fclose(c);
  return f;
}

struct Measured {
  std::vector<double> seconds;
  double peak_mb = 0;
  int64_t rows = 0;
  size_t moves = 0;
};

Measured Run(const Files& files, const std::string& ws_path, bool with_rule, int runs) {
  Measured m;
  for (int r = 0; r < runs; ++r) {
    RemoveDb(ws_path);
    store::OpenOptions open;
    if (with_rule) open.contact_changes = advocacy::DecideContactChanges;
    auto store = Check(store::OpenSqliteStore(ws_path, open), "open workspace");
    ingest::ImportOptions options;
    auto base =
        Check(ingest::RunImport(*store, {{ingest::ImportKind::kAccounts, files.accounts}}, options),
              "import accounts");
    if (!base.committed) {
      std::fprintf(stderr, "bench: accounts import not committed\n");
      std::exit(1);
    }
    std::fprintf(stderr, "bench: contacts import (%s), run %d/%d ...\n",
                 with_rule ? "with the move rule" : "no rule", r + 1, runs);
    if (!ResetPeakRss()) std::fprintf(stderr, "bench: cannot reset the peak RSS mark\n");
    Timer t;
    auto report =
        Check(ingest::RunImport(*store, {{ingest::ImportKind::kContacts, files.contacts}}, options),
              "import contacts");
    m.moves = Check(store->ListContactChanges(false), "list contact changes").size();
    store.reset();
    m.seconds.push_back(t.Seconds());
    m.peak_mb = std::max(m.peak_mb, PeakRssMb());
    if (!report.committed || report.files.empty()) {
      std::fprintf(stderr, "bench: contacts import not committed (%lld problems)\n",
                   static_cast<long long>(report.problems));
      for (const auto& msg : report.messages) std::fprintf(stderr, "  %s\n", msg.c_str());
      std::exit(1);
    }
    m.rows = report.files[0].imported;
    RemoveDb(ws_path);
  }
  return m;
}

int Main(int argc, char** argv) {
  Flags flags(argc, argv, {"contacts", "accounts", "first", "last", "runs", "work"}, kUsage);
  const int64_t contacts = flags.GetInt("contacts", 100000);
  const int accounts = static_cast<int>(std::max<int64_t>(1, flags.GetInt("accounts", 25000)));
  const int first = static_cast<int>(std::clamp<int64_t>(flags.GetInt("first", 30), 1, 60));
  const int last = static_cast<int>(std::clamp<int64_t>(flags.GetInt("last", 30), 1, 60));
  const int runs = static_cast<int>(std::max<int64_t>(1, flags.GetInt("runs", 1)));
  const std::string work = flags.Has("work") ? flags.Get("work", "") : MakeTempDir();

  PrintHeader();
  const Files files = WriteData(work + "/data", contacts, accounts, first, last);
  const std::string ws = work + "/contacts-bench.tend";
  Measured tend = Run(files, ws, true, runs);
  PrintRow("contacts", "tend", tend.rows, Median(tend.seconds), tend.peak_mb);
  Measured bare = Run(files, ws, false, runs);
  PrintRow("contacts", "no_rule", bare.rows, Median(bare.seconds), bare.peak_mb);
  Note(
      "contacts: %d x %d names over %d accounts; tend %.0f rows/s (target >= 100000), "
      "%zu company moves recorded (nobody moved: must be 0); without the rule %.0f rows/s",
      first, last, accounts, tend.rows / Median(tend.seconds), tend.moves,
      bare.rows / Median(bare.seconds));
  if (!flags.Has("work")) RemoveAll(work);
  return tend.moves == 0 ? 0 : 1;
}

}  // namespace
}  // namespace tend::bench

int main(int argc, char** argv) { return tend::bench::Main(argc, argv); }
