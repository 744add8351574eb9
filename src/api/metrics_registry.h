// MetricsRegistry: the server's counters and latency histograms, rendered in Prometheus'
// text exposition format at GET /metrics.
//
// Series: tend_http_requests_total{route,method,status}, tend_http_request_duration_seconds
// {route} (histogram), plus named counters (tend_events_ingested_total, ...) and named
// histograms (tend_refresh_duration_seconds, tend_rule_run_duration_seconds, ...), each
// present from the start when declared. Thread-safe.
#ifndef TEND_API_METRICS_REGISTRY_H_
#define TEND_API_METRICS_REGISTRY_H_

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace tend::api {

class MetricsRegistry {
 public:
  enum class Kind { kCounter, kGauge, kHistogram };
  // Makes `name` present (at zero, with its help) before anything is counted, so a scrape
  // right after start shows every series.
  void Declare(std::string_view name, Kind kind, std::string_view help);
  // One finished HTTP request. `route` is the route's pattern, not the concrete path.
  void ObserveRequest(std::string_view route, std::string_view method, int status, double seconds);
  // Adds `v` to the counter `name` (created at 0 on first use).
  void Add(std::string_view name, std::string_view help, double v = 1);
  // Sets the gauge `name`.
  void Set(std::string_view name, std::string_view help, double v);
  // One observation of the histogram `name`, in seconds.
  void Observe(std::string_view name, std::string_view help, double seconds);

  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    5};
  struct Histogram {
    std::string help;
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum = 0;
    void Add(double v);
  };
  struct Scalar {
    std::string help;
    bool gauge = false;
    double value = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> route_latency_;
  std::map<std::string, Scalar, std::less<>> scalars_;
  std::map<std::string, Histogram, std::less<>> histograms_;
};

}  // namespace tend::api

#endif  // TEND_API_METRICS_REGISTRY_H_
