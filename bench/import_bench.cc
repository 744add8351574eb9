// import_bench: how fast `tend import` loads product-usage events, against loading the same
// events.csv into a plain SQLite table.
//
//   import,tend     RunImport of events.csv alone into a fresh workspace whose accounts and
//                   contacts were imported first (untimed); the time includes closing the
//                   store. Target (events issue): >= 2M events/s, peak RSS <= 1 GiB.
//   import,sqlite   the same file into events(ts INTEGER, account_id TEXT, user_id TEXT,
//                   event TEXT) "the plain way": CsvReader + ParseTime, prepared INSERT, one
//                   transaction, WAL, synchronous=NORMAL, no index; open to close.
//   generate,tend   only when the data set had to be generated.
// Each variant runs --runs times (default 1; these are multi-second runs, so no warm-up) and
// the median is reported. Peak RSS is per variant: the kernel's mark is reset before each.
//
// Usage: import_bench [--accounts N] [--data DIR] [--runs N] [--work DIR] [--sqlite-out FILE]
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_util.h"
#include "ingest/importer.h"
#include "store/sqlite_store.h"

namespace tend::bench {
namespace {

constexpr char kUsage[] =
    "usage: import_bench [--accounts N] [--data DIR] [--runs N] [--work DIR] [--sqlite-out FILE]\n"
    "  --accounts N       accounts to generate when DIR has no events.csv (default 10000)\n"
    "  --data DIR         generated workspace folder to reuse, or to generate into (default: a\n"
    "                     temporary folder, removed at the end)\n"
    "  --runs N           timed runs per variant; the median is reported (default 1)\n"
    "  --work DIR         where the workspace and SQLite files go (default: a temporary folder)\n"
    "  --sqlite-out FILE  keep the plain SQLite events database at FILE (score_bench\n"
    "                     --sqlite-events reuses it)\n";

struct Measured {
  std::vector<double> seconds;
  double peak_mb = 0;
  int64_t rows = 0;
};

int Main(int argc, char** argv) {
  Flags flags(argc, argv, {"accounts", "data", "runs", "work", "sqlite-out"}, kUsage);
  const int accounts = static_cast<int>(flags.GetInt("accounts", 10000));
  const int runs = static_cast<int>(std::max<int64_t>(1, flags.GetInt("runs", 1)));
  const std::string work = flags.Has("work") ? flags.Get("work", "") : MakeTempDir();
  std::filesystem::create_directories(work);
  const std::string data = flags.Has("data") ? flags.Get("data", "") : work + "/data";

  PrintHeader();
  if (auto gen = EnsureGenerated(data, accounts, kDefaultEndDay)) {
    PrintRow("generate", "tend", accounts, *gen, PeakRssMb());
  }
  const std::string events_csv = data + "/events.csv";

  // (a) tend: accounts + contacts first (untimed), then events.csv alone.
  Measured tend;
  for (int r = 0; r < runs; ++r) {
    const std::string ws_path = work + "/import-bench.tend";
    RemoveDb(ws_path);
    auto store = Check(store::OpenSqliteStore(ws_path), "open workspace");
    ingest::ImportOptions options;
    auto base = Check(ingest::RunImport(*store,
                                        {{ingest::ImportKind::kAccounts, data + "/accounts.csv"},
                                         {ingest::ImportKind::kContacts, data + "/contacts.csv"}},
                                        options),
                      "import accounts and contacts");
    if (!base.committed) {
      std::fprintf(stderr, "bench: accounts/contacts import not committed (%lld problems)\n",
                   static_cast<long long>(base.problems));
      return 1;
    }
    std::fprintf(stderr, "bench: tend import of events.csv, run %d/%d ...\n", r + 1, runs);
    if (!ResetPeakRss()) std::fprintf(stderr, "bench: cannot reset the peak RSS mark\n");
    Timer t;
    auto report =
        Check(ingest::RunImport(*store, {{ingest::ImportKind::kEvents, events_csv}}, options),
              "import events");
    store.reset();
    tend.seconds.push_back(t.Seconds());
    tend.peak_mb = std::max(tend.peak_mb, PeakRssMb());
    if (!report.committed || report.files.empty()) {
      std::fprintf(stderr, "bench: events import not committed (%lld problems)\n",
                   static_cast<long long>(report.problems));
      for (const auto& m : report.messages) std::fprintf(stderr, "  %s\n", m.c_str());
      return 1;
    }
    tend.rows = report.files[0].imported;
    RemoveDb(ws_path);
  }
  PrintRow("import", "tend", tend.rows, Median(tend.seconds), tend.peak_mb);

  // (b) plain SQLite.
  Measured plain;
  const std::string sqlite_path = work + "/import-bench.sqlite";
  for (int r = 0; r < runs; ++r) {
    RemoveDb(sqlite_path);
    std::fprintf(stderr, "bench: plain SQLite load of events.csv, run %d/%d ...\n", r + 1, runs);
    if (!ResetPeakRss()) std::fprintf(stderr, "bench: cannot reset the peak RSS mark\n");
    int64_t bad = 0;
    Timer t;
    plain.rows = LoadEventsPlain(sqlite_path, events_csv, &bad);
    plain.seconds.push_back(t.Seconds());
    plain.peak_mb = std::max(plain.peak_mb, PeakRssMb());
    if (bad)
      std::fprintf(stderr, "bench: %lld rows with a bad ts skipped\n", static_cast<long long>(bad));
  }
  PrintRow("import", "sqlite", plain.rows, Median(plain.seconds), plain.peak_mb);

  const double tend_rate = tend.rows / Median(tend.seconds);
  const double sqlite_rate = plain.rows / Median(plain.seconds);
  Note(
      "import ratio tend/sqlite (events/s) = %.2f  (tend %.2fM events/s, target >= 2M; sqlite "
      "%.2fM events/s)",
      tend_rate / sqlite_rate, tend_rate / 1e6, sqlite_rate / 1e6);
  if (tend.rows != plain.rows) {
    Note("WARNING: tend imported %lld events, plain SQLite %lld", static_cast<long long>(tend.rows),
         static_cast<long long>(plain.rows));
  }

  if (flags.Has("sqlite-out")) {
    const std::string out = flags.Get("sqlite-out", "");
    RemoveDb(out);
    std::error_code ec;
    std::filesystem::rename(sqlite_path, out, ec);
    if (ec) {  // another file system
      std::filesystem::copy_file(sqlite_path, out);
      RemoveDb(sqlite_path);
    }
  } else {
    RemoveDb(sqlite_path);
  }
  if (!flags.Has("work")) RemoveAll(work);
  return 0;
}

}  // namespace
}  // namespace tend::bench

int main(int argc, char** argv) { return tend::bench::Main(argc, argv); }
