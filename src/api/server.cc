#include "api/server.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "advocacy/contact_moves.h"
#include "api/cors.h"
#include "api/error_mapping.h"
#include "api/forwarded.h"
#include "api/front_door.h"
#include "api/http_policy.h"
#include "api/ingest_log.h"
#include "api/route.h"
#include "api/store_pool.h"
#include "api/visibility.h"
#include "common/json_text.h"
#include "common/log.h"
#include "common/version.h"
#include "predict/model_store.h"
#include "predict/prediction_history.h"
#include "predict/workspace_model.h"
#include "mail/outbox.h"
#include "surveys/surveys.h"
#include "mail/smtp_transport.h"
#include "rules/engine/webhook_sender.h"
#include "store/open_store.h"

namespace tend::api {

namespace {

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// "/api/accounts/{id}" -> "/api/accounts/([^/]+)"
std::string PatternOf(const std::string& path) {
  static const std::regex kParam(R"(\{[^}]+\})");
  return std::regex_replace(path, kParam, "([^/]+)");
}

// Whether the request announced a body (which a handler may leave unread).
bool HasBody(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  std::string n = req.get_header_value("Content-Length");
  return !n.empty() && n != "0";
}

// Sends the response already set on `res`, then closes the connection. cpp-httplib 0.11
// ignores a response's "Connection: close" and keeps reading the connection, so what is left
// of a body a handler did not read (a refused or oversized upload, one cut off as too slow)
// would be parsed as the next request: a desync that lets a body smuggle a request, and that
// keeps a slow sender's worker busy past --body-timeout. A content provider that fails after
// writing everything makes httplib close the connection once the answer is sent.
void CloseAfter(httplib::Response& res) {
  auto body = std::make_shared<std::string>(std::move(res.body));
  res.body.clear();
  std::string type = res.get_header_value("Content-Type");
  res.headers.erase("Content-Type");
  res.headers.erase("Connection");
  res.set_header("Connection", "close");
  res.set_content_provider(body->size(), type.empty() ? "application/json" : type,
                           [body](size_t offset, size_t length, httplib::DataSink& sink) {
                             sink.write(body->data() + offset, length);
                             return false;  // all written: now end the connection
                           });
}

// cpp-httplib 0.11 listens with a backlog of 5 (compiled into the Debian library), so a
// burst of new connections overflows the accept queue and clients wait a second for their
// SYN to be retried. Linux lets listen() be called again on a listening socket to raise the
// backlog; the socket is found by its port among the process's descriptors.
void RaiseListenBacklog(int port) {
  DIR* dir = opendir("/proc/self/fd");
  if (!dir) return;
  while (dirent* e = readdir(dir)) {
    int fd = std::atoi(e->d_name);
    if (fd <= 2) continue;
    int listening = 0;
    socklen_t len = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening) continue;
    sockaddr_storage addr{};
    socklen_t alen = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &alen) != 0) continue;
    int p = addr.ss_family == AF_INET    ? ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port)
            : addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                                         : -1;
    if (p == port) ::listen(fd, 1024);
  }
  closedir(dir);
}

// Every metric the server exports, declared at start so each is present (at zero) from the
// first scrape.
struct MetricDecl {
  const char* name;
  MetricsRegistry::Kind kind;
  const char* help;
};
constexpr MetricDecl kMetrics[] = {
    {"tend_events_ingested_total", MetricsRegistry::Kind::kCounter,
     "Events received through /v1/*."},
    {"tend_events_duplicate_total", MetricsRegistry::Kind::kCounter,
     "Events skipped as duplicates."},
    {"tend_identifies_held_total", MetricsRegistry::Kind::kCounter,
     "Segment identify calls held until the user's group call."},
    {"tend_webhook_deliveries_total", MetricsRegistry::Kind::kCounter, "Webhook deliveries made."},
    {"tend_webhook_failures_total", MetricsRegistry::Kind::kCounter,
     "Webhook deliveries that failed."},
    {"tend_mail_sent_total", MetricsRegistry::Kind::kCounter,
     "Messages the SMTP server accepted from the outbox."},
    {"tend_mail_failures_total", MetricsRegistry::Kind::kCounter,
     "Attempts to send a message of the outbox that failed (retried or given up)."},
    {"tend_http_unknown_route_total", MetricsRegistry::Kind::kCounter,
     "Requests for paths or methods no route serves (answered 404 or 405)."},
    {"tend_sse_streams", MetricsRegistry::Kind::kGauge, "Open event streams."},
    {"tend_refresh_duration_seconds", MetricsRegistry::Kind::kHistogram,
     "Duration of full refreshes."},
    {"tend_rule_run_duration_seconds", MetricsRegistry::Kind::kHistogram, "Duration of rule runs."},
    {"tend_account_rule_run_duration_seconds", MetricsRegistry::Kind::kHistogram,
     "Duration of the rule runs for the accounts an ingested batch touched."},
    {"tend_ingest_durable_seconds", MetricsRegistry::Kind::kHistogram,
     "Time to make an ingested batch durable (journal write and fsync)."},
    {"tend_ingest_rescore_seconds", MetricsRegistry::Kind::kHistogram,
     "Time to re-score the accounts of an ingested batch and run their rules."},
};

// The process's resident memory in bytes (0 when /proc cannot be read).
double ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

// "/tend/" -> "/tend"; "" and "/" -> "".
std::string NormalizeBasePath(std::string b) {
  while (!b.empty() && b.back() == '/') b.pop_back();
  return b;
}

FrontDoorOptions FrontOptions(const ServerOptions& o, int backend, const std::string& secret) {
  FrontDoorOptions f;
  f.bind = o.bind;
  f.port = o.port;
  f.backend_port = backend;
  f.secret = secret;
  f.tls_cert = o.tls_cert;
  f.tls_key = o.tls_key;
  f.header_seconds = o.header_seconds;
  f.idle_seconds = o.keep_alive_seconds;
  f.body_seconds = o.body_seconds;
  f.max_body_bytes = o.max_upload_bytes;
  f.max_connections = o.max_connections;
  f.max_per_address = o.max_connections_per_address;
  return f;
}

// The mail settings: a well-formed SMTP URL, a From with it, a public URL for the links.
Status CheckMailOptions(const ServerOptions& o) {
  if (!o.smtp_url.empty()) {
    TEND_RETURN_IF_ERROR(mail::CheckSmtpUrl(o.smtp_url));
    if (o.mail_from.empty()) {
      return InvalidArgument("serve.noMailFrom",
                             "--smtp-url needs --mail-from (TEND_MAIL_FROM): the From of the "
                             "mail tend sends");
    }
  }
  if (!o.mail_from.empty()) TEND_RETURN_IF_ERROR(mail::EnvelopeAddress(o.mail_from).status());
  if (!o.smtp_ca.empty() && !std::filesystem::is_regular_file(o.smtp_ca)) {
    return InvalidArgument("serve.smtpCa", "--smtp-ca: " + o.smtp_ca + ": no such file");
  }
  const std::string& u = o.public_url;
  if (!u.empty()) {
    static const std::regex kUrl(R"(https?://[A-Za-z0-9.\-\[\]:]+(/[A-Za-z0-9._~/-]*)?)");
    if (!std::regex_match(u, kUrl)) {
      return InvalidArgument("serve.badPublicUrl",
                             "--public-url: \"" + u +
                                 "\" must be an http(s) URL such as https://tend.example.com");
    }
  }
  if (o.mail_seconds < 1) return InvalidArgument("serve.badMailSeconds", "--mail-seconds must be at least 1");
  return Status::Ok();
}

}  // namespace

Status CheckServerOptions(const ServerOptions& o) {
  const std::string& b = o.base_path;
  if (!b.empty() && b != "/") {
    static const std::regex kPath(R"((/[A-Za-z0-9._~-]+)+/?)");
    if (!std::regex_match(b, kPath)) {
      return InvalidArgument("serve.badBasePath",
                             "--base-path: \"" + b +
                                 "\" must be a path such as /tend (segments of letters, digits "
                                 "and . _ ~ -, starting with /)");
    }
  }
  TEND_RETURN_IF_ERROR(TrustedProxies::Parse(o.trusted_proxies).status());
  if (!o.tls_cert.empty() || !o.tls_key.empty()) {
    if (o.tls_cert.empty() || o.tls_key.empty()) {
      return InvalidArgument("serve.tls", "--tls-cert and --tls-key go together");
    }
    for (const auto& f : {o.tls_cert, o.tls_key}) {
      if (!std::filesystem::is_regular_file(f))
        return InvalidArgument("serve.tls", f + ": no such file");
    }
  }
  if (!o.webhook_ca.empty() && !std::filesystem::is_regular_file(o.webhook_ca)) {
    return InvalidArgument("serve.webhookCa", "--webhook-ca: " + o.webhook_ca + ": no such file");
  }
  TEND_RETURN_IF_ERROR(CheckMailOptions(o));
  if (!o.web_dir.empty() && !std::filesystem::is_regular_file(o.web_dir + "/index.html")) {
    return InvalidArgument("serve.noWeb", o.web_dir +
                                              ": no index.html (build the web app with "
                                              "make build)");
  }
  if (o.port < 0 || o.port > 65535)
    return InvalidArgument("serve.badPort", "--port must be 0..65535");
  return Status::Ok();
}

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<httplib::Server> http;
  std::vector<Route> routes;
  MetricsRegistry metrics;
  IngestLog ingest_log;
  std::unique_ptr<EventStream> stream;
  std::unique_ptr<StorePool> pool;
  std::unique_ptr<LiveWorkspace> live;
  ServerState state;
  std::atomic<int> port{0};
  std::atomic<bool> stopping{false};
  std::mutex bg_mu;
  std::condition_variable bg_cv;
  std::vector<std::thread> background;
  nlohmann::json openapi;
  std::string web_index;  // the web app's index.html with its <base href>, when there is one
  std::string base;       // options.base_path without a trailing slash ("" at the root)
  TrustedProxies proxies;
  std::unique_ptr<store::ServeGuard> serve_lock;  // held while serving (restore checks it)
  // The event loop on the public socket (api/front_door.h), and the secret by which the
  // workers know its requests (and trust the client address it sends).
  std::mutex front_mu;
  std::unique_ptr<FrontDoor> front;
  std::thread front_thread;
  std::string front_secret = auth::NewSecret("front");
  // The mail sender's SMTP connection (used by the mail thread only).
  std::unique_ptr<mail::SmtpTransport> smtp;

  Status Authenticate(const Route& route, Ctx& c);
  void Handle(const Route& route, const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader* reader);
  void Log(const httplib::Request& req, int status, double seconds);
  // The web app's index page (client routes: /accounts/A1, ...).
  void ServeIndex(httplib::Response& res);
  void RegisterRoutes();
  void StartBackground();
  void StopBackground();
  // Runs `fn` every `seconds` until stopping.
  void Every(int seconds, const char* what, std::function<void()> fn);
  // Scores every trained model as of `day` and records the scoring in the history.
  Status ScoreModels(EpochDay day);
  // Sends the outbox's due mail, batch after batch, until none is due or the server stops.
  void SendMail();
};

void Server::Impl::SendMail() {
  auto lease = pool->Acquire();
  if (!lease.ok()) {
    spdlog::error("mail: {}", lease.status().ToString());
    return;
  }
  if (!smtp) smtp = std::make_unique<mail::SmtpTransport>(options.smtp_url, options.smtp_ca);
  mail::MailSender sender(**lease, *smtp, options.mail_from, DefaultClock());
  constexpr int kBatch = 20;
  while (!stopping) {
    auto r = sender.SendDue(kBatch);
    if (!r.ok()) {
      spdlog::error("mail: {}", r.status().ToString());
      return;
    }
    if (r->sent) metrics.Add("tend_mail_sent_total", "", r->sent);
    if (r->retrying || r->failed) metrics.Add("tend_mail_failures_total", "", r->retrying + r->failed);
    if (r->retrying || r->failed) {
      spdlog::warn("mail: {} sent, {} to retry, {} given up (see GET /api/admin/outbox)",
                   r->sent, r->retrying, r->failed);
    }
    if (r->sent + r->retrying + r->failed < kBatch) return;
  }
}

Status Server::Impl::ScoreModels(EpochDay day) {
  TEND_ASSIGN_OR_RETURN(auto lease, pool->Acquire());
  store::Store& st = *lease;
  for (predict::Target target : {predict::Target::kChurn, predict::Target::kAdvocate}) {
    TEND_ASSIGN_OR_RETURN(auto model, st.LoadModelDocument(TargetName(target)));
    if (!model) continue;
    TEND_ASSIGN_OR_RETURN(auto scored, predict::ScoreWorkspace(st, target, day));
    TEND_RETURN_IF_ERROR(st.Begin());
    Status s = predict::RecordPredictionHistory(st, target, scored);
    if (s.ok()) s = st.Commit();
    if (!s.ok()) {
      (void)st.Rollback();
      return s;
    }
    spdlog::info("daily scoring: {} model, {} accounts as of {}", TargetName(target),
                 scored.accounts.size(), FormatDate(day));
  }
  return Status::Ok();
}

Status Server::Impl::Authenticate(const Route& route, Ctx& c) {
  if (route.access == Access::kPublic) return Status::Ok();
  auth::Auth a(c.store);
  const EpochMs now = NowMs();
  std::string authz = c.req.get_header_value("Authorization");
  if (route.access == Access::kWriteKey) return AuthenticateWriteKeyHeader(c);  // api/cors.h
  if (authz.rfind("Bearer ", 0) == 0) {
    TEND_ASSIGN_OR_RETURN(auth::User u, a.CheckToken(authz.substr(7), now));
    c.user = u;
  } else if (std::string cookie = c.Cookie("tend_session"); !cookie.empty()) {
    TEND_ASSIGN_OR_RETURN(auth::Session s, a.CheckSession(cookie, now));
    c.user = s.user;
    c.csrf_token = s.csrf_token;
    // A cookie comes with every request the browser makes, so state changes also need the
    // CSRF token only our pages know.
    if (c.req.method != "GET" && c.req.method != "HEAD" &&
        c.req.get_header_value("X-CSRF-Token") != s.csrf_token) {
      return PermissionDenied("auth.csrf",
                              "missing or wrong X-CSRF-Token header (GET /api/me gives it)");
    }
  } else {
    return Status(ErrorCode::kUnauthenticated, "auth.required",
                  "log in first (POST /api/login) or send an API token (Authorization: Bearer)");
  }
  if (!Allowed(route.access, c.user->role)) {
    return PermissionDenied(
        "auth.forbidden",
        "the role " + std::string(auth::RoleName(c.user->role)) + " may not " + route.summary);
  }
  return Status::Ok();
}

void Server::Impl::Handle(const Route& route, const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader* reader) {
  auto start = std::chrono::steady_clock::now();
  auto lease = pool->Acquire();
  Status st;
  std::string field;
  bool body_read = false;  // the whole request body was read
  if (!lease.ok()) {
    st = lease.status();
  } else {
    Ctx c{req, res, state, **lease};
    auto client =
        proxies.Resolve(req.remote_addr, req.get_header_value("X-Forwarded-For"),
                        req.get_header_value("X-Forwarded-Proto"), !options.tls_cert.empty());
    c.secure = client.https;
    c.client = std::move(client.address);
    c.cookie_path = base + "/";
    st = Authenticate(route, c);
    // A request without Content-Length or chunked encoding has no body (HTTP/1.1); asking
    // httplib to read one would wait for the read timeout.
    const bool has_body =
        (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0") ||
        req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
    if (st.ok() && reader && has_body) {
      // Read the body with a deadline (a client sending a byte a second is cut off) and a
      // size limit per route.
      const bool segment = route.access == Access::kWriteKey;
      auto deadline = start + std::chrono::seconds(options.body_seconds);
      bool too_large = false, too_slow = false;
      bool ok = (*reader)([&](const char* data, size_t len) {
        if (std::chrono::steady_clock::now() > deadline) {
          too_slow = true;
          return false;
        }
        if (c.body.size() + len > route.max_body) {
          too_large = true;
          return false;
        }
        c.body.append(data, len);
        return true;
      });
      body_read = ok;
      if (too_large) {
        st = segment
                 ? InvalidArgument(
                       "segment.batchTooLarge",
                       "the body is larger than " + std::to_string(route.max_body / 1024) + " KB")
                 : InvalidArgument("api.tooLarge", "the body is larger than " +
                                                       std::to_string(route.max_body) + " bytes");
        if (segment) st = InvalidArgument("api.badRequest", st.message());
      } else if (too_slow) {
        st = InvalidArgument("api.badRequest", "the request body took longer than " +
                                                   std::to_string(options.body_seconds) +
                                                   " s to arrive");
      } else if (!ok) {
        st = InvalidArgument("api.badRequest", "the request body could not be read");
      }
    }
    const bool txn =
        st.ok() && req.method != "GET" && !route.own_txn && route.access != Access::kWriteKey;
    if (txn) st = c.store.Begin();
    if (st.ok()) st = route.handler(c);
    if (txn) {
      if (st.ok()) {
        st = c.store.Commit();
      } else {
        (void)c.store.Rollback();
      }
    }
    if (st.ok()) {
      for (auto& fn : c.after_commit) {
        if (Status s2 = fn(); !s2.ok())
          spdlog::error("after {} {}: {}", req.method, req.path, s2.ToString());
      }
    }
    if (!st.ok() && res.status < 400) res.body.clear();
    field = c.error_field;
  }
  if (!st.ok()) {
    res.status = HttpStatus(st);
    if (res.status == 429) {
      // The message says "... try again in N second(s)" (auth/auth.cc): the header says N.
      std::smatch m;
      static const std::regex kWait(R"(in (\d+) second)");
      res.set_header("Retry-After", std::regex_search(st.message(), m, kWait) ? m[1].str() : "60");
    }
    res.set_content(ErrorBody(st, field), "application/json");
    if (res.status >= 500) spdlog::error("{} {}{}: {}", req.method, base, req.path, st.ToString());
  }
  if (reader && !body_read && HasBody(req)) CloseAfter(res);
  double secs = SecondsSince(start);
  metrics.ObserveRequest(route.path, route.method, res.status, secs);
  Log(req, res.status, secs);
}

void Server::Impl::Log(const httplib::Request& req, int status, double seconds) {
  if (options.quiet) return;
  auto client =
      proxies.Resolve(req.remote_addr, req.get_header_value("X-Forwarded-For"),
                      req.get_header_value("X-Forwarded-Proto"), !options.tls_cert.empty());
  const std::string path = base + req.path;
  LogLine(spdlog::level::info, "request",
          {{"method", req.method},
           {"path", path},
           {"status", status},
           {"ms", seconds * 1000},
           {"client", client.address}},
          fmt::format("{} {} {} {:.2f} ms {}", req.method, path, status, seconds * 1000,
                      client.address));
}

void Server::Impl::ServeIndex(httplib::Response& res) {
  res.status = 200;
  res.set_header("Cache-Control", "no-cache");
  res.set_content(web_index, "text/html; charset=utf-8");
}

void Server::Impl::RegisterRoutes() {
  AddSessionRoutes(routes);
  AddAccountRoutes(routes);
  AddCockpitRoutes(routes);
  AddAdminRoutes(routes);
  AddIngestRoutes(routes);
  AddDashboardRoutes(routes);
  AddModelRoutes(routes);
  AddAdvocacyRoutes(routes);
  AddRevenueRoutes(routes);
  AddFeedbackRoutes(routes);
  AddMailRoutes(routes);
  AddSurveyRoutes(routes);
  openapi = OpenApiDocument(routes);
  httplib::Server& s = *http;
  AddCorsPreflight(s, routes, state);
  for (const Route& r : routes) {
    if (!r.handler) continue;
    std::string pattern = PatternOf(r.path);
    std::string m = r.method;
    const Route* rp = &r;
    if (m == "GET") {
      s.Get(pattern, [this, rp](const httplib::Request& q, httplib::Response& a) {
        Handle(*rp, q, a, nullptr);
      });
      continue;
    }
    auto h = [this, rp](const httplib::Request& q, httplib::Response& a,
                        const httplib::ContentReader& reader) { Handle(*rp, q, a, &reader); };
    if (m == "POST") s.Post(pattern, h);
    if (m == "PUT") s.Put(pattern, h);
    if (m == "PATCH") s.Patch(pattern, h);
    if (m == "DELETE") s.Delete(pattern, h);
  }
  s.Get("/healthz", [this](const httplib::Request& q, httplib::Response& a) {
    auto start = std::chrono::steady_clock::now();
    nlohmann::json j{{"status", "ok"},
                     {"as_of", FormatDate(live->as_of())},
                     {"last_refresh_at", FormatTime(live->last_refresh_at())},
                     {"streams", stream->size()}};
    a.set_content(DumpJson(j), "application/json");
    metrics.ObserveRequest("/healthz", "GET", 200, SecondsSince(start));
  });
  // Readiness, for load balancers: the node answers only once its workspace is loaded (it
  // listens after that), and /readyz checks the database with one round trip on a pooled
  // connection (which reconnects when the connection was lost): 503 while it cannot.
  s.Get("/readyz", [this](const httplib::Request& q, httplib::Response& a) {
    auto start = std::chrono::steady_clock::now();
    Status st = [&]() -> Status {
      TEND_ASSIGN_OR_RETURN(auto lease, pool->Acquire());
      return lease->GetMeta("schema_version").status();
    }();
    nlohmann::json j = st.ok() ? nlohmann::json{{"status", "ready"},
                                                {"as_of", FormatDate(live->as_of())}}
                               : nlohmann::json{{"status", "unavailable"},
                                                {"reason", st.message()}};
    a.status = st.ok() ? 200 : 503;
    a.set_content(DumpJson(j), "application/json");
    metrics.ObserveRequest("/readyz", "GET", a.status, SecondsSince(start));
  });
  s.Get("/metrics", [this](const httplib::Request& q, httplib::Response& a) {
    if (Status st = CheckMetricsAccess(q, options.metrics_token, options.metrics_public);
        !st.ok()) {
      a.status = HttpStatus(st);
      a.set_content(ErrorBody(st), "application/json");
      return;
    }
    metrics.Set("tend_sse_streams", "Open event streams.", static_cast<double>(stream->size()));
    {
      std::lock_guard<std::mutex> l(front_mu);
      if (front) {
        FrontDoorStats f = front->stats();
        metrics.Set("tend_connections_open", "Client connections open.",
                    static_cast<double>(f.open));
        metrics.Set("tend_connections_refused_total",
                    "Connections refused for a cap (per address, in all, memory).",
                    static_cast<double>(f.refused));
        metrics.Set("tend_connections_timed_out_total",
                    "Connections closed for a deadline (head, body, idle, slow reader).",
                    static_cast<double>(f.timed_out));
        metrics.Set("tend_requests_rejected_total",
                    "Malformed or oversized requests refused by the front door.",
                    static_cast<double>(f.rejected));
      }
    }
    metrics.Set("process_resident_memory_bytes", "Resident memory size in bytes.", ResidentBytes());
    std::string out = metrics.Render();
    out += fmt::format(
        "# HELP tend_build_info The version of this tend build (always 1).\n"
        "# TYPE tend_build_info gauge\ntend_build_info{{version=\"{}\"}} 1\n",
        Version());
    a.set_content(out, "text/plain; version=0.0.4");
  });
  s.Get("/api/openapi.json", [this](const httplib::Request&, httplib::Response& a) {
    a.set_content(DumpJson(openapi, 2), "application/json");
  });
  // The event stream: holds its worker while open (see the pool sizing in server.h).
  s.Get("/api/stream", [this](const httplib::Request& q, httplib::Response& a) {
    Route r{"GET", "/api/stream", Access::kAnyUser, "stream", "subscribe to live updates", nullptr};
    auto lease = pool->Acquire();
    if (!lease.ok()) {
      a.status = 500;
      return;
    }
    Ctx c{q, a, state, **lease};
    if (Status st = Authenticate(r, c); !st.ok()) {
      a.status = HttpStatus(st);
      a.set_content(ErrorBody(st), "application/json");
      return;
    }
    const auth::Role role = c.user->role;
    auto sub = stream->Subscribe([role](std::string_view kind) { return MaySeeEvent(role, kind); });
    if (!sub) {
      Status st(ErrorCode::kUnavailable, "api.tooManyStreams",
                "too many open event streams; try again later");
      a.status = 503;
      a.set_content(ErrorBody(st), "application/json");
      return;
    }
    a.set_header("Cache-Control", "no-cache");
    a.set_header("X-Accel-Buffering", "no");
    EventStream* es = stream.get();
    bool* first = new bool(true);
    a.set_chunked_content_provider(
        "text/event-stream",
        [sub, first](size_t, httplib::DataSink& sink) {
          if (*first) {
            *first = false;
            std::string hello = "retry: 3000\nevent: hello\ndata: {}\n\n";
            return sink.write(hello.data(), hello.size());
          }
          auto m = sub->Next(std::chrono::seconds(15));
          if (m && m->empty()) {  // closed: shutting down
            sink.done();
            return true;
          }
          std::string out = m ? *m : std::string(": keep-alive\n\n");
          return sink.write(out.data(), out.size());
        },
        [es, sub, first](bool) {
          es->Unsubscribe(sub);
          delete first;
        });
  });
  // cpp-httplib picks Brotli whenever a client accepts it, at Brotli's slowest level (an
  // 80 KB JSON body took ~250 ms, a 600 KB script seconds); gzip costs a few ms. Browsers
  // accept both, so `br` is taken out of what they say they accept.
  s.set_pre_routing_handler([this](const httplib::Request& cq, httplib::Response& a) {
    // cpp-httplib hands the request it routes next; its path may be rewritten here.
    auto& q = const_cast<httplib::Request&>(cq);
    // The client's address, from the front door (and only from it).
    if (auto client = TrustedClientAddress(q, front_secret)) q.remote_addr = *client;
    // Under --base-path everything lives below the prefix, which routing no longer sees.
    // Outside it only the probes answer (a proxy's health check may call the port directly).
    if (!base.empty()) {
      if (q.path == base) {
        a.status = 308;
        a.set_header("Location", base + "/");
        return httplib::Server::HandlerResponse::Handled;
      }
      if (q.path.rfind(base + "/", 0) == 0) {
        q.path.erase(0, base.size());
      } else if (q.path != "/healthz" && q.path != "/readyz" && q.path != "/metrics") {
        a.status = 404;
        metrics.Add("tend_http_unknown_route_total", "");
        a.set_content(
            ErrorBody(NotFound("api.noRoute", "no route " + q.method + " " + q.path +
                                                  " (this server is under " + base + "/)")),
            "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    // The index page carries the <base href> the app needs (the file on disk has none).
    if (!web_index.empty() && (q.method == "GET" || q.method == "HEAD") &&
        (q.path == "/" || q.path == "/index.html")) {
      ServeIndex(a);
      return httplib::Server::HandlerResponse::Handled;
    }
    auto& headers = q.headers;
    auto it = headers.find("Accept-Encoding");
    if (it != headers.end() && it->second.find("br") != std::string::npos) {
      it->second = it->second.find("gzip") != std::string::npos ? "gzip" : "identity";
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Every response, routed or not (api/http_policy.h).
  const bool tls = !options.tls_cert.empty();
  s.set_post_routing_handler(
      [tls](const httplib::Request&, httplib::Response& a) { ApplySecurityHeaders(a, tls); });
  s.set_error_handler([this](const httplib::Request& q, httplib::Response& a) {
    if (!a.body.empty() || a.content_provider_) return;  // ours (CloseAfter: a provider)
    // The web app's own routes (/accounts/A1, /cockpit, ...) are client-side: any other GET
    // gets its index.html. The API's (/api, /v1), the assets' and the probes' paths never do:
    // an unknown one is a 404 in JSON.
    auto under = [&](const char* prefix) {
      size_t n = std::strlen(prefix);
      return q.path.compare(0, n, prefix) == 0 && (q.path.size() == n || q.path[n] == '/');
    };
    const bool client_route = !under("/api") && !under("/v1") && !under("/assets") &&
                              q.path != "/healthz" && q.path != "/readyz" && q.path != "/metrics";
    if (a.status == 404 && (q.method == "GET" || q.method == "HEAD") && !web_index.empty() &&
        client_route) {
      ServeIndex(a);
      return;
    }
    if (a.status == 404 || a.status == 405) {
      metrics.Add("tend_http_unknown_route_total", "");
      metrics.ObserveRequest("(unknown)", q.method, a.status, 0);
    }
    Status st;
    if (a.status == 404) {
      st = NotFound("api.noRoute", "no route " + q.method + " " + base + q.path);
    } else if (a.status == 413) {
      st = InvalidArgument("api.tooLarge", "the request body is too large");
    } else if (a.status == 400) {
      st = InvalidArgument("api.badRequest", "the request could not be read");
    } else {
      st = Status(ErrorCode::kInternal, "api.http" + std::to_string(a.status), "HTTP error");
    }
    a.set_content(ErrorBody(st), "application/json");
  });
  s.set_exception_handler(
      [](const httplib::Request& q, httplib::Response& a, std::exception_ptr ep) {
        std::string what = "unknown";
        try {
          std::rethrow_exception(ep);
        } catch (const nlohmann::json::exception& e) {
          // A JSON value of an unexpected shape that a handler did not check: the request's
          // fault, so a 4xx with what was wrong (never a 500 for a bad body).
          a.status = 400;
          a.set_content(ErrorBody(InvalidArgument("api.badJson", std::string("the body does not "
                                                                             "fit: ") +
                                                                     e.what())),
                        "application/json");
          return;
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        spdlog::error("{} {}: exception: {}", q.method, q.path, what);
        a.status = 500;
        a.set_content(ErrorBody(Internal("api.exception", "internal error")), "application/json");
      });
}

void Server::Impl::Every(int seconds, const char* what, std::function<void()> fn) {
  background.emplace_back([this, seconds, what, fn] {
    for (;;) {
      {
        std::unique_lock<std::mutex> l(bg_mu);
        bg_cv.wait_for(l, std::chrono::seconds(seconds), [&] { return stopping.load(); });
        if (stopping) return;
      }
      fn();
    }
    (void)what;
  });
}

void Server::Impl::StartBackground() {
  Every(options.checkpoint_seconds, "checkpoint", [this] {
    auto n = live->Checkpoint();
    if (!n.ok()) spdlog::error("checkpoint: {}", n.status().ToString());
  });
  Every(options.webhook_seconds, "webhooks", [this] {
    auto lease = pool->Acquire();
    if (!lease.ok()) return;
    rules::WebhookSender sender(**lease);
    sender.set_ca_file(options.webhook_ca);
    auto r = sender.DeliverDue(1);
    if (!r.ok()) {
      spdlog::error("webhooks: {}", r.status().ToString());
      return;
    }
    if (r->retrying || r->failed)
      metrics.Add("tend_webhook_failures_total", "Webhook deliveries that failed.",
                  r->retrying + r->failed);
    if (r->delivered)
      metrics.Add("tend_webhook_deliveries_total", "Webhook deliveries made.", r->delivered);
  });
  if (!options.smtp_url.empty()) {
    Every(options.mail_seconds, "mail", [this] { SendMail(); });
  }
  if (!options.as_of) {
    // The daily refresh: once the configured hour has come on a new day.
    Every(30, "daily refresh", [this] {
      EpochMs now = NowMs();
      EpochDay today = DayOf(now);
      int hour = static_cast<int>((now - static_cast<EpochMs>(today) * kMsPerDay) / 3600000);
      if (live->as_of() < today && hour >= options.refresh_hour) {
        // Score the trained models as of today first (the reload then reads the new
        // probabilities), keeping each scoring in the prediction history.
        if (Status st = ScoreModels(today); !st.ok())
          spdlog::error("daily scoring: {}", st.ToString());
        if (Status st = live->Reload(true); !st.ok())
          spdlog::error("daily refresh: {}", st.ToString());
      }
    });
  }
}

void Server::Impl::StopBackground() {
  {
    std::lock_guard<std::mutex> l(bg_mu);
    stopping = true;
  }
  bg_cv.notify_all();
  for (auto& t : background) t.join();
  background.clear();
}

std::string OpenApiJson() {
  std::vector<Route> routes;
  AddSessionRoutes(routes);
  AddAccountRoutes(routes);
  AddCockpitRoutes(routes);
  AddAdminRoutes(routes);
  AddIngestRoutes(routes);
  AddDashboardRoutes(routes);
  AddModelRoutes(routes);
  AddAdvocacyRoutes(routes);
  AddRevenueRoutes(routes);
  AddFeedbackRoutes(routes);
  AddMailRoutes(routes);
  AddSurveyRoutes(routes);
  return DumpJson(OpenApiDocument(routes), 2);
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() {
  if (impl_) impl_->StopBackground();
}

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options) {
  if (sodium_init() < 0) return Internal("api.sodium", "libsodium failed to initialise");
  TEND_RETURN_IF_ERROR(CheckServerOptions(options));
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->base = NormalizeBasePath(options.base_path);
  TEND_ASSIGN_OR_RETURN(impl->proxies, TrustedProxies::Parse(options.trusted_proxies));
  for (const MetricDecl& m : kMetrics) impl->metrics.Declare(m.name, m.kind, m.help);
  TEND_ASSIGN_OR_RETURN(impl->serve_lock, store::AcquireServeLock(options.db_path));
  store::OpenOptions open;
  open.contact_changes = advocacy::DecideContactChanges;
  TEND_ASSIGN_OR_RETURN(auto base, store::OpenStore(options.db_path, open));
  if (!options.public_url.empty()) {
    // The links' base for the rules' send_survey actions (surveys/surveys.h).
    std::string url = options.public_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    TEND_RETURN_IF_ERROR(base->SetMeta(surveys::kPublicUrlMetaKey, url));
  }
  TEND_ASSIGN_OR_RETURN(auto writer, base->OpenAnother());
  impl->pool = std::make_unique<StorePool>(std::move(base));
  impl->stream = std::make_unique<EventStream>(static_cast<size_t>(options.max_streams));
  LiveWorkspace::Options lo;
  lo.as_of = options.as_of;
  lo.on_refresh = [](EpochDay day, size_t accounts, double ms, int ctas) {
    LogLine(
        spdlog::level::info, "refresh",
        {{"as_of", FormatDate(day)}, {"accounts", accounts}, {"ms", ms}, {"ctas_created", ctas}},
        fmt::format("refresh as of {}: {} accounts in {:.0f} ms, {} CTA(s) created",
                    FormatDate(day), accounts, ms, ctas));
  };
  TEND_ASSIGN_OR_RETURN(
      impl->live, LiveWorkspace::Open(std::move(writer), &impl->metrics, impl->stream.get(), lo));
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    if (options.tls_cert.empty() || options.tls_key.empty()) {
      return InvalidArgument("serve.tls", "--tls-cert and --tls-key go together");
    }
    for (const auto& f : {options.tls_cert, options.tls_key}) {
      if (!std::filesystem::exists(f)) {
        return InvalidArgument("serve.tls", f + ": no such file");
      }
    }
    if (options.front_door) {
      impl->http = std::make_unique<httplib::Server>();  // TLS ends in the front door
    } else {
      auto ssl =
          std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
      if (!ssl->is_valid()) {
        return InvalidArgument("serve.tls", "the TLS certificate or key could not be loaded (" +
                                                options.tls_cert + ", " + options.tls_key + ")");
      }
      impl->http = std::move(ssl);
    }
  } else {
    impl->http = std::make_unique<httplib::Server>();
  }
  httplib::Server& s = *impl->http;
  const size_t workers = static_cast<size_t>(options.api_threads + options.max_streams);
  s.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  s.set_keep_alive_timeout(options.keep_alive_seconds);
  s.set_keep_alive_max_count(10000);
  s.set_read_timeout(options.read_timeout_seconds, 0);
  s.set_write_timeout(5, 0);
  s.set_payload_max_length(options.max_upload_bytes);
  s.set_tcp_nodelay(true);
  impl->state.live = impl->live.get();
  impl->state.metrics = &impl->metrics;
  impl->state.stream = impl->stream.get();
  impl->state.pool = impl->pool.get();
  impl->state.options = &impl->options;
  impl->state.ingest_log = &impl->ingest_log;
  {
    auto lease = impl->pool->Acquire();
    if (!lease.ok()) return lease.status();
    auth::Auth a(**lease);
    TEND_ASSIGN_OR_RETURN(int64_t users, a.CountUsers());
    if (users == 0) impl->state.setup_token = auth::NewSecret("setup");
  }
  impl->RegisterRoutes();
  // The web app: --web-dir, else the folder `web` beside the binary (where the build puts it).
  std::string web = options.web_dir;
  if (web.empty()) {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) web = (exe.parent_path() / "web").string();
  }
  if (!web.empty() && std::filesystem::is_regular_file(web + "/index.html")) {
    s.set_mount_point("/", web);
    std::ifstream in(web + "/index.html", std::ios::binary);
    impl->web_index.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    // The app's assets and routes are relative to its base: "/" or "/tend/".
    std::string tag = "<base href=\"" + impl->base + "/\" />";
    size_t head = impl->web_index.find("<head>");
    if (head != std::string::npos) {
      impl->web_index.insert(head + 6, "\n    " + tag);
    } else {
      impl->web_index = tag + impl->web_index;
    }
    // Hashed asset names never change content: let browsers keep them.
    s.set_file_request_handler([](const httplib::Request& q, httplib::Response& a) {
      if (q.path.rfind("/assets/", 0) == 0) {
        a.set_header("Cache-Control", "public, max-age=31536000, immutable");
      } else {
        a.set_header("Cache-Control", "no-cache");
      }
    });
  } else if (!options.web_dir.empty()) {
    return InvalidArgument("serve.noWeb", options.web_dir +
                                              ": no index.html (build the web app with make "
                                              "build)");
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Run() {
  Impl& m = *impl_;
  int port = m.options.port;
  if (m.options.front_door) {
    // The workers listen on loopback only; the front door owns the public socket
    // (api/front_door.h) and hands them complete requests.
    int backend = m.http->bind_to_any_port("127.0.0.1");
    if (backend < 0) return Status(ErrorCode::kUnavailable, "serve.bind", "cannot bind");
    RaiseListenBacklog(backend);
    TEND_ASSIGN_OR_RETURN(auto front,
                          FrontDoor::Listen(FrontOptions(m.options, backend, m.front_secret)));
    port = front->port();
    {
      std::lock_guard<std::mutex> l(m.front_mu);
      if (m.stopping) return Status::Ok();
      m.front = std::move(front);
    }
    // The workers stop once the front door has drained: requests it still reads after
    // Stop() (a half-sent body) must find them listening.
    m.front_thread = std::thread([&m] {
      m.front->Run();
      m.http->stop();
    });
  } else if (port == 0) {
    port = m.http->bind_to_any_port(m.options.bind);
    if (port < 0) return Status(ErrorCode::kUnavailable, "serve.bind", "cannot bind");
  } else if (!m.http->bind_to_port(m.options.bind, port)) {
    return Status(ErrorCode::kUnavailable, "serve.bind",
                  "cannot listen on " + m.options.bind + ":" + std::to_string(port) +
                      " (in use? try --port)");
  }
  m.port = port;
  if (!m.front) RaiseListenBacklog(port);
  std::string scheme = m.options.tls_cert.empty() ? "http" : "https";
  std::string url = scheme + "://" + m.options.bind + ":" + std::to_string(port) + m.base;
  if (LogIsJson()) {
    // One JSON line per notice, on standard output as before.
    std::printf("%s\n", JsonLogLine(spdlog::level::info, "serving",
                                    {{"db", store::DisplayLocation(m.options.db_path)}, {"url", url + "/"}})
                            .c_str());
    if (!m.state.setup_token.empty()) {
      std::printf("%s\n", JsonLogLine(spdlog::level::warn, "no users yet: create the first admin",
                                      {{"setup_url", url + "/setup?token=" + m.state.setup_token}})
                              .c_str());
    }
  } else {
    std::printf("tend serving %s on %s\n", store::DisplayLocation(m.options.db_path).c_str(),
                url.c_str());
  }
  if (!m.state.setup_token.empty() && !LogIsJson()) {
    std::printf(
        "No users yet. Create the first admin within this run with the one-time setup token:\n"
        "  %s/setup?token=%s\n"
        "  (or: curl -X POST %s/api/setup -H 'Content-Type: application/json' -d "
        "'{\"token\":\"%s\",\"email\":...,\"name\":...,\"password\":...}')\n"
        "  or from the CLI: tend user add --db %s --email E --name N --role admin\n",
        url.c_str(), m.state.setup_token.c_str(), url.c_str(), m.state.setup_token.c_str(),
        store::DisplayLocation(m.options.db_path).c_str());
  }
  std::fflush(stdout);
  m.StartBackground();
  bool ok = m.http->listen_after_bind();
  if (m.front_thread.joinable()) m.front_thread.join();
  // Stopped: streams were closed in Stop(); fold what the journal holds.
  m.StopBackground();
  if (auto n = m.live->Checkpoint(); !n.ok()) {
    spdlog::error("final checkpoint: {}", n.status().ToString());
  }
  if (!ok && !m.stopping) return Internal("serve.listen", "the server stopped unexpectedly");
  return Status::Ok();
}

void Server::Stop() {
  impl_->stopping = true;
  bool front = false;
  {
    std::lock_guard<std::mutex> l(impl_->front_mu);
    if (impl_->front) {
      impl_->front->Stop();  // it stops the workers when drained (Run)
      front = true;
    }
  }
  impl_->bg_cv.notify_all();
  impl_->stream->CloseAll();
  if (!front) impl_->http->stop();
}

int Server::port() const { return impl_->port; }

}  // namespace tend::api
