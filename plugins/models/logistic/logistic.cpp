// Logistic regression with an L2 penalty: binary (a sigmoid of one score) when the training rows hold two
// classes, multinomial (a softmax over one score per class) when they hold more, as scikit-learn's
// LogisticRegression(C=..., solver="lbfgs") does. The optimum is found to a tight tolerance by Newton's method
// (truncated Newton for many parameters), so results do not depend on where an iteration cap happened to stop.
//
// Predictions are class probabilities with a column for every class of the dataset; a class absent from the
// training rows gets probability 0. Training rows of a single class are refused (scikit-learn refuses them
// too: there is no boundary to learn).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "logistic_loss.hpp"
#include "logistic_solvers.hpp"
#include "model_support/model_data.hpp"
#include "model_support/model_options.hpp"
#include "vernier/sdk/plugin.hpp"

namespace {

using namespace vernier;
using namespace vernier::models;
using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr const char *kName = "logistic";

constexpr const char *kOptions = R"json({"options": {
  "C": {"type": "number", "default": 1.0, "min": 0, "hyperparameter": true,
        "help": "inverse L2 strength: minimises C * sum(log loss) + ||w||^2 / 2 (intercept unpenalised); > 0"},
  "fit_intercept": {"type": "bool", "default": true, "hyperparameter": true, "help": "fit unpenalised intercepts"},
  "solver": {"type": "string", "default": "auto", "choices": ["auto", "newton", "newton_cg", "lbfgs"],
             "help": "auto: Newton's method up to 400 parameters, truncated Newton (newton_cg) beyond"},
  "tol": {"type": "number", "default": 1e-8, "min": 0,
          "help": "stop when every gradient entry is at most tol * max(1, objective)"},
  "max_iter": {"type": "int", "default": 1000, "min": 1, "help": "iteration cap of the solver"}
}})json";

constexpr const char *kDefaultSpace = R"json([
  {"name": "C", "type": "float", "low": 1e-4, "high": 1e4, "log": true}
])json";

constexpr Eigen::Index kNewtonMaxParams = 400;

class Logistic : public sdk::Instance {
 public:
  Logistic(const vn_host *host, const char *config_json) : host_(host), options_(kName, kOptions, config_json) {}

  void fit(const vn_dataset &data, const uint64_t *rows, uint64_t n, const vn_space &space, const double *hparams,
           uint64_t /*seed: the solution is deterministic*/) {
    const sdk::Options options = state_.begin_fit(options_, space, hparams, data, rows, n);
    require_task(kName, data, false, true);
    const double C = options.number("C");
    if (!(C > 0)) throw sdk::Error(VN_E_INVALID, "logistic: option 'C' must be > 0, got " + std::to_string(C));
    const std::vector<uint64_t> counts = class_counts(data, rows, n);
    require_two_classes(kName, counts);

    present_ = present_classes(counts);
    std::vector<uint32_t> index_of(data.n_classes, 0);
    for (uint32_t k = 0; k < present_.size(); ++k) index_of[present_[k]] = k;
    std::vector<uint32_t> label(n);
    for (uint64_t i = 0; i < n; ++i) label[i] = index_of[static_cast<uint32_t>(data.target[rows[i]])];

    intercept_ = options.boolean("fit_intercept");
    const LogisticLoss loss(data, rows, n, std::move(label), static_cast<uint32_t>(present_.size()), intercept_, C);
    std::string solver = options.string("solver");
    if (solver == "auto") solver = loss.n_params() <= kNewtonMaxParams ? "newton" : "newton_cg";
    const double tol = options.number("tol");
    const int max_iter = static_cast<int>(options.integer("max_iter"));
    const SolverResult result = solver == "newton"      ? newton(loss, tol, max_iter)
                                : solver == "newton_cg" ? newton_cg(loss, tol, max_iter)
                                                        : lbfgs(loss, tol, max_iter);
    if (!result.theta.allFinite()) throw sdk::Error(VN_E_NUMERIC, "logistic: the solver diverged (non-finite weights)");
    report(solver, result, C);
    weights_ = Eigen::Map<const MatrixXd>(result.theta.data(), loss.width(), loss.columns());
    state_.end_fit(data);
  }

  void predict(const vn_dataset &data, const uint64_t *rows, uint64_t n, double *out) {
    state_.check_predict(data, rows, n);
    const Eigen::Index d = data.n_features, columns = weights_.cols();
    const uint32_t K = data.n_classes;
    VectorXd z(columns);
    for (uint64_t i = 0; i < n; ++i) {
      const Eigen::Map<const Eigen::RowVectorXd> x(row_of(data, rows[i]), d);
      z.noalias() = (x * weights_.topRows(d)).transpose();
      if (intercept_) z += weights_.row(d).transpose();
      double *p = out + i * K;
      std::fill(p, p + K, 0.0);
      if (columns == 1) {
        const double p1 = 1.0 / (1.0 + std::exp(-z(0)));
        p[present_[1]] = p1;
        p[present_[0]] = 1.0 - p1;
      } else {
        const double top = z.maxCoeff();
        double sum = 0;
        for (Eigen::Index c = 0; c < columns; ++c) sum += (z(c) = std::exp(z(c) - top));
        for (Eigen::Index c = 0; c < columns; ++c) p[present_[static_cast<std::size_t>(c)]] = z(c) / sum;
      }
    }
  }

 private:
  // A warning when the solver stopped short of the tolerance, else a debug line: either way its iterations
  // and the largest entry of the gradient at the weights kept.
  void report(const std::string &solver, const SolverResult &result, double C) const {
    char figures[160];
    std::snprintf(figures, sizeof figures, "%d iterations%s with gradient %.6g (tolerance %.6g, C = %.6g)",
                  result.iterations,
                  solver == "newton_cg" ? (" (" + std::to_string(result.hessian_products) + " Hessian products)").c_str() : "",
                  result.gradient_norm, result.gradient_goal, C);
    if (result.converged)
      log(VN_LOG_DEBUG, "logistic: " + solver + " converged after " + figures);
    else
      log(VN_LOG_WARNING, "logistic: " + solver + " stopped after " + figures +
                              "; standardising the features or a smaller C helps");
  }

  void log(int32_t severity, const std::string &message) const {
    if (host_ != nullptr && host_->log != nullptr) host_->log(host_, severity, message.c_str());
  }

  const vn_host *host_;
  ModelOptions options_;
  FitState state_{kName};
  std::vector<uint32_t> present_;  // classes seen in training, ascending
  bool intercept_ = true;
  MatrixXd weights_;               // (d [+1]) x columns: column c is [w_c; b_c]
};

const vn_component kLogistic = sdk::component<Logistic, VN_KIND_MODEL>(
    kName, "1.0.0", "L2 logistic regression, binary or multinomial, solved by Newton's method or L-BFGS", kOptions,
    kDefaultSpace);

}  // namespace

VERNIER_SDK_ENTRY(&kLogistic)
