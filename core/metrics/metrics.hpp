// Scores of predictions against the truth, for the cv objective. Each metric knows its task and its
// direction, so a study's direction follows from the metric and users never set it.
//
// Classification metrics take the model's class probabilities (n x n_classes, row-major) and the true
// class indices; the predicted class is the most probable one (the first on ties, as numpy's argmax).
// Definitions follow scikit-learn 1.2 (sklearn.metrics), which tests/metrics checks on random inputs:
//   accuracy           fraction of rows whose predicted class is the true one
//   balanced_accuracy  mean recall over the classes present among the true labels
//   log_loss           mean -log p(true class), probabilities clipped to [eps, 1-eps] (eps = 2^-52) and
//                      renormalised per row
//   roc_auc            binary: area under the ROC curve of p(class 1), ties counted half; more classes:
//                      the unweighted mean of one-vs-rest AUCs (sklearn's multi_class="ovr", "macro").
//                      Undefined (an error) when a class has no row, or, binary, only one class is present
//   f1                 binary only: F1 of class 1 (the second class in label order); 0 when undefined
//   f1_macro           mean F1 over the classes present among true or predicted labels
//   rmse, mae          root mean squared error, mean absolute error
//   r2                 1 - SS_res / SS_tot; with constant truth, 1 for a perfect fit, else 0
#ifndef VERNIER_CORE_METRICS_METRICS_HPP
#define VERNIER_CORE_METRICS_METRICS_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vernier/plugin/dataset.h"

namespace vernier::metrics {

struct Metric {
  const char *name;
  uint32_t task;        // VN_TASK_CLASSIFICATION or VN_TASK_REGRESSION
  int32_t direction;    // +1: lower is better; -1: higher is better
  bool binary_only;     // defined for two classes only (f1)
  // y_true: n values (class indices for classification); predictions: n x n_classes probabilities for
  // classification, n values for regression. Throws Error(VN_E_INVALID) when the score is undefined for
  // these rows (an AUC with one class present), with a message naming the metric and the reason.
  double (*score)(const double *y_true, const double *predictions, std::size_t n, uint32_t n_classes);
};

// Every metric, classification first.
const std::vector<Metric> &all();
// The metric of that name, or nullptr.
const Metric *find(std::string_view name);
// The metric for a task with n_classes (0 for regression); throws Error(VN_E_INVALID) naming the
// problem: an unknown name (listing those of the task), a metric of the other task, f1 with 3 classes.
const Metric &require(std::string_view name, uint32_t task, uint32_t n_classes);
// Names of the metrics of a task, comma-separated, for messages and docs.
std::string names(uint32_t task);

}  // namespace vernier::metrics

#endif  // VERNIER_CORE_METRICS_METRICS_HPP
