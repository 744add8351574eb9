// Fuzzes definitions::Compile (YAML definitions as code) with arbitrary file contents.
//
// Invariants: Compile never crashes and never lets an exception out (yaml-cpp throws; the
// compiler turns that into messages); a failure has at least one message, each starting
// with the file name ("defs.yaml:").
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>

#include "definitions/definitions.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string yaml(reinterpret_cast<const char*>(data), size);
  std::vector<tend::store::AttributeDef> attrs;
  auto r = tend::definitions::Compile({{"defs.yaml", yaml}}, attrs);
  if (auto* errors = std::get_if<std::vector<std::string>>(&r)) {
    if (errors->empty()) {
      std::fprintf(stderr, "definitions_fuzz: a failure without messages\n");
      std::abort();
    }
    for (const auto& e : *errors) {
      if (e.rfind("defs.yaml", 0) != 0) {
        std::fprintf(stderr, "definitions_fuzz: a message without the file: %s\n", e.c_str());
        std::abort();
      }
    }
  }
  return 0;
}
