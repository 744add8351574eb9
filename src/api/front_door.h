// FrontDoor: the event loop in front of the HTTP workers (`tend serve`'s public socket).
//
// cpp-httplib gives every connection a worker thread for as long as it is open, so a few
// hundred clients that send a header line every few seconds, or just connect and wait, took
// every worker and the server stopped answering. The front door owns the public socket
// instead: one thread, epoll, non-blocking sockets (TLS terminated here with OpenSSL). It
// reads each request completely (head and body) under deadlines and limits, and only then
// hands it to the workers, over a loopback connection to the httplib server, one request per
// connection; it relays the answer back (streams too: /api/stream) and keeps the client's
// connection alive for the next request. A connection that is idle, or still sending its
// request, costs a socket and its buffer, never a worker.
//
// Limits (ServerOptions, docs/security.md):
//   - a request head must arrive within header_seconds of its first byte, and be at most
//     max_head_bytes (431); a body within body_seconds (400), at most max_body_bytes (413);
//   - an idle keep-alive connection is closed after idle_seconds;
//   - at most max_connections open, and max_per_address from one client address (beyond: a
//     503 with Retry-After, then close);
//   - all request bytes held at once at most max_buffered_bytes (503 beyond);
//   - a client that reads nothing of its answer for send_seconds is dropped.
// Malformed requests (bad request line, obsolete line folding, Content-Length and
// Transfer-Encoding together, conflicting lengths: request smuggling) get a 400 and close.
//
// The workers learn the client's address from the X-Tend-Client header, trusted only with the
// X-Tend-Front secret (TrustedClientAddress); both are removed from what clients send.
//
// Thread-safety: Run() on one thread; Stop() from any thread.
#ifndef TEND_API_FRONT_DOOR_H_
#define TEND_API_FRONT_DOOR_H_

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/result.h"

namespace tend::api {

struct FrontDoorOptions {
  std::string bind = "127.0.0.1";
  int port = 0;          // 0: any free port
  int backend_port = 0;  // the httplib server on 127.0.0.1
  std::string secret;    // the X-Tend-Front value the backend trusts
  std::string tls_cert, tls_key;
  int header_seconds = 10;
  int idle_seconds = 5;
  int body_seconds = 30;
  int send_seconds = 30;
  size_t max_head_bytes = 64 * 1024;
  size_t max_body_bytes = 256u << 20;
  size_t max_buffered_bytes = 1024u << 20;
  int max_connections = 10000;
  int max_per_address = 256;
};

struct FrontDoorStats {
  int64_t open = 0;       // client connections open now
  int64_t refused = 0;    // connections refused for a cap (per address, total, memory)
  int64_t timed_out = 0;  // connections closed for a deadline
  int64_t rejected = 0;   // malformed or oversized requests
};

class FrontDoor {
 public:
  // Binds the public socket (and loads the TLS certificate). kUnavailable "serve.bind" when
  // the address is taken; kInvalidArgument "serve.tls" for a bad certificate or key.
  static Result<std::unique_ptr<FrontDoor>> Listen(const FrontDoorOptions& options);
  ~FrontDoor();

  int port() const;
  // Serves until Stop() and the drain after it: no new connections or requests, idle ones
  // closed, requests begun (a half-sent body too) read and answered, for at most 30 s.
  // Open connections are closed when it returns.
  void Run();
  void Stop();
  FrontDoorStats stats() const;

  struct Impl;

 private:
  explicit FrontDoor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The client's address of a request that came through the front door (X-Tend-Client with
// the right X-Tend-Front secret), or nullopt. Removes both headers from `req`.
std::optional<std::string> TrustedClientAddress(httplib::Request& req, const std::string& secret);

}  // namespace tend::api

#endif  // TEND_API_FRONT_DOOR_H_
