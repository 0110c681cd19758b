// The standard normal distribution: see vernier/sdk/normal.hpp.
#include "vernier/sdk/normal.hpp"

#include <cmath>
#include <limits>

namespace vernier::sdk {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kSqrt1_2 = 0.70710678118654752440;  // 1 / sqrt(2)
constexpr double kSqrt2Pi = 2.50662827463100050242;

// Below this, Phi(x) (about 1e-268 at -35) is near the end of the normal doubles: switch to the
// asymptotic expansion, whose first omitted term is then below 4e-15.
constexpr double kAsymptoticBelow = -35.0;

// Acklam's rational approximation of the normal quantile (relative error below 1.2e-9), used as the
// starting point of Halley's iteration in ndtri().
double acklam_quantile(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01,  -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  auto tail = [&](double q) {
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  };
  if (p < kLow) return tail(std::sqrt(-2.0 * std::log(p)));
  if (p > 1.0 - kLow) return -tail(std::sqrt(-2.0 * std::log1p(-p)));
  const double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

}  // namespace

double normal_cdf(double x) { return 0.5 * std::erfc(-x * kSqrt1_2); }

double log_normal_cdf(double x) {
  if (std::isnan(x)) return x;
  if (x > 6.0) return std::log1p(-0.5 * std::erfc(x * kSqrt1_2));  // 1 - Phi(x) < 1e-9: log1p keeps it
  if (x > kAsymptoticBelow) return std::log(0.5 * std::erfc(-x * kSqrt1_2));
  if (x == -kInf) return -kInf;
  // Phi(x) = phi(x) / |x| * (1 - 1/x^2 + 3/x^4 - 15/x^6 + ...), the series of Abramowitz & Stegun 26.2.12.
  const double r = 1.0 / (x * x);
  const double series = 1.0 - r * (1.0 - 3.0 * r * (1.0 - 5.0 * r * (1.0 - 7.0 * r * (1.0 - 9.0 * r))));
  return -0.5 * x * x - std::log(-x) - kHalfLog2Pi + std::log(series);
}

double normal_quantile(double p) {
  if (std::isnan(p)) return p;
  if (p <= 0.0) return -kInf;
  if (p >= 1.0) return kInf;
  double x = acklam_quantile(p);
  // Two steps of Halley's method on Phi(x) - p (cubic convergence: 1e-9 -> 1e-27 after the first).
  for (int i = 0; i < 2; ++i) {
    const double error = x < 0 ? normal_cdf(x) - p : (1.0 - p) - normal_cdf(-x);  // both forms equal Phi(x) - p
    const double u = error * kSqrt2Pi * std::exp(0.5 * x * x);
    if (!std::isfinite(u)) break;
    x -= u / (1.0 + 0.5 * x * u);
  }
  return x;
}

}  // namespace vernier::sdk
