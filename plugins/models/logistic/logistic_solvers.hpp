// Minimisers for the (smooth, strictly convex) logistic objective.
//  - Newton's method with a backtracking (Armijo) line search: quadratic convergence to the optimum whatever
//    the conditioning of the features, at O(n p^2) per iteration for p parameters; the default for small p.
//  - Truncated Newton (Newton-CG: Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithm 7.1, with the
//    Jacobi-preconditioned conjugate gradients of their Algorithm 5.3): each Newton step is solved only as
//    far as it pays (the forcing sequence min(0.5, sqrt|g|) |g| gives superlinear convergence), from
//    Hessian-vector products at O(n p) each, and taken with the same line search. It keeps Newton's few,
//    curvature-aware iterations on ill-conditioned problems (large C) without forming the Hessian; the default
//    for many parameters.
//  - L-BFGS (Nocedal, "Updating quasi-Newton matrices with limited storage", Math. Comp. 35, 1980; the
//    two-loop recursion of Nocedal & Wright, Algorithm 7.4) with the same line search: O(n p) per iteration,
//    but many iterations when the problem is ill-conditioned.
// All stop when the largest gradient entry is at most tol * max(1, |F|), or after max_iter iterations.
#ifndef VERNIER_MODELS_LOGISTIC_SOLVERS_HPP
#define VERNIER_MODELS_LOGISTIC_SOLVERS_HPP

#include <Eigen/Dense>

#include "logistic_loss.hpp"

namespace vernier::models {

struct SolverResult {
  Eigen::VectorXd theta;
  int iterations = 0;
  bool converged = false;
  double gradient_norm = 0;  // largest |gradient entry| at theta
  double gradient_goal = 0;  // the largest gradient entry accepted as converged: tol * max(1, |F|)
  long hessian_products = 0;  // newton_cg: Hessian-vector products over all iterations
};

SolverResult newton(const LogisticLoss &loss, double tol, int max_iter);
SolverResult newton_cg(const LogisticLoss &loss, double tol, int max_iter);
SolverResult lbfgs(const LogisticLoss &loss, double tol, int max_iter);

}  // namespace vernier::models

#endif  // VERNIER_MODELS_LOGISTIC_SOLVERS_HPP
