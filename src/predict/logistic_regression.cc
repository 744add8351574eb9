#include "predict/logistic_regression.h"

#include <algorithm>
#include <cmath>

#include "common/status.h"

namespace tend::predict {
namespace {

double Sigmoid(double t) {
  if (t >= 0) return 1.0 / (1.0 + std::exp(-t));
  const double e = std::exp(t);
  return e / (1.0 + e);
}

// log(1 + exp(t)) without overflow.
double Softplus(double t) { return t > 0 ? t + std::log1p(std::exp(-t)) : std::log1p(std::exp(t)); }

// Solves A x = b for symmetric positive definite A (n x n, row-major) by Cholesky. A is
// overwritten. Returns false when A is not positive definite.
bool CholeskySolve(std::vector<double>& a, std::vector<double>& b, size_t n) {
  for (size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    if (d <= 0) return false;
    const double l = std::sqrt(d);
    a[j * n + j] = l;
    for (size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / l;
    }
  }
  for (size_t i = 0; i < n; ++i) {  // L y = b
    double s = b[i];
    for (size_t k = 0; k < i; ++k) s -= a[i * n + k] * b[k];
    b[i] = s / a[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {  // L^T x = y
    double s = b[i];
    for (size_t k = i + 1; k < n; ++k) s -= a[k * n + i] * b[k];
    b[i] = s / a[i * n + i];
  }
  return true;
}

}  // namespace

void LogisticRegression::Design(const float* row, double* z) const {
  const size_t p = mean_.size();
  for (size_t c = 0; c < cols_; ++c) {
    const bool missing = std::isnan(row[c]);
    z[c] = missing ? median_[c] : row[c];
    if (indicator_of_[c] >= 0) z[indicator_of_[c]] = missing ? 1.0 : 0.0;
  }
  for (size_t j = 0; j < p; ++j) z[j] = (z[j] - mean_[j]) / scale_[j];
}

LogisticRegression LogisticRegression::Fit(const Matrix& x, std::span<const float> y,
                                           const LogRegOptions& options) {
  TEND_DCHECK(y.size() == x.rows, "one label per row");
  LogisticRegression m;
  const size_t n = x.rows;
  m.cols_ = x.cols;
  m.median_.assign(x.cols, 0.0);
  m.indicator_of_.assign(x.cols, -1);
  size_t p = x.cols;
  std::vector<double> present;
  for (size_t c = 0; c < x.cols; ++c) {
    present.clear();
    for (size_t r = 0; r < n; ++r) {
      if (!std::isnan(x.at(r, c))) present.push_back(x.at(r, c));
    }
    if (!present.empty()) {
      const size_t mid = present.size() / 2;
      std::nth_element(present.begin(), present.begin() + mid, present.end());
      double median = present[mid];
      if (present.size() % 2 == 0) {
        median = (median + *std::max_element(present.begin(), present.begin() + mid)) / 2;
      }
      m.median_[c] = median;
    }
    if (present.size() < n) m.indicator_of_[c] = static_cast<int>(p++);
  }
  m.mean_.assign(p, 0.0);
  m.scale_.assign(p, 1.0);

  // The imputed design, then its standardisation.
  std::vector<double> z(n * p);
  for (size_t r = 0; r < n; ++r) m.Design(x.row(r), &z[r * p]);  // mean 0, scale 1 so far
  for (size_t j = 0; j < p; ++j) {
    double sum = 0;
    for (size_t r = 0; r < n; ++r) sum += z[r * p + j];
    const double mean = n ? sum / static_cast<double>(n) : 0;
    double ss = 0;
    for (size_t r = 0; r < n; ++r) ss += (z[r * p + j] - mean) * (z[r * p + j] - mean);
    const double sd = n ? std::sqrt(ss / static_cast<double>(n)) : 0;
    m.mean_[j] = mean;
    m.scale_[j] = sd > 1e-12 ? sd : 1.0;
    for (size_t r = 0; r < n; ++r) z[r * p + j] = (z[r * p + j] - mean) / m.scale_[j];
  }

  // Newton's method on [w, b] (b last), with step halving on the penalised loss.
  const size_t q = p + 1;
  std::vector<double> beta(q, 0.0), eta(n, 0.0);
  double pos = 0;
  for (float v : y) pos += v;
  if (pos > 0 && pos < static_cast<double>(n))
    beta[p] = std::log(pos / (static_cast<double>(n) - pos));
  auto loss_at = [&](const std::vector<double>& bt, std::vector<double>& lin) {
    double loss = 0;
    for (size_t r = 0; r < n; ++r) {
      double t = bt[p];
      const double* zr = &z[r * p];
      for (size_t j = 0; j < p; ++j) t += zr[j] * bt[j];
      lin[r] = t;
      loss += Softplus(t) - y[r] * t;
    }
    for (size_t j = 0; j < p; ++j) loss += 0.5 * options.l2 * bt[j] * bt[j];
    return loss;
  };
  double loss = loss_at(beta, eta);
  std::vector<double> grad(q), hess(q * q), trial(q), trial_eta(n);
  for (int it = 0; it < options.max_iterations; ++it) {
    m.iterations_ = it + 1;
    std::fill(grad.begin(), grad.end(), 0.0);
    std::fill(hess.begin(), hess.end(), 0.0);
    for (size_t r = 0; r < n; ++r) {
      const double mu = Sigmoid(eta[r]);
      const double g = mu - y[r];
      const double s = std::max(mu * (1 - mu), 1e-12);
      const double* zr = &z[r * p];
      for (size_t j = 0; j < p; ++j) {
        grad[j] += g * zr[j];
        const double sz = s * zr[j];
        double* hj = &hess[j * q];
        for (size_t k = 0; k <= j; ++k) hj[k] += sz * zr[k];
        hess[p * q + j] += sz;
      }
      grad[p] += g;
      hess[p * q + p] += s;
    }
    for (size_t j = 0; j < p; ++j) {
      grad[j] += options.l2 * beta[j];
      hess[j * q + j] += options.l2;
    }
    hess[p * q + p] += 1e-9;
    for (size_t j = 0; j < q; ++j) {  // the lower triangle is filled: mirror it
      for (size_t k = 0; k < j; ++k) hess[k * q + j] = hess[j * q + k];
    }
    std::vector<double> step = grad;
    if (!CholeskySolve(hess, step, q)) break;
    double max_step = 0;
    for (double s : step) max_step = std::max(max_step, std::abs(s));
    double t = 1.0;
    bool improved = false;
    for (int halving = 0; halving < 30; ++halving, t /= 2) {
      for (size_t j = 0; j < q; ++j) trial[j] = beta[j] - t * step[j];
      const double l = loss_at(trial, trial_eta);
      if (l <= loss) {
        beta.swap(trial);
        eta.swap(trial_eta);
        loss = l;
        improved = true;
        break;
      }
    }
    if (!improved || max_step * t < options.tolerance) break;
  }
  m.w_.assign(beta.begin(), beta.begin() + p);
  m.b_ = beta[p];
  return m;
}

std::vector<double> LogisticRegression::Predict(const Matrix& x) const {
  TEND_DCHECK(x.cols == cols_, "the matrix has the fitted columns");
  std::vector<double> out(x.rows), z(mean_.size());
  for (size_t r = 0; r < x.rows; ++r) {
    Design(x.row(r), z.data());
    double t = b_;
    for (size_t j = 0; j < z.size(); ++j) t += z[j] * w_[j];
    out[r] = Sigmoid(t);
  }
  return out;
}

}  // namespace tend::predict
