#include "predict/tabular.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "common/csv_reader.h"
#include "common/field_parse.h"

namespace tend::predict {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string JoinNames(const std::vector<std::string>& names, size_t limit) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < limit; ++i) {
    if (i) out += ", ";
    out += "\"" + names[i] + "\"";
  }
  if (names.size() > limit) out += ", ...";
  return out;
}

// Picks the positive class among two label values when none was given.
std::string DefaultPositive(const std::string& a, const std::string& b, size_t count_a,
                            size_t count_b) {
  static const std::pair<std::string_view, std::string_view> kPairs[] = {
      {"0", "1"}, {"false", "true"}, {"no", "yes"}, {"n", "y"}};
  const std::string la = Lower(a), lb = Lower(b);
  for (auto [neg, pos] : kPairs) {
    if (la == neg && lb == pos) return b;
    if (lb == neg && la == pos) return a;
  }
  if (count_a != count_b) return count_a < count_b ? a : b;
  return std::max(a, b);
}

}  // namespace

std::string_view ColumnRoleName(ColumnRole role) {
  switch (role) {
    case ColumnRole::kNumeric:
      return "numeric";
    case ColumnRole::kCategorical:
      return "categorical";
    case ColumnRole::kIdentifier:
      return "identifier";
    case ColumnRole::kFreeText:
      return "free_text";
    case ColumnRole::kConstant:
      return "constant";
    case ColumnRole::kId:
      return "id";
    case ColumnRole::kLabel:
      return "label";
  }
  return "?";
}

bool IsMissingText(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return true;
  if (s.size() > 4) return false;
  const std::string l = Lower(s);
  return l == "na" || l == "n/a" || l == "nan" || l == "null" || l == "none" || l == "?";
}

ColumnRole InferColumnRole(std::span<const std::string> values) {
  size_t present = 0, total_length = 0;
  bool numeric = true;
  std::set<std::string_view> distinct;
  for (const std::string& raw : values) {
    if (IsMissingText(raw)) continue;
    const std::string_view v = Trim(raw);
    ++present;
    total_length += v.size();
    if (numeric && !ParseNumber(v)) numeric = false;
    distinct.insert(v);
  }
  const size_t d = distinct.size();
  if (d <= 1) return ColumnRole::kConstant;
  if (numeric) return ColumnRole::kNumeric;
  const double mean_length = static_cast<double>(total_length) / static_cast<double>(present);
  if (d <= 50 && mean_length <= 40) return ColumnRole::kCategorical;
  if (d <= 200 && d * 20 <= values.size() && mean_length <= 40) return ColumnRole::kCategorical;
  if (d * 10 >= present * 9) {
    // (Nearly) all distinct: short values are identifiers, long ones free text.
    return mean_length <= 40 ? ColumnRole::kIdentifier : ColumnRole::kFreeText;
  }
  return ColumnRole::kFreeText;
}

Result<LabelledTable> ReadLabelledCsv(const std::string& path, const std::string& id_column,
                                      const std::string& label_column,
                                      const std::string& positive) {
  TEND_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path));
  if (!reader->Next()) {
    if (!reader->status().ok()) return reader->status();
    return InvalidArgument("predict.emptyFile", path + ": the file is empty (no header row)");
  }
  std::vector<std::string> header;
  for (std::string_view f : reader->fields()) header.emplace_back(Trim(f));
  auto find = [&](const std::string& name) -> std::optional<size_t> {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    return std::nullopt;
  };
  std::optional<size_t> label_index = find(label_column);
  if (!label_index) {
    return NotFound("predict.missingColumn", path + ":1: no label column \"" + label_column +
                                                 "\" (columns: " + JoinNames(header, 30) + ")");
  }
  std::optional<size_t> id_index;
  if (!id_column.empty()) {
    id_index = find(id_column);
    if (!id_index) {
      return NotFound("predict.missingColumn", path + ":1: no id column \"" + id_column +
                                                   "\" (columns: " + JoinNames(header, 30) + ")");
    }
    if (*id_index == *label_index) {
      return InvalidArgument("predict.idIsLabel",
                             "--id and --label name the same column \"" + id_column + "\"");
    }
  }

  // Read every cell (the files this is for fit in memory), column by column.
  std::vector<std::vector<std::string>> cells(header.size());
  while (reader->Next()) {
    auto fields = reader->fields();
    if (fields.size() != header.size()) {
      return InvalidArgument("predict.badRow", path + ":" + std::to_string(reader->line()) + ": " +
                                                   std::to_string(fields.size()) +
                                                   " fields, the header has " +
                                                   std::to_string(header.size()));
    }
    const std::string_view label = Trim(fields[*label_index]);
    if (label.empty()) {
      return InvalidArgument("predict.blankLabel", path + ":" + std::to_string(reader->line()) +
                                                       ": column \"" + label_column +
                                                       "\" is blank");
    }
    for (size_t c = 0; c < fields.size(); ++c) cells[c].emplace_back(fields[c]);
  }
  if (!reader->status().ok()) return reader->status();
  const size_t rows = cells[*label_index].size();

  LabelledTable out;
  // The label: exactly two classes.
  std::map<std::string, size_t> classes;
  for (const std::string& v : cells[*label_index]) ++classes[std::string(Trim(v))];
  if (classes.size() != 2) {
    std::vector<std::string> names;
    for (const auto& [k, n] : classes) names.push_back(k);
    return InvalidArgument("predict.labelClasses",
                           path + ": column \"" + label_column + "\" has " +
                               std::to_string(classes.size()) + " distinct value(s) (" +
                               JoinNames(names, 10) + "); a binary label needs exactly 2");
  }
  auto first = classes.begin(), second = std::next(first);
  if (!positive.empty()) {
    if (!classes.count(positive)) {
      return InvalidArgument("predict.unknownPositive",
                             path + ": --positive \"" + positive +
                                 "\" is not a value of column \"" + label_column + "\" (it has \"" +
                                 first->first + "\" and \"" + second->first + "\")");
    }
    out.positive = positive;
  } else {
    out.positive = DefaultPositive(first->first, second->first, first->second, second->second);
  }
  out.negative = out.positive == first->first ? second->first : first->first;
  out.labels.reserve(rows);
  for (const std::string& v : cells[*label_index]) {
    out.labels.push_back(Trim(v) == out.positive ? 1.0f : 0.0f);
  }

  // The features.
  out.frame.rows = rows;
  for (size_t c = 0; c < header.size(); ++c) {
    ColumnInfo info{header[c], ColumnRole::kConstant};
    std::set<std::string_view> distinct;
    for (const std::string& v : cells[c]) {
      if (IsMissingText(v)) {
        ++info.missing;
      } else {
        distinct.insert(Trim(v));
      }
    }
    info.distinct = distinct.size();
    if (c == *label_index) {
      info.role = ColumnRole::kLabel;
    } else if (id_index && c == *id_index) {
      info.role = ColumnRole::kId;
    } else {
      info.role = InferColumnRole(cells[c]);
    }
    if (info.role == ColumnRole::kNumeric) {
      FrameColumn col;
      col.name = header[c];
      col.num.reserve(rows);
      for (const std::string& v : cells[c]) {
        col.num.push_back(IsMissingText(v) ? kMissing : *ParseNumber(Trim(v)));
      }
      out.frame.columns.push_back(std::move(col));
    } else if (info.role == ColumnRole::kCategorical) {
      FrameColumn col;
      col.name = header[c];
      col.kind = FeatureKind::kCategorical;
      col.cat.reserve(rows);
      for (const std::string& v : cells[c]) {
        col.cat.emplace_back(IsMissingText(v) ? std::string_view() : Trim(v));
      }
      out.frame.columns.push_back(std::move(col));
    }
    out.columns.push_back(std::move(info));
  }
  return out;
}

}  // namespace tend::predict
