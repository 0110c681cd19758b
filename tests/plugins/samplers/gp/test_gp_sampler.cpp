// The GP sampler plugin end to end, through its C vtable as a host drives it: it finds Branin's minimum
// faster than random search, batches and parallel workers never get a point twice, a fresh instance
// (a resumed study) proposes exactly what the running one did, the forest surrogate works through the
// registry, and bad histories and bad options give valid points or clear errors.
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "space/search_space.hpp"
#include "../sampler_test_support.hpp"

namespace {

using vernier::Space;
using vernier::conformance::HistoryData;

using sampler_test::parse_space;

// A GP sampler (or, by name, another sampler) with these options, driven as sampler_test::Sampler drives one.
struct Sampler : sampler_test::Sampler {
  explicit Sampler(const std::string &options = "{}", const std::string &name = "gp")
      : sampler_test::Sampler(name, options) {}
};

// The error create() gives for these options ("" when it succeeds).
std::string create_error(const std::string &options) {
  try {
    Sampler s(options);
  } catch (const std::exception &e) {
    return e.what();
  }
  return "";
}

double branin(const double *x) {
  const double pi = 3.14159265358979323846;
  const double b = 5.1 / (4 * pi * pi), c = 5 / pi, t = 1 / (8 * pi);
  const double u = x[1] - b * x[0] * x[0] + c * x[0] - 6;
  return u * u + 10 * (1 - t) * std::cos(x[0]) + 10;
}

const char *kBranin = R"([{"name": "x0", "type": "float", "low": -5, "high": 10},
                          {"name": "x1", "type": "float", "low": 0, "high": 15}])";

double best_of(Sampler &sampler, const Space &space, int trials, uint64_t seed) {
  HistoryData h(2);
  double best = HUGE_VAL;
  for (int t = 0; t < trials; ++t) {
    const std::vector<double> x = sampler.suggest(space, h, seed);
    const double y = branin(x.data());
    best = std::min(best, y);
    h.append(t, VN_TRIAL_COMPLETE, x, y);
  }
  return best;
}

bool same_row(const double *a, const double *b, std::size_t d) {
  for (std::size_t j = 0; j < d; ++j)
    if (!(a[j] == b[j] || (std::isnan(a[j]) && std::isnan(b[j])))) return false;
  return true;
}

}  // namespace

TEST_CASE("the GP sampler finds Branin's minimum far faster than random search", "[gp_sampler]") {
  const Space space = parse_space(kBranin);
  const double optimum = 0.397887357729738;
  for (uint64_t seed : {1u, 2u}) {
    Sampler gp, random("{}", "random");
    const double gp_best = best_of(gp, space, 40, seed), random_best = best_of(random, space, 40, seed);
    INFO("seed " << seed << ": gp regret " << gp_best - optimum << ", random " << random_best - optimum);
    CHECK(gp_best - optimum < 1e-3);  // random search is typically near 0.1
    CHECK(gp_best < random_best);
  }
}

TEST_CASE("the forest surrogate, created through the registry, drives the search too", "[gp_sampler]") {
  const Space space = parse_space(kBranin);
  Sampler forest(R"({"surrogate": "forest", "n_startup_trials": 5, "candidates": 256})");
  CHECK(best_of(forest, space, 20, 3) - 0.397887357729738 < 3.0);
}

TEST_CASE("a batch and parallel workers never get the same point twice", "[gp_sampler]") {
  // 4 x 3 = 12 points in all: small enough that a careless sampler would collide.
  const Space space = parse_space(R"([{"name": "n", "type": "int", "low": 0, "high": 3},
                                      {"name": "c", "type": "categorical", "choices": ["a", "b", "c"]}])");
  HistoryData h(2);
  for (int t = 0; t < 5; ++t) {
    const std::vector<double> x{static_cast<double>(t % 4), static_cast<double>(t % 3)};
    h.append(t, VN_TRIAL_COMPLETE, x, x[0] + x[1]);
  }
  h.append(5, VN_TRIAL_RUNNING, {0.0, 2.0}, std::nan(""));
  h.append(6, VN_TRIAL_RUNNING, {1.0, 2.0}, std::nan(""));
  Sampler sampler(R"({"n_startup_trials": 3})");
  const std::vector<double> batch = sampler.suggest(space, h, 11, 5);
  for (std::size_t i = 0; i < 5; ++i) {
    for (std::size_t t = 0; t < h.size(); ++t) CHECK_FALSE(same_row(&batch[2 * i], &h.params[2 * t], 2));
    for (std::size_t k = 0; k < i; ++k) CHECK_FALSE(same_row(&batch[2 * i], &batch[2 * k], 2));
  }
  // With a continuous space and the kriging believer, too.
  const Space plane = parse_space(kBranin);
  HistoryData g(2);
  for (int t = 0; t < 12; ++t) {
    const std::vector<double> x{-5 + 15 * ((t * 7) % 12) / 11.0, 15 * ((t * 5) % 12) / 11.0};
    g.append(t, VN_TRIAL_COMPLETE, x, branin(x.data()));
  }
  const std::vector<double> rows = Sampler().suggest(plane, g, 12, 4);
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t k = 0; k < i; ++k) {
      const double dx = rows[2 * i] - rows[2 * k], dy = rows[2 * i + 1] - rows[2 * k + 1];
      CHECK(std::sqrt(dx * dx + dy * dy) > 1e-3);
    }
}

TEST_CASE("a fresh instance given the same history proposes what the running one did", "[gp_sampler]") {
  // 45 trials cross the cold fits at 16 and 32 and the warm chain after them: a resumed study must
  // reproduce every step of it from the history alone (VN-ABI-8).
  const Space space = parse_space(R"([{"name": "x0", "type": "float", "low": 0, "high": 1},
                                      {"name": "x1", "type": "float", "low": 0.001, "high": 10, "log": true},
                                      {"name": "k", "type": "int", "low": 1, "high": 9}])");
  Sampler running(R"({"candidates": 256, "refine": 3})");
  HistoryData h(3);
  std::vector<double> last;
  for (int t = 0; t < 45; ++t) {
    last = running.suggest(space, h, 7);
    h.append(t, VN_TRIAL_COMPLETE, last, std::sin(5 * last[0]) + std::log(last[1]) * 0.1 + 0.05 * last[2]);
  }
  const std::vector<double> next = running.suggest(space, h, 7);
  Sampler resumed(R"({"candidates": 256, "refine": 3})");
  const std::vector<double> again = resumed.suggest(space, h, 7);
  CHECK(same_row(next.data(), again.data(), 3));
}

TEST_CASE("bad histories give valid suggestions", "[gp_sampler]") {
  const Space space = parse_space(R"([{"name": "x", "type": "float", "low": -1, "high": 1},
                                      {"name": "lr", "type": "float", "low": 1e-5, "high": 1, "log": true},
                                      {"name": "fixed", "type": "float", "low": 2, "high": 2},
                                      {"name": "one", "type": "categorical", "choices": ["only"]},
                                      {"name": "n", "type": "int", "low": 3, "high": 3},
                                      {"name": "c", "type": "categorical", "choices": ["a", "b"]},
                                      {"name": "if_b", "type": "int", "low": 1, "high": 50,
                                       "condition": {"parent": "c", "values": ["b"]}}])");
  const double inf = std::numeric_limits<double>::infinity();
  auto point = [&](int t) { return vernier::conformance::valid_point(space, static_cast<uint64_t>(t)); };
  struct Case {
    const char *name;
    std::vector<int32_t> states;
    std::vector<double> values;
  };
  std::vector<Case> cases;
  cases.push_back({"only failed trials", std::vector<int32_t>(15, VN_TRIAL_FAILED), std::vector<double>(15, std::nan(""))});
  {
    Case c{"infinite and huge values", std::vector<int32_t>(16, VN_TRIAL_COMPLETE), {}};
    for (int t = 0; t < 16; ++t) c.values.push_back(t % 4 == 0 ? inf : t % 4 == 1 ? -inf : t % 4 == 2 ? 1e300 : t * 0.1);
    cases.push_back(c);
  }
  cases.push_back({"only infinite values", std::vector<int32_t>(14, VN_TRIAL_COMPLETE), std::vector<double>(14, inf)});
  cases.push_back({"all values equal", std::vector<int32_t>(14, VN_TRIAL_COMPLETE), std::vector<double>(14, 4.0)});
  {
    Case c{"pruned trials with and without intermediate values", {}, {}};
    for (int t = 0; t < 16; ++t) {
      c.states.push_back(t % 2 == 0 ? VN_TRIAL_PRUNED : VN_TRIAL_COMPLETE);
      c.values.push_back(t % 2 == 0 ? std::nan("") : t * 0.5);
    }
    cases.push_back(c);
  }
  for (const char *options : {"{}", R"({"pruned": "worst", "acquisition": "ei"})", R"({"pruned": "ignore", "acquisition": "pi"})",
                              R"({"acquisition": "ucb", "fantasy": "liar_max"})"}) {
    for (const Case &c : cases) {
      INFO(c.name << " with " << options);
      HistoryData h(static_cast<uint32_t>(space.size()));
      for (std::size_t t = 0; t < c.states.size(); ++t)
        h.append(static_cast<int64_t>(t), c.states[t], point(static_cast<int>(t)), c.values[t], t % 4 == 0 ? 2 : -1,
                 t % 4 == 0 ? 1.5 : std::nan(""));
      Sampler sampler(options);
      sampler.suggest(space, h, 5, 3);
    }
  }
  // Duplicated points: the same point observed 12 times with different values, then more points.
  HistoryData dup(static_cast<uint32_t>(space.size()));
  for (int t = 0; t < 12; ++t) dup.append(t, VN_TRIAL_COMPLETE, point(0), t * 0.25);
  for (int t = 12; t < 16; ++t) dup.append(t, VN_TRIAL_COMPLETE, point(t), 1.0);
  Sampler().suggest(space, dup, 9, 2);
  // A space where nothing varies has a single point, proposed again and again.
  const Space frozen = parse_space(R"([{"name": "a", "type": "float", "low": 1, "high": 1},
                                       {"name": "b", "type": "categorical", "choices": ["x"]}])");
  HistoryData f(2);
  for (int t = 0; t < 12; ++t) f.append(t, VN_TRIAL_COMPLETE, {1.0, 0.0}, 0.5);
  CHECK(Sampler().suggest(frozen, f, 1, 2) == std::vector<double>{1.0, 0.0, 1.0, 0.0});
}

TEST_CASE("bad options are refused with a message naming the option", "[gp_sampler]") {
  CHECK_THAT(create_error(R"({"candidates": -5})"), Catch::Matchers::Contains("candidates"));
  CHECK_THAT(create_error(R"({"n_startup_trials": 0})"), Catch::Matchers::Contains("n_startup_trials"));
  CHECK_THAT(create_error(R"({"beta": -1})"), Catch::Matchers::Contains("beta"));
  CHECK_THAT(create_error(R"({"acquisition": "thompson"})"), Catch::Matchers::Contains("acquisition"));
  CHECK_THAT(create_error(R"({"surrogate": "no-such-model"})"), Catch::Matchers::Contains("no-such-model"));
  CHECK_THAT(create_error(R"({"surrogate_options": {"noise_floor": -1}})"), Catch::Matchers::Contains("noise_floor"));
  CHECK_THAT(create_error(R"({"surrogate_options": {"lengthscales": [1, 2]}})"),
             Catch::Matchers::Contains("signal_variance"));
  CHECK_THAT(create_error(R"({"surrogate": "forest", "surrogate_options": {"trees": 0}})"), Catch::Matchers::Contains("trees"));
  CHECK(create_error(R"({"surrogate": "forest", "acquisition": "ucb", "beta": 4})").empty());
}
