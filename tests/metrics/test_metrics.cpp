// The metrics on cases small enough to check by hand, their directions, and their errors.
#include <cmath>

#include <catch2/catch.hpp>

#include "base/error.hpp"
#include "metrics/metrics.hpp"

using namespace vernier::metrics;

namespace {

double score(const char *name, const std::vector<double> &y, const std::vector<double> &p, uint32_t k) {
  return require(name, k > 0 ? VN_TASK_CLASSIFICATION : VN_TASK_REGRESSION, k).score(y.data(), p.data(), y.size(), k);
}

}  // namespace

TEST_CASE("label metrics use the most probable class, the first on ties", "[metrics]") {
  // predicted: 1, 0 (tie -> first), 1, 1
  const std::vector<double> y{1, 0, 0, 1}, p{0.2, 0.8, 0.5, 0.5, 0.3, 0.7, 0.1, 0.9};
  CHECK(score("accuracy", y, p, 2) == Approx(0.75));
  // recall: class 0 1/2, class 1 2/2
  CHECK(score("balanced_accuracy", y, p, 2) == Approx(0.75));
  // class 1: tp 2, fp 1, fn 0 -> 4 / 5
  CHECK(score("f1", y, p, 2) == Approx(0.8));
  // class 0: tp 1, fp 0, fn 1 -> 2/3; macro = (2/3 + 4/5) / 2
  CHECK(score("f1_macro", y, p, 2) == Approx((2.0 / 3 + 0.8) / 2));
}

TEST_CASE("balanced accuracy averages over the classes present in the truth", "[metrics]") {
  // three classes, class 2 never true but predicted once
  const std::vector<double> y{0, 0, 1}, p{1, 0, 0, 0, 0, 1, 0, 1, 0};
  CHECK(score("balanced_accuracy", y, p, 3) == Approx((0.5 + 1.0) / 2));
  // f1_macro over true or predicted classes: 0 (2/3), 1 (1), 2 (0)
  CHECK(score("f1_macro", y, p, 3) == Approx((2.0 / 3 + 1.0 + 0.0) / 3));
}

TEST_CASE("log loss is the mean negative log probability of the truth, clipped", "[metrics]") {
  const std::vector<double> y{0, 1}, p{0.8, 0.2, 0.4, 0.6};
  CHECK(score("log_loss", y, p, 2) == Approx(-(std::log(0.8) + std::log(0.6)) / 2));
  const double certain_wrong = score("log_loss", {0}, {0.0, 1.0}, 2);
  CHECK(std::isfinite(certain_wrong));
  CHECK(certain_wrong == Approx(-std::log(2.220446049250313e-16)).epsilon(1e-6));
}

TEST_CASE("ROC AUC counts ties as half, and one-vs-rest averages the classes", "[metrics]") {
  // positives score 0.9 and 0.5, negatives 0.5 and 0.1: pairs (0.9>0.5, 0.9>0.1, 0.5=0.5, 0.5>0.1) = 3.5/4
  const std::vector<double> y{1, 1, 0, 0}, p{0.1, 0.9, 0.5, 0.5, 0.5, 0.5, 0.9, 0.1};
  CHECK(score("roc_auc", y, p, 2) == Approx(0.875));
  // perfect separation on every class -> 1
  const std::vector<double> y3{0, 1, 2}, p3{0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8};
  CHECK(score("roc_auc", y3, p3, 3) == Approx(1.0));
  CHECK_THROWS_WITH(score("roc_auc", {1, 1}, {0.3, 0.7, 0.4, 0.6}, 2), Catch::Matchers::Contains("needs both positives and negatives"));
  CHECK_THROWS_WITH(score("roc_auc", {0, 1, 0}, p3, 3), Catch::Matchers::Contains("class 2 has no row"));
}

TEST_CASE("regression metrics", "[metrics]") {
  const std::vector<double> y{1, 2, 3, 4}, p{1, 3, 3, 2};
  CHECK(score("rmse", y, p, 0) == Approx(std::sqrt(5.0 / 4)));
  CHECK(score("mae", y, p, 0) == Approx(0.75));
  CHECK(score("r2", y, p, 0) == Approx(1 - 5.0 / 5.0));
  CHECK(score("r2", {2, 2}, {2, 2}, 0) == 1.0);  // constant truth, perfect: 1
  CHECK(score("r2", {2, 2}, {1, 2}, 0) == 0.0);  // constant truth, imperfect: 0, never NaN
}

TEST_CASE("every metric knows its direction and task", "[metrics]") {
  for (const char *name : {"accuracy", "balanced_accuracy", "roc_auc", "f1", "f1_macro", "r2"}) CHECK(find(name)->direction == -1);
  for (const char *name : {"log_loss", "rmse", "mae"}) CHECK(find(name)->direction == 1);
  CHECK(find("rmse")->task == VN_TASK_REGRESSION);
  CHECK(find("accuracy")->task == VN_TASK_CLASSIFICATION);
  CHECK(all().size() == 9);
}

TEST_CASE("unknown metrics, metrics of the other task and f1 on three classes are refused by name", "[metrics][bad_input]") {
  CHECK_THROWS_WITH(require("precision", VN_TASK_CLASSIFICATION, 2),
                    Catch::Matchers::Contains("unknown metric 'precision' (classification metrics: accuracy, balanced_accuracy"));
  CHECK_THROWS_WITH(require("rmse", VN_TASK_CLASSIFICATION, 2), Catch::Matchers::Contains("'rmse' is a regression metric; this is a classification task"));
  CHECK_THROWS_WITH(require("accuracy", VN_TASK_REGRESSION, 0), Catch::Matchers::Contains("'accuracy' is a classification metric"));
  CHECK_THROWS_WITH(require("f1", VN_TASK_CLASSIFICATION, 3), Catch::Matchers::Contains("use f1_macro"));
  CHECK_THROWS_WITH(score("accuracy", {}, {}, 2), Catch::Matchers::Contains("no rows"));
}
