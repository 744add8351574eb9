// Helpers shared by the whole-path benchmarks (import_bench, score_bench): flags, timing,
// peak memory, generated data sets, the "plain SQLite" events loader, and CSV output.
//
// Output format (stdout): one header row, then one row per measurement:
//   benchmark,variant,rows,seconds,rows_per_sec,peak_rss_mb
// Lines starting with '#' are notes (ratios, cross-checks); progress goes to stderr.
//
// Failures: the benchmarks are tools, not library code; a failed step prints the Status to
// stderr and exits with status 1 (Check()).
#ifndef TEND_BENCH_BENCH_UTIL_H_
#define TEND_BENCH_BENCH_UTIL_H_

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "common/time.h"

namespace tend::bench {

// ---- flags: --name value or --name=value; bare --name means "true" ----
class Flags {
 public:
  // Exits with a usage message on an argument that is not a --flag, or on an unknown flag
  // (every flag read later must be declared in `known`).
  Flags(int argc, char** argv, const std::vector<std::string>& known, std::string usage);
  std::string Get(const std::string& name, const std::string& fallback) const;
  int64_t GetInt(const std::string& name, int64_t fallback) const;
  bool Has(const std::string& name) const { return values_.count(name) > 0; }

 private:
  std::map<std::string, std::string> values_;
  std::string usage_;
};

// Prints `status` with `what` to stderr and exits(1) when it is not OK.
void Check(const Status& status, std::string_view what);
template <typename T>
T Check(Result<T> result, std::string_view what) {
  Check(result.status(), what);
  return std::move(result).value();
}

// ---- time and memory ----
class Timer {
 public:
  Timer() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

double Median(std::vector<double> v);

// Returns freed heap to the OS and resets the kernel's peak-RSS mark to the current RSS
// (Linux: malloc_trim + "5" > /proc/self/clear_refs), so that PeakRssMb() afterwards is the
// peak of the next phase alone. Returns false when the mark could not be reset.
bool ResetPeakRss();
// The peak resident set size of this process in MiB (getrusage ru_maxrss). A process spawned
// by a big parent inherits the parent's mark through exec; it uses VmHWM instead, which
// belongs to its own address space (PeakRssOwnMb).
double PeakRssMb();
double PeakRssOwnMb();

// ---- data sets ----
// The default last day of generated data (fixed so that runs are comparable).
inline constexpr EpochDay kDefaultEndDay = DaysFromCivil(2026, 6, 30);

// Makes sure `dir` holds a generated workspace (accounts.csv ... deals.csv). When it has no
// events.csv, generates `accounts` accounts into `dir`.tmp and renames it to `dir`, so an
// interrupted run never leaves a half-written folder that looks complete. `history_days`: days
// of usage events ending at `end_day` (GenerateOptions::history_days). Returns the generation
// time in seconds, or nullopt when the folder was reused.
std::optional<double> EnsureGenerated(const std::string& dir, int accounts, EpochDay end_day,
                                      int history_days = 183);

// A fresh directory under $TMPDIR (default /tmp) named tend-bench-XXXXXX.
std::string MakeTempDir();
void RemoveAll(const std::string& path);
// Removes a SQLite file and its -wal, -shm and -journal companions.
void RemoveDb(const std::string& path);

// ---- plain SQLite ----
// Executes `sql`, exiting on error.
void Exec(sqlite3* db, const std::string& sql);
// Opens (creating) `path`, exiting on error.
sqlite3* OpenDb(const std::string& path);

// Loads `events_csv` (ts,account_id,user_id,event) into a new table
// events(ts INTEGER, account_id TEXT, user_id TEXT, event TEXT) in `db_path` "the plain
// way": tend's CsvReader and ParseTime, journal_mode=WAL, synchronous=NORMAL, one prepared
// INSERT in one transaction, no index. Replaces any existing table. Returns the rows
// inserted; rows whose ts does not parse are skipped and counted in *bad.
int64_t LoadEventsPlain(const std::string& db_path, const std::string& events_csv, int64_t* bad);

// ---- output ----
void PrintHeader();
void PrintRow(std::string_view benchmark, std::string_view variant, int64_t rows, double seconds,
              double peak_rss_mb);
// A '#' note line on stdout (printf-style).
void Note(const char* format, ...) __attribute__((format(printf, 1, 2)));

}  // namespace tend::bench

#endif  // TEND_BENCH_BENCH_UTIL_H_
