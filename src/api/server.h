// Server: `tend serve`: the JSON API (/api/...), the Segment-compatible ingestion API
// (/v1/...), the server-sent event stream, /healthz and /metrics, over cpp-httplib.
//
// Threads: the front door (api/front_door.h), one event loop, owns the public socket: it
// reads each request whole (under header_seconds and body_seconds), keeps idle connections
// (closing them after keep_alive_seconds) and caps connections in all and per address, so
// clients cost a worker only while their complete request is being answered. cpp-httplib
// serves those on loopback with one pool, sized api_threads + max_streams: an open event
// stream holds a worker for as long as it is open, so streams are capped at max_streams (503
// beyond) and can never take the workers API requests need. Background threads: the journal
// checkpoint, webhook delivery, the mail sender and the daily refresh.
//
// Behind a reverse proxy: base_path puts everything under a prefix, trusted_proxies says whose
// X-Forwarded-* headers to believe. Logging goes through common/log.h (text or JSON lines).
//
// Stop() (SIGTERM/SIGINT in `tend serve`) stops accepting, lets in-flight requests finish,
// closes the streams, checkpoints the journal and returns from Run(). Every acknowledged
// event was durable before its 200 anyway.
#ifndef TEND_API_SERVER_H_
#define TEND_API_SERVER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace tend::api {

struct ServerOptions {
  std::string db_path = "tend.db";
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  std::string tls_cert, tls_key;
  int api_threads = 16;
  int max_streams = 64;
  int keep_alive_seconds = 5;  // an idle connection is closed after this
  int read_timeout_seconds = 5;
  int body_seconds = 30;                 // a whole request body must arrive within this
  size_t max_upload_bytes = 256u << 20;  // CSV uploads
  int checkpoint_seconds = 10;
  int webhook_seconds = 5;
  int refresh_hour = 2;           // UTC hour of the daily refresh
  std::optional<EpochDay> as_of;  // fixed scoring day (tests, demos)
  std::string web_dir;            // built web UI; empty: none
  // Served under this path prefix ("/tend": the app at /tend/, the API at /tend/api/...);
  // empty: at the root. Outside it only /healthz and /metrics answer (for probes).
  std::string base_path;
  // Proxies (CIDRs, "10.0.0.0/8", "::1/128") whose X-Forwarded-For and X-Forwarded-Proto are
  // believed: the client address in logs, and HTTPS (Secure cookies) behind a TLS proxy.
  std::vector<std::string> trusted_proxies;
  std::string webhook_ca;  // PEM CA bundle for HTTPS webhook receivers; empty: the system's
  // Outgoing mail (mail/, docs/operations.md "Outgoing mail"): the SMTP server
  // (smtp://[user:password@]host:port, STARTTLS when offered, or smtps://); empty: mail is
  // queued in the outbox but not sent. mail_from: the From header ("Tend <cs@example.com>"),
  // required with smtp_url. public_url: the base of the links in mail (https://tend.example.com).
  std::string smtp_url, mail_from, public_url;
  std::string smtp_ca;    // PEM CA bundle for the SMTP server's certificate; empty: the system's
  int mail_seconds = 1;   // how often the sender looks for due mail in the outbox
  bool quiet = false;      // no request log (logging itself: common/log.h)
  // /metrics: with a token, Bearer <token> from anywhere; without, loopback clients only,
  // unless metrics_public (api/http_policy.h).
  std::string metrics_token;
  bool metrics_public = false;
  // The front door (api/front_door.h): an event loop owns the public socket, so idle and
  // slow clients cost no worker. Off only to measure what it protects against.
  bool front_door = true;
  int header_seconds = 10;  // a request head must arrive within this of its first byte
  int max_connections = 10000;
  int max_connections_per_address = 256;
};

// Checks options that need no workspace: the base path's form, the proxies' CIDRs, that the
// TLS and CA files exist. kInvalidArgument naming the option and what was expected.
Status CheckServerOptions(const ServerOptions& options);

// The OpenAPI 3 document of the server's routes (what GET /api/openapi.json serves).
std::string OpenApiJson();

class Server {
 public:
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options);
  ~Server();

  // Binds and serves until Stop(). Prints the address (and the setup link when the
  // workspace has no users) once listening.
  Status Run();
  // Thread-safe and async-signal-unsafe: call from a normal thread.
  void Stop();
  int port() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tend::api

#endif  // TEND_API_SERVER_H_
