// The truncated standard normal: see truncated_normal.hpp.
#include "truncated_normal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "vernier/sdk/normal.hpp"

namespace vernier::tpe {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Phi(-8.5) < 1e-17: a tail this thin is below the precision of a sum with 1.
constexpr double kNegligibleTail = 8.5;

// Phi(a) + 1 - Phi(b) for a <= 0 <= b. A tail beyond 8.5 (below 1e-17) is dropped: it cannot change a sum
// with 1, and erfc() would take libm's slow underflow path far out.
double both_tails(double a, double b) {
  return (a < -kNegligibleTail ? 0.0 : sdk::normal_cdf(a)) + (b > kNegligibleTail ? 0.0 : sdk::normal_cdf(-b));
}

}  // namespace

double log_gauss_mass(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<double>::quiet_NaN();
  if (!(a < b)) return -kInf;
  const double width = b - a, mid = 0.5 * a + 0.5 * b;
  // A narrow interval: the midpoint rule with its curvature term, (m^2 - 1) phi(m) w^3 / 24; the next term
  // is O((w * max(1, |m|))^4) relative, below 1e-12 here. Differences of CDFs would cancel instead.
  if (std::isfinite(width) && width * std::max(1.0, std::fabs(mid)) < 1e-3)
    return std::log(width) - 0.5 * mid * mid - kHalfLog2Pi + std::log1p(width * width * (mid * mid - 1.0) / 24.0);
  if (a >= 0.0) return log_gauss_mass(-b, -a);  // mirrored into the lower half, where Phi is small
  if (b <= 0.0) {
    const double log_b = sdk::log_normal_cdf(b), log_a = sdk::log_normal_cdf(a);
    return log_b + std::log(-std::expm1(log_a - log_b));
  }
  // a < 0 < b: the mass is 1 minus both tails, each at most 1/2.
  return std::log1p(-both_tails(a, b));
}

double gauss_mass_around_mean(double a, double b) { return 1.0 - both_tails(a, b); }

double sample_truncated_standard_normal(double a, double b, double u) {
  if (!(a < b)) return a;
  if (a >= 0.0) return -sample_truncated_standard_normal(-b, -a, u);
  double x;
  if (b <= 0.0) {  // wholly in the lower half
    const double pa = sdk::normal_cdf(a), pb = sdk::normal_cdf(b);
    if (pb > 1e-290) {
      x = sdk::normal_quantile(pa + u * (pb - pa));
    } else {
      // Beyond -37 the CDF underflows; there the density is exp(|b| (x - b)) to first order: an exponential
      // decay away from b, truncated at a.
      const double rate = -b;
      x = b + std::log1p(u * std::expm1(-rate * (b - a))) / rate;
    }
  } else {
    // a < 0 < b: split the mass at 0 and invert on the side the draw falls, each time from its own tail.
    const double below_a = sdk::normal_cdf(a), above_b = sdk::normal_cdf(-b);
    const double left = 0.5 - below_a, right = 0.5 - above_b;
    const double t = u * (left + right);
    x = t < left ? sdk::normal_quantile(below_a + t) : -sdk::normal_quantile(above_b + (left + right - t));
  }
  return std::clamp(x, a, b);
}

}  // namespace vernier::tpe
