// The truncated standard normal as the Parzen estimator's kernels need it: the log of the mass it puts on
// an interval, and draws truncated to an interval (its CDF, log CDF and quantile: vernier/sdk/normal.hpp).
// Everything is computed in log space or on the tail that keeps precision, because TPE compares densities
// of points many bandwidths away from a kernel's centre, where the plain CDF rounds to 0 or 1.
#ifndef VERNIER_TPE_TRUNCATED_NORMAL_HPP
#define VERNIER_TPE_TRUNCATED_NORMAL_HPP

#include "vernier/sdk/normal.hpp"

namespace vernier::tpe {

using sdk::kHalfLog2Pi;

// log(Phi(b) - Phi(a)) for a <= b: the log of the mass of [a, b]; -inf when a == b. Accurate in the far
// tails (both ends beyond -35 or +35) and for narrow intervals (b - a down to 1e-300).
double log_gauss_mass(double a, double b);

// Phi(b) - Phi(a) for a <= 0 <= b (an interval around the mean), as 1 minus the two tails.
double gauss_mass_around_mean(double a, double b);

// A draw of Z ~ N(0, 1) conditioned on a <= Z <= b (a <= b, finite), by inversion of the CDF on the side
// of 0 that keeps precision; `u` is a uniform draw in [0, 1). The result lies in [a, b].
double sample_truncated_standard_normal(double a, double b, double u);

}  // namespace vernier::tpe

#endif  // VERNIER_TPE_TRUNCATED_NORMAL_HPP
