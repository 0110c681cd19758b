// Checks of the dataset view for model plugins: see model_data.hpp.
#include "model_data.hpp"

#include <cmath>

#include "vernier/sdk/plugin.hpp"

namespace vernier::models {

using sdk::Error;

namespace {

const char *task_word(uint32_t task) { return task == VN_TASK_CLASSIFICATION ? "classification" : "regression"; }

std::string feature_name(const vn_dataset &data, uint32_t j) {
  const char *name = data.feature_names != nullptr ? data.feature_names[j] : nullptr;
  return name != nullptr ? "'" + std::string(name) + "'" : std::to_string(j);
}

std::string value_word(double v) { return std::isnan(v) ? "NaN" : (v > 0 ? "+inf" : "-inf"); }

}  // namespace

void check_dataset(const std::string &model, const vn_dataset &data) {
  // The SDK's trampolines have checked the view itself (sdk::check_dataset) before the model runs.
  if (data.n_features == 0) throw Error(VN_E_INVALID, model + ": the dataset has no features");
}

void check_rows(const std::string &model, const vn_dataset &data, const uint64_t *rows, uint64_t n_rows,
                bool with_target) {
  if (n_rows == 0) throw Error(VN_E_INVALID, model + ": no rows given");
  const uint32_t d = data.n_features;
  for (uint64_t i = 0; i < n_rows; ++i) {
    const uint64_t r = rows[i];
    if (r >= data.n_rows)
      throw Error(VN_E_INVALID, model + ": row index " + std::to_string(r) + " is out of range (the dataset has " +
                                    std::to_string(data.n_rows) + " rows)");
    const double *x = row_of(data, r);
    for (uint32_t j = 0; j < d; ++j)
      if (!std::isfinite(x[j]))
        throw Error(VN_E_INVALID, model + ": feature " + feature_name(data, j) + " of row " + std::to_string(r) +
                                      " is " + value_word(x[j]) + "; models need finite data (impute or drop it)");
    if (!with_target) continue;
    const double y = data.target[r];
    if (!std::isfinite(y))
      throw Error(VN_E_INVALID, model + ": the target of row " + std::to_string(r) + " is " + value_word(y) +
                                    "; models need finite data");
    if (data.task == VN_TASK_CLASSIFICATION && !(y >= 0 && y < data.n_classes && std::floor(y) == y))
      throw Error(VN_E_INVALID, model + ": the target of row " + std::to_string(r) + " is " + std::to_string(y) +
                                    ", not a class index 0.." + std::to_string(data.n_classes - 1));
  }
}

void check_predict_rows(const std::string &model, bool fitted, const FittedShape &shape, const vn_dataset &data,
                        const uint64_t *rows, uint64_t n_rows) {
  if (!fitted) throw Error(VN_E_STATE, model + ": predict before a successful fit");
  check_dataset(model, data);
  if (data.task != shape.task)
    throw Error(VN_E_INVALID, model + ": fitted for " + task_word(shape.task) + ", asked to predict " +
                                  task_word(data.task));
  if (data.n_features != shape.n_features)
    throw Error(VN_E_INVALID, model + ": fitted on " + std::to_string(shape.n_features) +
                                  " features, asked to predict rows of " + std::to_string(data.n_features));
  if (data.task == VN_TASK_CLASSIFICATION && data.n_classes != shape.n_classes)
    throw Error(VN_E_INVALID, model + ": fitted for " + std::to_string(shape.n_classes) +
                                  " classes, asked to predict " + std::to_string(data.n_classes));
  if (n_rows > 0) check_rows(model, data, rows, n_rows, false);
}

void require_task(const std::string &model, const vn_dataset &data, bool regression, bool classification) {
  const bool ok = data.task == VN_TASK_CLASSIFICATION ? classification : regression;
  if (!ok)
    throw Error(VN_E_UNSUPPORTED, model + " does " + (regression ? "regression" : "classification") +
                                      " only; this dataset's task is " + task_word(data.task));
}

std::vector<uint64_t> class_counts(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows) {
  std::vector<uint64_t> counts(data.n_classes, 0);
  for (uint64_t i = 0; i < n_rows; ++i) ++counts[static_cast<uint32_t>(data.target[rows[i]])];
  return counts;
}

std::vector<uint32_t> present_classes(const std::vector<uint64_t> &counts) {
  std::vector<uint32_t> out;
  for (uint32_t k = 0; k < counts.size(); ++k)
    if (counts[k] > 0) out.push_back(k);
  return out;
}

void require_two_classes(const std::string &model, const std::vector<uint64_t> &counts) {
  const std::vector<uint32_t> present = present_classes(counts);
  if (present.size() < 2)
    throw Error(VN_E_INVALID, model + ": the training rows hold a single class (class " +
                                  (present.empty() ? std::string("none") : std::to_string(present[0])) +
                                  "); at least 2 classes are needed to fit a classifier");
}

}  // namespace vernier::models
