// The benchmark suite embedded from bench/problems.json and the `function` objective.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "base/error.hpp"
#include "../support/error_of.hpp"
#include "objectives/benchmarks.hpp"

extern const char *const vernier_problems_json;

namespace bj = boost::json;
using vernier::BenchmarkProblem;

namespace {

constexpr double kPi = 3.14159265358979323846;
const char *const kSynthetic[] = {"branin", "hartmann6", "ackley5", "rosenbrock4", "mixed_sphere"};

bj::object function_config(const std::string &name) { return bj::object{{"function", name}}; }

using vernier::testing::error_of;

bool close_to(double got, double expected) {
  return std::fabs(got - expected) <= 1e-9 * std::max(1.0, std::fabs(expected));
}

}  // namespace

TEST_CASE("the embedded suite is bench/problems.json byte for byte", "[benchmarks]") {
  std::ifstream file(VERNIER_SOURCE_DIR "/bench/problems.json", std::ios::binary);
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  CHECK(text.str() == vernier_problems_json);
}

TEST_CASE("benchmark_names lists every problem of the suite in order", "[benchmarks]") {
  CHECK(vernier::benchmark_names() == std::vector<std::string>{"branin", "hartmann6", "ackley5", "rosenbrock4",
                                                               "mixed_sphere", "svc_breast_cancer", "ridge_diabetes"});
  CHECK(vernier::find_benchmark("no_such_problem") == nullptr);
}

TEST_CASE("problems carry their space in the study config format", "[benchmarks]") {
  const BenchmarkProblem *branin = vernier::find_benchmark("branin");
  REQUIRE(branin != nullptr);
  CHECK(branin->kind == "synthetic");
  CHECK(branin->description == "Branin-Hoo, 3 global minima");
  CHECK(branin->space == bj::parse(R"([{"name": "x0", "type": "float", "low": -5.0, "high": 10.0},
                                       {"name": "x1", "type": "float", "low": 0.0, "high": 15.0}])"));
  CHECK(branin->optima.size() == 3);
  CHECK(branin->f_opt == 0.39788735772973816);

  const BenchmarkProblem *mixed = vernier::find_benchmark("mixed_sphere");
  REQUIRE(mixed != nullptr);
  REQUIRE(mixed->space.size() == 6);
  CHECK(mixed->space[3] == bj::parse(R"({"name": "lr", "type": "float", "low": 0.0001, "high": 1.0, "log": true})"));
  CHECK(mixed->space[4] == bj::parse(R"({"name": "k", "type": "int", "low": 1, "high": 20})"));
  CHECK(mixed->space[4].at("low").is_int64());
  CHECK(mixed->space[5] == bj::parse(R"({"name": "cat", "type": "categorical", "choices": ["A", "B", "C", "D"]})"));
  REQUIRE(mixed->optima.size() == 1);
  CHECK(mixed->optima[0].at("k").is_int64());
  CHECK(mixed->optima[0].at("cat") == "B");

  const BenchmarkProblem *svc = vernier::find_benchmark("svc_breast_cancer");
  REQUIRE(svc != nullptr);
  CHECK(svc->kind == "hpo");
  CHECK(std::isnan(svc->f_opt));
  CHECK(svc->optima.empty());
  const BenchmarkProblem *ridge = vernier::find_benchmark("ridge_diabetes");
  REQUIRE(ridge != nullptr);
  CHECK(ridge->f_opt == 0.5103612673950415);
  CHECK(ridge->space[0].at("log") == true);
}

TEST_CASE("each synthetic function gives the suite's losses at its test points and f_opt at its optima",
          "[benchmarks]") {
  for (const char *name : kSynthetic) {
    INFO("function " << name);
    const BenchmarkProblem *problem = vernier::find_benchmark(name);
    REQUIRE(problem != nullptr);
    std::unique_ptr<vernier::Objective> objective;
    REQUIRE_NOTHROW(objective = vernier::make_function_objective(function_config(name)));
    REQUIRE(problem->test_points.size() >= 3);
    for (const bj::value &t : problem->test_points) {
      vernier::Outcome outcome = objective->evaluate(t.at("params").as_object(), 0);
      INFO("at " << bj::serialize(t.at("params")) << ": " << outcome.message);
      REQUIRE(outcome.state == VN_TRIAL_COMPLETE);
      CHECK(close_to(outcome.value, t.at("loss").to_number<double>()));
    }
    REQUIRE_FALSE(problem->optima.empty());
    for (const bj::object &x_opt : problem->optima) {
      vernier::Outcome outcome = objective->evaluate(x_opt, 0);
      INFO("at " << bj::serialize(x_opt) << ": " << outcome.message);
      REQUIRE(outcome.state == VN_TRIAL_COMPLETE);
      CHECK(close_to(outcome.value, problem->f_opt));
    }
  }
}

TEST_CASE("the functions agree with their literature values", "[benchmarks]") {
  // Independent of problems.json: Branin's minimum 0.397887 at (pi, 2.275) and Hartmann 6-D's
  // -3.32237 at (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573) (Surjanovic & Bingham).
  auto branin = vernier::make_function_objective(function_config("branin"));
  CHECK(std::fabs(branin->evaluate({{"x0", kPi}, {"x1", 2.275}}, 0).value - 0.397887) < 1e-6);
  auto hartmann = vernier::make_function_objective(function_config("hartmann6"));
  bj::object h{{"x0", 0.20169}, {"x1", 0.150011}, {"x2", 0.476874}, {"x3", 0.275332}, {"x4", 0.311652}, {"x5", 0.6573}};
  CHECK(std::fabs(hartmann->evaluate(h, 0).value - -3.32237) < 1e-5);
  auto rosenbrock = vernier::make_function_objective(function_config("rosenbrock4"));
  CHECK(rosenbrock->evaluate({{"x0", 0.0}, {"x1", 0.0}, {"x2", 0.0}, {"x3", 0.0}}, 0).value == 3.0);
}

TEST_CASE("an unknown function is VN_E_NOT_FOUND and lists the available ones", "[benchmarks]") {
  auto [status, message] = error_of([] { vernier::make_function_objective(function_config("nope")); });
  CHECK(status == VN_E_NOT_FOUND);
  CHECK(message == "unknown function 'nope' (available: branin, hartmann6, ackley5, rosenbrock4, mixed_sphere)");
}

TEST_CASE("the suite's hpo problems are VN_E_UNSUPPORTED as functions", "[benchmarks]") {
  for (const char *name : {"svc_breast_cancer", "ridge_diabetes"}) {
    auto [status, message] = error_of([&] { vernier::make_function_objective(function_config(name)); });
    CHECK(status == VN_E_UNSUPPORTED);
    CHECK_THAT(message, Catch::Contains(name) && Catch::Contains("`cv` objective") && Catch::Contains("model plugin"));
  }
}

TEST_CASE("a missing or mistyped \"function\" is VN_E_INVALID", "[benchmarks]") {
  auto missing = error_of([] { vernier::make_function_objective(bj::object{}); });
  CHECK(missing.first == VN_E_INVALID);
  CHECK_THAT(missing.second, Catch::Contains("function"));
  auto mistyped = error_of([] { vernier::make_function_objective(bj::object{{"function", 3}}); });
  CHECK(mistyped.first == VN_E_INVALID);
}

TEST_CASE("function objectives read parameters by name and fail cleanly on bad ones", "[benchmarks]") {
  auto mixed = vernier::make_function_objective(function_config("mixed_sphere"));
  bj::object best{{"cat", "B"}, {"k", 7}, {"lr", 0.01}, {"x2", 0.5}, {"x1", 2.0}, {"x0", -1.0}};  // any order
  // Evaluates `best`, which the section has spoilt: the trial must fail, and its outcome says why.
  auto failed_outcome = [&] {
    vernier::Outcome outcome = mixed->evaluate(best, 0);
    CHECK(outcome.state == VN_TRIAL_FAILED);
    return outcome;
  };

  SECTION("the optimum in any key order, ints as int64 or integral doubles") {
    vernier::Outcome outcome = mixed->evaluate(best, 3);
    CHECK(outcome.state == VN_TRIAL_COMPLETE);
    CHECK(std::fabs(outcome.value) < 1e-12);
    best["k"] = 7.0;
    CHECK(mixed->evaluate(best, 3).state == VN_TRIAL_COMPLETE);
    best["x0"] = -1;  // an int64 for a float parameter is fine too
    CHECK(mixed->evaluate(best, 3).state == VN_TRIAL_COMPLETE);
  }
  SECTION("offsets and centres of the other categories") {
    best["cat"] = "D";  // centre (2, -2, 2), offset 2: 9 + 16 + 2.25 + 2
    CHECK(std::fabs(mixed->evaluate(best, 0).value - 29.25) < 1e-12);
  }
  SECTION("a missing parameter") {
    best.erase("lr");
    const vernier::Outcome outcome = failed_outcome();
    CHECK(std::isnan(outcome.value));
    CHECK_THAT(outcome.message, Catch::Contains("missing parameter 'lr'"));
  }
  SECTION("an unknown choice") {
    best["cat"] = "E";
    CHECK_THAT(failed_outcome().message, Catch::Contains("'cat'") && Catch::Contains("\"E\""));
  }
  SECTION("a non-integer int") {
    best["k"] = 7.5;
    CHECK_THAT(failed_outcome().message, Catch::Contains("'k' must be an integer"));
  }
  SECTION("a string for a float") {
    best["x0"] = "1.0";
    CHECK_THAT(failed_outcome().message, Catch::Contains("'x0' must be a number"));
  }
  SECTION("a parameter the function does not take") {
    best["y"] = 1.0;
    CHECK_THAT(failed_outcome().message, Catch::Contains("'y' is not a parameter of mixed_sphere"));
  }
  SECTION("a point where the function is not finite") {
    best["lr"] = 0.0;  // log10(0)
    CHECK_THAT(failed_outcome().message, Catch::Contains("not finite"));
  }
}
