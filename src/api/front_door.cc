#include "api/front_door.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sodium.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "api/error_mapping.h"

namespace tend::api {

namespace {

constexpr size_t kReadChunk = 64 * 1024;
constexpr size_t kMaxOutBuffered = 4u << 20;  // answer bytes held for a slow reader
constexpr size_t kMaxResponseHead = 64 * 1024;

int64_t NowMsSteady() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("!#$%&'*+-.^_`|~", c);
}

// Whether the comma-separated header value contains `token` (case-insensitive).
bool HasToken(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    size_t comma = value.find(',');
    if (IEquals(Trim(value.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

// A complete error answer of the front door itself; always closes the connection.
std::string ErrorAnswer(int status, const char* reason, const Status& st, bool retry = false) {
  std::string body = ErrorBody(st);
  std::string out =
      "HTTP/1.1 " + std::to_string(status) + " " + reason +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n"
      "Cache-Control: no-store\r\n";
  if (retry) out += "Retry-After: 1\r\n";
  return out + "\r\n" + body;
}

}  // namespace

struct FrontDoor::Impl {
  struct Conn;
  // What an epoll event points at: the client or the backend side of a connection.
  struct Side {
    Conn* conn;
    bool backend;
  };

  struct Conn {
    Side client_side, backend_side;
    int fd = -1;
    SSL* ssl = nullptr;
    bool handshake_done = true;
    bool handshake_wants_write = false;
    std::string addr;
    enum class State { kIdle, kHead, kBody, kChunks, kBackend } state = State::kIdle;
    std::string in;      // bytes from the client not consumed yet
    size_t scanned = 0;  // how far `in` was searched for the end of the head
    std::string out;     // bytes for the client not written yet
    size_t out_off = 0;
    int64_t deadline = 0;      // steady ms; what happens then depends on the state
    int64_t last_write = 0;    // steady ms of the last progress writing to the client
    bool close_after = false;  // close once `out` is written
    bool client_eof = false;
    // The request being read.
    std::string head;  // rewritten for the backend, without Content-Length
    std::string body;
    size_t body_left = 0;
    bool keep_alive = true;
    bool head_request = false;
    bool expect_continue = false;
    bool had_body = false;  // the request being answered came with a body
    // Chunked request bodies: decoding state.
    enum class Chunk { kSize, kData, kDataEnd, kTrailer } chunk = Chunk::kSize;
    size_t chunk_left = 0;
    // The backend exchange.
    int backend = -1;
    bool backend_connected = false;
    std::string to_backend;
    size_t to_backend_off = 0;
    std::string resp_head;
    bool resp_head_done = false;
    bool backend_paused = false;
    uint32_t client_events = 0, backend_events = 0;
    size_t held = 0;  // request bytes counted in the memory budget
  };

  FrontDoorOptions options;
  int listen_fd = -1;
  int epoll_fd = -1;
  int wake_fd = -1;
  int port = 0;
  SSL_CTX* tls = nullptr;
  std::atomic<bool> stopping{false};
  bool draining = false;  // stopping: no new connections or requests; answers finish
  int64_t drain_deadline = 0;
  std::unordered_map<Conn*, std::unique_ptr<Conn>> conns;
  std::vector<std::unique_ptr<Conn>> graveyard;
  std::unordered_map<std::string, int> per_address;
  size_t held_total = 0;
  mutable std::mutex stats_mu;
  FrontDoorStats counts;
  Side listen_side{nullptr, false}, wake_side{nullptr, true};

  ~Impl() {
    for (auto& [p, c] : conns) CloseFds(*c);
    if (listen_fd >= 0) close(listen_fd);
    if (epoll_fd >= 0) close(epoll_fd);
    if (wake_fd >= 0) close(wake_fd);
    if (tls) SSL_CTX_free(tls);
  }

  void Count(int64_t FrontDoorStats::*field, int64_t by = 1) {
    std::lock_guard<std::mutex> l(stats_mu);
    counts.*field += by;
  }

  // ---- epoll bookkeeping ----

  void Watch(int fd, Side* side, uint32_t events, uint32_t* current) {
    epoll_event ev{};
    ev.events = events;
    ev.data.ptr = side;
    if (*current == 0) {
      epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev);
    } else if (*current != events) {
      epoll_ctl(epoll_fd, EPOLL_CTL_MOD, fd, &ev);
    }
    *current = events;
  }

  // The client's interest follows the state: read while reading a request (or to notice a
  // hang-up), write while answer bytes wait.
  void UpdateClient(Conn& c) {
    uint32_t ev = EPOLLRDHUP;
    const bool reading = c.state != Conn::State::kBackend && !c.close_after;
    if (reading || !c.handshake_done) ev |= EPOLLIN;
    if (c.out_off < c.out.size() || (!c.handshake_done && c.handshake_wants_write)) ev |= EPOLLOUT;
    Watch(c.fd, &c.client_side, ev, &c.client_events);
  }

  void UpdateBackend(Conn& c) {
    if (c.backend < 0) return;
    uint32_t ev = 0;
    if (!c.backend_connected || c.to_backend_off < c.to_backend.size()) ev |= EPOLLOUT;
    if (c.backend_connected && !c.backend_paused) ev |= EPOLLIN | EPOLLRDHUP;
    if (ev == 0) ev = EPOLLRDHUP;
    Watch(c.backend, &c.backend_side, ev, &c.backend_events);
  }

  void CloseBackend(Conn& c) {
    if (c.backend < 0) return;
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c.backend, nullptr);
    close(c.backend);
    c.backend = -1;
    c.backend_events = 0;
    c.backend_connected = false;
  }

  void CloseFds(Conn& c) {
    CloseBackend(c);
    if (c.ssl) {
      SSL_free(c.ssl);
      c.ssl = nullptr;
    }
    if (c.fd >= 0) {
      epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c.fd, nullptr);
      close(c.fd);
      c.fd = -1;
    }
  }

  void Release(Conn& c) {
    held_total -= c.held;
    c.held = 0;
  }

  void Close(Conn* c) {
    Release(*c);
    CloseFds(*c);
    auto it = per_address.find(c->addr);
    if (it != per_address.end() && --it->second <= 0) per_address.erase(it);
    // Freed after this round of events: a later event of the round may still name it.
    auto it2 = conns.find(c);
    graveyard.push_back(std::move(it2->second));
    conns.erase(it2);
    Count(&FrontDoorStats::open, -1);
  }

  // ---- client I/O (plain or TLS) ----

  // Reads what is available into c.in. Returns false when the connection is gone.
  bool ReadClient(Conn& c) {
    char buf[kReadChunk];
    for (;;) {
      ssize_t n;
      if (c.ssl) {
        int r = SSL_read(c.ssl, buf, sizeof buf);
        if (r <= 0) {
          int e = SSL_get_error(c.ssl, r);
          if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return true;
          if (e == SSL_ERROR_ZERO_RETURN) c.client_eof = true;
          ERR_clear_error();
          return false;
        }
        n = r;
      } else {
        n = recv(c.fd, buf, sizeof buf, 0);
        if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        if (n == 0) {
          c.client_eof = true;
          return false;
        }
      }
      if (held_total + static_cast<size_t>(n) > options.max_buffered_bytes) {
        Count(&FrontDoorStats::refused);
        Fail(c, ErrorAnswer(503, "Service Unavailable",
                            Status(ErrorCode::kUnavailable, "api.busy",
                                   "the server holds too many request bytes; try again"),
                            true));
        return true;
      }
      c.in.append(buf, static_cast<size_t>(n));
      c.held += static_cast<size_t>(n);
      held_total += static_cast<size_t>(n);
      if (c.state == Conn::State::kIdle) {
        c.state = Conn::State::kHead;
        c.deadline = NowMsSteady() + options.header_seconds * 1000LL;
      }
      if (static_cast<size_t>(n) < sizeof buf && !c.ssl) return true;
    }
  }

  // Writes what it can of c.out. Returns false when the connection is gone.
  bool WriteClient(Conn& c) {
    if (c.out_off < c.out.size() && c.last_write == 0) c.last_write = NowMsSteady();
    while (c.out_off < c.out.size()) {
      const char* p = c.out.data() + c.out_off;
      size_t len = c.out.size() - c.out_off;
      ssize_t n;
      if (c.ssl) {
        int r = SSL_write(c.ssl, p, static_cast<int>(std::min<size_t>(len, 1 << 30)));
        if (r <= 0) {
          int e = SSL_get_error(c.ssl, r);
          if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) break;
          ERR_clear_error();
          return false;
        }
        n = r;
      } else {
        n = send(c.fd, p, len, MSG_NOSIGNAL);
        if (n < 0) {
          if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) break;
          return false;
        }
      }
      c.out_off += static_cast<size_t>(n);
      c.last_write = NowMsSteady();
    }
    if (c.out_off == c.out.size()) {
      c.out.clear();
      c.out_off = 0;
      c.last_write = 0;  // nothing waits: no send deadline
    } else if (c.out_off > (1u << 20)) {
      c.out.erase(0, c.out_off);
      c.out_off = 0;
    }
    return true;
  }

  // Queues a final answer of the front door and closes once it is written.
  void Fail(Conn& c, std::string answer) {
    CloseBackend(c);
    c.out += answer;
    c.close_after = true;
    c.state = Conn::State::kIdle;
    c.in.clear();
    Release(c);
  }

  void Reject(Conn& c, int status, const char* reason, const std::string& message) {
    Count(&FrontDoorStats::rejected);
    const char* id = status == 413   ? "api.tooLarge"
                     : status == 408 ? "api.timeout"
                     : status == 431 ? "api.headTooLarge"
                                     : "api.badRequest";
    Fail(c, ErrorAnswer(status, reason, InvalidArgument(id, message)));
  }

  // ---- requests ----

  // Parses the head at the front of c.in (ending at `end`, the offset after "\r\n\r\n").
  // On success c.head is the rewritten head, without its final CRLF and Content-Length.
  bool ParseHead(Conn& c, size_t end) {
    std::string_view all(c.in.data(), end - 4);
    size_t eol = all.find("\r\n");
    std::string_view line = all.substr(0, eol);
    size_t sp1 = line.find(' ');
    size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp1 == std::string_view::npos || sp2 == std::string_view::npos || sp1 == 0 ||
        line.find(' ', sp2 + 1) != std::string_view::npos) {
      Reject(c, 400, "Bad Request", "malformed request line");
      return false;
    }
    std::string_view method = line.substr(0, sp1), target = line.substr(sp1 + 1, sp2 - sp1 - 1),
                     version = line.substr(sp2 + 1);
    for (char ch : method) {
      if (!IsTokenChar(ch)) {
        Reject(c, 400, "Bad Request", "malformed method");
        return false;
      }
    }
    if (target.empty() || (target[0] != '/' && target != "*")) {
      Reject(c, 400, "Bad Request", "the request target must be a path");
      return false;
    }
    for (char ch : target) {
      if (static_cast<unsigned char>(ch) <= 0x20 || ch == 0x7F) {
        Reject(c, 400, "Bad Request", "control characters in the request target");
        return false;
      }
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
      Reject(c, 400, "Bad Request", "only HTTP/1.0 and HTTP/1.1 are served");
      return false;
    }
    c.head_request = method == "HEAD";
    c.keep_alive = version == "HTTP/1.1";
    c.expect_continue = false;
    std::optional<size_t> length;
    bool chunked = false;
    std::string head;
    head.reserve(end + 128);
    head.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
    std::string_view rest = eol == std::string_view::npos ? "" : all.substr(eol + 2);
    std::vector<std::string_view> drop;  // names listed in Connection
    std::vector<std::pair<std::string_view, std::string_view>> fields;
    while (!rest.empty()) {
      size_t e = rest.find("\r\n");
      std::string_view h = rest.substr(0, e);
      rest = e == std::string_view::npos ? "" : rest.substr(e + 2);
      if (h.empty()) continue;
      if (h[0] == ' ' || h[0] == '\t') {
        Reject(c, 400, "Bad Request", "obsolete header line folding");
        return false;
      }
      size_t colon = h.find(':');
      if (colon == std::string_view::npos || colon == 0) {
        Reject(c, 400, "Bad Request", "malformed header line");
        return false;
      }
      std::string_view name = h.substr(0, colon), value = Trim(h.substr(colon + 1));
      for (char ch : name) {
        if (!IsTokenChar(ch)) {
          Reject(c, 400, "Bad Request", "malformed header name");
          return false;
        }
      }
      for (char ch : value) {
        if ((static_cast<unsigned char>(ch) < 0x20 && ch != '\t') || ch == 0x7F) {
          Reject(c, 400, "Bad Request", "control characters in a header value");
          return false;
        }
      }
      if (IEquals(name, "Content-Length")) {
        if (value.empty() || value.size() > 18 ||
            !std::all_of(value.begin(), value.end(), ::isdigit)) {
          Reject(c, 400, "Bad Request", "malformed Content-Length");
          return false;
        }
        size_t n = std::stoull(std::string(value));
        if (length && *length != n) {
          Reject(c, 400, "Bad Request", "conflicting Content-Length headers");
          return false;
        }
        length = n;
        continue;
      }
      if (IEquals(name, "Transfer-Encoding")) {
        if (!IEquals(value, "chunked")) {
          Reject(c, 400, "Bad Request", "only the chunked transfer coding is accepted");
          return false;
        }
        chunked = true;
        continue;
      }
      if (IEquals(name, "Connection")) {
        if (HasToken(value, "close")) c.keep_alive = false;
        if (HasToken(value, "keep-alive") && version == "HTTP/1.0") c.keep_alive = true;
        std::string_view v = value;
        while (!v.empty()) {
          size_t comma = v.find(',');
          drop.push_back(Trim(v.substr(0, comma)));
          if (comma == std::string_view::npos) break;
          v.remove_prefix(comma + 1);
        }
        continue;
      }
      if (IEquals(name, "Expect")) {
        if (IEquals(value, "100-continue")) c.expect_continue = true;
        continue;
      }
      if (IEquals(name, "Keep-Alive") || IEquals(name, "Proxy-Connection") || IEquals(name, "TE") ||
          IEquals(name, "Upgrade") || IEquals(name, "X-Tend-Front") ||
          IEquals(name, "X-Tend-Client")) {
        continue;
      }
      fields.emplace_back(name, value);
    }
    if (chunked && length) {
      Reject(c, 400, "Bad Request", "Content-Length and Transfer-Encoding together");
      return false;
    }
    if (length && *length > options.max_body_bytes) {
      Reject(
          c, 413, "Payload Too Large",
          "the request body is larger than " + std::to_string(options.max_body_bytes) + " bytes");
      return false;
    }
    for (const auto& [name, value] : fields) {
      bool hop = false;
      for (std::string_view d : drop) hop |= IEquals(d, name);
      if (hop) continue;
      head.append(name).append(": ").append(value).append("\r\n");
    }
    head.append("Connection: close\r\nX-Tend-Front: ").append(options.secret);
    head.append("\r\nX-Tend-Client: ").append(c.addr).append("\r\n");
    c.head = std::move(head);
    c.body.clear();
    c.in.erase(0, end);
    c.scanned = 0;
    const int64_t now = NowMsSteady();
    if (chunked) {
      c.state = Conn::State::kChunks;
      c.chunk = Conn::Chunk::kSize;
      c.deadline = now + options.body_seconds * 1000LL;
    } else if (length && *length > 0) {
      c.state = Conn::State::kBody;
      c.body_left = *length;
      c.deadline = now + options.body_seconds * 1000LL;
    } else {
      c.body_left = 0;
      c.state = Conn::State::kBody;
      // POST/PUT/PATCH with an explicit zero length keep it (the workers check it).
      if (length) c.head.append("Content-Length: 0\r\n");
      return true;
    }
    if (c.expect_continue) c.out += "HTTP/1.1 100 Continue\r\n\r\n";
    return true;
  }

  // Moves body bytes from c.in into c.body. Returns false on a malformed chunked body.
  bool TakeBody(Conn& c) {
    if (c.state == Conn::State::kBody) {
      size_t n = std::min(c.body_left, c.in.size());
      c.body.append(c.in, 0, n);
      c.in.erase(0, n);
      c.body_left -= n;
      return true;
    }
    // kChunks: size line, data, CRLF, ..., a zero size, trailers, CRLF.
    size_t pos = 0;
    for (;;) {
      if (c.chunk == Conn::Chunk::kSize || c.chunk == Conn::Chunk::kTrailer) {
        size_t e = c.in.find("\r\n", pos);
        if (e == std::string::npos) {
          if (c.in.size() - pos > 4096) {
            Reject(c, 400, "Bad Request", "malformed chunked body");
            return false;
          }
          break;
        }
        std::string_view line(c.in.data() + pos, e - pos);
        pos = e + 2;
        if (c.chunk == Conn::Chunk::kTrailer) {
          if (line.empty()) {
            c.state = Conn::State::kBody;  // complete
            c.body_left = 0;
            break;
          }
          continue;  // trailers are dropped
        }
        std::string_view hex = Trim(line.substr(0, line.find(';')));
        if (hex.empty() || hex.size() > 15 || !std::all_of(hex.begin(), hex.end(), ::isxdigit)) {
          Reject(c, 400, "Bad Request", "malformed chunk size");
          return false;
        }
        size_t size = std::stoull(std::string(hex), nullptr, 16);
        if (size == 0) {
          c.chunk = Conn::Chunk::kTrailer;
          continue;
        }
        if (c.body.size() + size > options.max_body_bytes) {
          Reject(c, 413, "Payload Too Large",
                 "the request body is larger than " + std::to_string(options.max_body_bytes) +
                     " bytes");
          return false;
        }
        c.chunk_left = size;
        c.chunk = Conn::Chunk::kData;
      } else if (c.chunk == Conn::Chunk::kData) {
        size_t n = std::min(c.chunk_left, c.in.size() - pos);
        c.body.append(c.in, pos, n);
        pos += n;
        c.chunk_left -= n;
        if (c.chunk_left > 0) break;
        c.chunk = Conn::Chunk::kDataEnd;
      } else {  // kDataEnd
        if (c.in.size() - pos < 2) break;
        if (c.in.compare(pos, 2, "\r\n") != 0) {
          Reject(c, 400, "Bad Request", "malformed chunked body");
          return false;
        }
        pos += 2;
        c.chunk = Conn::Chunk::kSize;
      }
    }
    c.in.erase(0, pos);
    return true;
  }

  bool BodyComplete(const Conn& c) const {
    return c.state == Conn::State::kBody && c.body_left == 0;
  }

  // Advances the request in c.in as far as it goes; hands a complete one to the backend.
  void Progress(Conn& c) {
    if (draining && c.state == Conn::State::kIdle) {
      c.close_after = true;  // shutting down: no new requests
      c.in.clear();
      return;
    }
    while (!c.close_after && c.state != Conn::State::kBackend) {
      if (c.state == Conn::State::kIdle || c.state == Conn::State::kHead) {
        // Empty lines before a request line are allowed (RFC 9112 2.2).
        size_t skip = 0;
        while (skip + 1 < c.in.size() && c.in[skip] == '\r' && c.in[skip + 1] == '\n') skip += 2;
        if (skip) {
          c.in.erase(0, skip);
          c.scanned = 0;
        }
        if (c.in.empty()) return;
        if (c.state == Conn::State::kIdle) {
          c.state = Conn::State::kHead;
          c.deadline = NowMsSteady() + options.header_seconds * 1000LL;
        }
        size_t from = c.scanned > 3 ? c.scanned - 3 : 0;
        size_t end = c.in.find("\r\n\r\n", from);
        if (end == std::string::npos) {
          c.scanned = c.in.size();
          if (c.in.size() > options.max_head_bytes) {
            Reject(c, 431, "Request Header Fields Too Large",
                   "the request head is larger than " + std::to_string(options.max_head_bytes) +
                       " bytes");
          }
          return;
        }
        if (end + 4 > options.max_head_bytes) {
          Reject(c, 431, "Request Header Fields Too Large",
                 "the request head is larger than " + std::to_string(options.max_head_bytes) +
                     " bytes");
          return;
        }
        if (!ParseHead(c, end + 4)) return;
      }
      if (!TakeBody(c)) return;
      if (!BodyComplete(c)) return;
      StartBackend(c);
    }
  }

  void StartBackend(Conn& c) {
    c.to_backend = std::move(c.head);
    c.head.clear();
    if (!c.body.empty())
      c.to_backend += "Content-Length: " + std::to_string(c.body.size()) + "\r\n";
    c.to_backend += "\r\n";
    c.had_body = !c.body.empty();
    c.to_backend += c.body;
    c.body.clear();
    c.body.shrink_to_fit();
    c.to_backend_off = 0;
    c.resp_head.clear();
    c.resp_head_done = false;
    c.backend_paused = false;
    c.state = Conn::State::kBackend;
    // The request's bytes now live in to_backend until written: keep them counted.
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(options.backend_port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 ||
        (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 && errno != EINPROGRESS)) {
      if (fd >= 0) close(fd);
      Fail(c, ErrorAnswer(503, "Service Unavailable",
                          Status(ErrorCode::kUnavailable, "api.busy", "the server is busy"), true));
      UpdateClient(c);
      return;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c.backend = fd;
    c.backend_connected = false;
    c.backend_events = 0;
    UpdateBackend(c);
    UpdateClient(c);
  }

  // The answer's head: drops the backend's Connection header; keeps the client's connection
  // open when the answer is framed and the client wants it.
  void RewriteResponseHead(Conn& c) {
    std::string_view all(c.resp_head);
    size_t eol = all.find("\r\n");
    std::string_view status_line = all.substr(0, eol);
    int status = 0;
    if (status_line.size() >= 12) status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
    bool framed = c.head_request || status / 100 == 1 || status == 204 || status == 304;
    std::string out;
    out.reserve(all.size() + 32);
    out.append(status_line).append("\r\n");
    std::string_view rest = all.substr(eol + 2, all.size() - eol - 4);
    while (!rest.empty()) {
      size_t e = rest.find("\r\n");
      std::string_view h = rest.substr(0, e);
      rest = e == std::string_view::npos ? "" : rest.substr(e + 2);
      size_t colon = h.find(':');
      std::string_view name = h.substr(0, colon);
      if (IEquals(name, "Connection") || IEquals(name, "Keep-Alive")) continue;
      if (IEquals(name, "Content-Length")) framed = true;
      if (IEquals(name, "Transfer-Encoding")) framed = true;
      out.append(h).append("\r\n");
    }
    // An error to a request with a body ends the connection too (what follows may be the
    // rest of a body the client meant otherwise), and so does shutting down.
    const bool error_with_body = status >= 400 && c.had_body;
    if (!c.keep_alive || !framed || error_with_body || draining) {
      out.append("Connection: close\r\n");
      c.close_after = true;
    }
    out.append("\r\n");
    c.out += out;
  }

  void BackendReadable(Conn& c) {
    char buf[kReadChunk];
    for (;;) {
      if (c.out.size() - c.out_off > kMaxOutBuffered) {
        c.backend_paused = true;  // the client reads slowly: wait for it
        break;
      }
      ssize_t n = recv(c.backend, buf, sizeof buf, 0);
      if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) break;
        BackendDone(c);
        return;
      }
      if (n == 0) {
        BackendDone(c);
        return;
      }
      if (!c.resp_head_done) {
        c.resp_head.append(buf, static_cast<size_t>(n));
        size_t end = c.resp_head.find("\r\n\r\n");
        if (end == std::string::npos) {
          if (c.resp_head.size() > kMaxResponseHead) {
            Fail(c, ErrorAnswer(502, "Bad Gateway", Internal("api.badGateway", "bad answer")));
            return;
          }
          continue;
        }
        std::string body = c.resp_head.substr(end + 4);
        c.resp_head.resize(end + 4);
        c.resp_head_done = true;
        RewriteResponseHead(c);
        c.out += body;
      } else {
        c.out.append(buf, static_cast<size_t>(n));
      }
    }
    UpdateBackend(c);
  }

  // The backend closed: the answer is complete.
  void BackendDone(Conn& c) {
    CloseBackend(c);
    if (!c.resp_head_done) {
      Fail(c, ErrorAnswer(502, "Bad Gateway",
                          Internal("api.badGateway", "the request could not be served")));
      return;
    }
    Release(c);  // the request is answered; what is left in c.in is the next one
    c.held = c.in.size();
    held_total += c.held;
    c.state = Conn::State::kIdle;
    c.deadline = NowMsSteady() + options.idle_seconds * 1000LL;
  }

  void BackendWritable(Conn& c) {
    if (!c.backend_connected) {
      int err = 0;
      socklen_t len = sizeof err;
      getsockopt(c.backend, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0) {
        Fail(c,
             ErrorAnswer(503, "Service Unavailable",
                         Status(ErrorCode::kUnavailable, "api.busy", "the server is busy"), true));
        return;
      }
      c.backend_connected = true;
    }
    while (c.to_backend_off < c.to_backend.size()) {
      ssize_t n = send(c.backend, c.to_backend.data() + c.to_backend_off,
                       c.to_backend.size() - c.to_backend_off, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) break;
        Fail(c, ErrorAnswer(502, "Bad Gateway",
                            Internal("api.badGateway",
                                     "the request could "
                                     "not be served")));
        return;
      }
      c.to_backend_off += static_cast<size_t>(n);
    }
    if (c.to_backend_off == c.to_backend.size()) {
      c.to_backend.clear();
      c.to_backend.shrink_to_fit();
      c.to_backend_off = 0;
    }
    UpdateBackend(c);
  }

  // ---- the loop ----

  void Accept() {
    for (;;) {
      sockaddr_storage ss{};
      socklen_t len = sizeof ss;
      int fd =
          accept4(listen_fd, reinterpret_cast<sockaddr*>(&ss), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) return;  // EAGAIN, or out of descriptors (tried again on the next event)
      char host[INET6_ADDRSTRLEN] = "";
      if (ss.ss_family == AF_INET) {
        inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&ss)->sin_addr, host, sizeof host);
      } else if (ss.ss_family == AF_INET6) {
        inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&ss)->sin6_addr, host, sizeof host);
      }
      std::string addr = host;
      int& n = per_address[addr];
      if (n >= options.max_per_address ||
          static_cast<int>(conns.size()) >= options.max_connections) {
        Count(&FrontDoorStats::refused);
        if (!tls) {
          std::string a = ErrorAnswer(
              503, "Service Unavailable",
              Status(ErrorCode::kUnavailable, "api.tooManyConnections",
                     n >= options.max_per_address ? "too many connections from your address"
                                                  : "too many connections"),
              true);
          (void)!send(fd, a.data(), a.size(), MSG_NOSIGNAL);
        }
        if (n == 0) per_address.erase(addr);
        close(fd);
        continue;
      }
      ++n;
      int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      auto conn = std::make_unique<Conn>();
      Conn* c = conn.get();
      c->client_side = {c, false};
      c->backend_side = {c, true};
      c->fd = fd;
      c->addr = std::move(addr);
      c->deadline = NowMsSteady() + options.idle_seconds * 1000LL;
      if (tls) {
        c->ssl = SSL_new(tls);
        SSL_set_fd(c->ssl, fd);
        SSL_set_accept_state(c->ssl);
        c->handshake_done = false;
        c->deadline = NowMsSteady() + options.header_seconds * 1000LL;
      }
      conns.emplace(c, std::move(conn));
      Count(&FrontDoorStats::open);
      UpdateClient(*c);
    }
  }

  bool Handshake(Conn& c) {
    int r = SSL_do_handshake(c.ssl);
    if (r == 1) {
      c.handshake_done = true;
      c.deadline = NowMsSteady() + options.idle_seconds * 1000LL;
      return true;
    }
    int e = SSL_get_error(c.ssl, r);
    ERR_clear_error();
    c.handshake_wants_write = e == SSL_ERROR_WANT_WRITE;
    return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
  }

  void ClientEvent(Conn& c, uint32_t ev) {
    if (c.ssl && !c.handshake_done) {
      if (!Handshake(c)) {
        Close(&c);
        return;
      }
      if (!c.handshake_done) {
        UpdateClient(c);
        return;
      }
    }
    if (ev & (EPOLLERR | EPOLLHUP)) {
      Close(&c);
      return;
    }
    if (ev & EPOLLOUT) {
      if (!WriteClient(c)) {
        Close(&c);
        return;
      }
      if (c.backend_paused && c.out.size() - c.out_off < kMaxOutBuffered / 2) {
        c.backend_paused = false;
        UpdateBackend(c);
      }
    }
    const bool reading = c.state != Conn::State::kBackend && !c.close_after;
    if (reading && ((ev & EPOLLIN) || c.ssl)) {
      if (!ReadClient(c)) {
        // The client is gone, or closed its side: nothing more to read or answer.
        Close(&c);
        return;
      }
      Progress(c);
    } else if (!reading && (ev & EPOLLRDHUP)) {
      // Hung up while its answer was being made (a closed event stream): stop.
      Close(&c);
      return;
    }
    AfterWrite(c);
  }

  // After bytes went out: finish a closing connection, or start on a pipelined request.
  void AfterWrite(Conn& c) {
    if (!WriteClient(c)) {
      Close(&c);
      return;
    }
    const bool answered = c.state != Conn::State::kBackend;
    if (c.out.empty() && c.close_after && answered) {
      Close(&c);
      return;
    }
    if (c.out.empty() && c.state == Conn::State::kIdle && !c.in.empty()) {
      Progress(c);
      if (!WriteClient(c)) {
        Close(&c);
        return;
      }
      if (c.out.empty() && c.close_after && c.state != Conn::State::kBackend) {
        Close(&c);
        return;
      }
    }
    UpdateClient(c);
  }

  void BackendEvent(Conn& c, uint32_t ev) {
    if (ev & EPOLLOUT) BackendWritable(c);
    if (c.backend >= 0 && (ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))) {
      if (!c.backend_connected && (ev & (EPOLLHUP | EPOLLERR))) {
        BackendWritable(c);  // reports the failed connect
      } else if (c.backend_connected) {
        BackendReadable(c);
      }
    }
    if (conns.count(&c)) AfterWrite(c);
  }

  void Sweep() {
    const int64_t now = NowMsSteady();
    std::vector<Conn*> expired, slow_readers;
    for (auto& [p, c] : conns) {
      if (c->last_write != 0 && now - c->last_write > options.send_seconds * 1000LL) {
        slow_readers.push_back(p);
        continue;
      }
      if (c->state == Conn::State::kBackend || c->close_after) continue;
      if (now > c->deadline) expired.push_back(p);
    }
    for (Conn* c : slow_readers) {
      Count(&FrontDoorStats::timed_out);
      Close(c);
    }
    for (Conn* c : expired) {
      Count(&FrontDoorStats::timed_out);
      if (c->state == Conn::State::kIdle || !c->handshake_done) {
        Close(c);  // idle: nothing to say
        continue;
      }
      if (c->state == Conn::State::kHead) {
        Reject(*c, 408, "Request Timeout",
               "the request head took longer than " + std::to_string(options.header_seconds) +
                   " s to arrive");
      } else {
        Reject(*c, 400, "Bad Request",
               "the request body took longer than " + std::to_string(options.body_seconds) +
                   " s to arrive");
      }
      AfterWrite(*c);
    }
  }

  // Stop(): no new connections or requests; idle connections are closed; a request begun
  // is read to its end and answered (then the connection closes), for at most kDrainMs.
  static constexpr int64_t kDrainMs = 30000;
  void StartDrain() {
    draining = true;
    drain_deadline = NowMsSteady() + kDrainMs;
    if (listen_fd >= 0) {
      epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
      close(listen_fd);
      listen_fd = -1;
    }
    std::vector<Conn*> idle;
    for (auto& [p, c] : conns) {
      if (c->state == Conn::State::kIdle && c->out_off == c->out.size()) {
        idle.push_back(p);
        continue;
      }
      // A request begun (even half its body) is answered, then the connection closes.
      c->keep_alive = false;
      if (c->state == Conn::State::kBackend && c->resp_head_done) c->close_after = true;
    }
    for (Conn* c : idle) Close(c);
  }

  void Loop() {
    std::vector<epoll_event> events(1024);
    int64_t last_sweep = NowMsSteady();
    for (;;) {
      if (stopping && !draining) StartDrain();
      if (draining && (conns.empty() || NowMsSteady() > drain_deadline)) break;
      int n = epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), 100);
      for (int i = 0; i < n; ++i) {
        auto* side = static_cast<Side*>(events[i].data.ptr);
        if (side == &listen_side) {
          Accept();
          continue;
        }
        if (side == &wake_side) continue;
        Conn* c = side->conn;
        if (!conns.count(c)) continue;  // closed by an earlier event of this round
        if (side->backend) {
          BackendEvent(*c, events[i].events);
        } else {
          ClientEvent(*c, events[i].events);
        }
      }
      int64_t now = NowMsSteady();
      if (now - last_sweep >= 100) {
        Sweep();
        last_sweep = now;
      }
      graveyard.clear();
    }
  }
};

FrontDoor::FrontDoor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FrontDoor::~FrontDoor() = default;

Result<std::unique_ptr<FrontDoor>> FrontDoor::Listen(const FrontDoorOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  // Idle connections are cheap now, so let there be many: raise the descriptor limit.
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
    if (rl.rlim_cur < rl.rlim_max) {
      rl.rlim_cur = rl.rlim_max;
      setrlimit(RLIMIT_NOFILE, &rl);
      getrlimit(RLIMIT_NOFILE, &rl);
    }
    // A connection uses two descriptors while a worker answers it; keep some for the rest
    // (the workspace, the workers' side of loopback), so that accept() never runs dry.
    const int64_t fit = (static_cast<int64_t>(rl.rlim_cur) - 256) / 2;
    if (fit < impl->options.max_connections) {
      impl->options.max_connections = static_cast<int>(std::max<int64_t>(fit, 16));
    }
  }
  if (!options.tls_cert.empty()) {
    impl->tls = SSL_CTX_new(TLS_server_method());
    if (!impl->tls || SSL_CTX_set_min_proto_version(impl->tls, TLS1_2_VERSION) != 1 ||
        SSL_CTX_use_certificate_chain_file(impl->tls, options.tls_cert.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(impl->tls, options.tls_key.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(impl->tls) != 1) {
      ERR_clear_error();
      return InvalidArgument("serve.tls", "the TLS certificate or key could not be loaded (" +
                                              options.tls_cert + ", " + options.tls_key + ")");
    }
    SSL_CTX_set_mode(impl->tls,
                     SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
  addrinfo* res = nullptr;
  std::string port = std::to_string(options.port);
  if (getaddrinfo(options.bind.c_str(), port.c_str(), &hints, &res) != 0 || !res) {
    hints.ai_flags = AI_PASSIVE;
    if (getaddrinfo(options.bind.c_str(), port.c_str(), &hints, &res) != 0 || !res) {
      return Status(ErrorCode::kUnavailable, "serve.bind", "cannot resolve " + options.bind);
    }
  }
  int fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int one = 1;
  if (fd >= 0) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (fd < 0 || bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 4096) != 0) {
    if (fd >= 0) close(fd);
    freeaddrinfo(res);
    return Status(ErrorCode::kUnavailable, "serve.bind",
                  "cannot listen on " + options.bind + ":" + port + " (in use? try --port)");
  }
  freeaddrinfo(res);
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  impl->port = ss.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port)
                                        : ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
  impl->listen_fd = fd;
  impl->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  impl->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  uint32_t listen_events = 0, wake_events = 0;
  impl->Watch(fd, &impl->listen_side, EPOLLIN, &listen_events);
  impl->Watch(impl->wake_fd, &impl->wake_side, EPOLLIN, &wake_events);
  return std::unique_ptr<FrontDoor>(new FrontDoor(std::move(impl)));
}

int FrontDoor::port() const { return impl_->port; }

void FrontDoor::Run() {
  impl_->Loop();
  std::vector<Impl::Conn*> all;
  for (auto& [p, c] : impl_->conns) all.push_back(p);
  for (auto* c : all) impl_->Close(c);
}

void FrontDoor::Stop() {
  impl_->stopping = true;
  uint64_t one = 1;
  (void)!write(impl_->wake_fd, &one, sizeof one);
}

FrontDoorStats FrontDoor::stats() const {
  std::lock_guard<std::mutex> l(impl_->stats_mu);
  return impl_->counts;
}

std::optional<std::string> TrustedClientAddress(httplib::Request& req, const std::string& secret) {
  std::string given = req.get_header_value("X-Tend-Front");
  std::string client = req.get_header_value("X-Tend-Client");
  req.headers.erase("X-Tend-Front");
  req.headers.erase("X-Tend-Client");
  if (secret.empty() || given.size() != secret.size() ||
      sodium_memcmp(given.data(), secret.data(), secret.size()) != 0) {
    return std::nullopt;
  }
  return client;
}

}  // namespace tend::api
