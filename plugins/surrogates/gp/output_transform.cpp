#include "output_transform.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace vernier::gp {

OutputTransform output_transform_from_name(const std::string &name) {
  if (name == "none") return OutputTransform::None;
  if (name == "rank") return OutputTransform::Rank;
  if (name == "log") return OutputTransform::Log;
  throw std::invalid_argument("unknown output transform '" + name + "'");
}

double normal_quantile(double p) {
  // A rational first guess (Acklam's coefficients, relative error 1.2e-9), then one Halley step on
  // Phi(x) - p with an accurate erfc, which brings it to full double precision.
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01,  -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double low = 0.02425;
  double x;
  if (p < low) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

std::vector<double> transform_targets(OutputTransform transform, std::size_t n, const double *y) {
  std::vector<double> out(y, y + n);
  if (n == 0 || transform == OutputTransform::None) return out;
  if (transform == OutputTransform::Rank) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [y](std::size_t a, std::size_t b) { return y[a] < y[b]; });
    for (std::size_t i = 0; i < n;) {
      std::size_t j = i;
      while (j + 1 < n && y[order[j + 1]] == y[order[i]]) ++j;
      const double mean_rank = 0.5 * static_cast<double>(i + j) + 1.0;  // ranks i+1 .. j+1, averaged
      const double value = normal_quantile((mean_rank - 0.5) / static_cast<double>(n));
      for (std::size_t k = i; k <= j; ++k) out[order[k]] = value;
      i = j + 1;
    }
    return out;
  }
  // Log: shifted so the best value maps to log(c).
  std::vector<double> sorted(y, y + n);
  std::sort(sorted.begin(), sorted.end());
  const double lowest = sorted.front(), median = sorted[n / 2];
  double c = 0.01 * (median - lowest);
  if (!(c > 0) || !std::isfinite(c)) c = 0.01 * (sorted.back() - lowest);
  if (!(c > 0) || !std::isfinite(c)) return std::vector<double>(n, 0.0);  // all equal: nothing to spread
  // y - lowest can overflow for targets near the largest double: compute the difference in halves.
  for (std::size_t i = 0; i < n; ++i) out[i] = std::log((y[i] / 2 - lowest / 2) + c / 2) + std::log(2.0);
  return out;
}

}  // namespace vernier::gp
