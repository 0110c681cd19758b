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
#ifndef VERNIER_MODELS_LOGISTIC_LOSS_HPP
#define VERNIER_MODELS_LOGISTIC_LOSS_HPP

#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "vernier/dataset.h"

namespace vernier::models {

class LogisticLoss {
 public:
  // label[i] is row i's index among the present classes (0..n_present-1); n_present >= 2.
  LogisticLoss(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, std::vector<uint32_t> label,
               uint32_t n_present, bool intercept, double C);

  Eigen::Index n_params() const { return columns_ * width_; }
  Eigen::Index columns() const { return columns_; }  // 1 (binary) or n_present
  Eigen::Index width() const { return width_; }      // d, plus 1 with an intercept

  // F(theta); also its gradient when grad is non-NULL and its Hessian when hess is non-NULL.
  double evaluate(const Eigen::VectorXd &theta, Eigen::VectorXd *grad, Eigen::MatrixXd *hess) const;

 private:
  const vn_dataset &data_;
  const uint64_t *rows_;
  uint64_t n_;
  std::vector<uint32_t> label_;
  Eigen::Index d_, columns_, width_;
  bool intercept_;
  double inv_C_;
};

}  // namespace vernier::models

#endif  // VERNIER_MODELS_LOGISTIC_LOSS_HPP
