// Routes: Segment's HTTP Tracking API (/v1/track, identify, group, page, screen, batch, and
// the one-letter paths analytics.js posts to: /v1/t, /v1/i, /v1/g, /v1/p, /v1/s, /v1/b;
// alias is accepted and skipped), authenticated with a write key from the Basic header or
// the body (api/cors.h). Answers as Segment does: 200 {"success": true} once the batch is
// durable; 400 for malformed JSON and oversized messages or batches. Also the ingest log
// (GET /api/ingest/recent) and the trusted traits setting (ingest/trusted_traits.h).
#include <algorithm>

#include "api/cors.h"
#include "api/ingest_log.h"
#include "api/route.h"
#include "ingest/segment.h"
#include "ingest/trusted_traits.h"

namespace tend::api {

namespace {

const char* TypeName(ingest::SegmentType t) {
  switch (t) {
    case ingest::SegmentType::kTrack:
      return "track";
    case ingest::SegmentType::kIdentify:
      return "identify";
    case ingest::SegmentType::kGroup:
      return "group";
    case ingest::SegmentType::kPage:
      return "page";
    case ingest::SegmentType::kScreen:
      return "screen";
  }
  return "";
}

nlohmann::json TraitsJson(const std::vector<ingest::SegmentTrait>& list) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& t : list) {
    if (t.number) {
      out[t.key] = *t.number;
    } else if (t.text == "true" || t.text == "false") {
      out[t.key] = t.text == "true";
    } else {
      out[t.key] = t.text;
    }
  }
  return out;
}

void LogBatch(Ctx& c, const ingest::SegmentBatch& batch, const IngestReport& r,
              const std::vector<std::string>& ignored) {
  if (!c.state.ingest_log) return;
  const EpochMs now = NowMs();
  const std::string origin = c.req.get_header_value("Origin");
  std::vector<IngestLogEntry> entries;
  // Only the newest messages of a large batch stay in the log.
  const size_t n = batch.messages.size(), cap = c.state.ingest_log->capacity();
  entries.reserve(std::min(n, cap));
  for (size_t k = n > cap ? n - cap : 0; k < n; ++k) {
    const ingest::SegmentMessage& m = batch.messages[k];
    IngestLogEntry& e = entries.emplace_back();
    e.received_at = now;
    e.key_name = c.write_key ? c.write_key->name : "";
    e.origin = origin;
    e.type = TypeName(m.type);
    e.event = m.event;
    e.name = m.name;
    e.user_id = m.user_id;
    if (k < r.outcomes.size()) {
      e.account_id = r.outcomes[k].account_id;
      e.outcome = r.outcomes[k].what;
    }
    e.properties = m.properties;
    if (m.type == ingest::SegmentType::kIdentify || m.type == ingest::SegmentType::kGroup) {
      e.traits = m.traits;
    }
    if (m.type == ingest::SegmentType::kGroup) e.ignored_traits = ignored;
  }
  c.state.ingest_log->Add(std::move(entries));
}

Status Ingest(Ctx& c, std::string_view kind) {
  auto batch = ingest::ParseSegment(kind, c.body, NowMs());
  if (!batch.ok()) {
    // Without a key in the header, a body that cannot be read names none either.
    TEND_RETURN_IF_ERROR(AuthenticateBodyKey(c, ""));
    // Segment answers 400 for all of these.
    return InvalidArgument("api.badRequest", batch.status().message().empty()
                                                 ? batch.status().id()
                                                 : batch.status().message());
  }
  TEND_RETURN_IF_ERROR(AuthenticateBodyKey(c, batch->write_key));
  TEND_ASSIGN_OR_RETURN(auto trusted, ingest::LoadTrustedTraits(c.store));
  std::vector<std::string> ignored =
      ingest::DropUntrustedTraits(&*batch, trusted, c.write_key->browser());
  if (!ignored.empty() && c.state.metrics) {
    c.state.metrics->Add("tend_segment_traits_ignored_total",
                         "Group calls whose protected traits (csm, arr, renewal_date, "
                         "start_date) were dropped: not trusted, or sent with a browser key.");
  }
  TEND_ASSIGN_OR_RETURN(IngestReport r, c.state.live->Ingest(*batch));
  LogBatch(c, *batch, r, ignored);
  nlohmann::json answer{{"success", true},
                        {"accepted", r.accepted},
                        {"duplicates", r.duplicates},
                        {"skipped", r.skipped},
                        {"unattributed", r.unattributed},
                        {"held", r.held}};
  if (!ignored.empty()) answer["ignored_traits"] = ignored;
  c.Send(200, answer);
  return Status::Ok();
}

Status Track(Ctx& c) { return Ingest(c, "track"); }
Status Identify(Ctx& c) { return Ingest(c, "identify"); }
Status Group(Ctx& c) { return Ingest(c, "group"); }
Status Page(Ctx& c) { return Ingest(c, "page"); }
Status Screen(Ctx& c) { return Ingest(c, "screen"); }
Status Batch(Ctx& c) { return Ingest(c, "batch"); }
Status Alias(Ctx& c) { return Ingest(c, "alias"); }

Status Recent(Ctx& c) {
  int limit = 100;
  if (std::string l = c.Query("limit"); !l.empty()) {
    limit = std::atoi(l.c_str());
    if (limit < 1 || limit > 500) {
      c.error_field = "limit";
      return InvalidArgument("api.badQuery", "limit must be 1..500");
    }
  }
  nlohmann::json out = nlohmann::json::array();
  if (c.state.ingest_log) {
    for (const auto& e : c.state.ingest_log->Recent(limit, c.Query("account_id"))) {
      out.push_back({{"received_at", FormatTime(e.received_at)},
                     {"key", e.key_name},
                     {"origin", e.origin},
                     {"type", e.type},
                     {"event", e.event},
                     {"name", e.name},
                     {"user_id", e.user_id},
                     {"account_id", e.account_id},
                     {"outcome", e.outcome},
                     {"error", e.error},
                     {"properties", TraitsJson(e.properties)},
                     {"traits", TraitsJson(e.traits)},
                     {"ignored_traits", e.ignored_traits}});
    }
  }
  c.Send(200, {{"messages", out}});
  return Status::Ok();
}

nlohmann::json TrustedJson(const std::vector<std::string>& trusted) {
  nlohmann::json prot = nlohmann::json::array();
  for (auto p : ingest::kProtectedTraits) prot.push_back(std::string(p));
  return {{"trusted_traits", trusted}, {"protected_traits", prot}};
}

Status GetTrusted(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto trusted, ingest::LoadTrustedTraits(c.store));
  c.Send(200, TrustedJson(trusted));
  return Status::Ok();
}

Status PutTrusted(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  if (!j.contains("traits") || !j["traits"].is_array()) {
    return FieldError(c, "traits", "must be a list of trait names");
  }
  std::string list;
  for (const auto& t : j["traits"]) {
    if (!t.is_string()) return FieldError(c, "traits", "must be a list of trait names");
    list += t.get<std::string>() + ",";
  }
  auto trusted = ingest::ParseTrustedTraits(list);
  if (!trusted.ok()) return FieldError(c, "traits", trusted.status().message());
  TEND_RETURN_IF_ERROR(ingest::SaveTrustedTraits(c.store, *trusted));
  c.Send(200, TrustedJson(*trusted));
  return Status::Ok();
}

}  // namespace

void AddIngestRoutes(std::vector<Route>& r) {
  const size_t kMsg = ingest::kMaxMessageBytes, kBatch = ingest::kMaxBatchBytes;
  const char* kTrackBody =
      "!event:string,userId:string,anonymousId:string,messageId:string,timestamp:string,"
      "properties:object,context:object,writeKey:string";
  const char* kIdentifyBody =
      "userId:string,anonymousId:string,traits:object,context:object,writeKey:string";
  const char* kGroupBody =
      "!groupId:string,userId:string,anonymousId:string,traits:object,writeKey:string";
  const char* kPageBody =
      "userId:string,anonymousId:string,name:string,properties:object,context:object,"
      "writeKey:string";
  const char* kBatchBody = "!batch:array,context:object,writeKey:string";
  const char* kAliasBody = "userId:string,previousId:string,writeKey:string";
  // The paths of Segment's HTTP API, and the one-letter ones analytics.js posts to (the
  // first letter of the call's type; its batching posts to /v1/b).
  struct Call {
    const char* path;
    const char* short_path;
    const char* summary;
    const char* short_summary;
    Handler handler;
    const char* body;
    size_t max_body;
  };
  const Call calls[] = {
      {"/v1/track", "/v1/t", "record an event (Segment track)",
       "record an event (Segment track, analytics.js path)", Track, kTrackBody, kMsg},
      {"/v1/identify", "/v1/i", "create or update a contact from traits (Segment identify)",
       "create or update a contact (Segment identify, analytics.js path)", Identify, kIdentifyBody,
       kMsg},
      {"/v1/group", "/v1/g", "tie a user to an account and update its traits (Segment group)",
       "tie a user to an account (Segment group, analytics.js path)", Group, kGroupBody, kMsg},
      {"/v1/page", "/v1/p", "record a page view (Segment page)",
       "record a page view (Segment page, analytics.js path)", Page, kPageBody, kMsg},
      {"/v1/screen", "/v1/s", "record a screen view (Segment screen)",
       "record a screen view (Segment screen, analytics.js path)", Screen, kPageBody, kMsg},
      {"/v1/batch", "/v1/b", "record up to 500 KB of messages (Segment batch)",
       "record up to 500 KB of messages (Segment batch, analytics.js path)", Batch, kBatchBody,
       kBatch},
      {"/v1/alias", "/v1/a", "accepted and skipped: tend does not merge users (Segment alias)",
       "accepted and skipped (Segment alias, analytics.js path)", Alias, kAliasBody, kMsg},
  };
  for (const Call& k : calls) {
    r.push_back({"POST", k.path, Access::kWriteKey, "ingestion", k.summary, k.handler, k.body, "",
                 k.max_body});
  }
  for (const Call& k : calls) {
    r.push_back({"POST", k.short_path, Access::kWriteKey, "ingestion", k.short_summary, k.handler,
                 k.body, "", k.max_body});
  }
  r.push_back({"GET", "/api/ingest/recent", Access::kOps, "admin",
               "the last messages received through /v1 (newest first), with the key, origin, "
               "account, outcome and properties",
               Recent, "", "limit,account_id"});
  r.push_back({"GET", "/api/writekeys/trusted-traits", Access::kOps, "admin",
               "the protected traits (csm, arr, renewal_date, start_date) server write keys "
               "may set",
               GetTrusted});
  r.push_back({"PUT", "/api/writekeys/trusted-traits", Access::kOps, "admin",
               "name the protected traits server write keys may set (browser keys never do)",
               PutTrusted, "!traits:array"});
}

}  // namespace tend::api
