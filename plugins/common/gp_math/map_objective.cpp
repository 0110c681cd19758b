#include "map_objective.hpp"

#include <cmath>

namespace vernier::gp {

namespace {
constexpr double kLog2Pi = 1.8378770664093454836;
}

Eigen::VectorXd pack(const Hyperparameters &h) {
  const Eigen::Index d = h.inverse_squared_lengthscales.size();
  Eigen::VectorXd theta(d + 2);
  theta.head(d) = h.inverse_squared_lengthscales.array().log().matrix();
  theta[d] = std::log(h.signal_variance);
  theta[d + 1] = std::log(h.noise_variance);
  return theta;
}

Hyperparameters unpack(const Eigen::VectorXd &theta) {
  const Eigen::Index d = theta.size() - 2;
  Hyperparameters h;
  h.inverse_squared_lengthscales = theta.head(d).array().exp().matrix();
  h.signal_variance = std::exp(theta[d]);
  h.noise_variance = std::exp(theta[d + 1]);
  return h;
}

void hyperparameter_bounds(std::size_t dims, double noise_floor, bool fit_noise, Eigen::VectorXd &lower,
                           Eigen::VectorXd &upper) {
  const auto d = static_cast<Eigen::Index>(dims);
  lower.resize(d + 2);
  upper.resize(d + 2);
  lower.head(d).setConstant(std::log(kMinInverseSquaredLengthscale));
  upper.head(d).setConstant(std::log(kMaxInverseSquaredLengthscale));
  lower[d] = std::log(kMinSignalVariance);
  upper[d] = std::log(kMaxSignalVariance);
  lower[d + 1] = std::log(noise_floor);
  upper[d + 1] = fit_noise ? std::log(std::max(kMaxNoiseVariance, noise_floor)) : std::log(noise_floor);
}

MapObjective::MapObjective(std::size_t n, const double *X, const double *y, const std::vector<bool> &categorical,
                           bool fitted_mean)
    : n_(n), X_(X), y_(y), categorical_(categorical), fitted_mean_(fitted_mean) {}

double MapObjective::negative_log_prior(const Eigen::VectorXd &theta, Eigen::VectorXd &gradient) {
  const Eigen::Index d = theta.size() - 2;
  double value = 0.0;
  for (Eigen::Index j = 0; j < d; ++j) {  // a/w + b w, in log w
    const double w = std::exp(theta[j]);
    value += kLongLengthscalePenalty / w + kShortLengthscalePenalty * w;
    gradient[j] += -kLongLengthscalePenalty / w + kShortLengthscalePenalty * w;
  }
  const double signal = std::exp(theta[d]);  // Gamma(2, 1): -(2 - 1) log s + s
  value += -theta[d] + signal;
  gradient[d] += -1.0 + signal;
  const double noise = std::exp(theta[d + 1]);  // Gamma(1.1, 30): -(0.1) log v + 30 v
  value += -0.1 * theta[d + 1] + 30.0 * noise;
  gradient[d + 1] += -0.1 + 30.0 * noise;
  return value;
}

double MapObjective::operator()(const Eigen::VectorXd &theta, Eigen::VectorXd &gradient) const {
  const Eigen::Index d = theta.size() - 2;
  const auto n = static_cast<Eigen::Index>(n_);
  const std::size_t dims = static_cast<std::size_t>(d);
  const Hyperparameters h = unpack(theta);
  const Eigen::VectorXd &w = h.inverse_squared_lengthscales;
  gradient.setZero(theta.size());

  double value = negative_log_prior(theta, gradient);
  if (n_ == 0) return value;

  Eigen::MatrixXd K(n, n);
  for (Eigen::Index a = 0; a < n; ++a) {
    for (Eigen::Index b = 0; b < a; ++b)
      K(a, b) = h.signal_variance * matern52_value(scaled_distance(X_ + a * d, X_ + b * d, w, categorical_));
    K(a, a) = h.signal_variance + h.noise_variance;
  }
  Eigen::LLT<Eigen::MatrixXd> llt(K);  // reads the lower triangle only
  if (llt.info() != Eigen::Success) return HUGE_VAL;
  Eigen::VectorXd y = Eigen::Map<const Eigen::VectorXd>(y_, n);
  if (fitted_mean_) {
    // The likelihood is maximised over the constant mean m in closed form, m = 1'K^-1 y / 1'K^-1 1; its
    // gradient with respect to theta is then the one at fixed m (m is stationary), so the code below holds.
    const Eigen::VectorXd ones_solved = llt.solve(Eigen::VectorXd::Ones(n));
    const double denominator = ones_solved.sum();
    if (denominator > 0 && std::isfinite(denominator)) y.array() -= ones_solved.dot(y) / denominator;
  }
  const Eigen::VectorXd alpha = llt.solve(y);
  const auto &L = llt.matrixLLT();
  double log_det_half = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!(L(i, i) > 0)) return HUGE_VAL;
    log_det_half += std::log(L(i, i));
  }
  value += 0.5 * y.dot(alpha) + log_det_half + 0.5 * static_cast<double>(n) * kLog2Pi;

  // W = alpha alpha^T - K^-1; the gradient of -log p(y) is -1/2 sum_ab W_ab dK_ab/dtheta_k.
  const Eigen::MatrixXd K_inverse = llt.solve(Eigen::MatrixXd::Identity(n, n));
  double signal_term = 0.0, noise_term = 0.0;
  Eigen::VectorXd lengthscale_terms = Eigen::VectorXd::Zero(d);
  for (Eigen::Index a = 0; a < n; ++a) {
    const double *xa = X_ + a * d;
    for (Eigen::Index b = 0; b < a; ++b) {  // off-diagonal pairs count twice, which cancels the 1/2
      const double *xb = X_ + b * d;
      const double W = alpha[a] * alpha[b] - K_inverse(a, b);
      const Matern m = matern52(scaled_distance(xa, xb, w, categorical_));
      signal_term += W * h.signal_variance * m.value;
      const double common = W * h.signal_variance * m.derivative;
      for (std::size_t j = 0; j < dims; ++j) {
        const double diff = xa[j] - xb[j];
        const double sq = categorical_[j] ? (diff != 0 ? 1.0 : 0.0) : diff * diff;
        lengthscale_terms[static_cast<Eigen::Index>(j)] += common * sq;
      }
    }
    const double W = alpha[a] * alpha[a] - K_inverse(a, a);
    signal_term += 0.5 * W * h.signal_variance;
    noise_term += 0.5 * W * h.noise_variance;
  }
  gradient.head(d) -= (lengthscale_terms.array() * w.array()).matrix();
  gradient[d] -= signal_term;
  gradient[d + 1] -= noise_term;
  return std::isfinite(value) ? value : HUGE_VAL;
}

}  // namespace vernier::gp
