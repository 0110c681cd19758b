// Minimisation of a smooth function within bounds by projected limited-memory BFGS.
//
// Both of the GP's optimisation problems are small and box-constrained: kernel hyperparameters (log scale,
// a dozen variables, bounds that keep the covariance well conditioned) and the acquisition function over a
// point's continuous coordinates (the unit cube). The method is the projected quasi-Newton scheme of
// Bertsekas ("Projected Newton methods for optimization problems with simple constraints", SIAM J. Control
// Optim. 20, 1982) with the L-BFGS two-loop recursion (Nocedal, "Updating quasi-Newton matrices with
// limited storage", Math. Comp. 35, 1980): variables held at a bound by a gradient pointing outwards are
// frozen for the step, the L-BFGS direction is taken in the remaining ones (curvature pairs restricted to
// them), and a backtracking Armijo search runs along the projected path clamp(x + a d). It is a lighter
// cousin of L-BFGS-B (Byrd, Lu, Nocedal & Zhu, 1995), sufficient when, as here, few bounds are active.
//
// The objective returns f(x) and writes its gradient; a non-finite value (say, a covariance that would not
// factorise) rejects the trial step, so the search backs off toward the last good point.
#ifndef VERNIER_GP_BOX_LBFGS_HPP
#define VERNIER_GP_BOX_LBFGS_HPP

#include <functional>

#include <Eigen/Dense>

namespace vernier::gp {

struct BoxLbfgsOptions {
  int max_evaluations = 200;         // calls of the objective, line searches included
  int memory = 10;                   // curvature pairs kept
  double gradient_tolerance = 1e-6;  // stop when the projected gradient's largest entry is below this
  double value_tolerance = 1e-10;    // ... or when a step improves f by less than this, relative to |f|
};

struct BoxLbfgsResult {
  Eigen::VectorXd x;  // the best point found (inside the bounds)
  double value = 0;   // f there; +inf if even the start was not finite
  int evaluations = 0;
};

// f(x, gradient) -> value; gradient is sized like x on entry.
using BoxObjective = std::function<double(const Eigen::VectorXd &x, Eigen::VectorXd &gradient)>;

// Starts from x0 clamped into [lower, upper] (lower <= upper entrywise; lower == upper fixes a variable).
BoxLbfgsResult minimize_in_box(const BoxObjective &f, const Eigen::VectorXd &x0, const Eigen::VectorXd &lower,
                               const Eigen::VectorXd &upper, const BoxLbfgsOptions &options = {});

}  // namespace vernier::gp

#endif  // VERNIER_GP_BOX_LBFGS_HPP
