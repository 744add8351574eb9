// tend import [--db F] DIR | KIND FILE.csv
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "cli/format.h"
#include "ingest/importer.h"

namespace tend::cli {

namespace {

class ProgressBar {
 public:
  ProgressBar() : enabled_(isatty(STDERR_FILENO) == 1) {}
  void Update(const std::string& file, int64_t done, int64_t total, int64_t rows) {
    if (!enabled_ || total < (8 << 20)) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    int pct = static_cast<int>(100 * done / total);
    int filled = pct * 30 / 100;
    std::fprintf(stderr, "\r  %-16s [%.*s%*s] %3d%%  %s rows", file.c_str(), filled,
                 "##############################", 30 - filled, "", pct, Thousands(rows).c_str());
    std::fflush(stderr);
    shown_ = true;
  }
  void Clear() {
    if (shown_) std::fprintf(stderr, "\r%80s\r", "");
    shown_ = false;
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

int RunImport(int argc, char** argv) {
  CLI::App app{
      "Load CSV exports into a workspace. Either a folder holding any of accounts.csv, "
      "contacts.csv, events.csv, surveys.csv, tickets.csv, activities.csv, deals.csv "
      "(imported in that order), or one KIND and its file. One command is all-or-nothing "
      "unless --skip-bad is given.",
      "tend import"};
  std::string db, skip_bad;
  std::vector<std::string> args, attr_types;
  bool quiet = false;
  AddDbOption(app, &db);
  app.add_option("--skip-bad", skip_bad,
                 "import the valid rows and write the rejected ones, with their reasons, to FILE");
  app.add_option("--attr-type", attr_types,
                 "type of a custom account attribute column: NAME=number|date|bool|text "
                 "(overrides inference; repeatable)")
      ->allow_extra_args(false);  // one NAME=TYPE per --attr-type: files may follow
  app.add_flag("-q,--quiet", quiet, "print only errors");
  app.add_option("args", args, "DIR, or KIND FILE.csv")->required()->expected(1, 2);
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;

  ingest::ImportOptions options;
  options.reject_path = skip_bad;
  for (const std::string& spec : attr_types) {
    auto eq = spec.find('=');
    std::string name = spec.substr(0, eq),
                type = eq == std::string::npos ? "" : spec.substr(eq + 1);
    ValueType t;
    if (type == "number")
      t = ValueType::kNumber;
    else if (type == "date")
      t = ValueType::kDate;
    else if (type == "bool" || type == "boolean")
      t = ValueType::kBool;
    else if (type == "text")
      t = ValueType::kText;
    else
      return Fail(InvalidArgument("cli.badAttrType",
                                  "--attr-type " + spec + ": expected NAME=number|date|bool|text"));
    options.attribute_types[name] = t;
  }
  ProgressBar bar;
  if (!quiet) {
    options.progress = [&bar](const std::string& f, int64_t d, int64_t t, int64_t r) {
      bar.Update(f, d, t, r);
    };
  }

  std::vector<ingest::ImportFile> files;
  if (args.size() == 1) {
    auto found = ingest::FindImportFiles(args[0]);
    if (!found.ok()) return Fail(found.status());
    files = std::move(found).value();
  } else {
    auto kind = ingest::ParseImportKind(args[0]);
    if (!kind) {
      return Fail(InvalidArgument("cli.badKind", "unknown kind \"" + args[0] +
                                                     "\" (expected accounts, contacts, events, "
                                                     "surveys, tickets, activities or deals)"));
    }
    files.push_back({*kind, args[1]});
  }
  auto ws = OpenWorkspace(db);
  if (!ws.ok()) return Fail(ws.status());
  auto start = std::chrono::steady_clock::now();
  auto result = ingest::RunImport(**ws, files, options);
  bar.Clear();
  if (!result.ok()) return Fail(result.status().WithContext("import failed, nothing was written"));
  const ingest::ImportReport& report = *result;
  for (const std::string& m : report.messages) std::fprintf(stderr, "%s\n", m.c_str());
  if (report.problems > static_cast<int64_t>(report.messages.size())) {
    std::fprintf(stderr, "... and %s more problems\n",
                 Thousands(report.problems - static_cast<int64_t>(report.messages.size())).c_str());
  }
  if (!quiet || !report.committed) {
    for (const auto& f : report.files) {
      double rate = f.seconds > 0 ? static_cast<double>(f.rows) / f.seconds : 0;
      std::printf("%s: %s rows read, %s imported", f.file.c_str(), Thousands(f.rows).c_str(),
                  Thousands(f.imported).c_str());
      if (f.duplicates) std::printf(", %s duplicates skipped", Thousands(f.duplicates).c_str());
      if (f.rejected) std::printf(", %s rejected", Thousands(f.rejected).c_str());
      std::printf(" in %.2f s (%s rows/s)\n", f.seconds,
                  Thousands(static_cast<int64_t>(rate)).c_str());
      for (const auto& c : f.ignored_columns) {
        std::fprintf(stderr, "%s: note: column %s is not used by tend and was ignored\n",
                     f.file.c_str(), c.c_str());
      }
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!report.committed) {
    return Fail(InvalidArgument("ingest.rejected",
                                "import failed with " + Thousands(report.problems) +
                                    " problem(s); nothing was written (use --skip-bad FILE to "
                                    "import the valid rows)"));
  }
  if (!quiet) {
    std::printf("import done in %.2f s%s\n", secs,
                report.problems ? (", " + Thousands(report.problems) +
                                   " problem(s); rejected rows written to " + skip_bad)
                                      .c_str()
                                : "");
  }
  return 0;
}

}  // namespace tend::cli
