// predict_bench: scoring speed of a stored-style churn model (tend predict score's hot path).
//
// Builds a synthetic frame shaped like a workspace's point-in-time features (30 numeric
// columns with missing values, 3 categorical), trains XGBoost on 5,000 rows with the
// settings `tend predict train` uses, then times on --rows rows (default 100,000):
//   encode       FeatureEncoder::TransformAll
//   predict      XgbModel::Predict (probabilities)
//   shap         XgbModel::Contributions (exact TreeSHAP, XGBoost's pred_contribs)
//   reasons_text TopReasons (rank columns, describe the top three in words)
//   approx_contribs  XgbModel::Contributions(x, approximate) (Saabas, approx_contribs)
// Target: encode + predict of 100,000 accounts in <= 1 s on 2 cores.
//
// Output: CSV rows benchmark,variant,rows,seconds,rows_per_sec,peak_rss_mb (as the other
// whole-path benchmarks print). Build: add predict_bench to TEND_PLAIN_BENCHMARKS.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include "common/rng.h"
#include "predict/feature_encoder.h"
#include "predict/reasons.h"
#include "predict/xgboost_model.h"

namespace {

using tend::predict::FeatureEncoder;
using tend::predict::FeatureKind;
using tend::predict::Frame;
using tend::predict::FrameColumn;
using tend::predict::Matrix;

double PeakRssMb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return 0;
}

Frame MakeFrame(size_t rows, uint64_t seed, std::vector<float>* labels) {
  tend::Rng rng(seed);
  Frame f;
  f.rows = rows;
  for (int c = 0; c < 30; ++c) {
    FrameColumn col;
    col.name = "metric_" + std::to_string(c);
    col.num.resize(rows);
    f.columns.push_back(std::move(col));
  }
  const char* segments[] = {"smb", "mid_market", "enterprise"};
  const char* regions[] = {"na", "emea", "apac", "latam"};
  for (const char* name : {"segment", "region", "industry"}) {
    FrameColumn col;
    col.name = name;
    col.kind = FeatureKind::kCategorical;
    col.cat.resize(rows);
    f.columns.push_back(std::move(col));
  }
  for (size_t r = 0; r < rows; ++r) {
    double risk = -3;
    for (int c = 0; c < 30; ++c) {
      const double v = rng.Uniform(0, 100);
      f.columns[c].num[r] = rng.Chance(0.05) ? tend::predict::kMissing : v;
      if (c < 5) risk += (v - 50) / 40.0;
    }
    f.columns[30].cat[r] = segments[rng.Below(3)];
    f.columns[31].cat[r] = regions[rng.Below(4)];
    f.columns[32].cat[r] = "industry_" + std::to_string(rng.Below(12));
    if (f.columns[30].cat[r] == "smb") risk += 0.5;
    if (labels) labels->push_back(rng.Chance(1.0 / (1.0 + std::exp(-risk))) ? 1.0f : 0.0f);
  }
  return f;
}

template <typename T>
T Check(tend::Result<T> r) {
  if (!r.ok()) {
    std::fprintf(stderr, "predict_bench: %s\n", r.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(r).value();
}

void Row(const char* variant, size_t rows, double seconds) {
  std::printf("predict,%s,%zu,%.4f,%.0f,%.1f\n", variant, rows, seconds, rows / seconds,
              PeakRssMb());
}

}  // namespace

int main(int argc, char** argv) {
  size_t rows = 100000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--rows") == 0) rows = std::strtoull(argv[i + 1], nullptr, 10);
  }
  std::vector<float> labels;
  const Frame train = MakeFrame(5000, 1, &labels);
  std::vector<size_t> all(train.rows);
  std::iota(all.begin(), all.end(), size_t{0});
  const FeatureEncoder encoder = FeatureEncoder::Fit(train, all);
  auto model = Check(tend::predict::XgbModel::TrainWithEarlyStopping(
      encoder.TransformAll(train), labels, tend::predict::XgbParams{}));
  std::fprintf(stderr, "model: %zu features, %d rounds\n", encoder.feature_names().size(),
               model.rounds());
  const Frame accounts = MakeFrame(rows, 2, nullptr);

  std::printf("benchmark,variant,rows,seconds,rows_per_sec,peak_rss_mb\n");
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  const Matrix x = encoder.TransformAll(accounts);
  auto t1 = Clock::now();
  const std::vector<double> p = Check(model.Predict(x));
  auto t2 = Clock::now();
  const Matrix contributions = Check(model.Contributions(x));
  auto t2b = Clock::now();
  const auto reasons = tend::predict::TopReasons(accounts, encoder, contributions, 3);
  auto t3 = Clock::now();
  const Matrix approx = Check(model.Contributions(x, /*approximate=*/true));
  auto t4 = Clock::now();
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  Row("encode", rows, secs(t0, t1));
  Row("predict", rows, secs(t1, t2));
  Row("encode+predict", rows, secs(t0, t2));
  Row("shap", rows, secs(t2, t2b));
  Row("reasons_text", rows, secs(t2b, t3));
  Row("shap+reasons", rows, secs(t2, t3));
  Row("approx_contribs", rows, secs(t3, t4));
  Row("total", rows, secs(t0, t3));
  const auto approx_reasons = tend::predict::TopReasons(accounts, encoder, approx, 3);
  size_t same_top = 0, overlap = 0;
  for (size_t r = 0; r < reasons.size(); ++r) {
    if (reasons[r].empty() || approx_reasons[r].empty()) continue;
    same_top += reasons[r][0].column == approx_reasons[r][0].column;
    for (const auto& a : reasons[r]) {
      for (const auto& b : approx_reasons[r]) overlap += a.column == b.column;
    }
  }
  std::printf(
      "# approximate vs exact reasons: same top reason for %.1f%% of rows, %.2f of the "
      "top three in common on average\n",
      100.0 * static_cast<double>(same_top) / static_cast<double>(rows),
      static_cast<double>(overlap) / static_cast<double>(rows));
  std::printf("# mean probability %.4f, first reason: %s\n",
              std::accumulate(p.begin(), p.end(), 0.0) / static_cast<double>(p.size()),
              reasons.empty() || reasons[0].empty() ? "" : reasons[0][0].text.c_str());
  return 0;
}
