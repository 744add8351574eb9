// Fuzzes the API's JSON body parse (api/json_body.h), which every route's body goes through.
//
// Invariants: ParseJsonBody never throws or crashes; a refusal is kInvalidArgument
// "api.badJson" or "api.notObject" (a 4xx), with a message that is valid UTF-8 (it is sent
// back in the error body); a success is an object that serialises again.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/json_body.h"
#include "common/utf8.h"

namespace {

void Fail(const char* what) {
  std::fprintf(stderr, "json_body_fuzz: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto r = tend::api::ParseJsonBody(body);
  if (!r.ok()) {
    const tend::Status& st = r.status();
    if (st.code() != tend::ErrorCode::kInvalidArgument) Fail("not kInvalidArgument");
    if (st.id() != "api.badJson" && st.id() != "api.notObject") Fail("an unexpected id");
    if (!tend::IsValidUtf8(st.message())) Fail("a message that is not UTF-8");
    return 0;
  }
  if (!r->is_object()) Fail("a success that is not an object");
  (void)r->dump();  // throws (and aborts the fuzzer) on text that is not UTF-8
  return 0;
}
