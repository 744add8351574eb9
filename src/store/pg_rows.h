// The small row-mapping helpers of PgStore: bind a whole row in one call, read rows into
// records, build the placeholder lists and upserts. Used only by the pg_*_store.cc files.
#ifndef TEND_STORE_PG_ROWS_H_
#define TEND_STORE_PG_ROWS_H_

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/result.h"
#include "store/pg_db.h"

namespace tend::store::pg {

// Text that binds NULL when empty (SqliteStore's BindTextOrNull).
struct OrNull {
  std::string_view text;
};

inline void BindOne(PgStmt* s, int i, std::string_view v) { s->Bind(i, v); }
inline void BindOne(PgStmt* s, int i, const std::string& v) { s->Bind(i, std::string_view(v)); }
inline void BindOne(PgStmt* s, int i, const char* v) { s->Bind(i, std::string_view(v)); }
inline void BindOne(PgStmt* s, int i, OrNull v) { s->BindTextOrNull(i, v.text); }
inline void BindOne(PgStmt* s, int i, bool v) { s->Bind(i, static_cast<int64_t>(v ? 1 : 0)); }
inline void BindOne(PgStmt* s, int i, double v) { s->Bind(i, v); }
template <typename T>
  requires std::is_integral_v<T>
void BindOne(PgStmt* s, int i, T v) {
  s->Bind(i, static_cast<int64_t>(v));
}
template <typename T>
void BindOne(PgStmt* s, int i, const std::optional<T>& v) {
  s->Bind(i, v);
}

// Binds `args` to $1, $2, ... of `s`; returns `s`.
template <typename... A>
PgStmt* BindAll(PgStmt* s, const A&... args) {
  int i = 0;
  (BindOne(s, ++i, args), ...);
  return s;
}

// Reads every remaining row of `s` with `read`.
template <typename T, typename F>
Result<std::vector<T>> Rows(PgStmt* s, F read) {
  std::vector<T> out;
  for (;;) {
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(read(s));
  }
  return out;
}

// The first row of `s` read with `read`, or nullopt.
template <typename T, typename F>
Result<std::optional<T>> One(PgStmt* s, F read) {
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  std::optional<T> out;
  if (row) out = read(s);
  s->Reset();
  return out;
}

// The first column of the first row as an integer (an INSERT ... RETURNING id), 0 for none.
inline Result<int64_t> FirstInt(PgStmt* s) {
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  int64_t v = row ? s->Int(0) : 0;
  s->Reset();
  return v;
}

// Calls `fn(s)` for every row of `s`; stops at the first error it returns.
template <typename F>
Status EachRow(PgStmt* s, F fn) {
  for (;;) {
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Ok();
    Status st = fn(s);
    if (!st.ok()) {
      s->Reset();
      return st;
    }
  }
}

// `run` (the status of running `s`), or kNotFound (`id`, `what`) when `s` changed no row.
inline Status ChangedOne(PgStmt* s, Status run, const char* id, const std::string& what) {
  TEND_RETURN_IF_ERROR(run);
  if (s->Affected() == 0) return NotFound(id, what);
  return Status::Ok();
}

// "SELECT <cols> FROM <rest>" (rest: the table and what follows it).
inline std::string SelectSql(std::string_view cols, std::string_view rest) {
  return "SELECT " + std::string(cols) + " FROM " + std::string(rest);
}

// "$from,$from+1,...": `n` placeholders.
std::string Placeholders(int from, int n);

// INSERT INTO table (cols) VALUES ($1..$n) [ON CONFLICT (key) DO UPDATE SET c = excluded.c
// for every column in neither key nor keep] [suffix]. `cols` is "a, b, c"; `key` empty: a
// plain insert; `keep`: columns an update leaves as first written.
std::string InsertSql(std::string_view table, std::string_view cols, std::string_view key,
                      std::string_view suffix = "", std::string_view keep = "");

// "$1 = ANY($k::text[])"-ready array literal of `values` ({"a","b"} with quoting).
std::string TextArray(const std::vector<std::string>& values);

}  // namespace tend::store::pg

#endif  // TEND_STORE_PG_ROWS_H_
