#include "rules/expr/functions/registry.h"

#include <vector>

namespace tend::rules::expr::functions {

namespace {

const std::vector<const FunctionDef*>& Table() {
  static const std::vector<const FunctionDef*> table = [] {
    std::vector<const FunctionDef*> all;
    for (auto family :
         {ConditionalFunctions(), MathFunctions(), StringFunctions(), DateFunctions()}) {
      for (const FunctionDef& f : family) all.push_back(&f);
    }
    return all;
  }();
  return table;
}

}  // namespace

const FunctionDef* FindFunction(std::string_view name) {
  for (const FunctionDef* f : Table()) {
    if (f->name == name) return f;
  }
  return nullptr;
}

std::span<const FunctionDef* const> AllFunctions() { return Table(); }

}  // namespace tend::rules::expr::functions
