// Reading the host's dataset view (dataset.h) from a model plugin: the checks every model makes before it
// trusts the view, and row access without copies.
//
// The view is host-owned and valid only during the call (VN-ABI-6): a model reads its rows in place during
// fit and keeps only what it learnt (coefficients, support vectors in its own layout, a copy of the training
// rows for a lazy learner like knn), never a pointer into the view.
#ifndef VERNIER_MODELS_MODEL_DATA_HPP
#define VERNIER_MODELS_MODEL_DATA_HPP

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model_options.hpp"
#include "vernier/plugin/dataset.h"

namespace vernier::models {

// What a model was fitted on; predict refuses a dataset of another shape.
struct FittedShape {
  uint32_t task = VN_TASK_REGRESSION;
  uint32_t n_features = 0;
  uint32_t n_classes = 0;
};

// Row i of the view.
inline const double *row_of(const vn_dataset &data, uint64_t row) { return data.features + row * data.n_features; }

// Checks what a model needs of the view beyond sdk::check_dataset (which the SDK's trampolines run first):
// at least one feature. Throws sdk::Error(VN_E_INVALID) naming the model.
void check_dataset(const std::string &model, const vn_dataset &data);

// Checks the rows a call uses: at least one, every index < n_rows, every feature finite and (with_target)
// every target finite, and a class index in 0..n_classes-1 for classification. The message names the
// dataset row and the feature, so a NaN that slipped past the loader is found.
void check_rows(const std::string &model, const vn_dataset &data, const uint64_t *rows, uint64_t n_rows,
                bool with_target);

// Both of the above, for fit.
inline void check_fit_rows(const std::string &model, const vn_dataset &data, const uint64_t *rows, uint64_t n_rows) {
  check_dataset(model, data);
  check_rows(model, data, rows, n_rows, true);
}

// For predict: the model is fitted (else VN_E_STATE), the dataset has the fitted task, feature count and
// class count (else VN_E_INVALID), and the rows are valid (targets are not read).
void check_predict_rows(const std::string &model, bool fitted, const FittedShape &shape, const vn_dataset &data,
                        const uint64_t *rows, uint64_t n_rows);

// What a model knows between fit and predict: whether its last fit succeeded, and the shape of that fit's
// data. fit() calls begin_fit() first, so a fit that throws leaves the model unfitted and predict refuses it,
// and end_fit() last; predict() calls check_predict().
class FitState {
 public:
  explicit FitState(std::string model) : model_(std::move(model)) {}

  // Starts a fit: the model is unfitted until end_fit(); returns the options for this fit (the active
  // hyperparameters of (space, hparams) over the created config, ModelOptions::for_fit) after checking
  // the view and the rows (check_fit_rows). Throws sdk::Error as those do.
  sdk::Options begin_fit(const ModelOptions &options, const vn_space &space, const double *hparams,
                         const vn_dataset &data, const uint64_t *rows, uint64_t n_rows) {
    fitted_ = false;
    sdk::Options for_this_fit = options.for_fit(space, hparams);
    check_fit_rows(model_, data, rows, n_rows);
    return for_this_fit;
  }
  void end_fit(const vn_dataset &data) {
    shape_ = {data.task, data.n_features, data.n_classes};
    fitted_ = true;
  }
  // check_predict_rows against the last fit.
  void check_predict(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows) const {
    check_predict_rows(model_, fitted_, shape_, data, rows, n_rows);
  }
  const FittedShape &shape() const { return shape_; }

 private:
  std::string model_;
  bool fitted_ = false;
  FittedShape shape_;
};

// Refuses (VN_E_UNSUPPORTED) a task the model cannot do, naming both.
void require_task(const std::string &model, const vn_dataset &data, bool regression, bool classification);

// Rows per class (data.n_classes entries) among the given rows of a classification dataset.
std::vector<uint64_t> class_counts(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows);

// The classes present among the rows, ascending.
std::vector<uint32_t> present_classes(const std::vector<uint64_t> &counts);

// Refuses (VN_E_INVALID) training rows of a single class, as scikit-learn does for logistic regression and
// SVMs: there is no boundary to learn, and a silently constant classifier would hide a bad split.
void require_two_classes(const std::string &model, const std::vector<uint64_t> &counts);

}  // namespace vernier::models

#endif  // VERNIER_MODELS_MODEL_DATA_HPP
