// What a statement of either store (sqlite_db.h's Stmt, pg_db.h's PgStmt) derives from its
// basic binds and reads: optional values bound as NULL when empty, and NULL-aware reads.
// CRTP: `S` has Bind(int, int64_t), Bind(int, double), Bind(int, std::string_view),
// BindNull(int), IsNull(int), Int(int), Double(int) and Text(int).
#ifndef TEND_STORE_STMT_VALUES_H_
#define TEND_STORE_STMT_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace tend::store {

template <typename S>
class StmtValues {
 public:
  template <typename T>
  S& Bind(int i, const std::optional<T>& v) {
    if (!v) return self().BindNull(i);
    if constexpr (std::is_floating_point_v<T>) {
      return self().Bind(i, static_cast<double>(*v));
    } else if constexpr (std::is_integral_v<T>) {
      return self().Bind(i, static_cast<int64_t>(*v));
    } else {
      return self().Bind(i, std::string_view(*v));
    }
  }
  // Empty text binds NULL.
  S& BindTextOrNull(int i, std::string_view v) {
    return v.empty() ? self().BindNull(i) : self().Bind(i, v);
  }

  std::optional<double> OptDouble(int col) const {
    return self().IsNull(col) ? std::nullopt : std::optional<double>(self().Double(col));
  }
  // An epoch-day column, or nullopt for NULL.
  std::optional<int32_t> OptDay(int col) const {
    return self().IsNull(col) ? std::nullopt
                              : std::optional<int32_t>(static_cast<int32_t>(self().Int(col)));
  }
  std::optional<int64_t> OptInt(int col) const {
    return self().IsNull(col) ? std::nullopt : std::optional<int64_t>(self().Int(col));
  }
  std::string Str(int col) const { return std::string(self().Text(col)); }

 private:
  S& self() { return static_cast<S&>(*this); }
  const S& self() const { return static_cast<const S&>(*this); }
};

}  // namespace tend::store

#endif  // TEND_STORE_STMT_VALUES_H_
