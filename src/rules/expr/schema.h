// Schema: how the Checker learns the type of each name an expression references.
// Declared here so the checker does not depend on program.h; program.h re-exports it.
#ifndef TEND_RULES_EXPR_SCHEMA_H_
#define TEND_RULES_EXPR_SCHEMA_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/column.h"

namespace tend::rules::expr {

// Resolves names at check time. Return nullopt for unknown names.
// Names are passed in canonical form: lower-cased, dotted parts kept (`health.overall`).
// Implementations must be usable from the thread calling Program::Compile only.
class Schema {
 public:
  virtual ~Schema() = default;
  virtual std::optional<ValueType> TypeOf(std::string_view name) const = 0;
};

// A simple map-backed Schema for tests and callers. Add lower-cases `name`, so lookups are
// case-insensitive; adding a name twice replaces its type. A name of type kNull behaves as
// a NULL literal (its input column is never read).
class MapSchema : public Schema {
 public:
  void Add(std::string name, ValueType t);
  std::optional<ValueType> TypeOf(std::string_view name) const override;

 private:
  std::map<std::string, ValueType, std::less<>> types_;
};

}  // namespace tend::rules::expr

#endif  // TEND_RULES_EXPR_SCHEMA_H_
