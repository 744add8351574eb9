#include "store/pg_rows.h"

#include <algorithm>

namespace tend::store::pg {

std::string Placeholders(int from, int n) {
  std::string out;
  for (int k = 0; k < n; ++k) {
    if (k) out += ',';
    out += '$' + std::to_string(from + k);
  }
  return out;
}

namespace {

// The names of a comma-separated list, trimmed.
std::vector<std::string> SplitNames(std::string_view list) {
  std::vector<std::string> names;
  for (size_t at = 0; at <= list.size();) {
    size_t comma = list.find(',', at);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view name = list.substr(at, comma - at);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!name.empty()) names.emplace_back(name);
    at = comma + 1;
  }
  return names;
}

}  // namespace

std::string InsertSql(std::string_view table, std::string_view cols, std::string_view key,
                      std::string_view suffix, std::string_view keep) {
  std::vector<std::string> names = SplitNames(cols);
  std::string sql = "INSERT INTO " + std::string(table) + " (" + std::string(cols) + ") VALUES (" +
                    Placeholders(1, static_cast<int>(names.size())) + ")";
  if (!key.empty()) {
    std::vector<std::string> keys = SplitNames(key);
    for (std::string& k : SplitNames(keep)) keys.push_back(std::move(k));
    sql += " ON CONFLICT (" + std::string(key) + ") DO UPDATE SET ";
    bool first = true;
    for (const std::string& n : names) {
      if (std::find(keys.begin(), keys.end(), n) != keys.end()) continue;
      sql += (first ? "" : ", ") + n + " = excluded." + n;
      first = false;
    }
  }
  if (!suffix.empty()) sql += " " + std::string(suffix);
  return sql;
}

std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t k = 0; k < values.size(); ++k) {
    if (k) out += ',';
    out += '"';
    for (char c : values[k]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace tend::store::pg
