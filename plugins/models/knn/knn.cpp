// k-nearest neighbours for classification (class probabilities: the weighted share of each class among the k
// neighbours) and regression (their weighted mean), with the Minkowski distance of power p, by brute force.
// weights "uniform" counts each neighbour once; "distance" weighs it by 1/distance, and a query that
// coincides with training rows takes exactly those (as scikit-learn does), so no weight is infinite.
// Neighbours at equal distance are taken in training-row order, so results are deterministic.
//
// knn is a lazy learner: the host's view is valid only during fit (VN-ABI-6), so fit keeps its own copy of
// the training rows; this is the one model for which that copy is the model.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model_support/model_data.hpp"
#include "model_support/model_options.hpp"
#include "vernier/sdk/plugin.hpp"

namespace {

using namespace vernier;
using namespace vernier::models;

constexpr const char *kName = "knn";

constexpr const char *kOptions = R"json({"options": {
  "n_neighbors": {"type": "int", "default": 5, "min": 1, "hyperparameter": true,
                  "help": "k, the number of neighbours; at most the number of training rows"},
  "weights": {"type": "string", "default": "uniform", "choices": ["uniform", "distance"], "hyperparameter": true,
              "help": "uniform: every neighbour counts once; distance: weighted by 1 / distance"},
  "p": {"type": "number", "default": 2, "min": 1, "max": 100, "hyperparameter": true,
        "help": "power of the Minkowski distance: 1 Manhattan, 2 Euclidean"}
}})json";

constexpr const char *kDefaultSpace = R"json([
  {"name": "n_neighbors", "type": "int", "low": 1, "high": 30, "log": true},
  {"name": "weights", "type": "categorical", "choices": ["uniform", "distance"]},
  {"name": "p", "type": "categorical", "choices": [1, 2]}
])json";

class Knn : public sdk::Instance {
 public:
  Knn(const vn_host *, const char *config_json) : options_(kName, kOptions, config_json) {}

  void fit(const vn_dataset &data, const uint64_t *rows, uint64_t n, const vn_space &space, const double *hparams,
           uint64_t /*seed: knn is deterministic*/) {
    const sdk::Options options = state_.begin_fit(options_, space, hparams, data, rows, n);
    const int64_t k = options.integer("n_neighbors");
    if (static_cast<uint64_t>(k) > n)
      throw sdk::Error(VN_E_INVALID, "knn: n_neighbors = " + std::to_string(k) + " but there are only " +
                                         std::to_string(n) + " training rows");
    k_ = static_cast<uint64_t>(k);
    by_distance_ = options.string("weights") == "distance";
    p_ = options.number("p");
    d_ = data.n_features;
    X_.resize(n * d_);
    y_.resize(n);
    for (uint64_t i = 0; i < n; ++i) {
      std::copy(row_of(data, rows[i]), row_of(data, rows[i]) + d_, X_.begin() + static_cast<std::ptrdiff_t>(i * d_));
      y_[i] = data.target[rows[i]];
    }
    state_.end_fit(data);
  }

  void predict(const vn_dataset &data, const uint64_t *rows, uint64_t n, double *out) {
    state_.check_predict(data, rows, n);
    const bool classify = state_.shape().task == VN_TASK_CLASSIFICATION;
    const uint32_t K = state_.shape().n_classes;
    for (uint64_t i = 0; i < n; ++i) {
      nearest(row_of(data, rows[i]));
      weigh();
      if (classify) {
        double *p = out + i * K;
        std::fill(p, p + K, 0.0);
        double total = 0;
        for (uint64_t j = 0; j < k_; ++j) {
          p[static_cast<uint32_t>(y_[neighbours_[j].second])] += weight_[j];
          total += weight_[j];
        }
        require_usable(total);
        for (uint32_t c = 0; c < K; ++c) p[c] /= total;
      } else {
        double sum = 0, total = 0;
        for (uint64_t j = 0; j < k_; ++j) {
          sum += weight_[j] * y_[neighbours_[j].second];
          total += weight_[j];
        }
        require_usable(total);
        out[i] = sum / total;
      }
    }
  }

 private:
  // Minkowski distance to the power p (the root is monotone, so ranking needs none).
  double powered_distance(const double *a, const double *b) const {
    double s = 0;
    if (p_ == 2) {
      for (uint32_t j = 0; j < d_; ++j) s += (a[j] - b[j]) * (a[j] - b[j]);
    } else if (p_ == 1) {
      for (uint32_t j = 0; j < d_; ++j) s += std::abs(a[j] - b[j]);
    } else {
      for (uint32_t j = 0; j < d_; ++j) s += std::pow(std::abs(a[j] - b[j]), p_);
    }
    return s;
  }

  // The k nearest training rows of x, nearest first, ties by training order: neighbours_[0..k).
  void nearest(const double *x) {
    const uint64_t n = y_.size();
    neighbours_.resize(n);
    for (uint64_t i = 0; i < n; ++i) neighbours_[i] = {powered_distance(x, X_.data() + i * d_), i};
    std::partial_sort(neighbours_.begin(), neighbours_.begin() + static_cast<std::ptrdiff_t>(k_), neighbours_.end());
  }

  // weight_[j] for neighbour j: 1, or 1 / distance; with any neighbour at distance 0, those alone weigh 1.
  void weigh() {
    weight_.assign(k_, 1.0);
    if (!by_distance_) return;
    if (neighbours_[0].first == 0) {
      for (uint64_t j = 0; j < k_; ++j) weight_[j] = neighbours_[j].first == 0 ? 1.0 : 0.0;
      return;
    }
    bool infinite = false;
    for (uint64_t j = 0; j < k_; ++j) {
      const double s = neighbours_[j].first;
      weight_[j] = 1.0 / (p_ == 2 ? std::sqrt(s) : p_ == 1 ? s : std::pow(s, 1.0 / p_));
      infinite = infinite || std::isinf(weight_[j]);
    }
    // A distance so small that its inverse overflows counts as a coincidence, like distance 0.
    if (infinite)
      for (double &w : weight_) w = std::isinf(w) ? 1.0 : 0.0;
  }

  // Distances that overflowed (a large p on large features) leave no usable weight.
  void require_usable(double total) const {
    if (!(total > 0 && std::isfinite(total)))
      throw sdk::Error(VN_E_NUMERIC, "knn: the distances overflow with p = " + std::to_string(p_) +
                                         "; standardise the features or use a smaller p");
  }

  ModelOptions options_;
  FitState state_{kName};
  uint64_t k_ = 5;
  bool by_distance_ = false;
  double p_ = 2;
  uint32_t d_ = 0;
  std::vector<double> X_, y_;  // the training rows (n x d, row-major) and targets
  std::vector<std::pair<double, uint64_t>> neighbours_;  // scratch: (powered distance, training row)
  std::vector<double> weight_;
};

const vn_component kKnn = sdk::component<Knn, VN_KIND_MODEL>(
    kName, "1.0.0", "k-nearest neighbours (classification and regression), Minkowski distance", kOptions,
    kDefaultSpace);

}  // namespace

VERNIER_SDK_ENTRY(&kKnn)
