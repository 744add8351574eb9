#include "ingest/import_mapping.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "common/csv_writer.h"
#include "common/field_parse.h"

namespace tend::ingest {

namespace {

constexpr size_t kPreviewRows = 10;
// Enumerated fields keep at most this many distinct values in a dry run's counts.
constexpr size_t kMaxCountedValues = 50;

// The shortest text that reads back as `v`.
std::string NumberText(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

std::string Quoted(std::string_view v) { return "\"" + std::string(v) + "\""; }

class Parser {
 public:
  explicit Parser(std::string name) : name_(std::move(name)) {}

  std::string At(const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    if (m.line < 0) return name_;
    return name_ + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
  }
  void Error(const YAML::Node& n, const std::string& what) { errors_.push_back(At(n) + ": " + what); }
  const std::vector<std::string>& errors() const { return errors_; }

  std::optional<std::string> Scalar(const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) {
      Error(n, what + ": expected a text value");
      return std::nullopt;
    }
    return n.Scalar();
  }

  void CheckKeys(const YAML::Node& map, std::initializer_list<std::string_view> keys,
                 const std::string& what) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      std::string k = it->first.Scalar();
      if (std::find(keys.begin(), keys.end(), k) != keys.end()) continue;
      std::string list;
      for (auto key : keys) list += (list.empty() ? "" : ", ") + std::string(key);
      Error(it->first, "unknown key " + Quoted(k) + " in " + what + " (expected one of " + list + ")");
    }
  }

  std::optional<FileMapping> File(const YAML::Node& n) {
    if (!n.IsMap()) {
      Error(n, "expected a mapping with kind and columns");
      return std::nullopt;
    }
    CheckKeys(n, {"kind", "file", "columns", "empty", "timezone", "decimal", "ignore", "only",
                  "description", "name"},
              "a mapping");
    FileMapping f;
    if (!n["kind"]) {
      Error(n, "missing \"kind\" (accounts, contacts, events, surveys, tickets, activities, "
               "deals, subscriptions, purchases or feedback)");
      return std::nullopt;
    }
    auto kind_text = Scalar(n["kind"], "kind");
    auto kind = kind_text ? ParseImportKind(*kind_text) : std::nullopt;
    if (!kind) {
      if (kind_text)
        Error(n["kind"], "kind " + Quoted(*kind_text) +
                             " is not one of accounts, contacts, events, surveys, tickets, "
                             "activities, deals, subscriptions, purchases, feedback");
      return std::nullopt;
    }
    f.kind = *kind;
    if (n["file"]) f.file = Scalar(n["file"], "file").value_or("");
    char decimal = 0;
    if (n["decimal"]) {
      auto d = Scalar(n["decimal"], "decimal");
      if (d && (*d == "." || *d == ","))
        decimal = (*d)[0];
      else if (d)
        Error(n["decimal"], "decimal: expected \".\" or \",\"");
    }
    if (n["timezone"]) {
      if (auto z = Scalar(n["timezone"], "timezone")) {
        auto zone = TimeZone::Find(*z);
        if (zone.ok())
          f.zone = *zone;
        else
          Error(n["timezone"], "timezone: " + zone.status().message());
      }
    }
    if (n["empty"]) f.empty = List(n["empty"], "empty");
    if (n["ignore"]) f.ignore = List(n["ignore"], "ignore");
    if (const YAML::Node only = n["only"]) {
      if (!only.IsMap() || !only["column"] || !only["values"]) {
        Error(only, "only: expected {column: C, values: [...]}");
      } else {
        CheckKeys(only, {"column", "values"}, "only");
        f.only_column = Scalar(only["column"], "only: column").value_or("");
        f.only_values = List(only["values"], "only: values");
      }
    }
    const YAML::Node cols = n["columns"];
    if (!cols || !cols.IsMap() || cols.size() == 0) {
      Error(cols ? cols : n, "\"columns\": expected a mapping of tend fields to source columns");
      return f;
    }
    std::span<const ImportField> known = ImportFields(f.kind);
    for (auto it = cols.begin(); it != cols.end(); ++it) {
      std::string field = it->first.Scalar();
      bool standard = std::any_of(known.begin(), known.end(),
                                  [&](const ImportField& k) { return k.name == field; });
      if (!standard && f.kind != ImportKind::kAccounts) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + std::string(k.name);
        Error(it->first, Quoted(field) + " is not a field of " +
                             std::string(ImportKindName(f.kind)) + " (expected one of " + list + ")");
        continue;
      }
      if (std::any_of(f.fields.begin(), f.fields.end(),
                      [&](const FieldMapping& m) { return m.field == field; })) {
        Error(it->first, Quoted(field) + " is mapped twice");
        continue;
      }
      if (auto m = Field(field, it->second, decimal)) f.fields.push_back(std::move(*m));
    }
    return f;
  }

 private:
  std::vector<std::string> List(const YAML::Node& n, const std::string& what) {
    std::vector<std::string> out;
    if (!n.IsSequence()) {
      Error(n, what + ": expected a list");
      return out;
    }
    for (const auto& v : n) {
      if (auto s = Scalar(v, what)) out.push_back(*s);
    }
    return out;
  }

  std::optional<FieldMapping> Field(const std::string& field, const YAML::Node& n, char decimal) {
    FieldMapping m;
    m.field = field;
    m.decimal = decimal;
    m.where = At(n);
    const std::string what = "columns: " + field;
    if (n.IsScalar()) {
      m.columns.push_back(n.Scalar());
      return m;
    }
    if (!n.IsMap()) {
      Error(n, what + ": expected a source column or a mapping with column, value or concat");
      return std::nullopt;
    }
    CheckKeys(n, {"column", "value", "concat", "separator", "format", "values", "default", "decimal"},
              what);
    int sources = (n["column"] ? 1 : 0) + (n["value"] ? 1 : 0) + (n["concat"] ? 1 : 0);
    if (sources != 1) {
      Error(n, what + ": expected exactly one of column, value or concat");
      return std::nullopt;
    }
    if (n["column"]) {
      if (auto c = Scalar(n["column"], what + ": column")) m.columns.push_back(*c);
    }
    if (n["value"]) m.constant = Scalar(n["value"], what + ": value");
    if (n["concat"]) {
      m.columns = List(n["concat"], what + ": concat");
      if (m.columns.empty()) Error(n["concat"], what + ": concat: expected a list of source columns");
    }
    if (n["separator"]) m.separator = Scalar(n["separator"], what + ": separator").value_or(" ");
    if (n["default"]) m.default_value = Scalar(n["default"], what + ": default");
    if (n["decimal"]) {
      auto d = Scalar(n["decimal"], what + ": decimal");
      if (d && (*d == "." || *d == ","))
        m.decimal = (*d)[0];
      else if (d)
        Error(n["decimal"], what + ": decimal: expected \".\" or \",\"");
    }
    if (n["values"]) {
      const YAML::Node v = n["values"];
      if (!v.IsMap()) {
        Error(v, what + ": values: expected a mapping of source values to tend values");
      } else {
        for (auto it = v.begin(); it != v.end(); ++it) {
          auto to = Scalar(it->second, what + ": values: " + it->first.Scalar());
          if (to) m.values.emplace_back(it->first.Scalar(), *to);
        }
      }
    }
    if (n["format"]) {
      if (auto fmt = Scalar(n["format"], what + ": format")) {
        m.format = *fmt;
        if (m.format != "number" && m.format != "bool" && m.format != "text") {
          auto dt = DateTimeFormat::Parse(m.format);
          if (dt.ok())
            m.datetime = *dt;
          else
            Error(n["format"], what + ": " + dt.status().message() +
                                   " (or number, bool, text)");
        }
      }
    }
    return m;
  }

  std::string name_;
  std::vector<std::string> errors_;
};

// One output column of a mapped file.
struct OutColumn {
  std::string name;                  // tend field, custom attribute, or passed-through header
  const FieldMapping* mapping;       // null: a source column passed through as it is
  std::optional<FieldType> type;     // the field's type; nullopt: a custom attribute
  std::vector<int> sources;          // source column indices
  std::string label;                 // how messages name it
};

}  // namespace

Result<ImportMapping> ParseImportMapping(const std::string& text, const std::string& name) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return InvalidArgument("import.badMapping",
                           name + ":" + std::to_string(e.mark.line + 1) + ":" +
                               std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  Parser p(name);
  ImportMapping out;
  out.name = name;
  if (!root.IsMap()) {
    return InvalidArgument("import.badMapping",
                           name + ": expected a mapping with kind and columns (or files)");
  }
  if (root["description"] && root["description"].IsScalar())
    out.description = root["description"].Scalar();
  if (root["files"]) {
    for (auto it = root.begin(); it != root.end(); ++it) {
      std::string k = it->first.Scalar();
      if (k != "files" && k != "description" && k != "name")
        p.Error(it->first, "unknown key " + Quoted(k) + " beside files (expected files, description)");
    }
    if (!root["files"].IsSequence() || root["files"].size() == 0) {
      p.Error(root["files"], "files: expected a list of file mappings");
    } else {
      for (const auto& f : root["files"]) {
        if (auto m = p.File(f)) {
          if (m->file.empty()) p.Error(f, "a mapping in files needs \"file\" (its file in the folder)");
          out.files.push_back(std::move(*m));
        }
      }
    }
  } else if (auto m = p.File(root)) {
    out.files.push_back(std::move(*m));
  }
  if (!p.errors().empty()) {
    std::string all;
    for (const auto& e : p.errors()) all += (all.empty() ? "" : "\n") + e;
    return InvalidArgument("import.badMapping", all);
  }
  return out;
}

Result<ImportMapping> LoadImportMapping(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("import.noMapping", path + ": cannot read the mapping file");
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseImportMapping(ss.str(), path);
}

int64_t MappedFile::SourceLine(int64_t canonical_line) const {
  auto r = RecordAt(canonical_line);
  return r ? source_lines[*r] : canonical_line;
}

void MappedFile::SetHeader(std::vector<std::string> columns) {
  header = std::move(columns);
  csv.clear();
  for (size_t k = 0; k < header.size(); ++k) {
    AppendCsvField(&csv, header[k]);
    csv += k + 1 == header.size() ? '\n' : ',';
  }
}

size_t MappedFile::AppendRecord(const std::vector<std::string>& values, int64_t source_line) {
  const size_t record = canonical_lines.size();
  canonical_lines.push_back(next_line_);
  source_lines.push_back(source_line);
  for (size_t k = 0; k < values.size(); ++k) {
    AppendCsvField(&csv, values[k]);
    csv += k + 1 == values.size() ? '\n' : ',';
    next_line_ += std::count(values[k].begin(), values[k].end(), '\n');
  }
  ++next_line_;
  if (first_rows.size() < kPreviewRows && !row_problems.count(record)) first_rows.push_back(values);
  ++rows;
  return record;
}

std::optional<size_t> MappedFile::RecordAt(int64_t canonical_line) const {
  auto it = std::lower_bound(canonical_lines.begin(), canonical_lines.end(), canonical_line);
  if (it == canonical_lines.end() || *it != canonical_line) return std::nullopt;
  return static_cast<size_t>(it - canonical_lines.begin());
}

Result<MappedFile> ApplyMapping(const FileMapping& mapping, CsvReader& source,
                                std::vector<std::string>* ignored) {
  MappedFile out;
  out.source = source.name();
  auto file_error = [&](const std::string& what) {
    return InvalidArgument("import.mappedFile", out.source + ":1: " + what);
  };
  if (!source.Next()) {
    if (!source.status().ok()) return source.status();
    return file_error("the file is empty; expected a header row");
  }
  std::vector<std::string> header;
  for (std::string_view h : source.fields()) header.emplace_back(Trim(h));
  auto index_of = [&](const std::string& name) -> int {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    for (size_t i = 0; i < header.size(); ++i) {
      if (EqualsNoCase(header[i], name)) return static_cast<int>(i);
    }
    return -1;
  };
  std::string header_list;
  for (const auto& h : header) header_list += (header_list.empty() ? "" : ", ") + Quoted(h);

  std::vector<OutColumn> cols;
  std::vector<bool> used(header.size(), false);
  std::span<const ImportField> known = ImportFields(mapping.kind);
  std::vector<std::string> problems;
  for (const FieldMapping& m : mapping.fields) {
    OutColumn c{m.field, &m, std::nullopt, {}, ""};
    for (const auto& k : known) {
      if (k.name == m.field) c.type = k.type;
    }
    std::string names;
    for (const std::string& col : m.columns) {
      int i = index_of(col);
      if (i < 0) {
        problems.push_back("column " + Quoted(col) + " of the mapping (" + m.field + ", " +
                           m.where + ") is not in the file (its columns: " + header_list + ")");
        continue;
      }
      c.sources.push_back(i);
      used[static_cast<size_t>(i)] = true;
      names += (names.empty() ? "" : " + ") + Quoted(header[static_cast<size_t>(i)]);
    }
    c.label = m.constant ? "the constant of " + m.field : names + " (" + m.field + ")";
    cols.push_back(std::move(c));
  }
  // Fields the mapping does not name are taken from a source column of their own name.
  for (const auto& k : known) {
    if (std::any_of(cols.begin(), cols.end(), [&](const OutColumn& c) { return c.name == k.name; }))
      continue;
    int i = index_of(std::string(k.name));
    if (i >= 0 && !used[static_cast<size_t>(i)]) {
      used[static_cast<size_t>(i)] = true;
      cols.push_back({std::string(k.name), nullptr, k.type, {i}, Quoted(header[static_cast<size_t>(i)])});
    } else if (k.required) {
      problems.push_back("the mapping has no column for " + std::string(k.name) +
                         ", which " + std::string(ImportKindName(mapping.kind)) + " requires");
    }
  }
  int only_index = -1;
  if (!mapping.only_column.empty()) {
    only_index = index_of(mapping.only_column);
    if (only_index < 0)
      problems.push_back("column " + Quoted(mapping.only_column) +
                         " of the mapping's only: is not in the file (its columns: " +
                         header_list + ")");
    else
      used[static_cast<size_t>(only_index)] = true;
  }
  if (!problems.empty()) {
    std::string all;
    for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
    return file_error(all);
  }
  // The other source columns: accounts keep them as custom attributes.
  for (size_t i = 0; i < header.size(); ++i) {
    if (used[i]) continue;
    bool skip = std::any_of(mapping.ignore.begin(), mapping.ignore.end(),
                            [&](const std::string& n) { return EqualsNoCase(n, header[i]); });
    if (mapping.kind == ImportKind::kAccounts && !skip && !header[i].empty()) {
      cols.push_back({header[i], nullptr, std::nullopt, {static_cast<int>(i)}, Quoted(header[i])});
    } else if (ignored && !header[i].empty()) {
      ignored->push_back(header[i]);
    }
  }
  std::vector<std::string> names;
  for (const OutColumn& col : cols) {
    names.push_back(col.name);
    out.labels[col.name] = col.label;
  }
  out.SetHeader(std::move(names));
  const TimeZone* zone = mapping.zone.get();
  auto is_empty = [&](std::string_view v) {
    return std::any_of(mapping.empty.begin(), mapping.empty.end(),
                       [&](const std::string& e) { return v == e; });
  };
  std::vector<std::string> values(cols.size());
  while (source.Next()) {
    const size_t record = out.canonical_lines.size();
    auto fields = source.fields();
    if (only_index >= 0 && static_cast<size_t>(only_index) < fields.size()) {
      std::string_view v = Trim(fields[static_cast<size_t>(only_index)]);
      if (std::none_of(mapping.only_values.begin(), mapping.only_values.end(),
                       [&](const std::string& o) { return EqualsNoCase(o, v); })) {
        ++out.skipped;
        continue;
      }
    }
    std::vector<std::pair<std::string, std::string>> row_problems;
    if (fields.size() != header.size()) {
      row_problems.emplace_back("", "expected " + std::to_string(header.size()) +
                                        " fields, found " + std::to_string(fields.size()));
    }
    const bool whole = row_problems.empty();
    for (size_t k = 0; k < cols.size() && whole; ++k) {
      const OutColumn& c = cols[k];
      const FieldMapping* m = c.mapping;
      std::string v;
      if (m && m->constant) {
        v = *m->constant;
      } else {
        for (int i : c.sources) {
          std::string_view part = Trim(fields[static_cast<size_t>(i)]);
          if (is_empty(part)) continue;
          if (!v.empty() && m) v += m->separator;
          v += part;
        }
      }
      if (is_empty(v)) v.clear();
      if (m) {
        if (v.empty() && m->default_value) v = *m->default_value;
        if (!v.empty() && !m->values.empty()) {
          auto hit = std::find_if(m->values.begin(), m->values.end(),
                                  [&](const auto& p) { return p.first == v; });
          if (hit == m->values.end())
            hit = std::find_if(m->values.begin(), m->values.end(),
                               [&](const auto& p) { return EqualsNoCase(p.first, v); });
          if (hit != m->values.end()) v = hit->second;
        }
      }
      if (!v.empty()) {
        const std::string format = m ? m->format : "";
        const bool number = format == "number" ||
                            (format.empty() && c.type &&
                             (*c.type == FieldType::kNumber || *c.type == FieldType::kInt));
        const bool date = c.type ? *c.type == FieldType::kDate : (m && m->datetime);
        const bool time = c.type && *c.type == FieldType::kTime;
        if (format == "bool") {
          auto b = ParseFormattedBool(v);
          if (!b)
            row_problems.emplace_back(c.name, Quoted(v) + " is not a yes/no value");
          else
            v = *b ? "true" : "false";
        } else if (number) {
          auto n = ParseFormattedNumber(v, m ? m->decimal : 0);
          if (!n)
            row_problems.emplace_back(c.name, Quoted(v) + " is not a number");
          else
            v = NumberText(*n);
        } else if (time) {
          std::optional<EpochMs> t = m && m->datetime ? m->datetime->Time(v, zone) : ParseTime(v);
          if (!t)
            row_problems.emplace_back(
                c.name, Quoted(v) + " is not a time (expected " +
                            (m && m->datetime ? m->datetime->pattern() : std::string("ISO-8601 with an offset; set format: in the mapping")) + ")");
          else
            v = FormatTime(*t);
        } else if (date) {
          std::optional<EpochDay> d = m && m->datetime ? m->datetime->Date(v, zone) : ParseDate(v);
          if (!d)
            row_problems.emplace_back(
                c.name, Quoted(v) + " is not a date (expected " +
                            (m && m->datetime ? m->datetime->pattern() : std::string("YYYY-MM-DD; set format: in the mapping")) + ")");
          else
            v = FormatDate(*d);
        }
      }
      values[k] = std::move(v);
    }
    if (!row_problems.empty()) {
      out.row_problems[record] = std::move(row_problems);
      for (auto& v : values) v.clear();
    }
    out.AppendRecord(values, source.line());
    for (size_t k = 0; k < cols.size() && !out.row_problems.count(record); ++k) {
      if (!cols[k].type || *cols[k].type != FieldType::kEnum) continue;
      auto& counts = out.value_counts[cols[k].name];
      if (counts.size() < kMaxCountedValues || counts.count(values[k])) ++counts[values[k]];
    }
  }
  if (!source.status().ok()) return source.status();
  return out;
}

}  // namespace tend::ingest
