// The benchmark suite bench/problems.json (embedded at build time) and the objective `function`
// that evaluates its synthetic problems in C++: branin, hartmann6, ackley5, rosenbrock4 and
// mixed_sphere. Sample-efficiency benchmarks compare samplers on these problems. They also give the
// samplers' tests and the examples an objective that needs no dataset.
#ifndef VERNIER_CORE_OBJECTIVES_BENCHMARKS_HPP
#define VERNIER_CORE_OBJECTIVES_BENCHMARKS_HPP

#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "objectives/objective.hpp"
#include "space/search_space.hpp"

namespace vernier {

// One problem of problems.json.
struct BenchmarkProblem {
  std::string name;         // "branin"
  std::string description;  // one line, from the suite
  std::string kind;         // "synthetic" (a function of this file) or "hpo" (needs the `cv` objective)
  // The problem's parameters in the study config's space format:
  //   {"name": "x0", "type": "float", "low": -5.0, "high": 10.0}  (+ "log": true when log-scaled)
  //   {"name": "k", "type": "int", "low": 1, "high": 20}
  //   {"name": "cat", "type": "categorical", "choices": ["A", "B", "C", "D"]}
  boost::json::array space;
  double f_opt;  // the known minimum of the loss; NaN when unknown (null in the suite)
  // Points {"name": value, ...} where the loss is f_opt (branin has three); empty when unknown.
  std::vector<boost::json::object> optima;
  // The suite's reference values: [{"params": {"name": value, ...}, "loss": number}, ...].
  boost::json::array test_points;
};

// The problem with this name, or nullptr when there is none. The pointer stays valid for the life of the
// program. Thread-safe. The embedded suite is parsed on first use, and a broken suite throws VN_E_INTERNAL.
const BenchmarkProblem *find_benchmark(const std::string &name);

// The names of all problems in the suite, in its order (synthetic and hpo).
std::vector<std::string> benchmark_names();

// The objective of a study config {"function": "<name>"} for a synthetic problem. Throws
// VN_E_INVALID when "function" is missing or not a string; VN_E_NOT_FOUND for an unknown name (the
// message lists the available ones); VN_E_UNSUPPORTED for an hpo problem, which needs the `cv`
// objective with a model plugin; VN_E_INTERNAL when the implementation disagrees with the suite's
// test_points by more than 1e-9 relative. The objective's values are the losses (minimise). It is
// stateless, so evaluate() may be called from several threads at once.
std::unique_ptr<Objective> make_function_objective(const boost::json::object &objective_config);

// A config may tune a function in a space of its own (narrower bounds, a log scale, a step): it must still
// name every parameter of the function and no other, or every trial would fail. Throws VN_E_INVALID
// naming the missing and the unknown parameters.
void check_function_space(const BenchmarkProblem &problem, const Space &space);

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVES_BENCHMARKS_HPP
