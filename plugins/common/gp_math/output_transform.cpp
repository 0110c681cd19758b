#include "output_transform.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "vernier/sdk/normal.hpp"

namespace vernier::gp {

OutputTransform output_transform_from_name(const std::string &name) {
  if (name == "none") return OutputTransform::None;
  if (name == "rank") return OutputTransform::Rank;
  if (name == "log") return OutputTransform::Log;
  throw std::invalid_argument("unknown output transform '" + name + "'");
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
      const double value = sdk::normal_quantile((mean_rank - 0.5) / static_cast<double>(n));
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
