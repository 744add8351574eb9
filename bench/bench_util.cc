#include "bench_util.h"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/csv_reader.h"
#include "generate/generator.h"

namespace tend::bench {

namespace fs = std::filesystem;

Flags::Flags(int argc, char** argv, const std::vector<std::string>& known, std::string usage)
    : usage_(std::move(usage)) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fprintf(stderr, "%s", usage_.c_str());
      std::exit(0);
    }
    if (a.rfind("--", 0) != 0) {
      std::fprintf(stderr, "unexpected argument \"%s\"\n%s", a.c_str(), usage_.c_str());
      std::exit(2);
    }
    std::string name = a.substr(2), value = "true";
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < argc && std::string_view(argv[i + 1]).rfind("--", 0) != 0) {
      value = argv[++i];
    }
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::fprintf(stderr, "unknown flag --%s\n%s", name.c_str(), usage_.c_str());
      std::exit(2);
    }
    values_[name] = value;
  }
}

std::string Flags::Get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

int64_t Flags::GetInt(const std::string& name, int64_t fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  long long v = std::strtoll(it->second.c_str(), &end, 10);
  if (it->second.empty() || *end != '\0') {
    std::fprintf(stderr, "--%s: \"%s\" is not an integer\n%s", name.c_str(), it->second.c_str(),
                 usage_.c_str());
    std::exit(2);
  }
  return v;
}

void Check(const Status& status, std::string_view what) {
  if (status.ok()) return;
  std::fprintf(stderr, "bench: %.*s: %s\n", static_cast<int>(what.size()), what.data(),
               status.ToString().c_str());
  std::exit(1);
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

bool ResetPeakRss() {
  malloc_trim(0);
  std::ofstream clear("/proc/self/clear_refs");
  if (!clear) return false;
  clear << "5";
  clear.flush();
  return clear.good();
}

double PeakRssMb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double PeakRssOwnMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
  }
  return PeakRssMb();
}

std::optional<double> EnsureGenerated(const std::string& dir, int accounts, EpochDay end_day,
                                      int history_days) {
  if (fs::exists(fs::path(dir) / "events.csv")) return std::nullopt;
  std::string tmp = dir + ".tmp";
  RemoveAll(tmp);
  std::fprintf(stderr, "bench: generating %d accounts into %s ...\n", accounts, dir.c_str());
  generate::GenerateOptions options;
  options.accounts = accounts;
  options.end_day = end_day;
  options.out_dir = tmp;
  options.history_days = history_days;
  Timer t;
  Check(generate::Generate(options).status(), "generate");
  double seconds = t.Seconds();
  RemoveAll(dir);
  fs::rename(tmp, dir);
  return seconds;
}

std::string MakeTempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/tend-bench-XXXXXX";
  if (!mkdtemp(tmpl.data())) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  return tmpl;
}

void RemoveAll(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
}

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ec;
    fs::remove(path + suffix, ec);
  }
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "bench: sqlite: %s\n  in: %s\n", err ? err : "?", sql.c_str());
    std::exit(1);
  }
}

sqlite3* OpenDb(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::fprintf(stderr, "bench: cannot open %s: %s\n", path.c_str(), sqlite3_errmsg(db));
    std::exit(1);
  }
  return db;
}

int64_t LoadEventsPlain(const std::string& db_path, const std::string& events_csv, int64_t* bad) {
  auto reader = Check(CsvReader::Open(events_csv), "open events.csv");
  if (!reader->Next()) {
    Check(reader->status(), "read events.csv");
    std::fprintf(stderr, "bench: %s is empty\n", events_csv.c_str());
    std::exit(1);
  }
  int c_ts = -1, c_acc = -1, c_user = -1, c_event = -1;
  for (size_t i = 0; i < reader->fields().size(); ++i) {
    std::string_view h = reader->fields()[i];
    int col = static_cast<int>(i);
    if (h == "ts")
      c_ts = col;
    else if (h == "account_id")
      c_acc = col;
    else if (h == "user_id")
      c_user = col;
    else if (h == "event")
      c_event = col;
  }
  if (c_ts < 0 || c_acc < 0 || c_user < 0 || c_event < 0) {
    std::fprintf(stderr, "bench: %s lacks ts,account_id,user_id,event\n", events_csv.c_str());
    std::exit(1);
  }
  const size_t width = reader->fields().size();

  sqlite3* db = OpenDb(db_path);
  Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  Exec(db,
       "DROP TABLE IF EXISTS events;"
       "CREATE TABLE events(ts INTEGER, account_id TEXT, user_id TEXT, event TEXT);");
  Exec(db, "BEGIN");
  sqlite3_stmt* insert = nullptr;
  if (sqlite3_prepare_v2(db, "INSERT INTO events VALUES (?1, ?2, ?3, ?4)", -1, &insert, nullptr) !=
      SQLITE_OK) {
    std::fprintf(stderr, "bench: prepare: %s\n", sqlite3_errmsg(db));
    std::exit(1);
  }
  int64_t rows = 0;
  *bad = 0;
  while (reader->Next()) {
    auto f = reader->fields();
    std::optional<EpochMs> ts;
    if (f.size() == width) ts = ParseTime(f[c_ts]);
    if (!ts) {
      ++*bad;
      continue;
    }
    // The fields stay valid until the next Next(), and step() copies them: SQLITE_STATIC.
    sqlite3_bind_int64(insert, 1, *ts);
    sqlite3_bind_text(insert, 2, f[c_acc].data(), static_cast<int>(f[c_acc].size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 3, f[c_user].data(), static_cast<int>(f[c_user].size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(insert, 4, f[c_event].data(), static_cast<int>(f[c_event].size()),
                      SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) {
      std::fprintf(stderr, "bench: insert: %s\n", sqlite3_errmsg(db));
      std::exit(1);
    }
    sqlite3_reset(insert);
    ++rows;
  }
  Check(reader->status(), "read events.csv");
  sqlite3_finalize(insert);
  Exec(db, "COMMIT");
  sqlite3_close(db);
  return rows;
}

void PrintHeader() {
  std::printf("benchmark,variant,rows,seconds,rows_per_sec,peak_rss_mb\n");
  std::fflush(stdout);
}

void PrintRow(std::string_view benchmark, std::string_view variant, int64_t rows, double seconds,
              double peak_rss_mb) {
  double rate = seconds > 0 ? static_cast<double>(rows) / seconds : 0;
  std::printf("%.*s,%.*s,%lld,%.6f,%.0f,%.1f\n", static_cast<int>(benchmark.size()),
              benchmark.data(), static_cast<int>(variant.size()), variant.data(),
              static_cast<long long>(rows), seconds, rate, peak_rss_mb);
  std::fflush(stdout);
}

void Note(const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  std::printf("# ");
  std::vprintf(format, args);
  std::printf("\n");
  va_end(args);
  std::fflush(stdout);
}

}  // namespace tend::bench
