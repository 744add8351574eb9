// Segment archives: events from JSON Lines in Segment's message shape (`type`, `messageId`,
// `userId`/`anonymousId`, `event`, `timestamp`, `context.groupId`, `properties`), as
// warehouses and S3 exports write them; `.jsonl`, `.ndjson`, and either gzip-compressed
// (`.gz`). `tend import events FILE.jsonl` reads one through the events importer.
//
// Each line is one message, parsed as the ingestion API parses it (ingest/segment.h: the
// same page and screen names, the same times). track, page and screen lines become events;
// their account is `context.groupId`, else the account of the user's group call anywhere in
// the file (the last one). group lines only attribute users; identify lines are counted and
// not applied (contacts come from contacts.csv or the API). Blank lines are skipped.
//
// Problems are per line, as in a CSV import (`events.jsonl:17: ...`): a line that is not a
// JSON object, an event without a user, an event whose account cannot be told.
#ifndef TEND_INGEST_SEGMENT_ARCHIVE_H_
#define TEND_INGEST_SEGMENT_ARCHIVE_H_

#include <string>

#include "common/result.h"
#include "ingest/import_mapping.h"

namespace tend::ingest {

// Whether `path` names a Segment archive (.jsonl, .ndjson, optionally .gz).
bool IsSegmentArchive(const std::string& path);

struct ArchiveCounts {
  int64_t lines = 0, events = 0, groups = 0, identifies = 0, skipped = 0;
};

// Reads the archive at `path` into the events file layout (header ts, account_id, user_id,
// event, message_id) for the importer. Fails only when the file cannot be read (or
// decompressed).
Result<MappedFile> ReadSegmentArchive(const std::string& path, ArchiveCounts* counts);

}  // namespace tend::ingest

#endif  // TEND_INGEST_SEGMENT_ARCHIVE_H_
