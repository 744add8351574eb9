// Fuzzes the Segment-compatible ingestion parser (ingest/segment.h) with arbitrary bodies,
// for every endpoint kind.
//
// Invariants: ParseSegment never crashes and never throws; a failure is kInvalidArgument
// with a "segment." id; every message of a success has valid UTF-8 text (the edge refuses
// the rest) and a type the endpoint allows.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "ingest/segment.h"

namespace {

void Fail(const char* what, std::string_view kind, size_t size) {
  std::fprintf(stderr, "segment_fuzz: %s (/v1/%.*s, %zu bytes)\n", what,
               static_cast<int>(kind.size()), kind.data(), size);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the endpoint; the rest is the body.
  static const char* kKinds[] = {"batch", "track", "identify", "group", "page", "screen"};
  std::string_view kind = kKinds[data[0] % 6];
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto r = tend::ingest::ParseSegment(kind, body, 1'780'000'000'000);
  if (!r.ok()) {
    if (r.status().code() != tend::ErrorCode::kInvalidArgument)
      Fail("not kInvalidArgument", kind, size);
    if (r.status().id().rfind("segment.", 0) != 0) Fail("an id outside segment.", kind, size);
    return 0;
  }
  for (const auto& m : r->messages) {
    for (const std::string* s : {&m.message_id, &m.user_id, &m.group_id, &m.event, &m.name}) {
      if (!tend::IsValidUtf8(*s)) Fail("a message field that is not UTF-8", kind, size);
    }
    for (const auto& t : m.traits) {
      if (!tend::IsValidUtf8(t.key) || !tend::IsValidUtf8(t.text)) {
        Fail("a trait that is not UTF-8", kind, size);
      }
    }
  }
  return 0;
}
