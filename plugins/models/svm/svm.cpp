// Support vector machines through libsvm (C.-C. Chang & C.-J. Lin, "LIBSVM: a library for support vector
// machines", ACM TIST 2, 2011), the library scikit-learn's SVC and SVR wrap: C-SVC for classification
// (one-vs-one for more than two classes) and epsilon-SVR for regression, with rbf, linear and poly kernels.
// Defaults follow scikit-learn's: C = 1, gamma = "scale" (1 / (n_features * variance of the training
// features)), degree 3, coef0 0, epsilon 0.1, tol 1e-3, a 200 MB kernel cache, shrinking on.
//
// Classification output. Each row has a column for every class of the dataset (absent classes get 0).
//  - probability = false (default, like SVC): scores whose largest entry is libsvm's predicted class, so
//    accuracy and F1 equal SVC.predict's. Two classes: the decision value f squashed to 1 / (1 + e^-f) — a
//    monotone map, so ROC AUC equals the AUC of SVC.decision_function. More classes: the share of one-vs-one
//    votes (plus one each, plus a half for the predicted class). These are scores, not calibrated
//    probabilities: for log loss set probability = true.
//  - probability = true: Platt-scaled probabilities (svm_platt.hpp), at the cost of 5 extra fits per pair of
//    classes. As with SVC(probability=True), their largest entry can differ from the predicted class.
// Training rows of a single class are refused, as SVC refuses them.
//
// Trials on the same folds share kernel values (svm_kernel_cache.hpp): from the second fit of the same training
// rows on, libsvm reads the kernel matrix from one computed from the rows' gamma-free products, kept per kernel
// so that trials differing only in C (or epsilon) reuse it outright; predictions of the same query rows read
// their kernel values likewise. Every value is bit-identical to libsvm's own and the solver's path is the
// same, so the model and its predictions are too.
//
// Rows are handed to libsvm grouped by class in ascending order (stable within a class), so libsvm's
// internal class order is the sorted one that scikit-learn's copy of libsvm uses: the same dual problem in
// the same order, hence the same support vectors and predictions.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <libsvm/svm.h>

#include "model_support/model_data.hpp"
#include "model_support/model_options.hpp"
#include "svm_kernel_cache.hpp"
#include "svm_platt.hpp"
#include "svm_problem.hpp"
#include "vernier/sdk/plugin.hpp"

namespace {

using namespace vernier;
using namespace vernier::models;

constexpr const char *kName = "svm";

constexpr const char *kOptions = R"json({"options": {
  "kernel": {"type": "string", "default": "rbf", "choices": ["rbf", "linear", "poly"], "hyperparameter": true,
             "help": "rbf exp(-gamma |x-y|^2), linear x.y, poly (gamma x.y + coef0)^degree"},
  "C": {"type": "number", "default": 1.0, "min": 0, "hyperparameter": true,
        "help": "penalty of margin violations; > 0"},
  "gamma": {"type": "number", "default": null, "min": 0, "hyperparameter": true,
            "help": "kernel coefficient of rbf and poly, > 0; unset: 'scale', 1 / (n_features * variance of the training features)"},
  "degree": {"type": "int", "default": 3, "min": 1, "hyperparameter": true, "help": "degree of the poly kernel"},
  "coef0": {"type": "number", "default": 0.0, "hyperparameter": true, "help": "constant term of the poly kernel"},
  "epsilon": {"type": "number", "default": 0.1, "min": 0, "hyperparameter": true,
              "help": "regression: width of the tube within which errors cost nothing"},
  "probability": {"type": "bool", "default": false,
                  "help": "classification: Platt-scaled probabilities (5 extra fits per pair of classes) instead of decision scores"},
  "tol": {"type": "number", "default": 1e-3, "min": 0, "help": "stopping tolerance of libsvm's solver; > 0"},
  "cache_size": {"type": "number", "default": 200, "min": 1, "help": "libsvm's kernel cache, in MB"},
  "shrinking": {"type": "bool", "default": true, "help": "libsvm's shrinking heuristic"},
  "kernel_reuse_mb": {"type": "number", "default": 64, "min": 0,
                      "help": "memory for kernel values reused by later fits and predictions of the same rows (trials differing in C or gamma); results are identical; 0 turns reuse off"}
}})json";

// Polynomial kernels use gamma = "scale" here: with a tuned gamma, (gamma x.y)^degree spans so many orders
// of magnitude that libsvm's solver can take minutes on one point.
constexpr const char *kDefaultSpace = R"json([
  {"name": "C", "type": "float", "low": 1e-2, "high": 1e3, "log": true},
  {"name": "kernel", "type": "categorical", "choices": ["rbf", "linear", "poly"]},
  {"name": "gamma", "type": "float", "low": 1e-4, "high": 10, "log": true,
   "condition": {"parent": "kernel", "values": ["rbf"]}},
  {"name": "degree", "type": "int", "low": 2, "high": 4, "condition": {"parent": "kernel", "values": ["poly"]}}
])json";

void quiet(const char *) {}

struct ModelDeleter {
  void operator()(svm_model *m) const { svm_free_and_destroy_model(&m); }
};

// While alive, makes a fitted model read its kernel values from PRECOMPUTED query rows (the kernel cache's):
// its support vectors become their training row ids. A null model leaves everything as it is.
class PrecomputedView {
 public:
  PrecomputedView(svm_model *model, svm_node **sv_ids) : model_(model) {
    if (model_ == nullptr) return;
    rows_ = model_->SV;
    kernel_type_ = model_->param.kernel_type;
    model_->SV = sv_ids;
    model_->param.kernel_type = PRECOMPUTED;
  }
  ~PrecomputedView() {
    if (model_ == nullptr) return;
    model_->SV = rows_;
    model_->param.kernel_type = kernel_type_;
  }
  PrecomputedView(const PrecomputedView &) = delete;
  PrecomputedView &operator=(const PrecomputedView &) = delete;

 private:
  svm_model *model_;
  svm_node **rows_ = nullptr;
  int kernel_type_ = RBF;
};

// 1 / (n_features * variance of every feature value of the rows): scikit-learn's gamma = "scale".
double scale_gamma(const vn_dataset &data, const uint64_t *rows, uint64_t n) {
  const uint32_t d = data.n_features;
  double mean = 0;
  for (uint64_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < d; ++j) mean += row_of(data, rows[i])[j];
  mean /= static_cast<double>(n) * d;
  double var = 0;
  for (uint64_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < d; ++j) var += (row_of(data, rows[i])[j] - mean) * (row_of(data, rows[i])[j] - mean);
  var /= static_cast<double>(n) * d;
  return var > 0 ? 1.0 / (d * var) : 1.0;
}

class Svm : public sdk::Instance {
 public:
  Svm(const vn_host *, const char *config_json)
      : options_(kName, kOptions, config_json),
        kernels_(options_.created().number("kernel_reuse_mb") * 1024 * 1024) {
    // libsvm prints progress to stdout through one process-wide hook; silence it once, for good.
    static std::once_flag silenced;
    std::call_once(silenced, [] { svm_set_print_string_function(&quiet); });
  }

  void fit(const vn_dataset &data, const uint64_t *rows, uint64_t n, const vn_space &space, const double *hparams,
           uint64_t seed) {
    model_.reset();
    kernel_rows_ = 0;
    const sdk::Options options = state_.begin_fit(options_, space, hparams, data, rows, n);
    if (n > static_cast<uint64_t>(INT_MAX)) throw sdk::Error(VN_E_UNSUPPORTED, "svm: libsvm takes at most INT_MAX rows");
    classification_ = data.task == VN_TASK_CLASSIFICATION;

    std::vector<uint64_t> order(rows, rows + n);
    if (classification_) {
      require_two_classes(kName, class_counts(data, rows, n));
      std::stable_sort(order.begin(), order.end(),
                       [&](uint64_t a, uint64_t b) { return data.target[a] < data.target[b]; });
    }
    nodes_.assign(data, order.data(), n);
    std::vector<double> y(n);
    for (uint64_t i = 0; i < n; ++i) y[i] = data.target[order[i]];

    svm_parameter param = parameters(options, data, rows, n);
    svm_problem problem{static_cast<int>(n), y.data(), nodes_.pointers()};
    if (const char *problem_text = svm_check_parameter(&problem, &param))
      throw sdk::Error(VN_E_INVALID, std::string("svm: libsvm refuses the parameters: ") + problem_text);
    const KernelCache::Fit cached = kernels_.training_kernel(nodes_, param);
    if (cached.matrix != nullptr) {
      // The same solver on the same kernel values, read from the matrix instead of recomputed.
      svm_parameter precomputed = param;
      precomputed.kernel_type = PRECOMPUTED;
      svm_problem by_matrix{static_cast<int>(n), y.data(), cached.matrix};
      model_.reset(svm_train(&by_matrix, &precomputed));
      if (!model_) throw sdk::Error(VN_E_NOMEM, "svm: libsvm could not train a model");
      // Predict with the kernel itself: the support vectors become this fit's own rows again.
      model_->param = param;
      for (int i = 0; i < model_->l; ++i) model_->SV[i] = nodes_.row(static_cast<uint64_t>(model_->sv_indices[i] - 1));
    } else {
      model_.reset(svm_train(&problem, &param));
      if (!model_) throw sdk::Error(VN_E_NOMEM, "svm: libsvm could not train a model");
    }
    // For predictions from cached kernel values: each support vector as its training row id, which is how
    // libsvm's PRECOMPUTED kernel finds a support vector's value in a query row.
    kernel_rows_ = cached.rows_id;
    sv_ids_.resize(static_cast<std::size_t>(model_->l));
    sv_id_rows_.resize(sv_ids_.size());
    for (std::size_t i = 0; i < sv_ids_.size(); ++i) {
      sv_ids_[i] = svm_node{0, static_cast<double>(model_->sv_indices[i])};
      sv_id_rows_[i] = &sv_ids_[i];
    }

    probability_ = classification_ && options.boolean("probability");
    labels_.clear();
    sigmoids_.clear();
    if (classification_) {
      labels_.resize(static_cast<std::size_t>(svm_get_nr_class(model_.get())));
      svm_get_labels(model_.get(), labels_.data());
      if (probability_) calibrate(y, param, seed);
    }
    state_.end_fit(data);
  }

  void predict(const vn_dataset &data, const uint64_t *rows, uint64_t n, double *out) {
    state_.check_predict(data, rows, n);
    const std::size_t k = labels_.size();
    std::vector<double> decision(k * (k > 0 ? k - 1 : 0) / 2 + 1);
    svm_node **cached = nullptr;
    if (kernel_rows_ != 0) {
      queries_.assign(data, rows, n);
      cached = kernels_.query_kernel(kernel_rows_, queries_, model_->param);
    }
    const PrecomputedView precomputed(cached != nullptr ? model_.get() : nullptr, sv_id_rows_.data());
    for (uint64_t i = 0; i < n; ++i) {
      const svm_node *x = cached != nullptr ? cached[i] : query_nodes(row_of(data, rows[i]), data.n_features, query_);
      const double predicted = svm_predict_values(model_.get(), x, decision.data());
      if (!classification_) {
        out[i] = predicted;
        continue;
      }
      double *p = out + i * state_.shape().n_classes;
      std::fill(p, p + state_.shape().n_classes, 0.0);
      if (probability_) {
        calibrated(decision, p);
      } else {
        scores(decision, static_cast<int>(predicted), p);
      }
    }
  }

 private:
  svm_parameter parameters(const sdk::Options &options, const vn_dataset &data, const uint64_t *rows, uint64_t n) const {
    svm_parameter p{};
    p.svm_type = classification_ ? C_SVC : EPSILON_SVR;
    const std::string kernel = options.string("kernel");
    p.kernel_type = kernel == "linear" ? LINEAR : kernel == "poly" ? POLY : RBF;
    p.degree = static_cast<int>(std::min<int64_t>(options.integer("degree"), INT_MAX));
    p.gamma = options.has("gamma") ? options.number("gamma") : scale_gamma(data, rows, n);
    p.coef0 = options.number("coef0");
    p.C = options.number("C");
    p.p = options.number("epsilon");
    p.eps = options.number("tol");
    p.cache_size = options.number("cache_size");
    p.shrinking = options.boolean("shrinking") ? 1 : 0;
    p.probability = 0;  // Platt scaling is done here, with a seeded generator (svm_platt.hpp)
    p.nu = 0.5;         // unused by C-SVC and epsilon-SVR, but checked by libsvm
    if (!(p.C > 0)) throw sdk::Error(VN_E_INVALID, "svm: option 'C' must be > 0, got " + std::to_string(p.C));
    if (!(p.gamma > 0)) throw sdk::Error(VN_E_INVALID, "svm: option 'gamma' must be > 0, got " + std::to_string(p.gamma));
    if (!(p.eps > 0)) throw sdk::Error(VN_E_INVALID, "svm: option 'tol' must be > 0, got " + std::to_string(p.eps));
    return p;
  }

  // Fits one sigmoid per pair of classes (one in all for two classes) on cross-validated decision values.
  void calibrate(const std::vector<double> &y, const svm_parameter &param, uint64_t seed) {
    const std::size_t k = labels_.size();
    std::vector<svm_node *> x;
    std::vector<char> positive;
    uint64_t stream = 0;
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = a + 1; b < k; ++b, ++stream) {
        x.clear();
        positive.clear();
        for (uint64_t i = 0; i < y.size(); ++i) {
          const int label = static_cast<int>(y[i]);
          if (label != labels_[a] && label != labels_[b]) continue;
          x.push_back(nodes_.row(i));
          positive.push_back(label == labels_[a]);
        }
        sigmoids_.push_back(fit_sigmoid(cross_validated_decisions(x.data(), positive, param, seed, stream), positive));
      }
    }
  }

  // Platt probabilities from the one-vs-one decision values (pair (a, b) positive towards labels_[a]).
  void calibrated(const std::vector<double> &decision, double *p) const {
    const std::size_t k = labels_.size();
    if (k == 2) {
      const double first = sigmoids_[0](decision[0]);
      p[labels_[0]] = first;
      p[labels_[1]] = 1.0 - first;
      return;
    }
    Eigen::MatrixXd r = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
    std::size_t pair = 0;
    for (std::size_t a = 0; a < k; ++a)
      for (std::size_t b = a + 1; b < k; ++b, ++pair) {
        const double ab = sigmoids_[pair](decision[pair]);
        r(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = ab;
        r(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(a)) = 1.0 - ab;
      }
    std::vector<double> q(k);
    couple_pairwise(r, q.data());
    for (std::size_t a = 0; a < k; ++a) p[labels_[a]] = q[a];
  }

  // Decision scores whose largest entry is libsvm's predicted class (see the top of this file).
  void scores(const std::vector<double> &decision, int predicted, double *p) const {
    const std::size_t k = labels_.size();
    if (k == 2) {
      // libsvm predicts labels_[0] when the decision value is > 0; at exactly 0 it predicts labels_[1].
      const double first = decision[0] == 0.0 ? 0.5 - 1e-12 : 1.0 / (1.0 + std::exp(-decision[0]));
      p[labels_[0]] = first;
      p[labels_[1]] = 1.0 - first;
      return;
    }
    std::vector<double> votes(k, 1.0);
    std::size_t pair = 0;
    for (std::size_t a = 0; a < k; ++a)
      for (std::size_t b = a + 1; b < k; ++b, ++pair) votes[decision[pair] > 0 ? a : b] += 1.0;
    double total = 0;
    for (std::size_t a = 0; a < k; ++a) {
      if (labels_[a] == predicted) votes[a] += 0.5;  // libsvm breaks vote ties towards the earlier label
      total += votes[a];
    }
    for (std::size_t a = 0; a < k; ++a) p[labels_[a]] = votes[a] / total;
  }

  ModelOptions options_;
  bool classification_ = false;
  bool probability_ = false;
  FitState state_{kName};
  KernelCache kernels_;
  SvmRows nodes_;  // the training rows in libsvm's layout; the model's support vectors point into them
  uint64_t kernel_rows_ = 0;           // the kernel cache's name of the training rows (0: none)
  std::vector<svm_node> sv_ids_;       // support vector i as {0, its 1-based training row}
  std::vector<svm_node *> sv_id_rows_;  // pointers to sv_ids_, the model's SV while predicting from the cache
  SvmRows queries_;                     // scratch: the rows being predicted, to match them in the cache
  std::unique_ptr<svm_model, ModelDeleter> model_;
  std::vector<int> labels_;        // libsvm's class order (ascending class indices)
  std::vector<Sigmoid> sigmoids_;  // probability = true: one per pair of classes, in libsvm's pair order
  std::vector<svm_node> query_;    // scratch: one query row in libsvm's layout
};

const vn_component kSvm = sdk::component<Svm, VN_KIND_MODEL>(
    kName, "1.0.0", "support vector machines through libsvm: C-SVC and epsilon-SVR, rbf/linear/poly kernels",
    kOptions, kDefaultSpace);

}  // namespace

VERNIER_SDK_ENTRY(&kSvm)
