#include "ingest/segment_archive.h"

#include <zlib.h>

#include <unordered_map>

#include "common/field_parse.h"
#include "ingest/segment.h"

namespace tend::ingest {

namespace {

bool EndsWith(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The whole file, decompressed when it is gzip (zlib reads plain files as they are).
Result<std::string> ReadAll(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return NotFound("import.cannotRead", path + ": cannot be read");
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  int err = 0;
  const char* what = gzerror(f, &err);
  std::string message = err != Z_OK && err != Z_STREAM_END && what ? what : "";
  gzclose(f);
  if (n < 0 || !message.empty())
    return InvalidArgument("import.badArchive",
                           path + ": cannot be decompressed (" +
                               (message.empty() ? std::string("read error") : message) + ")");
  return out;
}

}  // namespace

bool IsSegmentArchive(const std::string& path) {
  std::string p = EndsWith(path, ".gz") ? path.substr(0, path.size() - 3) : path;
  return EndsWith(p, ".jsonl") || EndsWith(p, ".ndjson");
}

Result<MappedFile> ReadSegmentArchive(const std::string& path, ArchiveCounts* counts) {
  TEND_ASSIGN_OR_RETURN(std::string text, ReadAll(path));
  struct Line {
    int64_t number;
    SegmentMessage message;
    std::string problem;
  };
  // Pass 1: parse every line; group calls map users to accounts.
  std::vector<Line> lines;
  std::unordered_map<std::string, std::string> group_of;
  const EpochMs received = NowMs();
  int64_t number = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) continue;
    ++counts->lines;
    auto parsed = ParseSegment("message", line, received);
    if (!parsed.ok()) {
      lines.push_back({number, {}, parsed.status().message()});
      continue;
    }
    if (parsed->messages.empty()) {
      ++counts->skipped;
      lines.push_back({number, {}, "no userId or anonymousId, or a type other than track, page, "
                                   "screen, identify, group"});
      continue;
    }
    SegmentMessage& m = parsed->messages[0];
    if (m.type == SegmentType::kGroup) {
      ++counts->groups;
      if (!m.group_id.empty()) group_of[m.user_id] = m.group_id;
      continue;
    }
    if (m.type == SegmentType::kIdentify) {
      ++counts->identifies;
      continue;
    }
    lines.push_back({number, std::move(m), ""});
  }
  // Pass 2: the events, in tend's events layout.
  MappedFile out;
  out.source = path;
  out.SetHeader({"ts", "account_id", "user_id", "event", "message_id"});
  out.labels = {{"ts", "timestamp (ts)"},
                {"account_id", "context.groupId (account_id)"},
                {"user_id", "userId (user_id)"},
                {"event", "event"},
                {"message_id", "messageId (message_id)"}};
  for (Line& l : lines) {
    const size_t record = out.canonical_lines.size();
    std::vector<std::string> v(5);
    if (!l.problem.empty()) {
      out.row_problems[record].push_back({"", l.problem});
    } else {
      SegmentMessage& m = l.message;
      std::string account = m.group_id;
      if (account.empty()) {
        auto g = group_of.find(m.user_id);
        if (g != group_of.end()) account = g->second;
      }
      if (account.empty()) {
        out.row_problems[record].push_back(
            {"account_id", "no account: the message has no context.groupId and its user (" +
                               m.user_id + ") no group call in the file"});
      } else {
        v = {FormatTime(m.ts), account, m.user_id, m.event, m.message_id};
        ++counts->events;
      }
    }
    out.AppendRecord(v, l.number);
  }
  return out;
}

}  // namespace tend::ingest
