// The objective of L2-regularised logistic regression over rows of the host's dataset view:
//   F(theta) = sum_i loss_i + ||W||^2 / (2 C)
// with the intercepts unpenalised. It has the minimiser of scikit-learn's LogisticRegression(C) objective
// C * sum_i loss_i + ||W||^2 / 2.
//  - binary (2 classes present): one score z = w.x + b, loss = log(1 + e^z) - y z (y = 1 for the larger class);
//  - multinomial (more present): one score per present class, loss = logsumexp(z) - z_y. Softmax is unchanged
//    when the same constant is added to every intercept, so the last class's intercept is fixed at 0 (the
//    weights need no such gauge: the penalty makes their optimum unique).
// theta holds, per score column c, the weights w_c (d values) then, with an intercept, b_c. The fixed
// intercept keeps its slot (always 0) so the layout stays regular; its gradient entry is 0 and its Hessian
// row and column are the identity's.
//
// Besides F, its gradient and its full Hessian (for Newton's method on few parameters), the loss gives the
// Hessian's product with a vector and its diagonal at the last point evaluated, for truncated Newton on many
// parameters: a product costs two passes over the rows (like a gradient), where the full Hessian costs
// O(n p^2) and its factorisation O(p^3).
#ifndef VERNIER_MODELS_LOGISTIC_LOSS_HPP
#define VERNIER_MODELS_LOGISTIC_LOSS_HPP

#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "vernier/plugin/dataset.h"

namespace vernier::models {

class LogisticLoss {
 public:
  using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

  // label[i] is row i's index among the present classes (0..n_present-1); n_present >= 2. The rows are read in
  // place when they are consecutive rows of the view, else gathered once into a copy. Either way `data`
  // must outlive this object.
  LogisticLoss(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, std::vector<uint32_t> label,
               uint32_t n_present, bool intercept, double C);

  Eigen::Index n_params() const { return columns_ * width_; }
  Eigen::Index columns() const { return columns_; }  // 1 (binary) or n_present
  Eigen::Index width() const { return width_; }      // d, plus 1 with an intercept

  // F(theta); also its gradient when grad is non-NULL and its Hessian when hess is non-NULL. With grad,
  // theta becomes the point at which hessian_times and hessian_diagonal work.
  double evaluate(const Eigen::VectorXd &theta, Eigen::VectorXd *grad, Eigen::MatrixXd *hess) const;

  // H v and diag(H) at the last point evaluated with a gradient.
  void hessian_times(const Eigen::VectorXd &v, Eigen::VectorXd &out) const;
  void hessian_diagonal(Eigen::VectorXd &out) const;

 private:
  Eigen::Map<const RowMatrix> rows() const { return {x_, static_cast<Eigen::Index>(n_), d_}; }
  // The scores X W + 1 b' of every row (n x columns).
  void scores(const Eigen::VectorXd &theta, Eigen::MatrixXd &Z) const;
  // From per-row, per-column values B (n x columns) back to parameter space: [X' B + W / C ; 1' B], with
  // penalty_of's weights (or none when NULL) and the fixed intercept's entry set to fixed_value.
  void to_params(const Eigen::MatrixXd &B, const Eigen::VectorXd *penalty_of, double fixed_value,
                 Eigen::VectorXd &out) const;
  Eigen::Index fixed_intercept() const { return intercept_ && columns_ > 1 ? n_params() - 1 : -1; }

  RowMatrix copy_;           // the rows, when they are not consecutive in the view
  const double *x_;          // n x d, row-major: the view's rows or copy_
  uint64_t n_;
  std::vector<uint32_t> label_;
  Eigen::Index d_, columns_, width_;
  bool intercept_;
  double inv_C_;
  // At the last point evaluated with a gradient: binary, each row's p (1 - p); multinomial, the probabilities.
  mutable Eigen::MatrixXd curvature_;
  mutable Eigen::MatrixXd Z_;  // scratch: scores
};

}  // namespace vernier::models

#endif  // VERNIER_MODELS_LOGISTIC_LOSS_HPP
