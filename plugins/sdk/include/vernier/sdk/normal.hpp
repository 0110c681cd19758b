// The standard normal distribution, accurate where the plain formulas are not: its CDF, the log of its CDF
// far into the lower tail, and its quantile function. Part of the plugin SDK (plugins/sdk/src/normal.cpp), so
// every sampler and surrogate that needs them (TPE's kernels, the GP's rank transform) shares one version.
#ifndef VERNIER_SDK_NORMAL_HPP
#define VERNIER_SDK_NORMAL_HPP

namespace vernier::sdk {

// log(2 pi) / 2: the log-normaliser of the standard normal density.
constexpr double kHalfLog2Pi = 0.91893853320467274178;

// Phi(x) = P(Z <= x).
double normal_cdf(double x);

// log Phi(x), accurate to about 1e-14 relative for every finite x (an asymptotic series below -35, where
// Phi itself underflows). log_normal_cdf(-inf) = -inf, log_normal_cdf(+inf) = 0.
double log_normal_cdf(double x);

// The quantile function Phi^{-1}(p) for p in (0, 1); -inf at 0 and +inf at 1. Relative error about 1e-15.
double normal_quantile(double p);

}  // namespace vernier::sdk

#endif  // VERNIER_SDK_NORMAL_HPP
