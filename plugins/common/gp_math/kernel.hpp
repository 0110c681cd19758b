// The GP's covariance: a Matérn-5/2 kernel with automatic relevance determination (one lengthscale per
// feature) and a signal variance, whose categorical features enter through a Hamming-type term.
//
// For features x, x' the scaled squared distance is
//     s = sum over numeric features j of w_j (x_j - x'_j)^2  +  sum over categorical j of w_j [x_j != x'_j],
// with w_j = 1 / lengthscale_j^2 (an "inverse squared lengthscale"), and
//     k(x, x') = signal_variance * m52(s),   m52(s) = (1 + t + t^2/3) exp(-t),  t = sqrt(5 s),
// which is the usual Matérn-5/2 (1 + sqrt5 r + 5/3 r^2) exp(-sqrt5 r) at distance r = sqrt(s) (Rasmussen &
// Williams, "Gaussian Processes for Machine Learning", 2006, eq. 4.17). A categorical feature that differs
// adds w_j to s, as much as a numeric feature that differs by one lengthscale: the Hamming distance folded
// into the Matérn form, so one formula, and one set of gradients, covers mixed spaces.
//
// Working in s rather than r keeps the derivative smooth at r = 0:
//     dm52/ds = -(5/6) (1 + t) exp(-t).
#ifndef VERNIER_GP_KERNEL_HPP
#define VERNIER_GP_KERNEL_HPP

#include <cmath>
#include <vector>

#include <Eigen/Dense>

namespace vernier::gp {

struct Matern {
  double value;       // m52(s)
  double derivative;  // dm52/ds
};

inline Matern matern52(double s) {
  const double t = std::sqrt(5.0 * (s > 0 ? s : 0.0));
  const double e = std::exp(-t);
  return {(1.0 + t + t * t / 3.0) * e, -(5.0 / 6.0) * (1.0 + t) * e};
}

inline double matern52_value(double s) {
  const double t = std::sqrt(5.0 * (s > 0 ? s : 0.0));
  return (1.0 + t + t * t / 3.0) * std::exp(-t);
}

// Kernel hyperparameters, on the scale of standardised targets (mean 0, variance 1).
struct Hyperparameters {
  Eigen::VectorXd inverse_squared_lengthscales;  // w_j, one per feature
  double signal_variance = 1.0;
  double noise_variance = 1e-6;  // observation noise added to the diagonal of the training covariance

  bool operator==(const Hyperparameters &o) const {
    return inverse_squared_lengthscales.size() == o.inverse_squared_lengthscales.size() &&
           inverse_squared_lengthscales == o.inverse_squared_lengthscales && signal_variance == o.signal_variance &&
           noise_variance == o.noise_variance;
  }
  bool operator!=(const Hyperparameters &o) const { return !(*this == o); }
};

// The scaled squared distance s between two feature rows (pointers to `w.size()` values each).
inline double scaled_distance(const double *a, const double *b, const Eigen::VectorXd &w,
                              const std::vector<bool> &categorical) {
  double s = 0;
  for (Eigen::Index j = 0; j < w.size(); ++j) {
    if (categorical[static_cast<std::size_t>(j)]) {
      if (a[j] != b[j]) s += w[j];
    } else {
      const double d = a[j] - b[j];
      s += w[j] * d * d;
    }
  }
  return s;
}

}  // namespace vernier::gp

#endif  // VERNIER_GP_KERNEL_HPP
