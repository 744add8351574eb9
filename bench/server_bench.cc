// server_bench: load for a running `tend serve`, measured from outside (scripts/bench.sh
// starts the server on the benchmark workspace and runs each mode).
//
//   server_bench read    --url U --token T --rate 500 --seconds 20 --accounts-file F
//       Open-loop paced GETs (half the account list with a filter or sort, half account 360
//       bundles of random accounts) at a fixed rate; latency is measured from each request's
//       scheduled time, so a slow server cannot hide behind fewer requests (no coordinated
//       omission). Prints p50/p99/max per kind.
//   server_bench ingest  --url U --writekey K --seconds 10 --threads 4 --batch 1000
//       --accounts-file F: /v1/batch bodies of `batch` track events for random accounts,
//       sent back to back from `threads` connections. Prints events/s acknowledged.
//   server_bench latency --url U --writekey K --count 400 --rate 40 --accounts-file F
//       Single /v1/track events; the server answers after the event is durable, its account
//       re-scored and its rules run, so the response time is the event-to-score-and-CTA time.
//
// Output: CSV rows benchmark,variant,rows,seconds,rows_per_sec,peak_rss_mb like the other
// benchmarks, plus '#' lines with the latency percentiles.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  std::string mode, url, token, writekey, accounts_file;
  double rate = 500, seconds = 20;
  int threads = 4, batch = 1000, count = 400;
  int batch_accounts = 0;  // ingest: accounts per batch (0: every event a random account)
};

std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

double Pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t k = static_cast<size_t>(p * (v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

void Report(const char* name, const std::vector<double>& ms) {
  std::printf("# %s: n=%zu p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms\n", name, ms.size(),
              Pct(ms, 0.5), Pct(ms, 0.9), Pct(ms, 0.99), Pct(ms, 1.0));
}

httplib::Client Connect(const std::string& url) {
  httplib::Client c(url);
  c.set_keep_alive(true);
  c.set_tcp_nodelay(true);
  c.set_read_timeout(30, 0);
  return c;
}

int Read(const Args& a, const std::vector<std::string>& accounts) {
  const int workers = 32;
  const double interval_ms = 1000.0 / a.rate;
  const int total = static_cast<int>(a.rate * a.seconds);
  std::atomic<int> next{0};
  std::mutex mu;
  std::vector<double> list_ms, one_ms;
  int errors = 0;
  auto start = Clock::now() + std::chrono::milliseconds(200);
  const char* kLists[] = {"/api/accounts?limit=50",
                          "/api/accounts?limit=50&sort=overall&order=desc",
                          "/api/accounts?limit=50&color=red",
                          "/api/accounts?limit=50&renewal_within_days=90&sort=renewal_date",
                          "/api/accounts?limit=50&q=acme"};
  std::vector<std::thread> ts;
  for (int w = 0; w < workers; ++w) {
    ts.emplace_back([&, w] {
      httplib::Client c = Connect(a.url);
      httplib::Headers h{{"Authorization", "Bearer " + a.token}};
      std::mt19937 rng(w);
      for (;;) {
        int k = next++;
        if (k >= total) return;
        auto due = start + std::chrono::microseconds(static_cast<int64_t>(k * interval_ms * 1000));
        std::this_thread::sleep_until(due);
        bool is_list = k % 2 == 0;
        std::string path =
            is_list ? kLists[(k / 2) % 5] : "/api/accounts/" + accounts[rng() % accounts.size()];
        auto res = c.Get(path, h);
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - due).count();
        std::lock_guard<std::mutex> l(mu);
        if (!res || res->status != 200) {
          ++errors;
          continue;
        }
        (is_list ? list_ms : one_ms).push_back(ms);
      }
    });
  }
  for (auto& t : ts) t.join();
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("server_read,list+360@%.0f/s,%d,%.3f,%.0f,\n", a.rate, total, secs, total / secs);
  Report("GET /api/accounts (list)", list_ms);
  Report("GET /api/accounts/{id} (360)", one_ms);
  std::vector<double> all = list_ms;
  all.insert(all.end(), one_ms.begin(), one_ms.end());
  Report("all reads", all);
  std::printf("# errors: %d\n", errors);
  return errors ? 1 : 0;
}

std::string TrackJson(const std::string& user, const std::string& account, const char* event,
                      const std::string& id, const std::string& ts) {
  return "{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"" + event +
         "\",\"messageId\":\"" + id + "\",\"timestamp\":\"" + ts +
         "\",\"properties\":{\"plan\":\"pro\"},\"context\":{\"groupId\":\"" + account + "\"}}";
}

std::string NowIso() {
  auto t = std::chrono::system_clock::now();
  std::time_t s = std::chrono::system_clock::to_time_t(t);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&s));
  return buf;
}

int Ingest(const Args& a, const std::vector<std::string>& accounts) {
  std::atomic<int64_t> events{0};
  std::atomic<int> errors{0};
  std::atomic<bool> stop{false};
  const char* kEvents[] = {"Dashboard Viewed", "Report Exported", "Alert Created",
                           "Integration Synced"};
  std::vector<std::thread> ts;
  std::mutex mu;
  std::vector<double> batch_ms;
  auto start = Clock::now();
  for (int w = 0; w < a.threads; ++w) {
    ts.emplace_back([&, w] {
      httplib::Client c = Connect(a.url);
      c.set_basic_auth(a.writekey, "");
      std::mt19937 rng(100 + w);
      int64_t seq = 0;
      std::string ts_iso = NowIso();
      // Message ids unique across runs: the server keeps every id it saw (dedup).
      const std::string run =
          std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
      while (!stop) {
        std::string body = "{\"batch\":[";
        std::vector<const std::string*> pick;
        for (int k = 0; k < a.batch_accounts; ++k)
          pick.push_back(&accounts[rng() % accounts.size()]);
        for (int i = 0; i < a.batch; ++i) {
          const std::string& acc =
              pick.empty() ? accounts[rng() % accounts.size()] : *pick[rng() % pick.size()];
          std::string user = acc + "-u" + std::to_string(rng() % 5);
          if (i) body += ',';
          body +=
              TrackJson(user, acc, kEvents[rng() % 4],
                        "b" + run + "-" + std::to_string(w) + "-" + std::to_string(seq++), ts_iso);
        }
        body += "]}";
        auto t0 = Clock::now();
        auto res = c.Post("/v1/batch", body, "application/json");
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (!res || res->status != 200) {
          ++errors;
          if (res) std::fprintf(stderr, "status %d: %s\n", res->status, res->body.c_str());
          continue;
        }
        events += a.batch;
        std::lock_guard<std::mutex> l(mu);
        batch_ms.push_back(ms);
        if (std::chrono::duration<double>(Clock::now() - start).count() > a.seconds) stop = true;
      }
    });
  }
  for (auto& t : ts) t.join();
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("server_ingest,/v1/batch x%d threads %d accounts/batch %s,%lld,%.3f,%.0f,\n", a.batch,
              a.threads, a.batch_accounts ? std::to_string(a.batch_accounts).c_str() : "random",
              static_cast<long long>(events.load()), secs, events / secs);
  Report("POST /v1/batch", batch_ms);
  std::printf("# errors: %d\n", errors.load());
  return errors ? 1 : 0;
}

int Latency(const Args& a, const std::vector<std::string>& accounts) {
  httplib::Client c = Connect(a.url);
  c.set_basic_auth(a.writekey, "");
  std::mt19937 rng(static_cast<unsigned>(
      std::chrono::system_clock::now().time_since_epoch().count()));  // ids unique per run
  std::vector<double> ms;
  int errors = 0;
  auto start = Clock::now();
  for (int k = 0; k < a.count; ++k) {
    auto due = start + std::chrono::microseconds(static_cast<int64_t>(k * 1e6 / a.rate));
    std::this_thread::sleep_until(due);
    const std::string& acc = accounts[rng() % accounts.size()];
    std::string body =
        TrackJson(acc + "-u1", acc, "Dashboard Viewed",
                  "lat-" + std::to_string(k) + "-" + std::to_string(rng()), NowIso());
    auto t0 = Clock::now();
    auto res = c.Post("/v1/track", body, "application/json");
    double d = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    if (!res || res->status != 200) {
      ++errors;
      continue;
    }
    ms.push_back(d);
  }
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("server_event_to_score,/v1/track@%.0f/s,%d,%.3f,%.0f,\n", a.rate, a.count, secs,
              a.count / secs);
  Report("event arrival -> durable, re-scored, rules run (response)", ms);
  std::printf("# errors: %d\n", errors);
  return errors ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (argc < 2) {
    std::fprintf(stderr, "usage: server_bench read|ingest|latency --url U ...\n");
    return 2;
  }
  a.mode = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--url")
      a.url = v;
    else if (k == "--token")
      a.token = v;
    else if (k == "--writekey")
      a.writekey = v;
    else if (k == "--accounts-file")
      a.accounts_file = v;
    else if (k == "--rate")
      a.rate = std::stod(v);
    else if (k == "--seconds")
      a.seconds = std::stod(v);
    else if (k == "--threads")
      a.threads = std::stoi(v);
    else if (k == "--batch")
      a.batch = std::stoi(v);
    else if (k == "--count")
      a.count = std::stoi(v);
    else if (k == "--batch-accounts")
      a.batch_accounts = std::stoi(v);
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  auto accounts = ReadLines(a.accounts_file);
  if (accounts.empty()) {
    std::fprintf(stderr, "--accounts-file: no account ids\n");
    return 2;
  }
  std::printf("benchmark,variant,rows,seconds,rows_per_sec,peak_rss_mb\n");
  if (a.mode == "read") return Read(a, accounts);
  if (a.mode == "ingest") return Ingest(a, accounts);
  if (a.mode == "latency") return Latency(a, accounts);
  std::fprintf(stderr, "unknown mode %s\n", a.mode.c_str());
  return 2;
}
