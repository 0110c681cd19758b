#include "objectives/benchmarks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string_view>

#include "base/error.hpp"
#include "base/number_text.hpp"
#include "vernier/sdk/json.hpp"

// The text of bench/problems.json, generated at build time by embed_problems.cmake.
extern const char *const vernier_problems_json;

namespace vernier {

namespace bj = boost::json;

namespace {

constexpr double kPi = 3.14159265358979323846;
// Agreement required between this file and the suite's reference values: relative, with an absolute
// floor of the same size for values near zero (ackley5's optimum is 0, NumPy gives 4.4e-16).
constexpr double kTolerance = 1e-9;

Error suite_error(const std::string &message) {
  return Error(VN_E_INTERNAL, "embedded bench/problems.json: " + message);
}

// ---------------------------------------------------------------------------------------------------
// The functions. Each takes the point's values in the order of the problem's space: floats and ints as
// doubles, categoricals as their choice label.

struct Arg {
  double number = 0.0;
  std::string_view label;  // categoricals only
};
using Args = std::vector<Arg>;

// Branin-Hoo on [-5, 10] x [0, 15]: a (x1 - b x0^2 + c x0 - r)^2 + s (1 - t) cos(x0) + s,
// with a = 1, b = 5.1 / (4 pi^2), c = 5 / pi, r = 6, s = 10, t = 1 / (8 pi). Minimum 0.397887 at three points.
double branin(const Args &x) {
  const double b = 5.1 / (4.0 * kPi * kPi), c = 5.0 / kPi, r = 6.0, s = 10.0, t = 1.0 / (8.0 * kPi);
  double x0 = x[0].number, x1 = x[1].number;
  double u = x1 - b * x0 * x0 + c * x0 - r;
  return u * u + s * (1.0 - t) * std::cos(x0) + s;
}

// Hartmann 6-D on [0, 1]^6: -sum_i alpha_i exp(-sum_j A_ij (x_j - P_ij)^2), constants from
// Dixon & Szegő (1978) as tabulated by Surjanovic & Bingham's Virtual Library of Simulation Experiments.
double hartmann6(const Args &x) {
  static const double alpha[4] = {1.0, 1.2, 3.0, 3.2};
  static const double A[4][6] = {{10.0, 3.0, 17.0, 3.5, 1.7, 8.0},
                                 {0.05, 10.0, 17.0, 0.1, 8.0, 14.0},
                                 {3.0, 3.5, 1.7, 10.0, 17.0, 8.0},
                                 {17.0, 8.0, 0.05, 10.0, 0.1, 14.0}};
  static const double P[4][6] = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
                                 {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
                                 {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
                                 {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
  double sum = 0.0;
  for (int i = 0; i < 4; ++i) {
    double inner = 0.0;
    for (int j = 0; j < 6; ++j) {
      double d = x[j].number - P[i][j];
      inner += A[i][j] * d * d;
    }
    sum += alpha[i] * std::exp(-inner);
  }
  return -sum;
}

// Ackley in d dimensions: -a exp(-b sqrt(mean x^2)) - exp(mean cos(c x)) + a + e, a = 20, b = 0.2,
// c = 2 pi. Minimum 0 at the origin.
double ackley(const Args &x) {
  const double a = 20.0, b = 0.2, c = 2.0 * kPi;
  double squares = 0.0, cosines = 0.0;
  for (const Arg &xi : x) {
    squares += xi.number * xi.number;
    cosines += std::cos(c * xi.number);
  }
  double d = static_cast<double>(x.size());
  return -a * std::exp(-b * std::sqrt(squares / d)) - std::exp(cosines / d) + a + std::exp(1.0);
}

// Rosenbrock in d dimensions: sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2. Minimum 0 at (1, ..., 1).
double rosenbrock(const Args &x) {
  double sum = 0.0;
  for (std::size_t i = 0; i + 1 < x.size(); ++i) {
    double u = x[i + 1].number - x[i].number * x[i].number, v = 1.0 - x[i].number;
    sum += 100.0 * u * u + v * v;
  }
  return sum;
}

// A shifted sphere on a mixed space (x0, x1, x2, lr, k, cat), as the suite's description defines it:
// sum_i (x_i - c[cat]_i)^2 + (log10(lr) + 2)^2 + ((k - 7) / 3)^2 + off[cat]. Minimum 0 at cat = B,
// x = (-1, 2, 0.5), lr = 0.01, k = 7.
double mixed_sphere(const Args &x) {
  struct Category {
    std::string_view label;
    double centre[3];
    double offset;
  };
  static const Category categories[] = {{"A", {1.0, 1.0, 1.0}, 1.0},
                                        {"B", {-1.0, 2.0, 0.5}, 0.0},
                                        {"C", {0.0, 0.0, 0.0}, 0.5},
                                        {"D", {2.0, -2.0, 2.0}, 2.0}};
  for (const Category &cat : categories) {
    if (cat.label != x[5].label) continue;
    double sum = 0.0;
    for (int i = 0; i < 3; ++i) {
      double d = x[i].number - cat.centre[i];
      sum += d * d;
    }
    double lr = std::log10(x[3].number) + 2.0, k = (x[4].number - 7.0) / 3.0;
    return sum + lr * lr + k * k + cat.offset;
  }
  // Unreachable for a point of the suite's space (its choices are A-D); kept safe all the same.
  return std::numeric_limits<double>::quiet_NaN();
}

// The implementations, and the parameter names each expects, in the order of the suite's space.
struct Implementation {
  const char *name;
  double (*function)(const Args &);
  std::vector<std::string> names;
};

const std::vector<Implementation> &implementations() {
  static const std::vector<Implementation> all = {
      {"branin", &branin, {"x0", "x1"}},
      {"hartmann6", &hartmann6, {"x0", "x1", "x2", "x3", "x4", "x5"}},
      {"ackley5", &ackley, {"x0", "x1", "x2", "x3", "x4"}},
      {"rosenbrock4", &rosenbrock, {"x0", "x1", "x2", "x3"}},
      {"mixed_sphere", &mixed_sphere, {"x0", "x1", "x2", "lr", "k", "cat"}},
  };
  return all;
}

const Implementation *find_implementation(const std::string &name) {
  for (const Implementation &impl : implementations())
    if (name == impl.name) return &impl;
  return nullptr;
}

// ---------------------------------------------------------------------------------------------------
// Reading the embedded suite.

std::string get_string(const bj::object &o, std::string_view key, const std::string &where) {
  const bj::value *v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) throw suite_error(where + ": \"" + std::string(key) + "\" must be a string");
  return std::string(v->as_string());
}

double get_double(const bj::value &v, const std::string &where) {
  if (!v.is_number()) throw suite_error(where + ": expected a number");
  return v.to_number<double>();
}

// A value of the suite's space parameter `param` as its objective receives it: floats as doubles,
// ints as int64, categoricals as written.
bj::value typed_value(const bj::object &param, const bj::value &v, const std::string &where) {
  std::string type(param.at("type").as_string());
  if (type == "float") return get_double(v, where);
  if (type == "int") {
    double d = get_double(v, where);
    if (d != std::floor(d)) throw suite_error(where + ": expected an integer");
    return static_cast<std::int64_t>(d);
  }
  return v;
}

bj::object convert_param(const bj::value &v, const std::string &where) {
  if (!v.is_object()) throw suite_error(where + ": expected an object");
  const bj::object &in = v.as_object();
  bj::object out;
  out["name"] = get_string(in, "name", where);
  std::string type = get_string(in, "type", where);
  out["type"] = type;
  if (type == "categorical") {
    const bj::value *choices = in.if_contains("choices");
    if (choices == nullptr || !choices->is_array() || choices->as_array().empty())
      throw suite_error(where + ": a categorical needs \"choices\"");
    out["choices"] = *choices;
  } else if (type == "float" || type == "int") {
    const bj::value *low = in.if_contains("low"), *high = in.if_contains("high");
    if (low == nullptr || high == nullptr) throw suite_error(where + ": needs \"low\" and \"high\"");
    out["low"] = typed_value(out, *low, where + ".low");
    out["high"] = typed_value(out, *high, where + ".high");
    const bj::value *log = in.if_contains("log");
    if (log != nullptr && log->is_bool() && log->as_bool()) out["log"] = true;
    if (const bj::value *step = in.if_contains("step"); step != nullptr && !step->is_null())
      out["step"] = typed_value(out, *step, where + ".step");
  } else {
    throw suite_error(where + ": unknown type \"" + type + "\"");
  }
  return out;
}

// x_opt comes as a point (an object, or an array of numbers in the space's order), as a list of points
// (an array of arrays), or null.
std::vector<bj::object> convert_optima(const bj::value &x_opt, const bj::array &space, const std::string &where) {
  auto point_of_array = [&](const bj::array &values) {
    if (values.size() != space.size())
      throw suite_error(where + ": expected " + std::to_string(space.size()) + " values");
    bj::object point;
    for (std::size_t j = 0; j < values.size(); ++j) {
      const bj::object &param = space[j].as_object();
      point[param.at("name").as_string()] = typed_value(param, values[j], where);
    }
    return point;
  };
  std::vector<bj::object> optima;
  if (x_opt.is_null()) return optima;
  if (x_opt.is_object()) {
    bj::object point;
    for (const bj::value &p : space) {
      const bj::object &param = p.as_object();
      const bj::value *v = x_opt.as_object().if_contains(param.at("name").as_string());
      if (v == nullptr) throw suite_error(where + ": no value for '" + std::string(param.at("name").as_string()) + "'");
      point[param.at("name").as_string()] = typed_value(param, *v, where);
    }
    optima.push_back(std::move(point));
  } else if (x_opt.is_array() && !x_opt.as_array().empty() && x_opt.as_array()[0].is_array()) {
    for (const bj::value &row : x_opt.as_array()) {
      if (!row.is_array()) throw suite_error(where + ": expected an array of points");
      optima.push_back(point_of_array(row.as_array()));
    }
  } else if (x_opt.is_array()) {
    optima.push_back(point_of_array(x_opt.as_array()));
  } else {
    throw suite_error(where + ": expected a point, a list of points or null");
  }
  return optima;
}

BenchmarkProblem convert_problem(const bj::value &v, std::size_t index) {
  std::string where = "problems[" + std::to_string(index) + "]";
  if (!v.is_object()) throw suite_error(where + ": expected an object");
  const bj::object &in = v.as_object();
  BenchmarkProblem p;
  p.name = get_string(in, "name", where);
  where += " ('" + p.name + "')";
  p.description = get_string(in, "description", where);
  p.kind = get_string(in, "kind", where);
  const bj::value *params = in.if_contains("params");
  if (params == nullptr || !params->is_array()) throw suite_error(where + ": \"params\" must be an array");
  for (std::size_t j = 0; j < params->as_array().size(); ++j)
    p.space.push_back(convert_param(params->as_array()[j], where + ".params[" + std::to_string(j) + "]"));
  const bj::value *f_opt = in.if_contains("f_opt");
  p.f_opt = f_opt == nullptr || f_opt->is_null() ? std::numeric_limits<double>::quiet_NaN()
                                                 : get_double(*f_opt, where + ".f_opt");
  const bj::value *x_opt = in.if_contains("x_opt");
  p.optima = convert_optima(x_opt != nullptr ? *x_opt : bj::value(), p.space, where + ".x_opt");
  if (const bj::value *tests = in.if_contains("test_points"); tests != nullptr) {
    if (!tests->is_array()) throw suite_error(where + ": \"test_points\" must be an array");
    for (const bj::value &t : tests->as_array()) {
      const bj::object *o = t.if_object();
      if (o == nullptr || !o->contains("params") || !o->at("params").is_object() || !o->contains("loss") ||
          !o->at("loss").is_number())
        throw suite_error(where + ": a test point is {\"params\": {...}, \"loss\": number}");
    }
    p.test_points = tests->as_array();
  }
  return p;
}

std::vector<BenchmarkProblem> load_suite() {
  bj::error_code ec;
  bj::value root = vernier::sdk::parse_json_exact(vernier_problems_json, ec);
  if (ec) throw suite_error("malformed JSON: " + ec.message());
  const bj::value *problems = root.is_object() ? root.as_object().if_contains("problems") : nullptr;
  if (problems == nullptr || !problems->is_array()) throw suite_error("no \"problems\" array");
  std::vector<BenchmarkProblem> suite;
  for (std::size_t i = 0; i < problems->as_array().size(); ++i)
    suite.push_back(convert_problem(problems->as_array()[i], i));
  return suite;
}

const std::vector<BenchmarkProblem> &suite() {
  static const std::vector<BenchmarkProblem> problems = load_suite();  // a throw retries on the next call
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// The objective.

class FunctionObjective : public Objective {
 public:
  FunctionObjective(const BenchmarkProblem &problem, const Implementation &impl) : problem_(problem), impl_(impl) {}

  bj::object identity() const override { return {{"function", problem_.name}}; }

  Outcome evaluate(const bj::object &params, int64_t) override {
    Outcome outcome;
    outcome.value = std::numeric_limits<double>::quiet_NaN();
    Args args;
    outcome.message = decode(params, args);
    if (!outcome.message.empty()) return outcome;
    double value = impl_.function(args);
    if (!std::isfinite(value)) {
      outcome.message = problem_.name + " is not finite at this point";
      return outcome;
    }
    outcome.state = VN_TRIAL_COMPLETE;
    outcome.value = value;
    return outcome;
  }

 private:
  // Reads params in the order of the space into args; returns an error message, empty when all is well.
  std::string decode(const bj::object &params, Args &args) const {
    args.resize(problem_.space.size());
    for (std::size_t j = 0; j < problem_.space.size(); ++j) {
      const bj::object &param = problem_.space[j].as_object();
      const bj::string &name = param.at("name").as_string();
      std::string quoted = "parameter '" + std::string(name) + "'";
      const bj::value *v = params.if_contains(name);
      if (v == nullptr) return "missing " + quoted + " (" + problem_.name + " takes " + names() + ")";
      if (param.at("type").as_string() == "categorical") {
        for (const bj::value &choice : param.at("choices").as_array())
          if (choice.is_string() && *v == choice) args[j].label = choice.as_string();
        if (args[j].label.empty())
          return quoted + " must be one of " + bj::serialize(param.at("choices")) + ", got " + bj::serialize(*v);
        continue;
      }
      if (!v->is_number()) return quoted + " must be a number, got " + bj::serialize(*v);
      double number = v->to_number<double>();
      if (param.at("type").as_string() == "int" && number != std::floor(number))
        return quoted + " must be an integer, got " + exact_number(number);
      args[j].number = number;
    }
    for (const auto &entry : params)
      if (std::none_of(problem_.space.begin(), problem_.space.end(),
                       [&](const bj::value &p) { return p.as_object().at("name").as_string() == entry.key(); }))
        return "'" + std::string(entry.key()) + "' is not a parameter of " + problem_.name + " (it takes " + names() +
               ")";
    return {};
  }

  std::string names() const {
    std::string out;
    for (const bj::value &p : problem_.space)
      out += (out.empty() ? "" : ", ") + std::string(p.as_object().at("name").as_string());
    return out;
  }

  const BenchmarkProblem &problem_;
  const Implementation &impl_;
};

bool agrees(double got, double expected) {
  return std::fabs(got - expected) <= kTolerance * std::max(1.0, std::fabs(expected));
}

// Checks the implementation against the suite: the implementation's names and every test point and optimum.
void check_against_suite(const BenchmarkProblem &problem, const Implementation &impl, FunctionObjective &objective) {
  std::string prefix = "function '" + problem.name + "' ";
  bool names_match = problem.space.size() == impl.names.size();
  for (std::size_t j = 0; names_match && j < impl.names.size(); ++j)
    names_match = problem.space[j].as_object().at("name").as_string() == impl.names[j];
  if (!names_match) throw Error(VN_E_INTERNAL, prefix + "expects other parameters than bench/problems.json gives");

  auto check = [&](const bj::object &point, double expected, const std::string &what) {
    Outcome outcome = objective.evaluate(point, 0);
    if (outcome.state != VN_TRIAL_COMPLETE)
      throw Error(VN_E_INTERNAL, prefix + "failed at " + what + " of bench/problems.json: " + outcome.message);
    if (!agrees(outcome.value, expected))
      throw Error(VN_E_INTERNAL, prefix + "disagrees with bench/problems.json at " + what + ": computed " +
                                     exact_number(outcome.value) + ", expected " + exact_number(expected));
  };
  for (std::size_t i = 0; i < problem.test_points.size(); ++i) {
    const bj::object &t = problem.test_points[i].as_object();
    check(t.at("params").as_object(), t.at("loss").to_number<double>(), "test point " + std::to_string(i));
  }
  if (std::isfinite(problem.f_opt))
    for (std::size_t i = 0; i < problem.optima.size(); ++i)
      check(problem.optima[i], problem.f_opt, "optimum " + std::to_string(i));
}

}  // namespace

const BenchmarkProblem *find_benchmark(const std::string &name) {
  for (const BenchmarkProblem &p : suite())
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<std::string> benchmark_names() {
  std::vector<std::string> names;
  for (const BenchmarkProblem &p : suite()) names.push_back(p.name);
  return names;
}

std::unique_ptr<Objective> make_function_objective(const bj::object &objective_config) {
  const bj::value *function = objective_config.if_contains("function");
  if (function == nullptr || !function->is_string())
    throw invalid_argument("objective: \"function\" must be a string naming a benchmark function");
  std::string name(function->as_string());
  const BenchmarkProblem *problem = find_benchmark(name);
  const Implementation *impl = find_implementation(name);
  if (problem != nullptr && problem->kind == "hpo")
    throw Error(VN_E_UNSUPPORTED, "'" + name + "' is a hyperparameter-optimisation problem of the benchmark " +
                                      "suite, not a function: it needs the `cv` objective with a model plugin");
  if (problem == nullptr || impl == nullptr) {
    std::string available;
    for (const BenchmarkProblem &p : suite())
      if (find_implementation(p.name) != nullptr) available += (available.empty() ? "" : ", ") + p.name;
    if (problem == nullptr) throw not_found("unknown function '" + name + "' (available: " + available + ")");
    std::string message = "function '" + name + "' of bench/problems.json has no implementation in this ";
    throw Error(VN_E_UNSUPPORTED, message + "version of Vernier (available: " + available + ")");
  }
  auto objective = std::make_unique<FunctionObjective>(*problem, *impl);
  check_against_suite(*problem, *impl, *objective);
  return objective;
}

void check_function_space(const BenchmarkProblem &problem, const Space &space) {
  std::string missing, unknown, takes;
  auto add = [](std::string &list, const std::string &name) { list += (list.empty() ? "'" : ", '") + name + "'"; };
  for (const bj::value &p : problem.space) {
    const std::string name(p.as_object().at("name").as_string());
    add(takes, name);
    if (space.index_of(name) < 0) add(missing, name);
  }
  for (const Param &p : space.params())
    if (std::none_of(problem.space.begin(), problem.space.end(),
                     [&](const bj::value &q) { return q.as_object().at("name").as_string() == p.name; }))
      add(unknown, p.name);
  if (missing.empty() && unknown.empty()) return;
  std::string message = "space: does not fit function '" + problem.name + "', which takes " + takes + ":";
  if (!missing.empty()) message += " missing " + missing + (unknown.empty() ? "" : ";");
  if (!unknown.empty()) message += " unknown " + unknown;
  throw invalid_argument(message);
}

}  // namespace vernier
