#include "metrics/metrics.hpp"

#include "base/error.hpp"
#include "metrics/scores.hpp"

namespace vernier::metrics {

namespace {

constexpr int32_t kMinimize = 1, kMaximize = -1;

// Wraps a score so that an empty set of rows is an error, never a division by zero.
template <double (*Score)(const double *, const double *, std::size_t, uint32_t)>
double guarded(const double *y_true, const double *predictions, std::size_t n, uint32_t k) {
  if (n == 0) throw invalid_argument("metric: no rows to score");
  return Score(y_true, predictions, n, k);
}

}  // namespace

const std::vector<Metric> &all() {
  static const std::vector<Metric> table = {
      {"accuracy", VN_TASK_CLASSIFICATION, kMaximize, false, &guarded<scores::accuracy>},
      {"balanced_accuracy", VN_TASK_CLASSIFICATION, kMaximize, false, &guarded<scores::balanced_accuracy>},
      {"log_loss", VN_TASK_CLASSIFICATION, kMinimize, false, &guarded<scores::log_loss>},
      {"roc_auc", VN_TASK_CLASSIFICATION, kMaximize, false, &guarded<scores::roc_auc>},
      {"f1", VN_TASK_CLASSIFICATION, kMaximize, true, &guarded<scores::f1_binary>},
      {"f1_macro", VN_TASK_CLASSIFICATION, kMaximize, false, &guarded<scores::f1_macro>},
      {"rmse", VN_TASK_REGRESSION, kMinimize, false, &guarded<scores::rmse>},
      {"mae", VN_TASK_REGRESSION, kMinimize, false, &guarded<scores::mae>},
      {"r2", VN_TASK_REGRESSION, kMaximize, false, &guarded<scores::r2>},
  };
  return table;
}

const Metric *find(std::string_view name) {
  for (const Metric &m : all())
    if (name == m.name) return &m;
  return nullptr;
}

std::string names(uint32_t task) {
  std::string s;
  for (const Metric &m : all())
    if (m.task == task) s += (s.empty() ? "" : ", ") + std::string(m.name);
  return s;
}

const Metric &require(std::string_view name, uint32_t task, uint32_t n_classes) {
  const char *task_word = task == VN_TASK_CLASSIFICATION ? "classification" : "regression";
  const Metric *m = find(name);
  if (m == nullptr)
    throw invalid_argument("metric: unknown metric '" + std::string(name) + "' (" + task_word + " metrics: " + names(task) + ")");
  if (m->task != task)
    throw invalid_argument("metric: '" + std::string(name) + "' is a " +
                           (m->task == VN_TASK_CLASSIFICATION ? "classification" : "regression") + " metric; this is a " +
                           task_word + " task (its metrics: " + names(task) + ")");
  if (m->binary_only && n_classes != 2)
    throw invalid_argument("metric: '" + std::string(name) + "' is for two classes; the target has " + std::to_string(n_classes) +
                           " (use f1_macro)");
  return *m;
}

}  // namespace vernier::metrics
