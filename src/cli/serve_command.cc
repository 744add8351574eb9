// tend serve: the server (api/server.h), configured by flags, TEND_* environment variables
// or a config file (KEY=value lines, the same names as the environment variables).
#include <httplib.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/server.h"
#include "cli/command.h"
#include "cli/exit_codes.h"
#include "common/log.h"
#include "mail/smtp_transport.h"
#include "store/open_store.h"

namespace tend::cli {

namespace {

// Reads KEY=value lines (# comments) into the environment, without overriding variables
// already set: flags > environment > config file > defaults.
Status LoadConfigFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("serve.noConfig", path + ": cannot read the config file");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) {
      return InvalidArgument("serve.badConfig", path + ":" + std::to_string(n) +
                                                    ": expected KEY=value, got \"" + line + "\"");
    }
    std::string key = line.substr(start, eq - start);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
    std::string value = line.substr(eq + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
    if (key.rfind("TEND_", 0) != 0) {
      return InvalidArgument(
          "serve.badConfig",
          path + ":" + std::to_string(n) + ": unknown key \"" + key + "\" (keys are TEND_*)");
    }
    setenv(key.c_str(), value.c_str(), 0);
  }
  return Status::Ok();
}

std::atomic<int> g_signal{0};
std::atomic<int> g_reopen{0};  // SIGHUPs not yet handled
void OnSignal(int sig) { g_signal = sig; }
void OnHangup(int) { ++g_reopen; }

// A failure before or while serving: a JSON line in the JSON log format, else as every
// command reports one.
int ServeFail(const Status& st) {
  if (LogIsJson()) {
    LogLine(spdlog::level::err, st.message(), {{"id", st.id()}});
    return ExitCodeFor(st);
  }
  return Fail(st);
}

// --check-config: what a start would check, without binding the port or changing anything:
// the options, the log file, and that the workspace opens (schema known) and is not served.
int CheckConfig(const api::ServerOptions& o) {
  if (Status st = api::CheckServerOptions(o); !st.ok()) return ServeFail(st);
  if (!o.tls_cert.empty()) {
    // Loads the pair as the server would.
    auto ssl = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
    if (!ssl->is_valid()) {
      return ServeFail(InvalidArgument("serve.tls",
                                       "the TLS certificate or key could not be "
                                       "loaded (" +
                                           o.tls_cert + ", " + o.tls_key + ")"));
    }
  }
  store::OpenOptions oo;
  oo.create = false;
  oo.migrate = false;
  auto st = store::OpenStore(o.db_path, oo);
  if (!st.ok()) return ServeFail(st.status());
  {
    // Taken and let go at once: tells whether another server holds the workspace.
    auto lock = store::AcquireServeLock(o.db_path);
    if (!lock.ok()) return ServeFail(lock.status());
  }
  nlohmann::json summary{{"db", store::DisplayLocation(o.db_path)},
                         {"bind", o.bind},
                         {"port", o.port},
                         {"tls", !o.tls_cert.empty()},
                         {"base_path", o.base_path.empty() ? "/" : o.base_path},
                         {"trusted_proxies", o.trusted_proxies},
                         {"webhook_ca", o.webhook_ca},
                         {"smtp_url", mail::RedactUrl(o.smtp_url)},
                         {"mail_from", o.mail_from},
                         {"public_url", o.public_url}};
  if (LogIsJson()) {
    std::printf("%s\n", JsonLogLine(spdlog::level::info, "config ok", summary).c_str());
  } else {
    std::printf("config ok: serve %s on %s://%s:%d%s/%s%s%s\n",
                store::DisplayLocation(o.db_path).c_str(),
                o.tls_cert.empty() ? "http" : "https", o.bind.c_str(), o.port,
                o.base_path == "/" ? "" : o.base_path.c_str(),
                o.trusted_proxies.empty() ? "" : " behind trusted proxies",
                o.webhook_ca.empty() ? "" : ", webhook CA bundle",
                o.smtp_url.empty() ? "" : (", mail via " + mail::RedactUrl(o.smtp_url)).c_str());
  }
  return 0;
}

}  // namespace

int RunServe(int argc, char** argv) {
  // The config file is read before the flags are parsed so its values act as defaults.
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--config") {
      if (Status st = LoadConfigFile(argv[i + 1]); !st.ok()) return Fail(st);
    }
  }
  if (const char* cfg = std::getenv("TEND_CONFIG")) {
    if (Status st = LoadConfigFile(cfg); !st.ok()) return Fail(st);
  }
  CLI::App app{"Serve the JSON API, the Segment-compatible ingestion API (/v1) and the web UI.",
               "tend serve"};
  api::ServerOptions o;
  std::string db, config, as_of, log_format = "text", log_file;
  bool check_config = false;
  AddDbOption(app, &db);
  app.add_option("--config", config, "a file of KEY=value lines (TEND_PORT=8080, ...)")
      ->envname("TEND_CONFIG");
  app.add_option("--bind", o.bind, "address to listen on")
      ->envname("TEND_BIND")
      ->capture_default_str();
  app.add_option("--port", o.port, "port (0: any free port)")
      ->envname("TEND_PORT")
      ->capture_default_str();
  app.add_option("--tls-cert", o.tls_cert, "PEM certificate: serve HTTPS")
      ->envname("TEND_TLS_CERT");
  app.add_option("--tls-key", o.tls_key, "PEM private key for --tls-cert")->envname("TEND_TLS_KEY");
  app.add_option("--threads", o.api_threads, "worker threads for API requests")
      ->envname("TEND_THREADS")
      ->capture_default_str();
  app.add_option("--max-streams", o.max_streams,
                 "open event streams at most (each holds a "
                 "worker of its own)")
      ->envname("TEND_MAX_STREAMS")
      ->capture_default_str();
  app.add_option("--refresh-hour", o.refresh_hour, "UTC hour of the daily refresh")
      ->envname("TEND_REFRESH_HOUR")
      ->capture_default_str();
  app.add_option("--checkpoint-seconds", o.checkpoint_seconds,
                 "fold received events into the usage states this often")
      ->envname("TEND_CHECKPOINT_SECONDS")
      ->capture_default_str();
  app.add_option("--body-timeout", o.body_seconds, "seconds a request body may take to arrive")
      ->envname("TEND_BODY_TIMEOUT")
      ->capture_default_str();
  app.add_option("--keep-alive", o.keep_alive_seconds, "seconds an idle connection stays open")
      ->envname("TEND_KEEP_ALIVE")
      ->capture_default_str();
  app.add_option("--as-of", as_of, "score as of this day (YYYY-MM-DD) instead of today")
      ->envname("TEND_AS_OF");
  app.add_option("--web-dir", o.web_dir, "the built web UI to serve at /")->envname("TEND_WEB_DIR");
  app.add_option("--log-format", log_format,
                 "text or json (every line a JSON object with level, ts, msg and fields)")
      ->envname("TEND_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--log-file", log_file,
                 "append the log to this file instead of standard error (reopened on SIGHUP)")
      ->envname("TEND_LOG_FILE");
  app.add_option("--base-path", o.base_path,
                 "serve everything under this path prefix (/tend: the app at /tend/, the API at "
                 "/tend/api/...), as a reverse proxy forwards it")
      ->envname("TEND_BASE_PATH");
  app.add_option("--trusted-proxy", o.trusted_proxies,
                 "a proxy (CIDR) whose X-Forwarded-For/-Proto are believed; repeatable "
                 "(TEND_TRUSTED_PROXY: comma-separated)")
      ->envname("TEND_TRUSTED_PROXY")
      ->delimiter(',');
  app.add_option("--webhook-ca", o.webhook_ca,
                 "PEM CA bundle that HTTPS webhook receivers' certificates must chain to "
                 "(default: the system's)")
      ->envname("TEND_WEBHOOK_CA");
  app.add_option("--smtp-url", o.smtp_url,
                 "the SMTP server mail is sent through: smtp://[user:password@]host:port "
                 "(STARTTLS when offered) or smtps://... (TLS); without it mail waits in the "
                 "outbox")
      ->envname("TEND_SMTP_URL");
  app.add_option("--smtp-ca", o.smtp_ca,
                 "PEM CA bundle the SMTP server's certificate must chain to (default: the "
                 "system's)")
      ->envname("TEND_SMTP_CA");
  app.add_option("--mail-from", o.mail_from,
                 "the From of outgoing mail: an address or \"Name <address>\"")
      ->envname("TEND_MAIL_FROM");
  app.add_option("--public-url", o.public_url,
                 "the address people reach this server at, for links in mail "
                 "(https://tend.example.com)")
      ->envname("TEND_PUBLIC_URL");
  app.add_option("--mail-seconds", o.mail_seconds, "how often the outbox is looked at for due mail")
      ->envname("TEND_MAIL_SECONDS")
      ->capture_default_str();
  app.add_flag("--check-config", check_config,
               "check the configuration (options, files, workspace) and exit without serving");
  app.add_flag("--quiet", o.quiet, "no request log")->envname("TEND_QUIET");
  app.add_option("--header-timeout", o.header_seconds,
                 "seconds a request head may take to arrive once it has begun")
      ->envname("TEND_HEADER_TIMEOUT")
      ->capture_default_str();
  app.add_option("--max-connections", o.max_connections, "open client connections at most")
      ->envname("TEND_MAX_CONNECTIONS")
      ->capture_default_str();
  app.add_option("--max-connections-per-address", o.max_connections_per_address,
                 "open connections from one client address at most")
      ->envname("TEND_MAX_CONNECTIONS_PER_ADDRESS")
      ->capture_default_str();
  bool no_front_door = false;
  app.add_flag("--no-front-door", no_front_door,
               "let the HTTP workers own the public socket (one per connection: slow and idle "
               "clients then hold them; for measurements only)");
  app.add_option("--metrics-token", o.metrics_token,
                 "a secret /metrics then needs (Authorization: Bearer ...); without one, only "
                 "this machine may read /metrics")
      ->envname("TEND_METRICS_TOKEN");
  app.add_flag("--metrics-public", o.metrics_public,
               "let anyone read /metrics without a token (behind a proxy that guards it)")
      ->envname("TEND_METRICS_PUBLIC");
  bool print_openapi = false;
  app.add_flag("--print-openapi", print_openapi,
               "print the OpenAPI document of the API and exit (no workspace needed)");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  o.front_door = !no_front_door;
  if (print_openapi) {
    std::printf("%s\n", api::OpenApiJson().c_str());
    return 0;
  }
  o.db_path = ResolveDbPath(db);
  if (Status st = ConfigureLogging({log_format == "json", log_file}); !st.ok()) return Fail(st);
  if (!as_of.empty()) {
    auto d = ParseDate(as_of);
    if (!d)
      return ServeFail(InvalidArgument("serve.badDate",
                                       "--as-of: \"" + as_of + "\" is not a date (YYYY-MM-DD)"));
    o.as_of = *d;
  }
  if (check_config) return CheckConfig(o);
  // SIGHUP only reopens the log: ignored from here on, before the server exists, so a
  // logrotate that signals early does not kill a starting server.
  std::signal(SIGHUP, OnHangup);
  auto server = api::Server::Create(o);
  if (!server.ok()) return ServeFail(server.status());
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGINT, OnSignal);
  std::signal(SIGPIPE, SIG_IGN);
  api::Server* s = server->get();
  std::thread watcher([s] {
    while (g_signal == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (g_reopen.exchange(0) > 0) {
        if (Status st = ReopenLog(); st.ok()) {
          LogLine(spdlog::level::info, "log reopened (SIGHUP)");
        } else {
          LogLine(spdlog::level::err, st.message(), {{"id", st.id()}});
        }
      }
    }
    LogLine(spdlog::level::info, "stopping: finishing requests in flight",
            {{"signal", g_signal.load()}},
            "tend: stopping (signal " + std::to_string(g_signal.load()) +
                "): finishing requests in flight");
    s->Stop();
  });
  Status st = s->Run();
  if (g_signal == 0) g_signal = -1;  // let the watcher end
  watcher.join();
  if (!st.ok()) return ServeFail(st);
  LogLine(spdlog::level::info, "stopped", {}, "tend: stopped");
  return 0;
}

}  // namespace tend::cli
