#include "api/metrics_registry.h"

#include <fmt/format.h>

namespace tend::api {

namespace {

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void MetricsRegistry::Histogram::Add(double v) {
  for (size_t b = 0; b < kBuckets.size(); ++b) {
    if (v <= kBuckets[b]) ++counts[b];
  }
  ++count;
  sum += v;
}

void MetricsRegistry::ObserveRequest(std::string_view route, std::string_view method, int status,
                                     double seconds) {
  std::lock_guard<std::mutex> l(mu_);
  ++requests_[{std::string(route), std::string(method), status}];
  route_latency_[std::string(route)].Add(seconds);
}

void MetricsRegistry::Declare(std::string_view name, Kind kind, std::string_view help) {
  std::lock_guard<std::mutex> l(mu_);
  if (kind == Kind::kHistogram) {
    if (histograms_.find(name) == histograms_.end())
      histograms_.emplace(std::string(name), Histogram{std::string(help)});
    return;
  }
  if (scalars_.find(name) == scalars_.end())
    scalars_.emplace(std::string(name), Scalar{std::string(help), kind == Kind::kGauge});
}

void MetricsRegistry::Add(std::string_view name, std::string_view help, double v) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = scalars_.find(name);
  if (it == scalars_.end())
    it = scalars_.emplace(std::string(name), Scalar{std::string(help)}).first;
  it->second.value += v;
}

void MetricsRegistry::Set(std::string_view name, std::string_view help, double v) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = scalars_.find(name);
  if (it == scalars_.end())
    it = scalars_.emplace(std::string(name), Scalar{std::string(help), true}).first;
  it->second.value = v;
}

void MetricsRegistry::Observe(std::string_view name, std::string_view help, double seconds) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = histograms_.find(name);
  if (it == histograms_.end())
    it = histograms_.emplace(std::string(name), Histogram{std::string(help)}).first;
  it->second.Add(seconds);
}

std::string MetricsRegistry::Render() const {
  std::lock_guard<std::mutex> l(mu_);
  std::string out;
  auto histogram = [&](const std::string& name, const std::string& labels, const Histogram& h) {
    std::string sep = labels.empty() ? "" : ",";
    for (size_t b = 0; b < kBuckets.size(); ++b) {
      out += fmt::format("{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep, kBuckets[b],
                         h.counts[b]);
    }
    out += fmt::format("{}_bucket{{{}{}le=\"+Inf\"}} {}\n", name, labels, sep, h.count);
    std::string braces = labels.empty() ? "" : "{" + labels + "}";
    out += fmt::format("{}_sum{} {}\n{}_count{} {}\n", name, braces, h.sum, name, braces, h.count);
  };
  out += "# HELP tend_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE tend_http_requests_total counter\n";
  for (const auto& [k, n] : requests_) {
    out += fmt::format("tend_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                       Escape(std::get<0>(k)), std::get<1>(k), std::get<2>(k), n);
  }
  out += "# HELP tend_http_request_duration_seconds HTTP request latency by route.\n";
  out += "# TYPE tend_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : route_latency_) {
    histogram("tend_http_request_duration_seconds", "route=\"" + Escape(route) + "\"", h);
  }
  for (const auto& [name, s] : scalars_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, s.help, name,
                       s.gauge ? "gauge" : "counter", name, s.value);
  }
  for (const auto& [name, h] : histograms_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} histogram\n", name, h.help, name);
    histogram(name, "", h);
  }
  return out;
}

}  // namespace tend::api
