// tend import [--db F] [--map M.yaml | --preset NAME] [--dry-run] DIR | KIND FILE | FILE
// tend import --list-presets
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "cli/format.h"
#include "cli/templates.h"
#include "ingest/import_mapping.h"
#include "ingest/importer.h"
#include "ingest/segment_archive.h"

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

bool IsDirectory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Result<ingest::ImportMapping> FindMapping(const std::string& map, const std::string& preset) {
  if (!map.empty()) return ingest::LoadImportMapping(map);
  for (const Template& t : ImportPresets()) {
    if (t.name == preset) return ingest::ParseImportMapping(t.content, "preset " + preset);
  }
  std::string names;
  for (const Template& t : ImportPresets()) names += (names.empty() ? "" : ", ") + t.name;
  return NotFound("cli.unknownPreset",
                  "no preset \"" + preset + "\" (presets: " + names + "; see --list-presets)");
}

int ListPresets() {
  std::vector<std::vector<std::string>> rows = {{"preset", "kind", "reads"}};
  for (const Template& t : ImportPresets()) {
    auto m = ingest::ParseImportMapping(t.content, "preset " + t.name);
    if (!m.ok()) return Fail(m.status());
    std::string kinds;
    for (const auto& f : m->files) kinds += (kinds.empty() ? "" : ",") + std::string(ingest::ImportKindName(f.kind));
    rows.push_back({t.name, kinds, m->description});
  }
  PrintTable(rows);
  return 0;
}

// The source files of a mapped import, each read through its mapping: `args` is KIND FILE,
// FILE (the mapping names one kind), or DIR (each mapping names its file in DIR).
Result<std::vector<ingest::ImportFile>> MappedFiles(const ingest::ImportMapping& mapping,
                                                    const std::vector<std::string>& args,
                                                    std::vector<std::string>* ignored) {
  std::vector<std::pair<const ingest::FileMapping*, std::string>> todo;
  if (args.size() == 2) {
    auto kind = ingest::ParseImportKind(args[0]);
    if (!kind) return InvalidArgument("cli.badKind", "unknown kind \"" + args[0] + "\"");
    const ingest::FileMapping* m = nullptr;
    for (const auto& f : mapping.files) {
      if (f.kind == *kind) m = &f;
    }
    if (!m)
      return InvalidArgument("cli.mappingKind", mapping.name + " maps no " + args[0] + " (it maps " +
                                                    std::string(ingest::ImportKindName(mapping.files[0].kind)) + ")");
    todo.push_back({m, args[1]});
  } else if (IsDirectory(args[0])) {
    for (const auto& f : mapping.files) {
      if (f.file.empty())
        return InvalidArgument("cli.mappingFile",
                               mapping.name + ": to import a folder, each mapping names its file "
                                              "(file: companies.csv)");
      todo.push_back({&f, args[0] + "/" + f.file});
    }
  } else {
    if (mapping.files.size() != 1)
      return InvalidArgument("cli.mappingFile", mapping.name + " maps several files: give a folder");
    todo.push_back({&mapping.files[0], args[0]});
  }
  std::vector<ingest::ImportFile> out;
  for (const auto& [m, path] : todo) {
    TEND_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path));
    std::vector<std::string> dropped;
    TEND_ASSIGN_OR_RETURN(auto mapped, ingest::ApplyMapping(*m, *reader, &dropped));
    for (const auto& d : dropped) ignored->push_back(reader->name() + ": note: column " + d + " is not mapped and was ignored");
    out.push_back({m->kind, path, std::make_shared<const ingest::MappedFile>(std::move(mapped))});
  }
  return out;
}

// What a dry run shows of a mapped file: its first rows as tend sees them and the values of
// its enumerated fields.
void PrintPreview(const ingest::MappedFile& m) {
  std::printf("%s: %s rows%s; the first as tend sees them:\n", m.source.c_str(),
              Thousands(m.rows).c_str(),
              m.skipped ? (", " + Thousands(m.skipped) + " skipped by only:").c_str() : "");
  std::vector<std::vector<std::string>> rows = {m.header};
  for (auto row : m.first_rows) {
    for (auto& v : row) {
      if (v.size() > 40) v = v.substr(0, 37) + "...";
    }
    rows.push_back(std::move(row));
  }
  PrintTable(rows);
  for (const auto& [field, counts] : m.value_counts) {
    std::string line;
    for (const auto& [v, n] : counts) line += (line.empty() ? "" : ", ") + (v.empty() ? std::string("(empty)") : v) + " " + Thousands(n);
    std::printf("  %s: %s\n", field.c_str(), line.c_str());
  }
}

}  // namespace

int RunImport(int argc, char** argv) {
  CLI::App app{
      "Load CSV exports into a workspace. Either a folder holding any of accounts.csv, "
      "contacts.csv, events.csv, surveys.csv, tickets.csv, activities.csv, deals.csv "
      "(imported in that order), or one KIND and its file. One command is all-or-nothing "
      "unless --skip-bad is given.",
      "tend import"};
  std::string db, skip_bad, map, preset;
  std::vector<std::string> args, attr_types;
  bool quiet = false, dry_run = false, list_presets = false;
  AddDbOption(app, &db);
  app.add_option("--map", map,
                 "a mapping (YAML) from the file's own columns to tend's (docs/formats.md)");
  app.add_option("--preset", preset, "a mapping shipped with tend (see --list-presets)");
  app.add_flag("--list-presets", list_presets, "list the presets and exit");
  app.add_flag("--dry-run", dry_run,
               "check everything and show what would be imported; write nothing");
  app.add_option("--skip-bad", skip_bad,
                 "import the valid rows and write the rejected ones, with their reasons, to FILE");
  app.add_option("--attr-type", attr_types,
                 "type of a custom account attribute column: NAME=number|date|bool|text "
                 "(overrides inference; repeatable)")
      ->allow_extra_args(false);  // one NAME=TYPE per --attr-type: files may follow
  app.add_flag("-q,--quiet", quiet, "print only errors");
  app.add_option("args", args, "DIR, or KIND FILE.csv (with --map/--preset also FILE)")
      ->expected(0, 2);
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if (list_presets) return ListPresets();
  if (args.empty())
    return Fail(InvalidArgument("cli.missingArgs", "expected DIR, or KIND FILE.csv"));
  if (!map.empty() && !preset.empty())
    return Fail(InvalidArgument("cli.mapAndPreset", "give --map or --preset, not both"));

  ingest::ImportOptions options;
  options.reject_path = skip_bad;
  options.dry_run = dry_run;
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
  std::vector<std::string> notes;
  if (!map.empty() || !preset.empty()) {
    auto mapping = FindMapping(map, preset);
    if (!mapping.ok()) return Fail(mapping.status());
    auto mapped = MappedFiles(*mapping, args, &notes);
    if (!mapped.ok()) return Fail(mapped.status().WithContext("import failed, nothing was written"));
    files = std::move(mapped).value();
  } else if (args.size() == 1) {
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
    if (*kind == ingest::ImportKind::kEvents && ingest::IsSegmentArchive(args[1])) {
      ingest::ArchiveCounts counts;
      auto archive = ingest::ReadSegmentArchive(args[1], &counts);
      if (!archive.ok()) return Fail(archive.status().WithContext("import failed, nothing was written"));
      if (counts.groups || counts.identifies)
        notes.push_back(args[1] + ": note: " + Thousands(counts.groups) +
                        " group call(s) attributed their users' events; " +
                        Thousands(counts.identifies) + " identify call(s) were not applied");
      files.push_back({*kind, args[1],
                       std::make_shared<const ingest::MappedFile>(std::move(archive).value())});
    } else {
      files.push_back({*kind, args[1]});
    }
  }
  auto ws = OpenWorkspace(db);
  if (!ws.ok()) return Fail(ws.status());
  auto start = std::chrono::steady_clock::now();
  auto result = ingest::RunImport(**ws, files, options);
  bar.Clear();
  if (!result.ok()) return Fail(result.status().WithContext("import failed, nothing was written"));
  const ingest::ImportReport& report = *result;
  if (dry_run) {
    for (const auto& f : files) {
      if (f.mapped) PrintPreview(*f.mapped);
    }
  }
  for (const std::string& n : notes) std::fprintf(stderr, "%s\n", n.c_str());
  for (const std::string& m : report.messages) std::fprintf(stderr, "%s\n", m.c_str());
  if (report.problems > static_cast<int64_t>(report.messages.size())) {
    std::fprintf(stderr, "... and %s more problems\n",
                 Thousands(report.problems - static_cast<int64_t>(report.messages.size())).c_str());
  }
  if (!quiet || !report.committed) {
    for (const auto& f : report.files) {
      double rate = f.seconds > 0 ? static_cast<double>(f.rows) / f.seconds : 0;
      std::printf("%s: %s rows read, %s %s", f.file.c_str(), Thousands(f.rows).c_str(),
                  Thousands(report.dry_run ? f.rows - f.rejected - f.duplicates : f.imported).c_str(),
                  report.dry_run ? "valid" : "imported");
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
  if (report.dry_run) {
    int64_t rows = 0, rejected = 0;
    for (const auto& f : report.files) rows += f.rows, rejected += f.rejected;
    std::printf("dry run: %s of %s rows are valid, %s problem(s); nothing was written\n",
                Thousands(rows - rejected).c_str(), Thousands(rows).c_str(),
                Thousands(report.problems).c_str());
    return report.problems ? Fail(InvalidArgument("ingest.rejected",
                                                  "the dry run found " + Thousands(report.problems) +
                                                      " problem(s)"))
                           : 0;
  }
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
