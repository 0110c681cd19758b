// The objective that picks the kernel's hyperparameters: the negative log posterior density
//     -log p(y | X, theta) - log p(theta)
// (maximum a posteriori; Rasmussen & Williams 2006, sec. 5.4), with its analytic gradient
//     d(-log p(y|X,theta))/d theta_k = -1/2 tr((alpha alpha^T - K^-1) dK/d theta_k),  alpha = K^-1 y.
//
// theta holds logarithms, so every variable is unconstrained in sign and the bounds below are boxes:
//     theta = [log w_1, ..., log w_d, log signal_variance, log noise_variance]
// (w_j the inverse squared lengthscales of kernel.hpp). Targets are standardised (mean 0, variance 1). With
// a fitted mean the prior mean is the constant m(theta) = 1'K^-1 y / 1'K^-1 1 that maximises the likelihood
// (the generalised-least-squares mean), and y - m takes the place of y: m is stationary, so the gradient
// formula is unchanged (profile likelihood; Rasmussen & Williams 2006, sec. 2.7).
//
// Priors, in the natural parameters. They keep a model fitted to a handful of points from explaining the
// data with extreme lengthscales or noise, and matter less as data accumulate:
//  - each w_j: log p(w) = -a/w - b w. The b w term keeps lengthscales from shrinking far below the unit cube
//    (w large: a wiggly function that explains every point by itself); the a/w term makes a lengthscale
//    much longer than the cube (w small: "this feature does not matter") cost evidence. a = 0.5 is larger
//    than Optuna's 0.1: with a few dozen observations a weaker penalty let features that do matter be
//    declared irrelevant, after which the search stops varying them and stalls in a local minimum (Hartmann-6
//    after 50 trials: 14 of 20 seeds above regret 1.3e-3 with a = 0.1, 12 of 30 with a = 0.5). An
//    irrelevant feature still gets a long lengthscale once the data show it;
//  - signal variance: Gamma(shape 2, rate 1), whose mode is the standardised targets' variance scale;
//  - noise variance: Gamma(shape 1.1, rate 30): mostly small, as the objectives of HPO are nearly
//    deterministic, but free to grow when the data demand it.
#ifndef VERNIER_GP_MAP_OBJECTIVE_HPP
#define VERNIER_GP_MAP_OBJECTIVE_HPP

#include <vector>

#include <Eigen/Dense>

#include "kernel.hpp"

namespace vernier::gp {

constexpr double kLongLengthscalePenalty = 0.5;   // a
constexpr double kShortLengthscalePenalty = 0.1;  // b
// Bounds of the hyperparameters (natural scale): lengthscales from 0.01 to 100 unit-cube widths, signal
// variances from 1e-2 to 1e2 times the targets' variance, noise up to the targets' variance.
constexpr double kMinInverseSquaredLengthscale = 1e-4, kMaxInverseSquaredLengthscale = 1e4;
constexpr double kMinSignalVariance = 1e-2, kMaxSignalVariance = 1e2;
constexpr double kMaxNoiseVariance = 1.0;

Eigen::VectorXd pack(const Hyperparameters &h);
Hyperparameters unpack(const Eigen::VectorXd &theta);

// The box of theta for `dims` features; with fit_noise false the noise is pinned at noise_floor.
void hyperparameter_bounds(std::size_t dims, double noise_floor, bool fit_noise, Eigen::VectorXd &lower,
                           Eigen::VectorXd &upper);

class MapObjective {
 public:
  // X: n x dims row-major features, y: n standardised targets; both must outlive the objective.
  // fitted_mean: the targets' prior mean is a constant at its maximum-likelihood value for theta rather
  // than 0 (FitSettings::fitted_mean).
  MapObjective(std::size_t n, const double *X, const double *y, const std::vector<bool> &categorical,
               bool fitted_mean = false);

  // The negative log posterior at theta and its gradient; +inf when the covariance does not factorise.
  double operator()(const Eigen::VectorXd &theta, Eigen::VectorXd &gradient) const;

  // The negative log prior alone (added by operator()), with its gradient added into `gradient`.
  static double negative_log_prior(const Eigen::VectorXd &theta, Eigen::VectorXd &gradient);

 private:
  std::size_t n_;
  const double *X_;
  const double *y_;
  const std::vector<bool> &categorical_;
  bool fitted_mean_;
};

}  // namespace vernier::gp

#endif  // VERNIER_GP_MAP_OBJECTIVE_HPP
