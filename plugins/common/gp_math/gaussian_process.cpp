#include "gaussian_process.hpp"

#include <cmath>
#include <utility>

namespace vernier::gp {

namespace {

// Jitters tried in turn, as fractions of the signal variance: none first, then by decades.
constexpr double kJitters[] = {0.0, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4};
// A pivot below this fraction of the signal variance means the covariance is numerically singular: going
// on would give a factor whose solves amplify rounding errors without bound.
constexpr double kMinimumPivot = 1e-12;

}  // namespace

GaussianProcess::GaussianProcess(const Hyperparameters &h, std::vector<bool> categorical)
    : h_(h), categorical_(std::move(categorical)) {
  for (std::size_t j = 0; j < categorical_.size(); ++j) (categorical_[j] ? categorical_index_ : numeric_).push_back(j);
}

double GaussianProcess::kernel(const double *a, const double *b) const {
  return h_.signal_variance * matern52_value(scaled_distance(a, b, h_.inverse_squared_lengthscales, categorical_));
}

bool GaussianProcess::append_row(const double *x) {
  const std::size_t i = n_, d = dims();
  std::vector<double> l(i + 1);
  // Forward substitution L[0:i, 0:i] l = k(X, x), row by row in a fixed order.
  for (std::size_t r = 0; r < i; ++r) {
    const double *Lr = row(r);
    double sum = kernel(X_.data() + r * d, x);
    for (std::size_t c = 0; c < r; ++c) sum -= Lr[c] * l[c];
    l[r] = sum / Lr[r];
  }
  double pivot = kernel(x, x) + h_.noise_variance + jitter_;
  for (std::size_t c = 0; c < i; ++c) pivot -= l[c] * l[c];
  if (!(pivot > kMinimumPivot * h_.signal_variance) || !std::isfinite(pivot)) return false;
  l[i] = std::sqrt(pivot);
  L_.insert(L_.end(), l.begin(), l.end());
  X_.insert(X_.end(), x, x + d);
  ++n_;
  caches_valid_ = false;
  return true;
}

bool GaussianProcess::condition(std::size_t n, const double *X, const double *y) {
  const std::size_t d = dims();
  caches_valid_ = false;
  for (double fraction : kJitters) {
    jitter_ = fraction * h_.signal_variance;
    n_ = 0;
    L_.clear();
    X_.clear();
    L_.reserve(n * (n + 1) / 2);
    X_.reserve(n * d);
    bool ok = true;
    for (std::size_t i = 0; i < n && ok; ++i) ok = append_row(X + i * d);
    if (ok) {
      y_.assign(y, y + n);
      solve_alpha();
      return true;
    }
  }
  n_ = 0;
  L_.clear();
  X_.clear();
  y_.clear();
  alpha_.clear();
  jitter_ = 0;
  return false;
}

bool GaussianProcess::append(const double *x, double y) {
  if (!append_row(x)) return false;
  y_.push_back(y);
  solve_alpha();
  return true;
}

void GaussianProcess::set_targets(const double *y) {
  y_.assign(y, y + n_);
  solve_alpha();
}

void GaussianProcess::solve_alpha() {
  std::vector<double> z(n_);
  for (std::size_t r = 0; r < n_; ++r) {  // L z = y
    const double *Lr = row(r);
    double sum = y_[r];
    for (std::size_t c = 0; c < r; ++c) sum -= Lr[c] * z[c];
    z[r] = sum / Lr[r];
  }
  alpha_.assign(n_, 0.0);
  for (std::size_t i = n_; i-- > 0;) {  // L^T alpha = z, one column of L^T (a row of L) at a time
    const double *Li = row(i);
    alpha_[i] = z[i] / Li[i];
    for (std::size_t c = 0; c < i; ++c) z[c] -= Li[c] * alpha_[i];
  }
}

Eigen::MatrixXd GaussianProcess::factor() const {
  Eigen::MatrixXd L = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n_), static_cast<Eigen::Index>(n_));
  for (std::size_t i = 0; i < n_; ++i)
    for (std::size_t c = 0; c <= i; ++c) L(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) = row(i)[c];
  return L;
}

void GaussianProcess::refresh_caches() const {
  if (caches_valid_) return;
  const auto n = static_cast<Eigen::Index>(n_), d = static_cast<Eigen::Index>(dims());
  dense_factor_ = factor();
  inputs_ = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(X_.data(), n, d);
  scaled_numeric_.resize(n, static_cast<Eigen::Index>(numeric_.size()));
  for (std::size_t k = 0; k < numeric_.size(); ++k) {
    const auto j = static_cast<Eigen::Index>(numeric_[k]);
    scaled_numeric_.col(static_cast<Eigen::Index>(k)) = inputs_.col(j) * std::sqrt(h_.inverse_squared_lengthscales[j]);
  }
  scaled_norms_ = scaled_numeric_.rowwise().squaredNorm();
  caches_valid_ = true;
}

void GaussianProcess::distances_to(const double *x, Eigen::ArrayXd &s) const {
  const Eigen::VectorXd &w = h_.inverse_squared_lengthscales;
  s.setZero(static_cast<Eigen::Index>(n_));
  for (std::size_t j : numeric_) {
    const auto c = static_cast<Eigen::Index>(j);
    s += w[c] * (inputs_.col(c).array() - x[j]).square();
  }
  for (std::size_t j : categorical_index_) {
    const auto c = static_cast<Eigen::Index>(j);
    s += (inputs_.col(c).array() != x[j]).cast<double>() * w[c];
  }
}

namespace {

// sigma^2 m52(s), elementwise, vectorised.
Eigen::ArrayXXd matern_covariance(const Eigen::ArrayXXd &s, double signal_variance) {
  const Eigen::ArrayXXd t = (5.0 * s.max(0.0)).sqrt();
  return signal_variance * (1.0 + t + t.square() / 3.0) * (-t).exp();
}

}  // namespace

void GaussianProcess::predict(std::size_t m, const double *Xq, double *mean, double *var) const {
  const auto n = static_cast<Eigen::Index>(n_), mq = static_cast<Eigen::Index>(m);
  if (n_ == 0 || m == 0) {
    for (std::size_t q = 0; q < m; ++q) {
      mean[q] = 0.0;
      var[q] = h_.signal_variance;
    }
    return;
  }
  refresh_caches();
  const Eigen::VectorXd &w = h_.inverse_squared_lengthscales;
  const Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> queries(
      Xq, mq, static_cast<Eigen::Index>(dims()));
  // Scaled squared distances, n x m: |a|^2 + |b|^2 - 2 a.b over the numeric features (one matrix product),
  // plus w_j for each categorical feature that differs.
  Eigen::MatrixXd s = Eigen::MatrixXd::Zero(n, mq);
  if (!numeric_.empty()) {
    Eigen::MatrixXd b(mq, static_cast<Eigen::Index>(numeric_.size()));
    for (std::size_t k = 0; k < numeric_.size(); ++k) {
      const auto j = static_cast<Eigen::Index>(numeric_[k]);
      b.col(static_cast<Eigen::Index>(k)) = queries.col(j) * std::sqrt(w[j]);
    }
    s.noalias() = -2.0 * scaled_numeric_ * b.transpose();
    s.colwise() += scaled_norms_;
    s.rowwise() += b.rowwise().squaredNorm().transpose();
  }
  for (std::size_t j : categorical_index_) {
    const auto c = static_cast<Eigen::Index>(j);
    for (Eigen::Index q = 0; q < mq; ++q)
      s.col(q).array() += (inputs_.col(c).array() != queries(q, c)).cast<double>() * w[c];
  }
  Eigen::MatrixXd cross = matern_covariance(s.array(), h_.signal_variance).matrix();  // k(X, x_q) per column
  const Eigen::Map<const Eigen::VectorXd> alpha(alpha_.data(), n);
  const Eigen::VectorXd means = cross.transpose() * alpha;
  dense_factor_.triangularView<Eigen::Lower>().solveInPlace(cross);  // columns become L^-1 k(X, x_q)
  const Eigen::VectorXd explained = cross.colwise().squaredNorm().transpose();
  for (std::size_t q = 0; q < m; ++q) {
    mean[q] = means[static_cast<Eigen::Index>(q)];
    const double v = h_.signal_variance - explained[static_cast<Eigen::Index>(q)];
    var[q] = v > 0 ? v : 0.0;
  }
}

void GaussianProcess::predict_with_gradient(const double *x, double &mean, double &var, double *dmean,
                                            double *dvar) const {
  const std::size_t d = dims();
  const auto n = static_cast<Eigen::Index>(n_);
  for (std::size_t j = 0; j < d; ++j) dmean[j] = dvar[j] = 0.0;
  if (n_ == 0) {
    mean = 0.0;
    var = h_.signal_variance;
    return;
  }
  refresh_caches();
  Eigen::ArrayXd s;
  distances_to(x, s);
  // k_i = sigma^2 m52(s_i); g_i = 2 sigma^2 dm52/ds, so that dk_i/dx_j = g_i w_j (x_j - X_ij).
  const Eigen::ArrayXd t = (5.0 * s).sqrt(), e = (-t).exp();
  const Eigen::VectorXd k = (h_.signal_variance * (1.0 + t + t.square() / 3.0) * e).matrix();
  const Eigen::ArrayXd g = -(5.0 / 3.0) * h_.signal_variance * (1.0 + t) * e;
  const Eigen::Map<const Eigen::VectorXd> alpha(alpha_.data(), n);
  mean = k.dot(alpha);
  // v = L^-1 k, var = k(x,x) - v.v, beta = L^-T v = K^-1 k, dvar/dx = -2 beta . dk/dx.
  const Eigen::VectorXd v = dense_factor_.triangularView<Eigen::Lower>().solve(k);
  const double latent = h_.signal_variance - v.squaredNorm();
  var = latent > 0 ? latent : 0.0;
  const Eigen::VectorXd beta = dense_factor_.triangularView<Eigen::Lower>().transpose().solve(v);
  const Eigen::VectorXd ag = (alpha.array() * g).matrix(), bg = (beta.array() * g).matrix();
  const double ag_sum = ag.sum(), bg_sum = bg.sum();
  const Eigen::VectorXd &w = h_.inverse_squared_lengthscales;
  for (std::size_t j : numeric_) {
    const auto c = static_cast<Eigen::Index>(j);
    // sum_i a_i (x_j - X_ij) = x_j sum_i a_i - X_j . a
    dmean[j] = w[c] * (x[j] * ag_sum - inputs_.col(c).dot(ag));
    dvar[j] = -2.0 * w[c] * (x[j] * bg_sum - inputs_.col(c).dot(bg));
  }
}

}  // namespace vernier::gp
