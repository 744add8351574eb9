// Segment HTTP Tracking API parsing micro-benchmarks (Google Benchmark).
//
//   BM_ParseBatch:  one /v1/batch body of just under 500 KB (kMaxBatchBytes) holding ~1500
//                   track events shaped like analytics-node's (messageId, timestamp,
//                   properties, context with groupId and library). Reports events/s
//                   (items_per_second) and bytes/s.
//   BM_ParseTrack:  one /v1/track body of the same shape.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

#include "ingest/segment.h"

namespace {

using tend::ingest::kMaxBatchBytes;
using tend::ingest::ParseSegment;

constexpr tend::EpochMs kReceived = 1'780'000'000'000;

std::string TrackEvent(int i) {
  char buf[768];
  std::snprintf(buf, sizeof buf,
                R"({"type":"track","event":"Report %s","userId":"user-%05d",)"
                R"("messageId":"5f0b1c9e-3a7d-4c2b-9e1f-%012d",)"
                R"("timestamp":"2026-06-01T12:%02d:%02d.%03dZ",)"
                R"("properties":{"report_id":%d,"rows":%d,"format":"csv","shared":%s,)"
                R"("filters":["region","plan"]},)"
                R"("context":{"groupId":"acct-%04d","library":{"name":"analytics-node",)"
                R"("version":"2.1.0"},"ip":"10.0.%d.%d"}})",
                i % 3 == 0 ? "Built" : "Exported", i % 4000, i, i % 60, (i * 7) % 60,
                (i * 13) % 1000, i, i * 17 % 5000, i % 2 ? "true" : "false", i % 900, i % 256,
                (i * 3) % 256);
  return buf;
}

// {"batch":[...],"sentAt":...} of at most kMaxBatchBytes; *events is the message count.
std::string MakeBatch(int* events) {
  const std::string tail = R"(],"sentAt":"2026-06-01T12:59:59.000Z"})";
  std::string body = R"({"batch":[)";
  *events = 0;
  for (int i = 0;; ++i) {
    std::string event = TrackEvent(i);
    if (body.size() + event.size() + 1 + tail.size() > kMaxBatchBytes) break;
    if (i > 0) body += ',';
    body += event;
    ++*events;
  }
  return body + tail;
}

void BM_ParseBatch(benchmark::State& state) {
  int events = 0;
  const std::string body = MakeBatch(&events);
  for (auto _ : state) {
    auto r = ParseSegment("batch", body, kReceived);
    if (!r.ok() || static_cast<int>(r->messages.size()) != events) {
      state.SkipWithError(r.ok() ? "wrong message count" : r.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(r);
  }
  state.counters["events"] = events;
  state.SetItemsProcessed(state.iterations() * events);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(body.size()));
}
BENCHMARK(BM_ParseBatch)->Unit(benchmark::kMicrosecond);

void BM_ParseTrack(benchmark::State& state) {
  std::string body = TrackEvent(1);
  body.erase(1, std::string_view(R"("type":"track",)").size());
  for (auto _ : state) {
    auto r = ParseSegment("track", body, kReceived);
    if (!r.ok() || r->messages.size() != 1) {
      state.SkipWithError("parse failed");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseTrack);

}  // namespace

BENCHMARK_MAIN();
