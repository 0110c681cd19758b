// Platt scaling and pairwise coupling for the svm model: see svm_platt.hpp.
#include "svm_platt.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/rng.hpp"

namespace vernier::models {

namespace {

constexpr double kProbabilityFloor = 1e-7;
constexpr int kFolds = 5;

// The regularised cross-entropy of Lin, Lin & Weng at (A, B), computed without overflow.
double sigmoid_loss(const std::vector<double> &f, const std::vector<double> &t, double A, double B) {
  double value = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    const double z = f[i] * A + B;
    value += z >= 0 ? t[i] * z + std::log1p(std::exp(-z)) : (t[i] - 1) * z + std::log1p(std::exp(z));
  }
  return value;
}

struct ModelDeleter {
  void operator()(svm_model *m) const { svm_free_and_destroy_model(&m); }
};

}  // namespace

double Sigmoid::operator()(double decision) const {
  const double z = decision * A + B;
  const double p = z >= 0 ? std::exp(-z) / (1.0 + std::exp(-z)) : 1.0 / (1.0 + std::exp(z));
  return std::clamp(p, kProbabilityFloor, 1.0 - kProbabilityFloor);
}

Sigmoid fit_sigmoid(const std::vector<double> &f, const std::vector<char> &positive) {
  const std::size_t n = f.size();
  double n_pos = 0, n_neg = 0;
  for (char p : positive) (p ? n_pos : n_neg) += 1;
  // Targets pulled away from 0 and 1 (a Bayesian prior), so a separable set does not drive A to infinity.
  const double high = (n_pos + 1) / (n_pos + 2), low = 1 / (n_neg + 2);
  std::vector<double> t(n);
  for (std::size_t i = 0; i < n; ++i) t[i] = positive[i] ? high : low;

  Sigmoid s{0.0, std::log((n_neg + 1) / (n_pos + 1))};
  double value = sigmoid_loss(f, t, s.A, s.B);
  constexpr double kSigma = 1e-12, kMinStep = 1e-10, kEps = 1e-5;
  for (int iter = 0; iter < 100; ++iter) {
    // Gradient and Hessian of the loss in (A, B); p is the model's P(positive) at each row.
    double h11 = kSigma, h22 = kSigma, h21 = 0, g1 = 0, g2 = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double z = f[i] * s.A + s.B;
      const double p = z >= 0 ? std::exp(-z) / (1.0 + std::exp(-z)) : 1.0 / (1.0 + std::exp(z));
      const double q = 1.0 - p, w = p * q, r = t[i] - p;
      h11 += f[i] * f[i] * w;
      h22 += w;
      h21 += f[i] * w;
      g1 += f[i] * r;
      g2 += r;
    }
    if (std::abs(g1) < kEps && std::abs(g2) < kEps) break;
    const double det = h11 * h22 - h21 * h21;
    const double dA = -(h22 * g1 - h21 * g2) / det, dB = -(-h21 * g1 + h11 * g2) / det;
    const double slope = g1 * dA + g2 * dB;
    double step = 1;
    for (; step >= kMinStep; step /= 2) {
      const double candidate = sigmoid_loss(f, t, s.A + step * dA, s.B + step * dB);
      if (candidate < value + 1e-4 * step * slope) {
        s.A += step * dA;
        s.B += step * dB;
        value = candidate;
        break;
      }
    }
    if (step < kMinStep) break;  // no more progress in floating point
  }
  return s;
}

std::vector<double> cross_validated_decisions(svm_node *const *x, const std::vector<char> &positive,
                                              const svm_parameter &param, uint64_t seed, uint64_t stream) {
  const std::size_t n = positive.size();
  sdk::Rng rng(seed, 0, stream);
  std::vector<uint32_t> order = rng.permutation(static_cast<uint32_t>(n));
  std::vector<double> decision(n, 0.0);
  std::vector<svm_node *> train_x;
  std::vector<double> train_y;
  for (int fold = 0; fold < kFolds; ++fold) {
    const std::size_t begin = fold * n / kFolds, end = (fold + 1) * n / kFolds;
    if (begin == end) continue;
    train_x.clear();
    train_y.clear();
    int n_pos = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (k >= begin && k < end) continue;
      train_x.push_back(x[order[k]]);
      train_y.push_back(positive[order[k]] ? 1.0 : -1.0);
      n_pos += positive[order[k]] ? 1 : 0;
    }
    if (n_pos == 0 || n_pos == static_cast<int>(train_x.size())) {  // one class: its side of the boundary
      for (std::size_t k = begin; k < end; ++k) decision[order[k]] = n_pos == 0 ? -1.0 : 1.0;
      continue;
    }
    svm_problem sub{static_cast<int>(train_x.size()), train_y.data(), train_x.data()};
    std::unique_ptr<svm_model, ModelDeleter> model(svm_train(&sub, &param));
    if (!model) throw sdk::Error(VN_E_NOMEM, "svm: libsvm could not train a calibration model");
    // libsvm orients the decision value towards its first label, the first one it met in the training rows.
    const double sign = model->label[0] == 1 ? 1.0 : -1.0;
    for (std::size_t k = begin; k < end; ++k) {
      double value = 0;
      svm_predict_values(model.get(), x[order[k]], &value);
      decision[order[k]] = sign * value;
    }
  }
  return decision;
}

void couple_pairwise(const Eigen::MatrixXd &r, double *p) {
  const Eigen::Index k = r.rows();
  // Q(t, t) = sum_{j != t} r(j, t)^2, Q(t, j) = -r(j, t) r(t, j); then [Q 1; 1' 0] [p; b] = [0; 1].
  Eigen::MatrixXd system = Eigen::MatrixXd::Zero(k + 1, k + 1);
  for (Eigen::Index t = 0; t < k; ++t) {
    for (Eigen::Index j = 0; j < k; ++j) {
      if (j == t) continue;
      system(t, t) += r(j, t) * r(j, t);
      system(t, j) = -r(j, t) * r(t, j);
    }
    system(t, k) = system(k, t) = 1.0;
  }
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(k + 1);
  rhs(k) = 1.0;
  const Eigen::VectorXd solution = system.fullPivLu().solve(rhs);
  double sum = 0;
  for (Eigen::Index t = 0; t < k; ++t) sum += (p[t] = std::max(0.0, solution(t)));  // >= 0 up to rounding
  for (Eigen::Index t = 0; t < k; ++t) p[t] = sum > 0 ? p[t] / sum : 1.0 / static_cast<double>(k);
}

}  // namespace vernier::models
