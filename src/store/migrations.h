// The workspace schema as numbered, append-only migrations. Migration N upgrades a
// workspace at version N-1 to N; a released migration is never edited.
//
// Portability: plain SQL types (TEXT, INTEGER, REAL, BLOB), no SQLite-only functions in
// queries; dates are epoch days and times epoch milliseconds, both INTEGER. These are the
// SQLite dialect's migrations (one table option, WITHOUT ROWID, is SQLite's own); the
// PostgreSQL store will carry its own numbered list with the same schema.
#ifndef TEND_STORE_MIGRATIONS_H_
#define TEND_STORE_MIGRATIONS_H_

#include <span>
#include <string_view>

namespace tend::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

// All migrations in order; the last one's version is the newest schema this binary knows.
std::span<const Migration> Migrations();

}  // namespace tend::store

#endif  // TEND_STORE_MIGRATIONS_H_
