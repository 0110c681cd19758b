// An exact Gaussian process conditioned on data, for fixed hyperparameters and standardised targets.
//
// The covariance K + noise I is factorised as L L^T one row at a time ("up-looking" Cholesky: row i needs
// only the rows before it), and a factorisation is always built that way, so
//  - adding an observation costs O(n^2) (one triangular solve, append(); Osborne, "Bayesian Gaussian
//    processes for sequential prediction, optimisation and quadrature", 2010, sec. 5.2), and
//  - a model extended observation by observation is bit-for-bit the model factorised from scratch, which
//    is what lets a sampler keep its factor between calls and still give the same suggestion as a fresh
//    instance (VN-ABI-8). For the same reason the factor's arithmetic is written as plain loops with a
//    fixed summation order rather than library kernels whose vectorised order depends on memory alignment.
// Predictions, which only read the factor, use Eigen's blocked kernels on a dense copy of it (built once
// per model), and compute many covariances at once as matrix products: they are the sampler's hot loop.
// When a pivot is not safely positive (duplicated points with no noise, an ill-conditioned kernel), the
// whole factorisation is redone with a jitter added to the diagonal, escalated by decades from 1e-10 to
// 1e-4 of the signal variance; if even that fails, conditioning reports failure (never NaNs).
#ifndef VERNIER_GP_GAUSSIAN_PROCESS_HPP
#define VERNIER_GP_GAUSSIAN_PROCESS_HPP

#include <cstddef>
#include <vector>

#include <Eigen/Dense>

#include "kernel.hpp"

namespace vernier::gp {

class GaussianProcess {
 public:
  // An empty model: the prior of the given hyperparameters over features of `dims` entries.
  GaussianProcess() = default;
  GaussianProcess(const Hyperparameters &h, std::vector<bool> categorical);

  // Conditions on n observations: X is n x dims() row-major, y standardised. Returns false when the
  // covariance cannot be factorised even with the largest jitter; the model is then left empty.
  bool condition(std::size_t n, const double *X, const double *y);
  // Adds one observation in O(n^2), keeping the hyperparameters and the current jitter. Returns false
  // (leaving the model unchanged) when the new pivot is not safely positive at this jitter; the caller
  // then conditions again from scratch, which escalates the jitter.
  bool append(const double *x, double y);
  // Replaces the targets (same points), e.g. after a re-standardisation; O(n^2).
  void set_targets(const double *y);

  // Posterior mean and latent variance (no observation noise) at m points (m x dims() row-major).
  void predict(std::size_t m, const double *Xq, double *mean, double *var) const;
  // The same at one point, with the gradients of both with respect to its features (zero for categorical
  // features, which do not vary continuously). dmean and dvar have dims() entries.
  void predict_with_gradient(const double *x, double &mean, double &var, double *dmean, double *dvar) const;

  std::size_t size() const { return n_; }
  std::size_t dims() const { return categorical_.size(); }
  const Hyperparameters &hyperparameters() const { return h_; }
  const std::vector<bool> &categorical() const { return categorical_; }
  double jitter() const { return jitter_; }
  // The Cholesky factor as a dense lower-triangular matrix (tests, diagnostics).
  Eigen::MatrixXd factor() const;
  const double *inputs() const { return X_.data(); }

 private:
  double kernel(const double *a, const double *b) const;
  // Builds the dense factor and the scaled inputs that predictions use, once per state of the model.
  void refresh_caches() const;
  // Scaled squared distances from every training point to x (n entries).
  void distances_to(const double *x, Eigen::ArrayXd &s) const;
  // Appends row n_ of the factor for point x at the current jitter; false when the pivot is too small.
  bool append_row(const double *x);
  void solve_alpha();  // alpha = K^-1 y from the factor
  const double *row(std::size_t i) const { return L_.data() + i * (i + 1) / 2; }

  Hyperparameters h_;
  std::vector<bool> categorical_;
  double jitter_ = 0;
  std::size_t n_ = 0;
  std::vector<double> X_;      // n x dims, row-major
  std::vector<double> y_;      // standardised targets
  std::vector<double> L_;      // packed rows of the lower Cholesky factor: row i has i + 1 entries
  std::vector<double> alpha_;  // K^-1 y
  std::vector<std::size_t> numeric_, categorical_index_;  // features of each kind

  // Caches for predictions, rebuilt after the model changes.
  mutable bool caches_valid_ = false;
  mutable Eigen::MatrixXd dense_factor_;   // L, n x n lower triangular
  mutable Eigen::MatrixXd scaled_numeric_;  // numeric features times sqrt(w), n x (numeric count)
  mutable Eigen::VectorXd scaled_norms_;    // squared row norms of scaled_numeric_
  mutable Eigen::MatrixXd inputs_;          // the inputs, n x dims, column-major
};

}  // namespace vernier::gp

#endif  // VERNIER_GP_GAUSSIAN_PROCESS_HPP
