// Row mapping for the SQLite store: one table per record type names each column once with
// how it is bound and read, and the column lists, placeholders, binds and row reads of the
// INSERT / UPSERT / UPDATE / SELECT statements are made from it (internal to store/).
//
//   const RowMap<DealRecord>& Deals() {
//     static const RowMap<DealRecord> m("deals", {Col<&DealRecord::deal_id>("deal_id"),
//                                                 TextOrNull<&DealRecord::prospect>("prospect"),
//                                                 ...});
//     return m;
//   }
//   db.Prepare(Deals().Upsert("deal_id"));  Deals().Bind(*s, deal);  Deals().Read(*s);
//
// Col<&T::m> binds and reads the member as its type (text, integer, real, 0/1 for bool,
// NULL for an empty optional); TextOrNull<&T::m> binds an empty string as NULL.
#ifndef TEND_STORE_SQLITE_ROW_H_
#define TEND_STORE_SQLITE_ROW_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "store/sqlite_db.h"

namespace tend::store {

template <typename T>
struct Column {
  const char* name;
  void (*bind)(Stmt& s, int param, const T& row);
  void (*read)(const Stmt& s, int col, T& row);
};

namespace row_internal {

template <typename C, typename V>
C ClassOf(V C::*);

inline void BindValue(Stmt& s, int i, const std::string& v) { s.Bind(i, std::string_view(v)); }
inline void BindValue(Stmt& s, int i, int64_t v) { s.Bind(i, v); }
inline void BindValue(Stmt& s, int i, int32_t v) { s.Bind(i, static_cast<int64_t>(v)); }
inline void BindValue(Stmt& s, int i, bool v) { s.Bind(i, static_cast<int64_t>(v ? 1 : 0)); }
inline void BindValue(Stmt& s, int i, double v) { s.Bind(i, v); }
template <typename V>
void BindValue(Stmt& s, int i, const std::optional<V>& v) {
  s.Bind(i, v);
}

inline void ReadValue(const Stmt& s, int c, std::string& v) { v.assign(s.Text(c)); }
inline void ReadValue(const Stmt& s, int c, int64_t& v) { v = s.Int(c); }
inline void ReadValue(const Stmt& s, int c, int32_t& v) { v = static_cast<int32_t>(s.Int(c)); }
inline void ReadValue(const Stmt& s, int c, bool& v) { v = s.Int(c) != 0; }
inline void ReadValue(const Stmt& s, int c, double& v) { v = s.Double(c); }
inline void ReadValue(const Stmt& s, int c, std::optional<double>& v) { v = s.OptDouble(c); }
inline void ReadValue(const Stmt& s, int c, std::optional<int64_t>& v) { v = s.OptInt(c); }
inline void ReadValue(const Stmt& s, int c, std::optional<int32_t>& v) { v = s.OptDay(c); }
inline void ReadValue(const Stmt& s, int c, std::optional<std::string>& v) {
  v = s.IsNull(c) ? std::nullopt : std::optional<std::string>(s.Str(c));
}

}  // namespace row_internal

// A column bound and read as the type of member M.
template <auto M>
Column<decltype(row_internal::ClassOf(M))> Col(const char* name) {
  using T = decltype(row_internal::ClassOf(M));
  return {name, [](Stmt& s, int i, const T& r) { row_internal::BindValue(s, i, r.*M); },
          [](const Stmt& s, int c, T& r) { row_internal::ReadValue(s, c, r.*M); }};
}

// A text column that stores the empty string as NULL (and reads NULL back as empty).
template <auto M>
Column<decltype(row_internal::ClassOf(M))> TextOrNull(const char* name) {
  using T = decltype(row_internal::ClassOf(M));
  return {name, [](Stmt& s, int i, const T& r) { s.BindTextOrNull(i, r.*M); },
          [](const Stmt& s, int c, T& r) { (r.*M).assign(s.Text(c)); }};
}

// The columns of one table as one record type sees them, in SELECT order. `from` arguments
// skip the first columns (an id the store assigns).
template <typename T>
class RowMap {
 public:
  RowMap(std::string table, std::initializer_list<Column<T>> columns)
      : table_(std::move(table)), columns_(columns) {}

  const std::string& table() const { return table_; }

  // "a, b, c": the column names from `from` on.
  std::string Names(size_t from = 0) const {
    std::string out;
    for (size_t i = from; i < columns_.size(); ++i) {
      if (i > from) out += ", ";
      out += columns_[i].name;
    }
    return out;
  }

  // "SELECT <every column> FROM <table>", to be followed by WHERE / ORDER BY.
  std::string Select() const { return "SELECT " + Names() + " FROM " + table_; }

  // "INSERT INTO <table> (<columns from `from`>) VALUES (?,...)".
  std::string Insert(size_t from = 0) const {
    std::string out = "INSERT INTO " + table_ + " (" + Names(from) + ") VALUES (";
    for (size_t i = from; i < columns_.size(); ++i) out += i > from ? ",?" : "?";
    return out + ")";
  }

  // "INSERT INTO <table> (<the columns `names`>) VALUES (?,...)" (bind with BindNamed).
  std::string InsertOf(std::initializer_list<std::string_view> names) const {
    std::string out = "INSERT INTO " + table_ + " (";
    std::string params;
    for (std::string_view name : names) {
      out += params.empty() ? "" : ", ";
      out += name;
      params += params.empty() ? "?" : ",?";
    }
    return out + ") VALUES (" + params + ")";
  }

  // Insert(from) that, on a conflict on `conflict` (comma-separated columns), updates every
  // other column except those in `keep`.
  std::string Upsert(std::string_view conflict, std::initializer_list<std::string_view> keep = {},
                     size_t from = 0) const {
    std::string out = Insert(from) + " ON CONFLICT (" + std::string(conflict) + ") DO UPDATE SET ";
    bool first = true;
    for (size_t i = from; i < columns_.size(); ++i) {
      std::string_view name = columns_[i].name;
      if (Contains(conflict, name) || Contains(keep, name)) continue;
      if (!first) out += ", ";
      first = false;
      out += std::string(name) + " = excluded." + std::string(name);
    }
    return out;
  }

  // "UPDATE <table> SET a = ?, b = ? WHERE <key> = ?" for the columns `set` (bind them with
  // BindNamed(s, row, set), then the key).
  std::string Update(std::initializer_list<std::string_view> set, std::string_view key) const {
    std::string out = "UPDATE " + table_ + " SET ";
    bool first = true;
    for (std::string_view name : set) {
      if (!first) out += ", ";
      first = false;
      out += std::string(name) + " = ?";
    }
    return out + " WHERE " + std::string(key) + " = ?";
  }

  // Binds the columns from `from` on to the parameters `param`, `param` + 1, ...; returns the
  // next free parameter.
  int Bind(Stmt& s, const T& row, size_t from = 0, int param = 1) const {
    for (size_t i = from; i < columns_.size(); ++i) columns_[i].bind(s, param++, row);
    return param;
  }

  // Binds the named columns, in the order given, from parameter `param` on; returns the next.
  int BindNamed(Stmt& s, const T& row, std::initializer_list<std::string_view> names,
                int param = 1) const {
    for (std::string_view name : names) {
      for (const Column<T>& c : columns_) {
        if (name == c.name) {
          c.bind(s, param, row);
          break;
        }
      }
      ++param;
    }
    return param;
  }

  // The record in the current row of a statement made from Select().
  T Read(const Stmt& s) const {
    T row;
    ReadInto(s, row);
    return row;
  }
  // The same into `row`, reusing its buffers (for loops over many rows).
  void ReadInto(const Stmt& s, T& row) const {
    for (size_t i = 0; i < columns_.size(); ++i) columns_[i].read(s, static_cast<int>(i), row);
  }

 private:
  static bool Contains(std::string_view list, std::string_view name) {
    size_t at = 0;
    while (at <= list.size()) {
      size_t comma = list.find(',', at);
      std::string_view item =
          list.substr(at, comma == std::string_view::npos ? list.npos : comma - at);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (item == name) return true;
      if (comma == std::string_view::npos) break;
      at = comma + 1;
    }
    return false;
  }
  static bool Contains(std::initializer_list<std::string_view> list, std::string_view name) {
    for (std::string_view item : list) {
      if (item == name) return true;
    }
    return false;
  }

  std::string table_;
  std::vector<Column<T>> columns_;
};

// Reads every remaining row of `s` with `read`.
template <typename T, typename F>
Result<std::vector<T>> ReadRows(Stmt* s, F read) {
  std::vector<T> out;
  for (;;) {
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(read(s));
  }
  return out;
}

// Every remaining row of `s`, read with `map`.
template <typename T>
Result<std::vector<T>> ReadAll(Stmt* s, const RowMap<T>& map) {
  return ReadRows<T>(s, [&](Stmt* st) { return map.Read(*st); });
}

// The first row `s` yields, read with `map` (nullopt when none); resets `s`.
template <typename T>
Result<std::optional<T>> ReadFirst(Stmt* s, const RowMap<T>& map) {
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  std::optional<T> out;
  if (row) out = map.Read(*s);
  s->Reset();
  return out;
}

// Inserts `row` with `sql` (made by map.Insert(1): the first column, the id, is assigned by
// SQLite); returns the new row's id.
template <typename T>
Result<int64_t> InsertRow(SqliteDb& db, const RowMap<T>& map, const std::string& sql,
                          const T& row) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(sql));
  map.Bind(*s, row, 1);
  TEND_RETURN_IF_ERROR(s->Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db.raw()));
}

}  // namespace tend::store

#endif  // TEND_STORE_SQLITE_ROW_H_
