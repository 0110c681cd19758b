// TPE suggestions end to end (suggest_point and the plugin's options): it exploits a good region, copes
// with bad input, honours conditions, and is deterministic.
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tpe_options.hpp"
#include "tpe_suggest.hpp"
#include "tpe_test_support.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/rng.hpp"

using namespace vernier::tpe;
using tpe_test::History;
using tpe_test::Space;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> suggest(Space &space, const TpeSettings &settings, const History &h, int64_t trial, uint64_t seed = 1) {
  const vn_space &view = space.view();
  std::vector<double> out(view.n_params, -12345.0);
  suggest_point(view, settings, h.trials, seed, trial, out.data());
  return out;
}

// The error message of reading these options, or "" when they are accepted.
std::string option_error(const char *config) {
  try {
    read_settings(config);
    return "";
  } catch (const vernier::sdk::Error &e) {
    CHECK(e.status() == VN_E_INVALID);
    return e.what();
  }
}

}  // namespace

TEST_CASE("with good trials concentrated in a corner, TPE proposes there far more often than random", "[tpe][sampler]") {
  // The default, multivariate mode models x and y jointly. (Univariate TPE may legitimately chase a
  // marginal gap in the bad trials instead: Optuna's does, on this very history.)
  Space space;
  space.real("x", 0, 1).real("y", 0, 1);
  History h;
  vernier::sdk::Rng rng(11, 0);
  for (int i = 0; i < 60; ++i) {  // random trials; the objective is the distance to (0.2, 0.7)
    const double x = rng.uniform(), y = rng.uniform();
    h.complete({x, y}, std::hypot(x - 0.2, y - 0.7));
  }
  const TpeSettings settings = read_settings("{}");
  int inside = 0;
  const int n = 200;
  for (int t = 0; t < n; ++t) {
    const std::vector<double> p = suggest(space, settings, h, 60 + t);
    inside += std::fabs(p[0] - 0.2) < 0.1 && std::fabs(p[1] - 0.7) < 0.1;
  }
  // The box is 4% of the square: random search puts about 8 of 200 there.
  CHECK(inside > 5 * 8);
}

TEST_CASE("in one dimension both modes home in on the good region", "[tpe][sampler]") {
  const bool multivariate = GENERATE(true, false);
  INFO("multivariate " << multivariate);
  Space space;
  space.real("x", 0, 1);
  History h;
  vernier::sdk::Rng rng(12, 0);
  for (int i = 0; i < 40; ++i) {
    const double x = rng.uniform();
    h.complete({x}, std::fabs(x - 0.3));
  }
  const TpeSettings settings = read_settings(multivariate ? "{}" : R"({"multivariate": false})");
  int inside = 0;
  for (int t = 0; t < 200; ++t) inside += std::fabs(suggest(space, settings, h, 40 + t)[0] - 0.3) < 0.05;
  CHECK(inside > 4 * 20);  // random: 10%, 20 of 200
}

TEST_CASE("the first n_startup_trials suggestions are the random sampler's", "[tpe][sampler]") {
  Space space;
  space.real("x", -1, 1).integer("k", 0, 9).categorical("c", 3);
  const vn_space &view = space.view();
  History h;
  h.complete({0.5, 3, 1}, 1.0);
  h.add({0.1, 2, 0}, VN_TRIAL_FAILED, kNaN);  // failed trials do not count
  TpeSettings settings;
  const std::vector<double> p = suggest(space, settings, h, 2, 42);
  vernier::sdk::Rng rng(42, 2);
  std::vector<double> unit(3), want(3);
  for (double &u : unit) u = rng.uniform();
  vernier::sdk::sample_point(view, unit.data(), want.data());
  CHECK(p == want);
}

TEST_CASE("bad histories give valid points", "[tpe][sampler]") {
  Space space;
  space.real("x", -5, 5).real("lr", 1e-4, 1, true).integer("k", 1, 20).categorical("c", 4)
       .real("point", 2.5, 2.5).integer("one", 3, 3).categorical("single", 1);
  const vn_space &view = space.view();
  TpeSettings settings;
  settings.n_startup_trials = 3;
  vernier::sdk::Rng rng(5, 0);
  auto random_point = [&] {
    std::vector<double> unit(view.n_params), p(view.n_params);
    for (double &u : unit) u = rng.uniform();
    vernier::sdk::sample_point(view, unit.data(), p.data());
    return p;
  };

  std::vector<std::pair<std::string, History>> cases;
  {
    History h;
    for (int i = 0; i < 20; ++i) h.add(random_point(), VN_TRIAL_FAILED, kNaN);
    cases.emplace_back("only failed trials", h);
  }
  {
    History h;
    const double values[] = {kInf, -kInf, 1e300, -1e300, kNaN, 0.0};
    for (int i = 0; i < 30; ++i) h.complete(random_point(), values[i % 6]);
    cases.emplace_back("infinite, huge and NaN values", h);
  }
  {
    History h;
    for (int i = 0; i < 30; ++i) h.complete(random_point(), 7.0);
    cases.emplace_back("all values equal", h);
  }
  {
    History h;
    const std::vector<double> p = random_point();
    for (int i = 0; i < 40; ++i) h.complete(p, i % 3);
    cases.emplace_back("one point duplicated", h);
  }
  {
    History h;
    for (int i = 0; i < 10; ++i) h.add(random_point(), VN_TRIAL_RUNNING, kNaN);
    for (int i = 0; i < 10; ++i) h.add(random_point(), VN_TRIAL_PRUNED, kNaN, i % 4, i % 2 ? kNaN : -i);
    cases.emplace_back("running and pruned only", h);
  }
  {
    History h;  // values from an older, wider space: out of range, off the grid, a bad choice index
    h.complete({50, 10, 0.3, 9, 7, 100, 3}, 1);
    h.complete({-50, 1e-9, 25.5, -1, 2.5, 3, 0}, 2);
    h.complete({0, 0.1, 5, 2, 2.5, 3, 0}, 3);
    h.complete({1, 0.01, 6, 1, 2.5, 3, 0}, 0);
    cases.emplace_back("values outside the space", h);
  }

  for (auto &[what, h] : cases) {
    for (bool multivariate : {true, false}) {
      settings.multivariate = multivariate;
      for (int t = 0; t < 5; ++t) {
        INFO(what << ", multivariate " << multivariate << ", trial " << t);
        const std::vector<double> p = suggest(space, settings, h, 100 + t);
        CHECK(tpe_test::problem_with(view, p.data()) == "");
        CHECK(p[4] == 2.5);
        CHECK(p[5] == 3);
        CHECK(p[6] == 0);
      }
    }
  }
}

TEST_CASE("conditional groups: inactive parameters are NaN, active ones modelled on their own trials", "[tpe][sampler]") {
  // kind in {linear, tree}; linear -> alpha (log float); tree -> depth (int), leaves (int): depth and leaves
  // share a gate and form one group. The objective prefers tree with depth near 8.
  Space space;
  space.categorical("kind", 2).real("alpha", 1e-3, 10, true).when(0, {0}).integer("depth", 1, 16).when(0, {1})
       .integer("leaves", 2, 64).when(0, {1});
  const vn_space &view = space.view();
  const std::vector<Unit> units = plan_units(view, true);
  REQUIRE(units.size() == 3);
  CHECK(units[2].params == std::vector<uint32_t>{2, 3});
  CHECK(plan_units(view, false).size() == 4);

  History h;
  vernier::sdk::Rng rng(2, 0);
  for (int i = 0; i < 50; ++i) {
    std::vector<double> unit(4), p(4);
    for (double &u : unit) u = rng.uniform();
    vernier::sdk::sample_point(view, unit.data(), p.data());
    const double value = p[0] == 0 ? 5.0 + std::fabs(std::log10(p[1])) : std::fabs(p[2] - 8) / 4 + p[3] / 64;
    h.complete(p, value);
  }
  TpeSettings settings;
  int trees = 0, near_eight = 0;
  for (int t = 0; t < 100; ++t) {
    const std::vector<double> p = suggest(space, settings, h, 50 + t);
    REQUIRE(tpe_test::problem_with(view, p.data()) == "");
    if (p[0] == 1) {
      ++trees;
      near_eight += std::fabs(p[2] - 8) <= 3;
    }
  }
  CHECK(trees > 80);               // every good trial is a tree
  CHECK(near_eight > trees / 2);   // 7 of 16 depths are within 3 of 8
}

TEST_CASE("suggestions are a function of seed, trial number and history", "[tpe][sampler]") {
  Space space;
  space.real("x", 0, 1).integer("k", 0, 4).categorical("c", 3);
  History h;
  vernier::sdk::Rng rng(9, 0);
  for (int i = 0; i < 30; ++i) h.complete({rng.uniform(), double(i % 5), double(i % 3)}, rng.uniform());
  TpeSettings settings;
  const auto a = suggest(space, settings, h, 30, 7);
  CHECK(suggest(space, settings, h, 30, 7) == a);
  CHECK(suggest(space, settings, h, 31, 7) != a);
  CHECK(suggest(space, settings, h, 30, 8) != a);
}

TEST_CASE("options: defaults, and out-of-range values refused with the option's name", "[tpe][options]") {
  const TpeSettings d = read_settings("{}");
  CHECK(d.n_startup_trials == 10);
  CHECK(d.n_ei_candidates == 24);
  CHECK(d.split.gamma == 0.1);
  CHECK(d.split.max_below == 25);
  CHECK(d.split.constant_liar);
  CHECK(d.multivariate);
  CHECK(d.estimator.bandwidth == Bandwidth::NeighbourGaps);
  CHECK_FALSE(d.estimator.weight_by_bandwidth);
  CHECK(read_settings(R"({"multivariate": false})").estimator.weight_by_bandwidth);  // follows the mode
  CHECK_FALSE(read_settings(R"({"multivariate": false, "weight_by_bandwidth": false})").estimator.weight_by_bandwidth);
  CHECK(read_settings(R"({"bandwidth": "scott"})").estimator.bandwidth == Bandwidth::Scott);
  CHECK(d.estimator.prior_weight == 1.0);
  CHECK(d.estimator.n_full_weight == 25);

  CHECK_THAT(option_error(R"({"n_ei_candidates": -1})"), Catch::Contains("'n_ei_candidates'"));
  CHECK_THAT(option_error(R"({"n_ei_candidates": 0})"), Catch::Contains("'n_ei_candidates'"));
  CHECK_THAT(option_error(R"({"gamma": 0})"), Catch::Contains("'gamma'"));
  CHECK_THAT(option_error(R"({"gamma": 1.5})"), Catch::Contains("'gamma'"));
  CHECK_THAT(option_error(R"({"gamma": -0.1})"), Catch::Contains("'gamma'"));
  CHECK_THAT(option_error(R"({"prior_weight": 0})"), Catch::Contains("'prior_weight'"));
  CHECK_THAT(option_error(R"({"n_startup_trials": -3})"), Catch::Contains("'n_startup_trials'"));
  CHECK_THAT(option_error(R"({"max_below": 0})"), Catch::Contains("'max_below'"));
  CHECK_THAT(option_error(R"({"multivariate": "yes"})"), Catch::Contains("'multivariate'"));
  CHECK_THAT(option_error(R"({"gama": 0.2})"), Catch::Contains("'gama'"));
  CHECK_THAT(option_error(R"({"bandwidth": "silverman"})"), Catch::Contains("'bandwidth'"));
  CHECK(option_error(R"({"gamma": 1, "n_ei_candidates": 1, "n_startup_trials": 0})") == "");
}

TEST_CASE("a range whose width overflows is refused with a message naming the parameter", "[tpe][sampler]") {
  Space space;
  space.real("huge", -1.5e308, 1.5e308);
  History h;
  for (int i = 0; i < 12; ++i) h.complete({i * 1e307}, i);
  const TpeSettings settings;
  std::vector<double> out(1);
  try {
    suggest_point(space.view(), settings, h.trials, 1, 12, out.data());
    FAIL("no error");
  } catch (const vernier::sdk::Error &e) {
    CHECK(e.status() == VN_E_INVALID);
    CHECK_THAT(e.what(), Catch::Contains("'huge'"));
  }
}

TEST_CASE("no start-up and an empty history: TPE from the prior alone", "[tpe][sampler]") {
  Space space;
  space.real("x", 0, 1).categorical("c", 2);
  const TpeSettings settings = read_settings(R"({"n_startup_trials": 0})");
  History h;
  const auto p = suggest(space, settings, h, 0);
  CHECK(tpe_test::problem_with(space.view(), p.data()) == "");
}
