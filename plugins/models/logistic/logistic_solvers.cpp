// Newton, truncated Newton and L-BFGS for the logistic objective: see logistic_solvers.hpp.
#include "logistic_solvers.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

#include "vernier/sdk/plugin.hpp"

namespace vernier::models {

using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

constexpr double kArmijo = 1e-4;   // sufficient decrease: F(x + t d) <= F(x) + kArmijo t g.d
constexpr int kMaxHalvings = 60;
constexpr double kDecrementFloor = 1e-12;  // Newton decrement g'H^-1 g relative to |F|: converged

bool small_enough(const VectorXd &g, double f, double tol) {
  return g.lpNorm<Eigen::Infinity>() <= tol * std::max(1.0, std::abs(f));
}

// Backtracks from t = 1 along the descent direction dir; returns the accepted step (0 when none decreases F).
double line_search(const LogisticLoss &loss, const VectorXd &x, double f, const VectorXd &g, const VectorXd &dir,
                   VectorXd &x_new, double &f_new) {
  const double slope = g.dot(dir);
  double t = 1.0;
  for (int k = 0; k < kMaxHalvings; ++k, t *= 0.5) {
    x_new = x + t * dir;
    f_new = loss.evaluate(x_new, nullptr, nullptr);
    if (std::isfinite(f_new) && f_new <= f + kArmijo * t * slope) return t;
  }
  return 0;
}

void require_finite(double f) {
  if (!std::isfinite(f))
    throw sdk::Error(VN_E_NUMERIC, "logistic: the objective is not finite (features too large for double precision?)");
}

// The result's convergence and its gradient, both at its theta, whose objective is f and gradient g.
SolverResult &finish(SolverResult &r, const VectorXd &g, double f, double tol) {
  r.converged = r.converged || small_enough(g, f, tol);
  r.gradient_norm = g.lpNorm<Eigen::Infinity>();
  r.gradient_goal = tol * std::max(1.0, std::abs(f));
  return r;
}

// Moves r.theta along a Newton (or truncated Newton) direction, from where the objective is f and its
// gradient g. Within rounding of the optimum the line search cannot see F decrease any more (its change is
// below F's last bits), but the step is then exact to second order (for truncated Newton the forcing term
// is tiny there too): it is taken whole, f and g are updated to the new theta, and the solve has converged.
// Otherwise the line search's step is taken, leaving f and g to the caller. Returns whether to go on: false
// when converged so, or when no step decreases F (no further progress in floating point).
bool newton_move(const LogisticLoss &loss, const VectorXd &dir, SolverResult &r, double &f, VectorXd &g,
                 VectorXd &x_new) {
  if (-g.dot(dir) <= kDecrementFloor * std::max(1.0, std::abs(f))) {
    r.theta += dir;
    f = loss.evaluate(r.theta, &g, nullptr);
    r.converged = true;
    ++r.iterations;
    return false;
  }
  double f_new = f;
  if (line_search(loss, r.theta, f, g, dir, x_new, f_new) == 0) return false;
  r.theta = x_new;
  return true;
}

// Solves H dir = -g by conjugate gradients preconditioned with diag(H), until the residual is at most
// `forcing` (or after p steps: exact in exact arithmetic). Returns the Hessian products used.
long truncated_newton_step(const LogisticLoss &loss, const VectorXd &g, double forcing, VectorXd &dir) {
  VectorXd diagonal, residual = -g, z, search, h_search;
  loss.hessian_diagonal(diagonal);
  // Every weight's entry is at least 1/C; an intercept's can underflow when its probabilities saturate.
  diagonal = diagonal.cwiseMax(1e-12 * std::max(1.0, diagonal.maxCoeff()));
  dir.setZero(g.size());
  z = residual.cwiseQuotient(diagonal);
  search = z;
  double rz = residual.dot(z);
  long products = 0;
  for (Eigen::Index k = 0; k < g.size(); ++k) {
    loss.hessian_times(search, h_search);
    ++products;
    const double curvature = search.dot(h_search);
    if (!(curvature > 0)) {  // H is positive definite: only rounding gets here; keep what was found
      if (k == 0) dir = search;
      break;
    }
    const double alpha = rz / curvature;
    dir += alpha * search;
    residual -= alpha * h_search;
    if (residual.norm() <= forcing) break;
    z = residual.cwiseQuotient(diagonal);
    const double rz_next = residual.dot(z);
    search = z + (rz_next / rz) * search;
    rz = rz_next;
  }
  return products;
}

}  // namespace

SolverResult newton(const LogisticLoss &loss, double tol, int max_iter) {
  SolverResult r;
  r.theta = VectorXd::Zero(loss.n_params());
  VectorXd g, x_new, dir;
  MatrixXd H;
  double f = loss.evaluate(r.theta, &g, &H);
  require_finite(f);
  for (; r.iterations < max_iter; ++r.iterations) {
    if (small_enough(g, f, tol)) {
      r.converged = true;
      break;
    }
    // The Hessian is positive definite in theory; when an intercept's curvature underflows (all
    // probabilities saturated) Cholesky may fail, and a growing multiple of the identity restores it.
    Eigen::LLT<MatrixXd> llt(H);
    for (double jitter = 1e-10 * std::max(1.0, H.diagonal().maxCoeff()); llt.info() != Eigen::Success; jitter *= 10) {
      MatrixXd shifted = H;
      shifted.diagonal().array() += jitter;
      llt.compute(shifted);
    }
    dir = -llt.solve(g);
    if (!newton_move(loss, dir, r, f, g, x_new)) break;
    f = loss.evaluate(r.theta, &g, &H);
  }
  return finish(r, g, f, tol);
}

SolverResult newton_cg(const LogisticLoss &loss, double tol, int max_iter) {
  SolverResult r;
  r.theta = VectorXd::Zero(loss.n_params());
  VectorXd g, x_new, dir;
  double f = loss.evaluate(r.theta, &g, nullptr);
  require_finite(f);
  for (; r.iterations < max_iter; ++r.iterations) {
    if (small_enough(g, f, tol)) {
      r.converged = true;
      break;
    }
    const double norm = g.norm();
    r.hessian_products += truncated_newton_step(loss, g, std::min(0.5, std::sqrt(norm)) * norm, dir);
    if (!newton_move(loss, dir, r, f, g, x_new)) break;
    f = loss.evaluate(r.theta, &g, nullptr);
  }
  return finish(r, g, f, tol);
}

SolverResult lbfgs(const LogisticLoss &loss, double tol, int max_iter) {
  constexpr std::size_t kMemory = 10;
  SolverResult r;
  r.theta = VectorXd::Zero(loss.n_params());
  VectorXd g, g_new, x_new, dir;
  double f = loss.evaluate(r.theta, &g, nullptr);
  require_finite(f);
  std::deque<VectorXd> S, Y;  // the last kMemory steps and gradient changes
  std::deque<double> rho;
  std::vector<double> alpha(kMemory);
  for (; r.iterations < max_iter; ++r.iterations) {
    if (small_enough(g, f, tol)) {
      r.converged = true;
      break;
    }
    // Two-loop recursion: dir = -H_k g, with H_0 = (s'y / y'y) I from the latest pair.
    dir = -g;
    for (std::size_t k = S.size(); k-- > 0;) {
      alpha[k] = rho[k] * S[k].dot(dir);
      dir -= alpha[k] * Y[k];
    }
    if (!S.empty()) dir *= S.back().dot(Y.back()) / Y.back().squaredNorm();
    else dir /= std::max(1.0, g.lpNorm<Eigen::Infinity>());  // a first step of length at most 1 per entry
    for (std::size_t k = 0; k < S.size(); ++k) {
      const double beta = rho[k] * Y[k].dot(dir);
      dir += (alpha[k] - beta) * S[k];
    }
    double f_new = f;
    if (line_search(loss, r.theta, f, g, dir, x_new, f_new) == 0) break;
    loss.evaluate(x_new, &g_new, nullptr);
    VectorXd s = x_new - r.theta, y = g_new - g;
    const double sy = s.dot(y);
    if (sy > 1e-12 * s.norm() * y.norm()) {  // keep only pairs that preserve positive definiteness
      if (S.size() == kMemory) {
        S.pop_front();
        Y.pop_front();
        rho.pop_front();
      }
      S.push_back(std::move(s));
      Y.push_back(std::move(y));
      rho.push_back(1.0 / sy);
    }
    r.theta = x_new;
    f = f_new;
    g = g_new;
  }
  return finish(r, g, f, tol);
}

}  // namespace vernier::models
