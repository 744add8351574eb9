// Checker: static typing of a parsed expression against a Schema.
//
// Annotates every node's `type` in place and rewrites text literals that are compared with
// (or unified with) a date into date literals. Collects ALL type errors rather than
// stopping at the first; a node whose operand already failed reports nothing more, so one
// mistake produces one diagnostic.
#ifndef TEND_RULES_EXPR_CHECKER_H_
#define TEND_RULES_EXPR_CHECKER_H_

#include <vector>

#include "rules/expr/ast.h"
#include "rules/expr/diagnostic.h"
#include "rules/expr/schema.h"

namespace tend::rules::expr {

// Type-checks `root`. Returns the diagnostics sorted by position (empty means the tree is
// well-typed and every node's `type` is set). Ids: "expr.unknownName",
// "expr.unknownFunction", "expr.arity", "expr.typeMismatch", "expr.badDate".
std::vector<Diagnostic> Check(Expr& root, const Schema& schema);

}  // namespace tend::rules::expr

#endif  // TEND_RULES_EXPR_CHECKER_H_
