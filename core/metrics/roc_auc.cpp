// The area under the ROC curve, through the Mann-Whitney U statistic: the probability that a random
// positive scores above a random negative, ties counting half (the same area as the trapezoids under
// the ROC curve with tied scores joined, which is how scikit-learn computes it).
#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "metrics/scores.hpp"

namespace vernier::metrics::scores {

namespace {

// AUC of `score` for rows where positive[i] is true against the others. Throws when one side is empty.
double binary_auc(const std::vector<double> &score, const std::vector<bool> &positive, const std::string &what) {
  const std::size_t n = score.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score[a] < score[b]; });
  double rank_sum = 0, n_pos = 0;
  for (std::size_t start = 0; start < n;) {
    std::size_t end = start;
    while (end < n && score[order[end]] == score[order[start]]) ++end;
    const double mean_rank = (static_cast<double>(start + end - 1)) / 2.0 + 1.0;  // 1-based ranks of the tie run
    for (std::size_t i = start; i < end; ++i)
      if (positive[order[i]]) {
        rank_sum += mean_rank;
        n_pos += 1;
      }
    start = end;
  }
  const double n_neg = static_cast<double>(n) - n_pos;
  if (n_pos == 0 || n_neg == 0)
    throw invalid_argument("roc_auc: undefined for these rows: " + what + " has " + (n_pos == 0 ? "no" : "every") +
                           " row (ROC AUC needs both positives and negatives)");
  return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg);
}

}  // namespace

double roc_auc(const double *y_true, const double *p, std::size_t n, uint32_t k) {
  std::vector<double> score(n);
  std::vector<bool> positive(n);
  if (k == 2) {
    for (std::size_t i = 0; i < n; ++i) {
      score[i] = p[i * 2 + 1];
      positive[i] = y_true[i] == 1.0;
    }
    return binary_auc(score, positive, "class 1");
  }
  double sum = 0;
  for (uint32_t j = 0; j < k; ++j) {
    for (std::size_t i = 0; i < n; ++i) {
      score[i] = p[i * k + j];
      positive[i] = y_true[i] == static_cast<double>(j);
    }
    sum += binary_auc(score, positive, "class " + std::to_string(j));
  }
  return sum / k;
}

}  // namespace vernier::metrics::scores
