// Segment HTTP Tracking API messages: parsing the bodies of POST /v1/track, /v1/identify,
// /v1/group, /v1/page, /v1/screen and /v1/batch into plain messages, on the ingestion hot
// path (simdjson).
//
// Behaviour follows Segment's API: a message larger than 32 KB (kMaxMessageBytes) or a batch
// body larger than 500 KB (kMaxBatchBytes) is refused ("segment.messageTooLarge",
// "segment.batchTooLarge"), as is a body that is not JSON or not an object
// ("segment.badJson", with the byte offset when simdjson gives one); all are kInvalidArgument
// and the server answers 400, as Segment does. Anything else is accepted: a message without
// userId/anonymousId, or of an unknown type, is skipped and counted in `skipped` (Segment
// answers 200 and drops it too).
//
// Browsers (analytics.js) send the write key in the body: `writeKey` at the top of a
// message or of a batch (or in a batch's messages) is returned in SegmentBatch::write_key.
//
// Page views are recorded as the event "Page Viewed <path>" (PagePath: the page's path
// without query, fragment or trailing slash, id-like segments as ":id"), or "Page Viewed"
// when no path is known; screens as "Screen Viewed <name>" or "Screen Viewed". The metrics
// engine treats every "Page Viewed ..." name as the event "Page Viewed" too
// (metrics/event_match.h).
//
// Times: `timestamp` when given; else `originalTimestamp` corrected by the client's clock
// skew (received - (sentAt - originalTimestamp)) when sentAt is given; else
// `originalTimestamp`; else the time received. A time that is not ISO-8601 counts as absent.
#ifndef TEND_INGEST_SEGMENT_H_
#define TEND_INGEST_SEGMENT_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace tend::ingest {

inline constexpr size_t kMaxMessageBytes = 32 * 1024;
inline constexpr size_t kMaxBatchBytes = 500 * 1024;

enum class SegmentType { kTrack, kIdentify, kGroup, kPage, kScreen };

// A trait (or property): its key and its value as text (strings as they are, numbers as written in
// the JSON, booleans "true"/"false"); `number` is set for JSON numbers. Nested objects and arrays
// are skipped, except that an object trait `address` etc. is ignored entirely.
struct SegmentTrait {
  std::string key, text;
  std::optional<double> number;
};

struct SegmentMessage {
  SegmentType type = SegmentType::kTrack;
  std::string message_id;  // empty when the client sent none
  // userId, else anonymousId (the user the event belongs to).
  std::string user_id;
  // group: the groupId; other types: context.groupId (empty when absent).
  std::string group_id;
  // track: the event name; page: "Page Viewed" (name in `name`); screen: "Screen Viewed".
  std::string event;
  std::string name;  // page/screen name
  EpochMs ts = 0;
  std::vector<SegmentTrait> traits;  // identify/group traits (also context.traits on others)
  // track/page/screen: the scalar properties (nested ones are skipped); a page call's url,
  // path, referrer, title and search come from context.page when properties lack them.
  std::vector<SegmentTrait> properties;
};

struct SegmentBatch {
  std::vector<SegmentMessage> messages;
  int skipped = 0;  // messages dropped (no user, unknown type)
  std::string write_key;  // `writeKey` from the body, when it has one
};

// The event-name form of a page's path or URL: the path only (no scheme, host, query or
// fragment), a leading "/", no trailing "/", runs of "/" collapsed, segments that look like
// ids (digits only, UUIDs, 16+ letters and digits mixed) as ":id", at most 200 bytes.
// "" when `path_or_url` is empty.
std::string PagePath(std::string_view path_or_url);

// Parses the body of /v1/<kind>: kind is "batch" (a {"batch": [...]} object, whose
// messages carry their own "type") or one of "track", "identify", "group", "page",
// "screen" (one message), or "message" (one message with its own "type": a line of a
// Segment archive, ingest/segment_archive.h). `received` is the server's time of arrival.
Result<SegmentBatch> ParseSegment(std::string_view kind, std::string_view body,
                                  EpochMs received);

}  // namespace tend::ingest

#endif  // TEND_INGEST_SEGMENT_H_
