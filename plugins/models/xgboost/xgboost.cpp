// Gradient-boosted trees through libxgboost's C API (T. Chen & C. Guestrin, "XGBoost: a scalable tree
// boosting system", KDD 2016): reg:squarederror for regression, binary:logistic for two classes and
// multi:softprob (one probability per class of the dataset, so absent classes are handled by xgboost itself)
// for more. One class in the training rows is allowed: the trees then learn a near-constant prediction.
//
// Determinism (VN-ABI-8): xgboost's own seed is set from fit's seed, and nthread defaults to 1 (row and column
// subsampling are seeded either way; several threads also give the same trees with the hist method, but one
// thread per instance is what lets a study run instances in parallel without oversubscribing the cores).
//
// xgboost needs its own matrix (DMatrix, float32): the training rows are gathered into one float buffer,
// handed over, and the buffer released; the booster keeps the trees only.
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <xgboost/c_api.h>

#include "model_support/model_data.hpp"
#include "model_support/model_options.hpp"
#include "vernier/sdk/plugin.hpp"

namespace {

using namespace vernier;
using namespace vernier::models;

constexpr const char *kName = "xgboost";

constexpr const char *kOptions = R"json({"options": {
  "learning_rate": {"type": "number", "default": 0.3, "min": 0, "max": 1, "hyperparameter": true,
                    "help": "shrinkage of each tree (xgboost's eta)"},
  "max_depth": {"type": "int", "default": 6, "min": 1, "max": 30, "hyperparameter": true, "help": "depth of each tree"},
  "n_estimators": {"type": "int", "default": 100, "min": 1, "max": 100000, "hyperparameter": true,
                   "help": "number of boosting rounds"},
  "subsample": {"type": "number", "default": 1.0, "min": 0, "max": 1, "hyperparameter": true,
                "help": "share of the rows each tree sees, > 0"},
  "colsample_bytree": {"type": "number", "default": 1.0, "min": 0, "max": 1, "hyperparameter": true,
                       "help": "share of the features each tree sees, > 0"},
  "min_child_weight": {"type": "number", "default": 1.0, "min": 0, "hyperparameter": true,
                       "help": "least Hessian weight in a leaf"},
  "reg_lambda": {"type": "number", "default": 1.0, "min": 0, "hyperparameter": true,
                 "help": "L2 penalty on leaf weights (xgboost's lambda)"},
  "tree_method": {"type": "string", "default": "hist", "choices": ["hist", "exact", "approx"],
                  "help": "xgboost's split finding"},
  "nthread": {"type": "int", "default": 1, "min": 1, "max": 1024, "help": "threads per fit"}
}})json";

constexpr const char *kDefaultSpace = R"json([
  {"name": "learning_rate", "type": "float", "low": 0.01, "high": 0.3, "log": true},
  {"name": "max_depth", "type": "int", "low": 2, "high": 10},
  {"name": "n_estimators", "type": "int", "low": 50, "high": 500, "log": true},
  {"name": "subsample", "type": "float", "low": 0.5, "high": 1.0},
  {"name": "colsample_bytree", "type": "float", "low": 0.5, "high": 1.0},
  {"name": "min_child_weight", "type": "float", "low": 0.5, "high": 10, "log": true},
  {"name": "reg_lambda", "type": "float", "low": 1e-3, "high": 10, "log": true}
])json";

// Turns a non-zero return of the C API into an error with xgboost's own message.
void call(int result, const char *what) {
  if (result != 0) throw sdk::Error(VN_E_INTERNAL, std::string("xgboost: ") + what + ": " + XGBGetLastError());
}

struct MatrixDeleter {
  void operator()(void *m) const { XGDMatrixFree(m); }
};
struct BoosterDeleter {
  void operator()(void *b) const { XGBoosterFree(b); }
};
using Matrix = std::unique_ptr<void, MatrixDeleter>;
using Booster = std::unique_ptr<void, BoosterDeleter>;

// The rows as xgboost's float32 matrix; a value beyond float's range is refused rather than turned into inf.
Matrix make_matrix(const vn_dataset &data, const uint64_t *rows, uint64_t n, int nthread) {
  const uint32_t d = data.n_features;
  std::vector<float> values(n * d);
  for (uint64_t i = 0; i < n; ++i) {
    const double *x = row_of(data, rows[i]);
    for (uint32_t j = 0; j < d; ++j) {
      if (std::abs(x[j]) > FLT_MAX)
        throw sdk::Error(VN_E_INVALID, "xgboost: feature " + std::to_string(j) + " of row " + std::to_string(rows[i]) +
                                           " is beyond the float range xgboost works in");
      values[i * d + j] = static_cast<float>(x[j]);
    }
  }
  DMatrixHandle handle = nullptr;
  call(XGDMatrixCreateFromMat_omp(values.data(), n, d, NAN, &handle, nthread), "creating the data matrix");
  return Matrix(handle);
}

class XgBoost : public sdk::Instance {
 public:
  XgBoost(const vn_host *, const char *config_json) : options_(kName, kOptions, config_json) {}

  void fit(const vn_dataset &data, const uint64_t *rows, uint64_t n, const vn_space &space, const double *hparams,
           uint64_t seed) {
    booster_.reset();
    const sdk::Options options = state_.begin_fit(options_, space, hparams, data, rows, n);
    for (const char *share : {"subsample", "colsample_bytree"})
      if (!(options.number(share) > 0))
        throw sdk::Error(VN_E_INVALID, std::string("xgboost: option '") + share + "' must be > 0");
    nthread_ = static_cast<int>(options.integer("nthread"));

    Matrix train = make_matrix(data, rows, n, nthread_);
    std::vector<float> labels(n);
    for (uint64_t i = 0; i < n; ++i) labels[i] = static_cast<float>(data.target[rows[i]]);
    call(XGDMatrixSetFloatInfo(train.get(), "label", labels.data(), n), "setting the labels");

    BoosterHandle handle = nullptr;
    DMatrixHandle cache[] = {train.get()};
    call(XGBoosterCreate(cache, 1, &handle), "creating the booster");
    booster_.reset(handle);
    const bool classify = data.task == VN_TASK_CLASSIFICATION;
    set("objective", !classify ? "reg:squarederror" : data.n_classes <= 2 ? "binary:logistic" : "multi:softprob");
    if (classify && data.n_classes > 2) set("num_class", std::to_string(data.n_classes));
    set("eta", number(options.number("learning_rate")));
    set("max_depth", std::to_string(options.integer("max_depth")));
    set("subsample", number(options.number("subsample")));
    set("colsample_bytree", number(options.number("colsample_bytree")));
    set("min_child_weight", number(options.number("min_child_weight")));
    set("lambda", number(options.number("reg_lambda")));
    set("tree_method", options.string("tree_method"));
    set("nthread", std::to_string(nthread_));
    set("seed", std::to_string(seed % 2147483647u));  // xgboost's seed is a 32-bit int
    set("verbosity", "0");
    const int64_t rounds = options.integer("n_estimators");
    for (int64_t round = 0; round < rounds; ++round)
      call(XGBoosterUpdateOneIter(booster_.get(), static_cast<int>(round), train.get()), "training");
    state_.end_fit(data);
  }

  void predict(const vn_dataset &data, const uint64_t *rows, uint64_t n, double *out) {
    state_.check_predict(data, rows, n);
    if (n == 0) return;
    Matrix queries = make_matrix(data, rows, n, nthread_);
    const char *config = R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})";
    const bst_ulong *shape = nullptr;
    bst_ulong dims = 0;
    const float *result = nullptr;
    call(XGBoosterPredictFromDMatrix(booster_.get(), queries.get(), config, &shape, &dims, &result), "predicting");
    bst_ulong length = 1;
    for (bst_ulong k = 0; k < dims; ++k) length *= shape[k];
    const uint32_t K = state_.shape().n_classes;
    if (state_.shape().task == VN_TASK_REGRESSION || K > 2) {
      const uint64_t expected = state_.shape().task == VN_TASK_REGRESSION ? n : n * K;
      if (length != expected)
        throw sdk::Error(VN_E_INTERNAL, "xgboost: predicted " + std::to_string(length) + " values, expected " +
                                            std::to_string(expected));
      for (uint64_t i = 0; i < expected; ++i) out[i] = result[i];
      if (K > 2) normalise(out, n, K);  // float32 softmax: make each row sum to 1 in double precision
      return;
    }
    if (length != n) throw sdk::Error(VN_E_INTERNAL, "xgboost: predicted " + std::to_string(length) + " values, expected " + std::to_string(n));
    for (uint64_t i = 0; i < n; ++i) {
      if (K == 1) {  // a dataset of one class
        out[i] = 1.0;
        continue;
      }
      out[2 * i + 1] = result[i];
      out[2 * i] = 1.0 - static_cast<double>(result[i]);
    }
  }

 private:
  static std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", v);
    return text;
  }
  static void normalise(double *p, uint64_t n, uint32_t K) {
    for (uint64_t i = 0; i < n; ++i) {
      double sum = 0;
      for (uint32_t c = 0; c < K; ++c) sum += p[i * K + c];
      for (uint32_t c = 0; c < K; ++c) p[i * K + c] /= sum;
    }
  }
  void set(const char *name, const std::string &value) {
    call(XGBoosterSetParam(booster_.get(), name, value.c_str()), (std::string("setting ") + name).c_str());
  }

  ModelOptions options_;
  FitState state_{kName};
  int nthread_ = 1;
  Booster booster_;
};

const vn_component kXgBoost = sdk::component<XgBoost, VN_KIND_MODEL>(
    kName, "1.0.0", "gradient-boosted trees through libxgboost (classification and regression)", kOptions,
    kDefaultSpace);

}  // namespace

VERNIER_SDK_ENTRY(&kXgBoost)
