// The logistic plugin's solvers (issue 12, item 9): what each fit reports about its solver is true, and the
// three solvers (and both ways of reading the rows) reach the same optimum.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <numeric>
#include <regex>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <catch2/catch.hpp>

#include "conformance/model_fixtures.hpp"
#include "conformance/model_probe.hpp"
#include "plugin_host/registry.hpp"
#include "vernier/plugin/plugin.h"
#include "../../build_plugins.hpp"

namespace {

using namespace vernier;
using namespace vernier::conformance;

// A host that keeps every log line, so a test can read what the plugin said.
class CapturingHost {
 public:
  CapturingHost() : host_{sizeof(vn_host), VN_ABI_MAJOR, VN_ABI_MINOR, this, &log, &no_extension} {}
  const vn_host *host() const { return &host_; }
  std::vector<std::string> take() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(lines_, {});
  }

 private:
  static void log(const vn_host *host, int32_t severity, const char *utf8) {
    auto *self = static_cast<CapturingHost *>(host->host_data);
    std::lock_guard<std::mutex> lock(self->mutex_);
    self->lines_.push_back(std::string(severity >= VN_LOG_WARNING ? "warning: " : "debug: ") + utf8);
  }
  static const void *no_extension(const vn_host *, const char *) { return nullptr; }

  vn_host host_;
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

struct Fitted {
  std::vector<std::string> log;        // the lines the fit logged
  std::vector<double> train_predictions;  // on the training rows, n x 2
};

Fitted fit_logistic(const TaskFixture &task, const std::string &config) {
  static Registry registry(vernier::testing::build_plugin_options());
  CapturingHost host;
  Observations seen;
  ModelProbe model(registry.require(VN_KIND_MODEL, "logistic"), host.host(), seen, config);
  const ModelProbe::Outcome fit = model.fit(task.data, task.train);
  REQUIRE(fit.ok());
  const ModelProbe::Outcome predicted = model.predict(task.data, task.train);
  REQUIRE(predicted.ok());
  return {host.take(), predicted.out};
}

// The largest entry of the gradient of F = sum(log loss) + |w|^2 / (2C) (binary, intercept unpenalised) at
// the model behind `p`, its class-1 probabilities on the training rows: the residuals come straight from p,
// and the weights (for the penalty) from the scores log(p1 / p0), which are linear in [x, 1].
double true_gradient(const TaskFixture &task, const std::vector<double> &p, double C) {
  const Eigen::Index n = static_cast<Eigen::Index>(task.train.size()), d = task.data.view().n_features;
  Eigen::MatrixXd A(n, d + 1);
  Eigen::VectorXd score(n), residual(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const uint64_t row = task.train[static_cast<std::size_t>(i)];
    for (Eigen::Index j = 0; j < d; ++j) A(i, j) = task.data.features[row * static_cast<uint64_t>(d) + static_cast<uint64_t>(j)];
    A(i, d) = 1.0;
    const double p0 = p[static_cast<std::size_t>(2 * i)], p1 = p[static_cast<std::size_t>(2 * i + 1)];
    score(i) = std::log(p1) - std::log(p0);
    residual(i) = p1 - (task.data.target[row] == 1.0 ? 1.0 : 0.0);
  }
  const Eigen::VectorXd theta = A.colPivHouseholderQr().solve(score);
  Eigen::VectorXd gradient = A.transpose() * residual;
  gradient.head(d) += theta.head(d) / C;
  return gradient.lpNorm<Eigen::Infinity>();
}

// The number after "with gradient " in a log line, or NaN.
double gradient_in(const std::string &line) {
  static const std::regex number("with gradient ([-+0-9.eE]+|inf|nan)");
  std::smatch found;
  return std::regex_search(line, found, number) ? std::strtod(found[1].str().c_str(), nullptr) : NAN;
}

}  // namespace

TEST_CASE("logistic: the gradient a fit reports, stopped by max_iter or converged, is the true one", "[models][logistic]") {
  const TaskFixture binary = task_fixtures()[1];
  const double C = 2.0;
  int small_ones = 0;  // reports of a gradient below 1e-6 (six decimals would round them to nothing)
  for (const char *solver : {"lbfgs", "newton", "newton_cg"}) {
    for (int max_iter = 1; max_iter <= 16; ++max_iter) {
      const std::string config = std::string(R"({"C": 2, "tol": 0, "solver": ")") + solver +
                                 R"(", "max_iter": )" + std::to_string(max_iter) + "}";
      const Fitted fitted = fit_logistic(binary, config);
      INFO(config);
      REQUIRE(fitted.log.size() == 1);
      INFO(fitted.log[0]);
      const double reported = gradient_in(fitted.log[0]);
      const double truth = true_gradient(binary, fitted.train_predictions, C);
      // The recomputed gradient is good to about 1e-12 (the weights come back through logs of probabilities).
      CHECK(reported == Approx(truth).epsilon(1e-4).margin(1e-11));
      if (truth > 1e-11 && truth < 1e-6) ++small_ones;
      // tol 0: only Newton's exact step at rounding level may call it converged; a stop at the cap warns.
      if (fitted.log[0].find("stopped after " + std::to_string(max_iter) + " iterations") != std::string::npos)
        CHECK(fitted.log[0].rfind("warning: ", 0) == 0);
    }
  }
  CHECK(small_ones >= 3);
}

TEST_CASE("logistic: Newton, truncated Newton and L-BFGS reach the same optimum; rows read in place or gathered agree",
          "[models][logistic]") {
  const std::vector<TaskFixture> tasks = task_fixtures();
  for (const TaskFixture *task : {&tasks[1], &tasks[2]}) {
    INFO(task->data.name());
    const std::vector<double> newton = fit_logistic(*task, R"({"solver": "newton", "C": 10})").train_predictions;
    for (const char *config : {R"({"solver": "newton_cg", "C": 10, "tol": 1e-10})",
                               R"({"solver": "lbfgs", "C": 10, "tol": 1e-10})"}) {
      const Fitted other = fit_logistic(*task, config);
      INFO(config << ": " << other.log.at(0));
      REQUIRE(newton.size() == other.train_predictions.size());
      for (std::size_t i = 0; i < newton.size(); ++i) CHECK(other.train_predictions[i] == Approx(newton[i]).margin(1e-9));
    }
    // The training rows as a dataset of their own: consecutive rows 0..n-1, which the plugin reads in place
    // instead of gathering them; the arithmetic is the same, so the result is too, bit for bit.
    TaskFixture own{task->data.rows_copy(task->train, "training rows"), {}, {}};
    own.train.resize(task->train.size());
    std::iota(own.train.begin(), own.train.end(), 0);
    for (const char *solver : {"newton", "newton_cg"}) {
      const std::string config = std::string(R"({"C": 10, "solver": ")") + solver + "\"}";
      CHECK(fit_logistic(own, config).train_predictions == fit_logistic(*task, config).train_predictions);
    }
  }
}
