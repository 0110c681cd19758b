// Minimisers for the (smooth, strictly convex) logistic objective.
//  - Newton's method with a backtracking (Armijo) line search: quadratic convergence to the optimum whatever
//    the conditioning of the features, at O(n p^2) per iteration for p parameters; the default for small p.
//  - L-BFGS (Nocedal, "Updating quasi-Newton matrices with limited storage", Math. Comp. 35, 1980; the
//    two-loop recursion of Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithm 7.4) with the same
//    line search: O(n p) per iteration, for problems whose Hessian would be too large.
// Both stop when the largest gradient entry is at most tol * max(1, |F|), or after max_iter iterations.
#ifndef VERNIER_MODELS_LOGISTIC_SOLVERS_HPP
#define VERNIER_MODELS_LOGISTIC_SOLVERS_HPP

#include <Eigen/Dense>

#include "logistic_loss.hpp"

namespace vernier::models {

struct SolverResult {
  Eigen::VectorXd theta;
  int iterations = 0;
  bool converged = false;
  double gradient_norm = 0;  // largest |gradient entry| at the end
};

SolverResult newton(const LogisticLoss &loss, double tol, int max_iter);
SolverResult lbfgs(const LogisticLoss &loss, double tol, int max_iter);

}  // namespace vernier::models

#endif  // VERNIER_MODELS_LOGISTIC_SOLVERS_HPP
