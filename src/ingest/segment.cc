#include "ingest/segment.h"

#include <simdjson.h>

#include <algorithm>
#include <string>

#include "common/utf8.h"

namespace tend::ingest {

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

// Values nested deeper than this are refused, as simdjson's DOM parser would.
constexpr int kMaxDepth = static_cast<int>(simdjson::DEFAULT_MAX_DEPTH);

std::string_view TrimJsonSpace(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<SegmentType> TypeFromName(std::string_view name) {
  if (name == "track") return SegmentType::kTrack;
  if (name == "identify") return SegmentType::kIdentify;
  if (name == "group") return SegmentType::kGroup;
  if (name == "page") return SegmentType::kPage;
  if (name == "screen") return SegmentType::kScreen;
  return std::nullopt;
}

// Reads true or false. A token that starts like one but is not (`tru`) is an atom error:
// simdjson says INCORRECT_TYPE, which reads oddly in a message about a malformed body.
error_code ReadBool(od::value v, bool* out) {
  const bool t = v.raw_json_token().starts_with('t');
  if (v.get_bool().get(*out)) return t ? simdjson::T_ATOM_ERROR : simdjson::F_ATOM_ERROR;
  return SUCCESS;
}

// Walks a value that is not otherwise read. On-Demand checks only what it visits, so every
// value is visited: a body that is not JSON is refused wherever the fault is.
error_code Validate(od::value v, int depth) {
  if (depth > kMaxDepth) return simdjson::DEPTH_ERROR;
  od::json_type type;
  if (auto e = v.type().get(type)) return e;
  switch (type) {
    case od::json_type::object: {
      od::object obj;
      if (auto e = v.get_object().get(obj)) return e;
      for (auto field : obj) {
        std::string_view key;  // unescaping checks the key's escapes
        if (auto e = field.unescaped_key().get(key)) return e;
        od::value child;
        if (auto e = field.value().get(child)) return e;
        if (auto e = Validate(child, depth + 1)) return e;
      }
      return SUCCESS;
    }
    case od::json_type::array: {
      od::array arr;
      if (auto e = v.get_array().get(arr)) return e;
      for (auto element : arr) {
        od::value child;
        if (auto e = element.get(child)) return e;
        if (auto e = Validate(child, depth + 1)) return e;
      }
      return SUCCESS;
    }
    case od::json_type::string: {
      std::string_view s;
      return v.get_string().get(s);
    }
    case od::json_type::number: {
      double d;
      return v.get_double().get(d);
    }
    case od::json_type::boolean: {
      bool b;
      return ReadBool(v, &b);
    }
    case od::json_type::null: {
      bool is_null;
      if (auto e = v.is_null().get(is_null)) return e;
      return is_null ? SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::TAPE_ERROR;
}

// A value read as text: strings unescaped, numbers as written, booleans "true"/"false".
// Objects, arrays and null are validated and leave `text` empty; `type` says which it was.
struct Scalar {
  od::json_type type = od::json_type::null;
  std::string_view text;  // points into the parser or the padded body
  double number = 0;

  bool IsId() const { return type == od::json_type::string || type == od::json_type::number; }
};

error_code ReadScalar(od::value v, int depth, Scalar* out) {
  if (auto e = v.type().get(out->type)) return e;
  switch (out->type) {
    case od::json_type::string:
      return v.get_string().get(out->text);
    case od::json_type::number:
      out->text = TrimJsonSpace(v.raw_json_token());  // before get_double() consumes it
      return v.get_double().get(out->number);
    case od::json_type::boolean: {
      bool b;
      if (auto e = ReadBool(v, &b)) return e;
      out->text = b ? "true" : "false";
      return SUCCESS;
    }
    default:
      return Validate(v, depth);
  }
}

// Reads a string or number (an id) into *out; other types leave it as it is.
error_code ReadId(od::value v, int depth, std::string* out) {
  Scalar s;
  if (auto e = ReadScalar(v, depth, &s)) return e;
  if (s.IsId()) out->assign(s.text);
  return SUCCESS;
}

// Reads a string into *out; other types leave it as it is.
error_code ReadString(od::value v, int depth, std::string* out) {
  Scalar s;
  if (auto e = ReadScalar(v, depth, &s)) return e;
  if (s.type == od::json_type::string) out->assign(s.text);
  return SUCCESS;
}

// Reads an ISO-8601 time; anything else leaves *out absent.
error_code ReadTime(od::value v, int depth, std::optional<EpochMs>* out) {
  Scalar s;
  if (auto e = ReadScalar(v, depth, &s)) return e;
  *out = s.type == od::json_type::string ? ParseTime(s.text) : std::nullopt;
  return SUCCESS;
}

// Reads a traits object: string, number and boolean traits; nested ones and nulls are skipped.
error_code ReadTraits(od::value v, int depth, std::vector<SegmentTrait>* out) {
  od::json_type type;
  if (auto e = v.type().get(type)) return e;
  if (type != od::json_type::object) return Validate(v, depth);
  od::object obj;
  if (auto e = v.get_object().get(obj)) return e;
  out->clear();
  for (auto field : obj) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    od::value child;
    if (auto e = field.value().get(child)) return e;
    Scalar s;
    if (auto e = ReadScalar(child, depth + 1, &s)) return e;
    if (s.type == od::json_type::string || s.type == od::json_type::boolean) {
      out->push_back(SegmentTrait{std::string(key), std::string(s.text), std::nullopt});
    } else if (s.type == od::json_type::number) {
      out->push_back(SegmentTrait{std::string(key), std::string(s.text), s.number});
    }
  }
  return SUCCESS;
}

// The parts of a message's "context" that tend keeps.
struct Context {
  std::string group_id;
  std::vector<SegmentTrait> traits;
  std::vector<SegmentTrait> page;  // context.page: url, path, referrer, title, search
};

// Reads "context"; a context that is not an object counts as absent.
error_code ReadContext(od::value v, int depth, std::optional<Context>* out) {
  od::json_type type;
  if (auto e = v.type().get(type)) return e;
  if (type != od::json_type::object) return Validate(v, depth);
  od::object obj;
  if (auto e = v.get_object().get(obj)) return e;
  Context& context = out->emplace();
  for (auto field : obj) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    od::value child;
    if (auto e = field.value().get(child)) return e;
    error_code e;
    if (key == "groupId") {
      e = ReadId(child, depth + 1, &context.group_id);
    } else if (key == "traits") {
      e = ReadTraits(child, depth + 1, &context.traits);
    } else if (key == "page") {
      e = ReadTraits(child, depth + 1, &context.page);
    } else {
      e = Validate(child, depth + 1);
    }
    if (e) return e;
  }
  return SUCCESS;
}

// A message as read, before its type and the batch's defaults decide what it becomes (the
// fields of a JSON object come in any order).
struct Pending {
  std::optional<SegmentType> type;
  std::string message_id, user_id, anonymous_id, group_id, event, name, write_key;
  std::optional<EpochMs> timestamp, original_timestamp, sent_at;
  std::vector<SegmentTrait> traits, properties;
  std::optional<Context> context;
};

error_code ReadMessage(od::object obj, int depth, Pending* p) {
  for (auto field : obj) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    od::value v;
    if (auto e = field.value().get(v)) return e;
    const int d = depth + 1;
    error_code e;
    if (key == "type") {
      std::string type;
      e = ReadString(v, d, &type);
      p->type = TypeFromName(type);
    } else if (key == "userId") {
      e = ReadId(v, d, &p->user_id);
    } else if (key == "anonymousId") {
      e = ReadId(v, d, &p->anonymous_id);
    } else if (key == "messageId") {
      e = ReadId(v, d, &p->message_id);
    } else if (key == "groupId") {
      e = ReadId(v, d, &p->group_id);
    } else if (key == "event") {
      e = ReadString(v, d, &p->event);
    } else if (key == "name") {
      e = ReadString(v, d, &p->name);
    } else if (key == "timestamp") {
      e = ReadTime(v, d, &p->timestamp);
    } else if (key == "originalTimestamp") {
      e = ReadTime(v, d, &p->original_timestamp);
    } else if (key == "sentAt") {
      e = ReadTime(v, d, &p->sent_at);
    } else if (key == "traits") {
      e = ReadTraits(v, d, &p->traits);
    } else if (key == "properties") {
      e = ReadTraits(v, d, &p->properties);
    } else if (key == "writeKey") {
      e = ReadString(v, d, &p->write_key);
    } else if (key == "context") {
      e = ReadContext(v, d, &p->context);
    } else {
      e = Validate(v, d);
    }
    if (e) return e;
  }
  return SUCCESS;
}

// At most `max` bytes of `s`, not cutting a UTF-8 sequence.
std::string Utf8Prefix(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

const SegmentTrait* FindProperty(const std::vector<SegmentTrait>& list, std::string_view key) {
  for (const SegmentTrait& t : list) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

EpochMs ResolveTime(const Pending& p, std::optional<EpochMs> sent_at, EpochMs received) {
  if (p.timestamp) return *p.timestamp;
  if (p.original_timestamp) {
    if (sent_at) return received - (*sent_at - *p.original_timestamp);
    return *p.original_timestamp;
  }
  return received;
}

// Turns what was read into messages; `batch_context` and `batch_sent_at` (from the top of a
// batch body) stand in for a message's own when it has none.
SegmentBatch Resolve(std::vector<Pending>& pending, int skipped,
                     const std::optional<Context>& batch_context,
                     std::optional<EpochMs> batch_sent_at, EpochMs received) {
  SegmentBatch out;
  out.skipped = skipped;
  out.messages.reserve(pending.size());
  for (Pending& p : pending) {
    std::string& user = p.user_id.empty() ? p.anonymous_id : p.user_id;
    if (!p.type || user.empty()) {
      ++out.skipped;
      continue;
    }
    SegmentMessage& m = out.messages.emplace_back();
    m.type = *p.type;
    m.message_id = std::move(p.message_id);
    m.user_id = std::move(user);
    m.ts = ResolveTime(p, p.sent_at ? p.sent_at : batch_sent_at, received);
    const Context* context = p.context ? &*p.context : batch_context ? &*batch_context : nullptr;
    if (m.type == SegmentType::kGroup) {
      m.group_id = std::move(p.group_id);
    } else if (context != nullptr) {
      m.group_id = context->group_id;
    }
    if (m.type == SegmentType::kIdentify || m.type == SegmentType::kGroup) {
      m.traits = std::move(p.traits);
    } else if (context != nullptr) {
      m.traits = context->traits;
    }
    if (m.type == SegmentType::kTrack || m.type == SegmentType::kPage ||
        m.type == SegmentType::kScreen) {
      m.properties = std::move(p.properties);
    }
    switch (m.type) {
      case SegmentType::kTrack:
        m.event = std::move(p.event);
        break;
      case SegmentType::kPage: {
        if (context != nullptr) {
          for (const SegmentTrait& t : context->page) {
            if (!FindProperty(m.properties, t.key)) m.properties.push_back(t);
          }
        }
        const SegmentTrait* path = FindProperty(m.properties, "path");
        if (path == nullptr || path->text.empty()) path = FindProperty(m.properties, "url");
        std::string page = path ? PagePath(path->text) : "";
        m.event = page.empty() ? "Page Viewed" : "Page Viewed " + page;
        m.name = std::move(p.name);
        break;
      }
      case SegmentType::kScreen:
        m.event = p.name.empty() ? "Screen Viewed" : "Screen Viewed " + Utf8Prefix(p.name, 200);
        m.name = std::move(p.name);
        break;
      case SegmentType::kIdentify:
      case SegmentType::kGroup:
        break;
    }
  }
  return out;
}

// The first message's writeKey stands for the batch (analytics.js puts one in each).
std::string BatchWriteKey(const std::vector<Pending>& pending) {
  for (const Pending& p : pending) {
    if (!p.write_key.empty()) return p.write_key;
  }
  return "";
}

std::string Kb(size_t bytes) { return std::to_string(bytes / 1024) + " KB"; }

// One parse of one body.
class BodyParser {
 public:
  explicit BodyParser(std::string_view body) : padded_(body) {}
  // A "message": one message keeping its own "type" (not the endpoint's).
  void set_kind_is_message(bool v) { kind_is_message_ = v; }

  Result<SegmentBatch> Parse(std::optional<SegmentType> single_type, bool batch, EpochMs received) {
    // The parser keeps its buffers between bodies; one per thread.
    thread_local od::parser parser;
    std::string_view text(padded_.data(), padded_.size());
    if (auto bad = FirstInvalidUtf8(text)) {
      return InvalidArgument("segment.badJson",
                             "body is not valid JSON: " + InvalidUtf8Message(text, *bad));
    }
    if (auto e = parser.iterate(padded_).get(doc_)) return BadJson(e, /*located=*/false);
    od::json_type type;
    if (auto e = doc_.type().get(type)) return BadJson(e, /*located=*/true);
    if (type != od::json_type::object) {
      return InvalidArgument("segment.badJson", "body is not a JSON object");
    }
    od::object root;
    if (auto e = doc_.get_object().get(root)) {
      // simdjson checks up front that the body's last token closes the root object.
      if (e == simdjson::INCOMPLETE_ARRAY_OR_OBJECT) {
        return InvalidArgument("segment.badJson",
                               "body is not valid JSON: the object that starts at byte " +
                                   std::to_string(RootStart()) +
                                   " is not closed at the end of the body (truncated, or "
                                   "followed by more content)");
      }
      return BadJson(e, /*located=*/true);
    }

    std::vector<Pending> pending;
    int skipped = 0;
    std::optional<Context> batch_context;
    std::optional<EpochMs> batch_sent_at;
    std::string write_key;
    if (batch) {
      Status status =
          ReadBatch(root, &pending, &skipped, &batch_context, &batch_sent_at, &write_key);
      if (!status.ok()) return status;
      if (write_key.empty()) write_key = BatchWriteKey(pending);
    } else {
      Pending& p = pending.emplace_back();
      if (auto e = ReadMessage(root, 1, &p)) return BadJson(e, /*located=*/true);
      // The endpoint decides, whatever the body's "type" says; a "message" (a line of an
      // archive) keeps its own.
      if (!kind_is_message_) p.type = single_type;
      write_key = p.write_key;
    }
    // At the end of the body the iterator has no location (simdjson 3.0 has no at_end()).
    const char* after;
    if (doc_.current_location().get(after) == SUCCESS) {
      return InvalidArgument("segment.badJson", "body is not valid JSON: unexpected content " +
                                                    Where() + " after the object");
    }
    SegmentBatch out = Resolve(pending, skipped, batch_context, batch_sent_at, received);
    out.write_key = std::move(write_key);
    return out;
  }

 private:
  bool kind_is_message_ = false;
  // {"batch": [...], "context": {...}, "sentAt": "..."}; other keys are validated and ignored.
  Status ReadBatch(od::object root, std::vector<Pending>* pending, int* skipped,
                   std::optional<Context>* batch_context, std::optional<EpochMs>* batch_sent_at,
                   std::string* write_key) {
    for (auto field : root) {
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return BadJson(e, true);
      od::value v;
      if (auto e = field.value().get(v)) return BadJson(e, true);
      error_code e;
      if (key == "batch") {
        od::json_type type;
        if (auto te = v.type().get(type)) return BadJson(te, true);
        if (type == od::json_type::array) {
          Status status = ReadMessages(v, pending, skipped);
          if (!status.ok()) return status;
          continue;
        }
        e = Validate(v, 2);
      } else if (key == "context") {
        e = ReadContext(v, 2, batch_context);
      } else if (key == "sentAt") {
        e = ReadTime(v, 2, batch_sent_at);
      } else if (key == "writeKey") {
        e = ReadString(v, 2, write_key);
      } else {
        e = Validate(v, 2);
      }
      if (e) return BadJson(e, true);
    }
    return Status::Ok();
  }

  // The "batch" array: objects become Pending; anything else is skipped. Each element is
  // measured against kMaxMessageBytes.
  Status ReadMessages(od::value v, std::vector<Pending>* pending, int* skipped) {
    od::array arr;
    if (auto e = v.get_array().get(arr)) return BadJson(e, true);
    size_t index = 0;
    for (auto element : arr) {
      od::value message;
      if (auto e = element.get(message)) return BadJson(e, true);
      const char* start = message.raw_json_token().data();
      od::json_type type;
      if (auto e = message.type().get(type)) return BadJson(e, true);
      error_code e;
      if (type == od::json_type::object) {
        od::object obj;
        if ((e = message.get_object().get(obj))) return BadJson(e, true);
        e = ReadMessage(obj, 3, &pending->emplace_back());
      } else {
        ++*skipped;
        e = Validate(message, 3);
      }
      if (e) return BadJson(e, true);
      // The element ends where the next token (',' or ']') starts, less the spaces.
      const char* end;
      if (auto le = doc_.current_location().get(end)) return BadJson(le, true);
      const size_t size = TrimJsonSpace(std::string_view(start, end - start)).size();
      if (size > kMaxMessageBytes) {
        return InvalidArgument("segment.messageTooLarge",
                               "batch[" + std::to_string(index) + "] is " + std::to_string(size) +
                                   " bytes; a message may be at most " + Kb(kMaxMessageBytes));
      }
      ++index;
    }
    return Status::Ok();
  }

  // The offset of the body's first token.
  size_t RootStart() const {
    return std::string_view(padded_.data(), padded_.size()).find_first_not_of(" \t\n\r");
  }

  // "at byte N" where the document's iterator stands, or "at the end of the body".
  std::string Where() {
    const char* at;
    if (doc_.current_location().get(at) != SUCCESS) return "at the end of the body";
    return "at byte " + std::to_string(at - padded_.data());
  }

  Status BadJson(error_code e, bool located) {
    std::string message = "body is not valid JSON: ";
    message += simdjson::error_message(e);
    if (located) message += " (" + Where() + ")";
    return InvalidArgument("segment.badJson", std::move(message));
  }

  simdjson::padded_string padded_;
  od::document doc_;
};

}  // namespace

namespace {

bool IsIdSegment(std::string_view s) {
  auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
  auto alpha = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); };
  auto hex = [&](char ch) {
    return digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
  };
  if (s.empty()) return false;
  if (std::all_of(s.begin(), s.end(), digit)) return true;
  if (s.size() == 36) {  // a UUID: 8-4-4-4-12 hex digits
    bool uuid = true;
    for (size_t k = 0; k < s.size() && uuid; ++k) {
      uuid = (k == 8 || k == 13 || k == 18 || k == 23) ? s[k] == '-' : hex(s[k]);
    }
    if (uuid) return true;
  }
  if (s.size() >= 16 &&
      std::all_of(s.begin(), s.end(), [&](char ch) { return digit(ch) || alpha(ch); }) &&
      std::any_of(s.begin(), s.end(), digit) && std::any_of(s.begin(), s.end(), alpha)) {
    return true;
  }
  return false;
}

}  // namespace

std::string PagePath(std::string_view in) {
  std::string_view s = in;
  // A URL: drop the scheme and the host.
  if (auto scheme = s.find("://");
      scheme != std::string_view::npos && s.find_first_of("/?#") > scheme) {
    s.remove_prefix(scheme + 3);
    size_t slash = s.find_first_of("/?#");
    s.remove_prefix(slash == std::string_view::npos ? s.size() : slash);
  }
  s = s.substr(0, s.find_first_of("?#"));
  std::string out;
  size_t start = 0;
  while (start < s.size()) {
    size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) slash = s.size();
    std::string_view seg = s.substr(start, slash - start);
    start = slash + 1;
    if (seg.empty()) continue;
    std::string next = IsIdSegment(seg) ? ":id" : std::string(seg);
    if (out.size() + 1 + next.size() > 200) break;
    out += '/';
    out += next;
  }
  if (out.empty() && !in.empty()) out = "/";
  return out;
}

Result<SegmentBatch> ParseSegment(std::string_view kind, std::string_view body, EpochMs received) {
  const bool batch = kind == "batch";
  if (batch && body.size() > kMaxBatchBytes) {
    return InvalidArgument("segment.batchTooLarge", "the batch is " + std::to_string(body.size()) +
                                                        " bytes; a batch may be at most " +
                                                        Kb(kMaxBatchBytes));
  }
  if (!batch && body.size() > kMaxMessageBytes) {
    return InvalidArgument("segment.messageTooLarge",
                           "the message is " + std::to_string(body.size()) +
                               " bytes; a message may be at most " + Kb(kMaxMessageBytes));
  }
  BodyParser parser(body);
  parser.set_kind_is_message(kind == "message");
  return parser.Parse(batch ? std::nullopt : TypeFromName(kind), batch, received);
}

}  // namespace tend::ingest
