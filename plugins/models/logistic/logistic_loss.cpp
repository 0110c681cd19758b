// The logistic objective, its gradient and Hessian: see logistic_loss.hpp.
//
// Rows are read from the view a block at a time into a small buffer (augmented with a column of ones for
// the intercept), so each block's contribution is a few matrix products and the dataset is never copied.
#include "logistic_loss.hpp"

#include <algorithm>
#include <cmath>

#include "model_data.hpp"

namespace vernier::models {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

constexpr uint64_t kBlock = 256;

// log(1 + e^z) without overflow.
double softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

}  // namespace

LogisticLoss::LogisticLoss(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, std::vector<uint32_t> label,
                           uint32_t n_present, bool intercept, double C)
    : data_(data),
      rows_(rows),
      n_(n_rows),
      label_(std::move(label)),
      d_(data.n_features),
      columns_(n_present == 2 ? 1 : n_present),
      width_(data.n_features + (intercept ? 1 : 0)),
      intercept_(intercept),
      inv_C_(1.0 / C) {}

double LogisticLoss::evaluate(const VectorXd &theta, VectorXd *grad, MatrixXd *hess) const {
  // W as a width x columns matrix: column c is [w_c; b_c].
  const Eigen::Map<const MatrixXd> W(theta.data(), width_, columns_);
  double value = 0;
  if (grad != nullptr) grad->setZero(n_params());
  if (hess != nullptr) hess->setZero(n_params(), n_params());
  Eigen::Map<MatrixXd> G(grad != nullptr ? grad->data() : nullptr, width_, grad != nullptr ? columns_ : 0);

  const Index block_rows = static_cast<Index>(std::min<uint64_t>(n_, kBlock));
  MatrixXd X(block_rows, width_);  // the block's rows, with a trailing 1 for the intercept
  MatrixXd Z(block_rows, columns_), R(block_rows, columns_);  // scores; residuals p - y
  VectorXd S(block_rows);                                     // Hessian weights of one column pair
  for (uint64_t start = 0; start < n_; start += kBlock) {
    const Index m = static_cast<Index>(std::min<uint64_t>(kBlock, n_ - start));
    for (Index i = 0; i < m; ++i) {
      X.row(i).head(d_) = Eigen::Map<const Eigen::RowVectorXd>(row_of(data_, rows_[start + static_cast<uint64_t>(i)]), d_);
      if (intercept_) X(i, d_) = 1.0;
    }
    const auto Xb = X.topRows(m);
    Z.topRows(m).noalias() = Xb * W;
    for (Index i = 0; i < m; ++i) {
      const uint32_t y = label_[start + static_cast<uint64_t>(i)];
      if (columns_ == 1) {
        const double z = Z(i, 0);
        value += softplus(z) - (y == 1 ? z : 0.0);
        R(i, 0) = 1.0 / (1.0 + std::exp(-z)) - (y == 1 ? 1.0 : 0.0);
      } else {
        const double top = Z.row(i).maxCoeff();
        double sum = 0;
        for (Index c = 0; c < columns_; ++c) sum += std::exp(Z(i, c) - top);
        const double lse = top + std::log(sum);
        value += lse - Z(i, y);
        for (Index c = 0; c < columns_; ++c) R(i, c) = std::exp(Z(i, c) - lse) - (c == static_cast<Index>(y) ? 1.0 : 0.0);
      }
    }
    if (grad != nullptr) G.noalias() += Xb.transpose() * R.topRows(m);
    if (hess == nullptr) continue;
    // Probabilities back from the residuals: p = r + y.
    for (Index k = 0; k < columns_; ++k) {
      for (Index l = 0; l <= k; ++l) {
        for (Index i = 0; i < m; ++i) {
          const uint32_t y = label_[start + static_cast<uint64_t>(i)];
          if (columns_ == 1) {
            const double p = R(i, 0) + (y == 1 ? 1.0 : 0.0);
            S(i) = p * (1.0 - p);
          } else {
            const double pk = R(i, k) + (k == static_cast<Index>(y) ? 1.0 : 0.0);
            const double pl = R(i, l) + (l == static_cast<Index>(y) ? 1.0 : 0.0);
            S(i) = pk * ((k == l ? 1.0 : 0.0) - pl);
          }
        }
        hess->block(k * width_, l * width_, width_, width_).noalias() +=
            Xb.transpose() * S.head(m).asDiagonal() * Xb;
      }
    }
  }

  // The penalty on the weights (not the intercepts).
  for (Index c = 0; c < columns_; ++c) value += 0.5 * inv_C_ * W.col(c).head(d_).squaredNorm();
  if (grad != nullptr)
    for (Index c = 0; c < columns_; ++c) G.col(c).head(d_) += inv_C_ * W.col(c).head(d_);
  if (hess != nullptr) {
    // Only the lower block triangle was accumulated.
    for (Index k = 0; k < columns_; ++k)
      for (Index l = 0; l < k; ++l)
        hess->block(l * width_, k * width_, width_, width_) = hess->block(k * width_, l * width_, width_, width_).transpose();
    for (Index c = 0; c < columns_; ++c) hess->block(c * width_, c * width_, d_, d_).diagonal().array() += inv_C_;
  }
  // The fixed intercept of the last class (multinomial): zero gradient, identity Hessian row and column.
  if (intercept_ && columns_ > 1) {
    const Index fixed = n_params() - 1;
    if (grad != nullptr) (*grad)(fixed) = 0;
    if (hess != nullptr) {
      hess->row(fixed).setZero();
      hess->col(fixed).setZero();
      (*hess)(fixed, fixed) = 1.0;
    }
  }
  return value;
}

}  // namespace vernier::models
