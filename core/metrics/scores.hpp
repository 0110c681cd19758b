// The score functions behind the metric table (metrics.cpp); see metrics.hpp for their definitions.
#ifndef VERNIER_CORE_METRICS_SCORES_HPP
#define VERNIER_CORE_METRICS_SCORES_HPP

#include <cstddef>
#include <cstdint>

namespace vernier::metrics::scores {

// Classification: y_true holds class indices, p is n x k probabilities.
double accuracy(const double *y_true, const double *p, std::size_t n, uint32_t k);
double balanced_accuracy(const double *y_true, const double *p, std::size_t n, uint32_t k);
double log_loss(const double *y_true, const double *p, std::size_t n, uint32_t k);
double f1_binary(const double *y_true, const double *p, std::size_t n, uint32_t k);
double f1_macro(const double *y_true, const double *p, std::size_t n, uint32_t k);
double roc_auc(const double *y_true, const double *p, std::size_t n, uint32_t k);

// Regression: y_pred holds n predictions (the unused k is 0).
double rmse(const double *y_true, const double *y_pred, std::size_t n, uint32_t k);
double mae(const double *y_true, const double *y_pred, std::size_t n, uint32_t k);
double r2(const double *y_true, const double *y_pred, std::size_t n, uint32_t k);

// The predicted class of row i: the most probable, the first on ties.
uint32_t predicted_class(const double *p, std::size_t i, uint32_t k);

}  // namespace vernier::metrics::scores

#endif  // VERNIER_CORE_METRICS_SCORES_HPP
