#include "ingest/segment.h"

#include <simdjson.h>

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
  std::string message_id, user_id, anonymous_id, group_id, event, name;
  std::optional<EpochMs> timestamp, original_timestamp, sent_at;
  std::vector<SegmentTrait> traits;
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
    } else if (key == "context") {
      e = ReadContext(v, d, &p->context);
    } else {
      e = Validate(v, d);
    }
    if (e) return e;
  }
  return SUCCESS;
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
    switch (m.type) {
      case SegmentType::kTrack:
        m.event = std::move(p.event);
        break;
      case SegmentType::kPage:
        m.event = "Page Viewed";
        m.name = std::move(p.name);
        break;
      case SegmentType::kScreen:
        m.event = "Screen Viewed";
        m.name = std::move(p.name);
        break;
      case SegmentType::kIdentify:
      case SegmentType::kGroup:
        break;
    }
  }
  return out;
}

std::string Kb(size_t bytes) { return std::to_string(bytes / 1024) + " KB"; }

// One parse of one body.
class BodyParser {
 public:
  explicit BodyParser(std::string_view body) : padded_(body) {}

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
    if (batch) {
      Status status = ReadBatch(root, &pending, &skipped, &batch_context, &batch_sent_at);
      if (!status.ok()) return status;
    } else {
      Pending& p = pending.emplace_back();
      if (auto e = ReadMessage(root, 1, &p)) return BadJson(e, /*located=*/true);
      p.type = single_type;  // the endpoint decides, whatever the body's "type" says
    }
    // At the end of the body the iterator has no location (simdjson 3.0 has no at_end()).
    const char* after;
    if (doc_.current_location().get(after) == SUCCESS) {
      return InvalidArgument("segment.badJson", "body is not valid JSON: unexpected content " +
                                                    Where() + " after the object");
    }
    return Resolve(pending, skipped, batch_context, batch_sent_at, received);
  }

 private:
  // {"batch": [...], "context": {...}, "sentAt": "..."}; other keys are validated and ignored.
  Status ReadBatch(od::object root, std::vector<Pending>* pending, int* skipped,
                   std::optional<Context>* batch_context, std::optional<EpochMs>* batch_sent_at) {
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
  return parser.Parse(batch ? std::nullopt : TypeFromName(kind), batch, received);
}

}  // namespace tend::ingest
