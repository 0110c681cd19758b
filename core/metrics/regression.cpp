// Regression scores: RMSE, MAE and the coefficient of determination R^2.
#include <cmath>

#include "metrics/scores.hpp"

namespace vernier::metrics::scores {

double rmse(const double *y_true, const double *y_pred, std::size_t n, uint32_t) {
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += (y_true[i] - y_pred[i]) * (y_true[i] - y_pred[i]);
  return std::sqrt(sum / static_cast<double>(n));
}

double mae(const double *y_true, const double *y_pred, std::size_t n, uint32_t) {
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += std::abs(y_true[i] - y_pred[i]);
  return sum / static_cast<double>(n);
}

double r2(const double *y_true, const double *y_pred, std::size_t n, uint32_t) {
  double mean = 0;
  for (std::size_t i = 0; i < n; ++i) mean += y_true[i];
  mean /= static_cast<double>(n);
  double residual = 0, total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    residual += (y_true[i] - y_pred[i]) * (y_true[i] - y_pred[i]);
    total += (y_true[i] - mean) * (y_true[i] - mean);
  }
  // Constant truth: scikit-learn's force_finite convention (1 for a perfect fit, else 0), never NaN.
  if (total == 0) return residual == 0 ? 1.0 : 0.0;
  return 1.0 - residual / total;
}

}  // namespace vernier::metrics::scores
