// Label-based classification scores: accuracy, balanced accuracy, F1, and the log loss.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <vector>

#include "metrics/scores.hpp"

namespace vernier::metrics::scores {

namespace {

uint32_t label(const double *y_true, std::size_t i) { return static_cast<uint32_t>(y_true[i]); }

// The confusion counts per class: true positives, false positives, false negatives, and support.
struct Counts {
  std::vector<double> tp, fp, fn, support;
  explicit Counts(uint32_t k) : tp(k), fp(k), fn(k), support(k) {}
};

Counts count(const double *y_true, const double *p, std::size_t n, uint32_t k) {
  Counts c(k);
  for (std::size_t i = 0; i < n; ++i) {
    const uint32_t truth = label(y_true, i), guess = predicted_class(p, i, k);
    c.support[truth] += 1;
    if (truth == guess) {
      c.tp[truth] += 1;
    } else {
      c.fp[guess] += 1;
      c.fn[truth] += 1;
    }
  }
  return c;
}

// F1 = 2 tp / (2 tp + fp + fn); 0 when the class never occurs nor is predicted (scikit-learn's zero_division).
double f1_of(const Counts &c, uint32_t j) {
  const double denominator = 2 * c.tp[j] + c.fp[j] + c.fn[j];
  return denominator > 0 ? 2 * c.tp[j] / denominator : 0.0;
}

}  // namespace

uint32_t predicted_class(const double *p, std::size_t i, uint32_t k) {
  const double *row = p + i * k;
  return static_cast<uint32_t>(std::max_element(row, row + k) - row);  // the first maximum
}

double accuracy(const double *y_true, const double *p, std::size_t n, uint32_t k) {
  std::size_t correct = 0;
  for (std::size_t i = 0; i < n; ++i) correct += predicted_class(p, i, k) == label(y_true, i);
  return static_cast<double>(correct) / static_cast<double>(n);
}

double balanced_accuracy(const double *y_true, const double *p, std::size_t n, uint32_t k) {
  Counts c = count(y_true, p, n, k);
  double sum = 0;
  uint32_t present = 0;
  for (uint32_t j = 0; j < k; ++j)
    if (c.support[j] > 0) {
      sum += c.tp[j] / c.support[j];
      ++present;
    }
  return sum / present;
}

double f1_binary(const double *y_true, const double *p, std::size_t n, uint32_t k) {
  return f1_of(count(y_true, p, n, k), 1);
}

double f1_macro(const double *y_true, const double *p, std::size_t n, uint32_t k) {
  Counts c = count(y_true, p, n, k);
  double sum = 0;
  uint32_t present = 0;
  for (uint32_t j = 0; j < k; ++j)
    if (c.support[j] > 0 || c.fp[j] > 0) {  // among the true or the predicted labels
      sum += f1_of(c, j);
      ++present;
    }
  return sum / present;
}

double log_loss(const double *y_true, const double *p, std::size_t n, uint32_t k) {
  // scikit-learn clips to [eps, 1 - eps] with the float64 epsilon, then renormalises each row.
  const double eps = DBL_EPSILON;
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double row_sum = 0;
    for (uint32_t j = 0; j < k; ++j) row_sum += std::clamp(p[i * k + j], eps, 1 - eps);
    const double mine = std::clamp(p[i * k + label(y_true, i)], eps, 1 - eps);
    total -= std::log(mine / row_sum);
  }
  return total / static_cast<double>(n);
}

}  // namespace vernier::metrics::scores
