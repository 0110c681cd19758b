#include "box_lbfgs.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <vector>

namespace vernier::gp {

namespace {

struct CurvaturePair {
  Eigen::VectorXd s, y;  // step and gradient change
};

// Entries not frozen at a bound: the gradient does not push them out of the box, and their range is open.
Eigen::ArrayXd free_mask(const Eigen::VectorXd &x, const Eigen::VectorXd &g, const Eigen::VectorXd &lower,
                         const Eigen::VectorXd &upper) {
  Eigen::ArrayXd mask(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const bool fixed = !(lower[i] < upper[i]);
    const bool held = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0);
    mask[i] = fixed || held ? 0.0 : 1.0;
  }
  return mask;
}

// -H g by the two-loop recursion over the free variables; pairs whose restricted curvature is not positive
// are skipped, so H stays positive definite.
Eigen::VectorXd lbfgs_direction(const std::deque<CurvaturePair> &pairs, const Eigen::VectorXd &g,
                                const Eigen::ArrayXd &mask) {
  Eigen::VectorXd q = (g.array() * mask).matrix();
  const std::size_t m = pairs.size();
  std::vector<double> alpha(m, 0.0), rho(m, 0.0);
  double gamma = 1.0;
  bool scaled = false;
  for (std::size_t k = m; k-- > 0;) {
    const Eigen::VectorXd s = (pairs[k].s.array() * mask).matrix(), y = (pairs[k].y.array() * mask).matrix();
    const double sy = s.dot(y);
    if (!(sy > 1e-12 * s.norm() * y.norm())) continue;
    rho[k] = 1.0 / sy;
    alpha[k] = rho[k] * s.dot(q);
    q -= alpha[k] * y;
    if (!scaled) {  // H0 = gamma I from the newest usable pair
      gamma = sy / y.squaredNorm();
      scaled = true;
    }
  }
  Eigen::VectorXd r = gamma * q;
  for (std::size_t k = 0; k < m; ++k) {
    if (rho[k] == 0.0) continue;
    const Eigen::VectorXd s = (pairs[k].s.array() * mask).matrix(), y = (pairs[k].y.array() * mask).matrix();
    const double beta = rho[k] * y.dot(r);
    r += (alpha[k] - beta) * s;
  }
  return -(r.array() * mask).matrix();
}

Eigen::VectorXd clamp(const Eigen::VectorXd &x, const Eigen::VectorXd &lower, const Eigen::VectorXd &upper) {
  return x.cwiseMax(lower).cwiseMin(upper);
}

}  // namespace

BoxLbfgsResult minimize_in_box(const BoxObjective &f, const Eigen::VectorXd &x0, const Eigen::VectorXd &lower,
                               const Eigen::VectorXd &upper, const BoxLbfgsOptions &options) {
  BoxLbfgsResult result;
  Eigen::VectorXd x = clamp(x0, lower, upper), g = Eigen::VectorXd::Zero(x.size());
  double fx = f(x, g);
  result.evaluations = 1;
  result.x = x;
  result.value = std::isfinite(fx) && g.allFinite() ? fx : HUGE_VAL;
  if (result.value == HUGE_VAL) return result;

  std::deque<CurvaturePair> pairs;
  Eigen::VectorXd g_new(x.size());
  while (result.evaluations < options.max_evaluations) {
    const double projected_gradient = (clamp(x - g, lower, upper) - x).cwiseAbs().maxCoeff();
    if (!(projected_gradient > options.gradient_tolerance)) break;
    const Eigen::ArrayXd mask = free_mask(x, g, lower, upper);
    Eigen::VectorXd d = lbfgs_direction(pairs, g, mask);
    if (!(d.dot(g) < 0)) {  // not a descent direction: forget the curvature and go downhill
      pairs.clear();
      d = -(g.array() * mask).matrix();
      if (!(d.dot(g) < 0)) break;
    }
    // Without curvature information the step length is unknown: start with one that moves no variable by
    // more than 1 unit (both problems live on a scale where that is a large step).
    double step = pairs.empty() ? std::min(1.0, 1.0 / d.cwiseAbs().maxCoeff()) : 1.0;
    bool accepted = false, stalled = false;
    Eigen::VectorXd x_new;
    double f_new = HUGE_VAL;
    for (int tries = 0; tries < 40 && result.evaluations < options.max_evaluations; ++tries, step *= 0.5) {
      x_new = clamp(x + step * d, lower, upper);
      const Eigen::VectorXd moved = x_new - x;
      if (!(moved.cwiseAbs().maxCoeff() > 1e-15 * (1.0 + x.cwiseAbs().maxCoeff()))) {
        stalled = true;
        break;
      }
      f_new = f(x_new, g_new);
      ++result.evaluations;
      if (std::isfinite(f_new) && g_new.allFinite() && f_new <= fx + 1e-4 * g.dot(moved)) {
        accepted = true;
        break;
      }
    }
    if (!accepted || stalled) break;
    CurvaturePair pair{x_new - x, g_new - g};
    if (pair.s.dot(pair.y) > 1e-12 * pair.s.norm() * pair.y.norm()) {
      pairs.push_back(std::move(pair));
      if (static_cast<int>(pairs.size()) > options.memory) pairs.pop_front();
    }
    const double gain = fx - f_new;
    x = x_new;
    fx = f_new;
    g = g_new;
    result.x = x;
    result.value = fx;
    if (gain <= options.value_tolerance * std::max(1.0, std::abs(fx))) break;
  }
  return result;
}

}  // namespace vernier::gp
