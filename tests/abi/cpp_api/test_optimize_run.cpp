// vernier.hpp: optimize with a C++ objective (its value, TrialPruned, and exceptions that reach the
// caller instead of unwinding through C), run with a progress callable, and interrupt.
#include <cmath>
#include <stdexcept>
#include <vector>

#include "cpp_api_support.hpp"

using namespace cpp_api_test;
using vernier::TrialState;

namespace {

const std::string kQuadratic = R"({"name": "quadratic", "space": [{"name": "x", "type": "float", "low": -2, "high": 2}],
                                   "sampler": {"plugin": "random", "seed": 7}})";
const std::string kBranin = R"({"objective": {"function": "branin"}, "trials": 6, "sampler": {"plugin": "random", "seed": 5}})";

}  // namespace

TEST_CASE("optimize: the objective's value completes, TrialPruned prunes, NaN fails and goes on", "[cpp_api]") {
  vernier::Context context(kContextOptions);
  vernier::Study study(context, kQuadratic);
  std::vector<int64_t> numbers;
  study.optimize(9, [&](vernier::TrialView &trial) {
    numbers.push_back(trial.number());
    double x = trial.get_float("x");
    trial.report(0, x);
    if (trial.number() % 3 == 1) throw vernier::TrialPruned();
    if (trial.number() % 3 == 2) return std::nan("");
    return x * x;
  });
  CHECK(numbers == std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8});
  CHECK(study.count(TrialState::complete) == 3);
  CHECK(study.count(TrialState::pruned) == 3);
  CHECK(study.count(TrialState::failed) == 3);
  CHECK(has(study.trials_json(), R"("state":"pruned")"));
}

TEST_CASE("optimize: an exception from the objective stops the loop and reaches the caller", "[cpp_api]") {
  vernier::Context context(kContextOptions);
  vernier::Study study(context, kQuadratic);
  int calls = 0;
  auto objective = [&](vernier::TrialView &trial) -> double {
    if (++calls == 3) throw std::out_of_range("objective gave up at trial " + std::to_string(trial.number()));
    return trial.get_float("x");
  };
  // The objective's own exception, type and message, not an Error of the C API.
  CHECK_THROWS_MATCHES(study.optimize(10, objective), std::out_of_range,
                       Catch::Matchers::Message("objective gave up at trial 2"));
  CHECK(calls == 3);
  CHECK(study.count() == 3);
  CHECK(study.count(TrialState::complete) == 2);
  CHECK(study.count(TrialState::failed) == 1);  // the trial under way

  // An Error thrown inside the objective (a getter's) comes out as itself, status included.
  expect_error([&] { study.optimize(5, [](vernier::TrialView &t) { return t.get_float("y"); }); }, VN_E_NOT_FOUND, "y");
  CHECK(study.count(TrialState::failed) == 2);

  // The study goes on after either.
  study.optimize(2, [](vernier::TrialView &t) { return t.get_float("x"); });
  CHECK(study.count(TrialState::complete) == 4);
}

TEST_CASE("optimize: interrupt() stops it with VN_E_INTERRUPTED", "[cpp_api]") {
  vernier::Context context(kContextOptions);
  vernier::Study study(context, kQuadratic);
  int calls = 0;
  expect_c_error(
      [&] {
        study.optimize(50, [&](vernier::TrialView &t) {
          if (++calls == 2) vernier::interrupt();
          return t.get_float("x");
        });
      },
      VN_E_INTERRUPTED, "");
  CHECK(calls == 2);  // stopped before asking the next trial; the one under way was told as usual
  CHECK(study.count(TrialState::complete) == 2);
}

TEST_CASE("run: the config's objective, with and without progress", "[cpp_api]") {
  vernier::Context context(kContextOptions);
  vernier::Study study(context, kBranin);
  study.run();  // the config's "trials"
  CHECK(study.count(TrialState::complete) == 6);

  std::vector<std::string> lines;
  study.run(9, [&](const std::string &line) { lines.push_back(line); });  // tops the study up to 9
  CHECK(lines.size() == 3);
  CHECK(study.count(TrialState::complete) == 9);
  for (const std::string &line : lines) CHECK_FALSE(line.empty());

  // A progress callable that throws: the run ends as it would (the C API cannot stop it), and then the
  // exception reaches the caller; later lines are not shown.
  int shown = 0;
  CHECK_THROWS_MATCHES(study.run(12,
                                 [&](const std::string &) {
                                   ++shown;
                                   throw std::logic_error("progress broke");
                                 }),
                       std::logic_error, Catch::Matchers::Message("progress broke"));
  CHECK(shown == 1);
  CHECK(study.count(TrialState::complete) == 12);

  // A study without an objective cannot run.
  vernier::Study bare(context, kQuadratic);
  expect_c_error([&] { bare.run(3); }, VN_E_INVALID, "objective");
  expect_c_error([&] { bare.run(3, [](const std::string &) {}); }, VN_E_INVALID, "objective");
}
