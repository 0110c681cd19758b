// The logistic objective, its gradient, Hessian and Hessian-vector products: see logistic_loss.hpp.
//
// Rows are one n x d matrix (the view's own memory when the rows are consecutive, as per-fold datasets are),
// so every pass is a matrix product over all rows.
#include "logistic_loss.hpp"

#include <algorithm>
#include <cmath>

#include "model_support/model_data.hpp"

namespace vernier::models {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

// log(1 + e^z) without overflow.
double softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

bool consecutive(const uint64_t *rows, uint64_t n) {
  for (uint64_t i = 1; i < n; ++i)
    if (rows[i] != rows[0] + i) return false;
  return true;
}

}  // namespace

LogisticLoss::LogisticLoss(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, std::vector<uint32_t> label,
                           uint32_t n_present, bool intercept, double C)
    : n_(n_rows),
      label_(std::move(label)),
      d_(data.n_features),
      columns_(n_present == 2 ? 1 : n_present),
      width_(data.n_features + (intercept ? 1 : 0)),
      intercept_(intercept),
      inv_C_(1.0 / C) {
  if (consecutive(rows, n_rows)) {
    x_ = row_of(data, rows[0]);
    return;
  }
  copy_.resize(static_cast<Index>(n_rows), d_);
  for (uint64_t i = 0; i < n_rows; ++i)
    copy_.row(static_cast<Index>(i)) = Eigen::Map<const Eigen::RowVectorXd>(row_of(data, rows[i]), d_);
  x_ = copy_.data();
}

void LogisticLoss::scores(const VectorXd &theta, MatrixXd &Z) const {
  const Eigen::Map<const MatrixXd> W(theta.data(), width_, columns_);
  Z.noalias() = rows() * W.topRows(d_);
  if (intercept_) Z.rowwise() += W.row(d_);
}

void LogisticLoss::to_params(const MatrixXd &B, const VectorXd *penalty_of, double fixed_value, VectorXd &out) const {
  out.resize(n_params());
  Eigen::Map<MatrixXd> G(out.data(), width_, columns_);
  G.topRows(d_).noalias() = rows().transpose() * B;
  if (penalty_of != nullptr) G.topRows(d_) += inv_C_ * Eigen::Map<const MatrixXd>(penalty_of->data(), width_, columns_).topRows(d_);
  if (intercept_) G.row(d_) = B.colwise().sum();
  if (fixed_intercept() >= 0) out(fixed_intercept()) = fixed_value;
}

double LogisticLoss::evaluate(const VectorXd &theta, VectorXd *grad, MatrixXd *hess) const {
  const Index n = static_cast<Index>(n_);
  scores(theta, Z_);
  // Z_ becomes the residuals p - y (what the gradient needs); the curvature weights are kept beside.
  double value = 0;
  if (grad != nullptr || hess != nullptr) curvature_.resize(n, columns_);
  for (Index i = 0; i < n; ++i) {
    const uint32_t y = label_[static_cast<std::size_t>(i)];
    if (columns_ == 1) {
      const double z = Z_(i, 0);
      value += softplus(z) - (y == 1 ? z : 0.0);
      const double p = 1.0 / (1.0 + std::exp(-z));
      Z_(i, 0) = p - (y == 1 ? 1.0 : 0.0);
      if (grad != nullptr || hess != nullptr) curvature_(i, 0) = p * (1.0 - p);
    } else {
      const double top = Z_.row(i).maxCoeff();
      double sum = 0;
      for (Index c = 0; c < columns_; ++c) sum += std::exp(Z_(i, c) - top);
      const double lse = top + std::log(sum);
      value += lse - Z_(i, y);
      for (Index c = 0; c < columns_; ++c) {
        const double p = std::exp(Z_(i, c) - lse);
        if (grad != nullptr || hess != nullptr) curvature_(i, c) = p;
        Z_(i, c) = p - (c == static_cast<Index>(y) ? 1.0 : 0.0);
      }
    }
  }
  const Eigen::Map<const MatrixXd> W(theta.data(), width_, columns_);
  value += 0.5 * inv_C_ * W.topRows(d_).squaredNorm();  // the penalty on the weights, not the intercepts
  if (grad != nullptr) to_params(Z_, &theta, 0.0, *grad);
  if (hess == nullptr) return value;

  // The full Hessian, block (k, l) for score columns k >= l: X'SX, X's and s's sums with S the rows' weights.
  hess->setZero(n_params(), n_params());
  const auto X = rows();
  VectorXd s(n);
  MatrixXd XtS(d_, n);
  for (Index k = 0; k < columns_; ++k) {
    for (Index l = 0; l <= k; ++l) {
      if (columns_ == 1) s = curvature_.col(0);
      else s = curvature_.col(k).cwiseProduct((k == l ? VectorXd::Ones(n) : VectorXd::Zero(n)) - curvature_.col(l));
      auto block = hess->block(k * width_, l * width_, width_, width_);
      XtS.noalias() = X.transpose() * s.asDiagonal();
      block.topLeftCorner(d_, d_).noalias() = XtS * X;
      if (intercept_) {
        block.col(d_).head(d_) = XtS.rowwise().sum();
        block.row(d_).head(d_) = block.col(d_).head(d_).transpose();
        block(d_, d_) = s.sum();
      }
    }
  }
  // Only the lower block triangle was filled.
  for (Index k = 0; k < columns_; ++k)
    for (Index l = 0; l < k; ++l)
      hess->block(l * width_, k * width_, width_, width_) = hess->block(k * width_, l * width_, width_, width_).transpose();
  for (Index c = 0; c < columns_; ++c) hess->block(c * width_, c * width_, d_, d_).diagonal().array() += inv_C_;
  if (const Index fixed = fixed_intercept(); fixed >= 0) {
    hess->row(fixed).setZero();
    hess->col(fixed).setZero();
    (*hess)(fixed, fixed) = 1.0;
  }
  return value;
}

void LogisticLoss::hessian_times(const VectorXd &v, VectorXd &out) const {
  // The Hessian of the loss is X' D X per row with D = diag(p) - p p' (binary: p (1 - p)), so
  // H v = X' (D (X V)) + V / C, with V the direction in the weights' layout.
  scores(v, Z_);
  if (columns_ == 1) {
    Z_.col(0).array() *= curvature_.col(0).array();
  } else {
    const VectorXd mean = (Z_.cwiseProduct(curvature_)).rowwise().sum();  // p . (X V)_i per row
    Z_ = curvature_.cwiseProduct(Z_.colwise() - mean);
  }
  const Index fixed = fixed_intercept();
  to_params(Z_, &v, fixed >= 0 ? v(fixed) : 0.0, out);
}

void LogisticLoss::hessian_diagonal(VectorXd &out) const {
  // Diagonal entries: sum_i x_ij^2 p_ic (1 - p_ic) (+ 1/C for weights); binary: the weights are p (1 - p).
  const MatrixXd s = columns_ == 1 ? curvature_ : MatrixXd(curvature_.cwiseProduct((1.0 - curvature_.array()).matrix()));
  out.resize(n_params());
  Eigen::Map<MatrixXd> D(out.data(), width_, columns_);
  D.topRows(d_).noalias() = rows().array().square().matrix().transpose() * s;
  D.topRows(d_).array() += inv_C_;
  if (intercept_) D.row(d_) = s.colwise().sum();
  if (const Index fixed = fixed_intercept(); fixed >= 0) out(fixed) = 1.0;
}

}  // namespace vernier::models
