// Routes: Segment's HTTP Tracking API (/v1/track, identify, group, page, screen, batch),
// authenticated with a write key. Answers as Segment does: 200 {"success": true} once the
// batch is durable; 400 for malformed JSON and oversized messages or batches.
#include "api/route.h"
#include "ingest/segment.h"

namespace tend::api {

namespace {

Status Ingest(Ctx& c, std::string_view kind) {
  auto batch = ingest::ParseSegment(kind, c.body, NowMs());
  if (!batch.ok()) {
    // Segment answers 400 for all of these.
    return InvalidArgument("api.badRequest", batch.status().message().empty()
                                                 ? batch.status().id()
                                                 : batch.status().message());
  }
  TEND_ASSIGN_OR_RETURN(IngestReport r, c.state.live->Ingest(*batch));
  c.Send(200, {{"success", true},
               {"accepted", r.accepted},
               {"duplicates", r.duplicates},
               {"skipped", r.skipped},
               {"unattributed", r.unattributed},
               {"held", r.held}});
  return Status::Ok();
}

Status Track(Ctx& c) { return Ingest(c, "track"); }
Status Identify(Ctx& c) { return Ingest(c, "identify"); }
Status Group(Ctx& c) { return Ingest(c, "group"); }
Status Page(Ctx& c) { return Ingest(c, "page"); }
Status Screen(Ctx& c) { return Ingest(c, "screen"); }
Status Batch(Ctx& c) { return Ingest(c, "batch"); }

}  // namespace

void AddIngestRoutes(std::vector<Route>& r) {
  const size_t kMsg = ingest::kMaxMessageBytes, kBatch = ingest::kMaxBatchBytes;
  r.push_back({"POST", "/v1/track", Access::kWriteKey, "ingestion",
               "record an event (Segment track)", Track,
               "!event:string,userId:string,anonymousId:string,messageId:string,timestamp:string,"
               "properties:object,context:object",
               "", kMsg});
  r.push_back({"POST", "/v1/identify", Access::kWriteKey, "ingestion",
               "create or update a contact from traits (Segment identify)", Identify,
               "userId:string,anonymousId:string,traits:object,context:object", "", kMsg});
  r.push_back({"POST", "/v1/group", Access::kWriteKey, "ingestion",
               "tie a user to an account and update its traits (Segment group)", Group,
               "!groupId:string,userId:string,anonymousId:string,traits:object", "", kMsg});
  r.push_back({"POST", "/v1/page", Access::kWriteKey, "ingestion",
               "record a page view (Segment page)", Page,
               "userId:string,anonymousId:string,name:string,properties:object,context:object", "",
               kMsg});
  r.push_back({"POST", "/v1/screen", Access::kWriteKey, "ingestion",
               "record a screen view (Segment screen)", Screen,
               "userId:string,anonymousId:string,name:string,properties:object,context:object", "",
               kMsg});
  r.push_back({"POST", "/v1/batch", Access::kWriteKey, "ingestion",
               "record up to 500 KB of messages (Segment batch)", Batch,
               "!batch:array,context:object", "", kBatch});
}

}  // namespace tend::api
