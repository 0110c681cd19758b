// Unit-cube transforms over a space: bounds, log scales, step grids with equal mass, categoricals,
// conditions, and exact round trips for grid values.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <map>
#include <vector>

#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/rng.hpp"
#include "vernier/sdk/unit_cube.hpp"

using namespace vernier::sdk;

namespace {

vn_param make_float(const char *name, double low, double high, uint32_t flags = 0, double step = 0) {
  return vn_param{name, VN_PARAM_FLOAT, flags, low, high, step, 0, nullptr, -1, 0, nullptr};
}
vn_param make_int(const char *name, double low, double high, double step = 1, bool log = false) {
  return vn_param{name, VN_PARAM_INT, VN_PARAM_STEP | (log ? VN_PARAM_LOG : 0u), low, high, step, 0, nullptr, -1, 0,
                  nullptr};
}
vn_param make_categorical(const char *name, const char *const *choices, uint32_t n) {
  return vn_param{name, VN_PARAM_CATEGORICAL, 0, 0, double(n - 1), 0, n, choices, -1, 0, nullptr};
}
vn_param child_of(vn_param p, int32_t parent, const uint32_t *when, uint32_t n_when) {
  p.parent = parent;
  p.active_when = when;
  p.n_active_when = n_when;
  return p;
}

// How often each value comes out of from_unit over a fine, even grid of u's.
std::map<double, int> mass(const vn_param &p, int n = 12000) {
  std::map<double, int> counts;
  for (int i = 0; i < n; ++i) ++counts[from_unit(p, (i + 0.5) / n)];
  return counts;
}

}  // namespace

TEST_CASE("space: continuous floats map linearly or in log space", "[space]") {
  const vn_param lin = make_float("x", -2, 6);
  CHECK(from_unit(lin, 0) == -2);
  CHECK(from_unit(lin, 0.25) == 0);
  CHECK(from_unit(lin, 1) == 6);
  CHECK(from_unit(lin, -1) == -2);  // clamped
  CHECK(from_unit(lin, std::nan("")) == -2);
  CHECK(to_unit(lin, 0) == 0.25);

  const vn_param log = make_float("lr", 1e-4, 1, VN_PARAM_LOG);
  CHECK(from_unit(log, 0.5) == Approx(1e-2));
  CHECK(from_unit(log, 0) == 1e-4);
  CHECK(from_unit(log, 1) == 1);
  Rng rng(1, 1);
  for (int i = 0; i < 1000; ++i) {
    const double u = rng.uniform();
    for (const vn_param &p : {lin, log}) {
      const double v = from_unit(p, u);
      REQUIRE(v >= p.low);
      REQUIRE(v <= p.high);
      REQUIRE(to_unit(p, v) == Approx(u).margin(1e-12));
    }
  }

  const vn_param fixed = make_float("c", 3, 3);
  CHECK(from_unit(fixed, 0.7) == 3);
  CHECK(to_unit(fixed, 3) == 0.5);
}

TEST_CASE("space: step grids give every value the same mass and stay inside the bounds", "[space]") {
  const vn_param stepped = make_float("x", 0, 0.3, VN_PARAM_STEP, 0.1);
  CHECK(grid_count(stepped) == 4);
  CHECK(grid_value(stepped, 3) == 0.3);  // exactly high, not 3 * 0.1
  const std::map<double, int> counts = mass(stepped);
  REQUIRE(counts.size() == 4);
  for (const auto &[value, count] : counts) {
    CHECK(value == grid_value(stepped, grid_index(stepped, value)));
    CHECK(count == 3000);
  }

  const vn_param ints = make_int("n", 1, 10);
  const std::map<double, int> int_counts = mass(ints, 10000);
  REQUIRE(int_counts.size() == 10);
  for (const auto &[value, count] : int_counts) {
    CHECK(value == std::floor(value));
    CHECK(count == 1000);
  }
  CHECK(from_unit(ints, 0) == 1);
  CHECK(from_unit(ints, 1) == 10);

  // Round trip: every grid value comes back exactly.
  for (const vn_param &p : {stepped, ints, make_int("k", -50, 50, 5)})
    for (uint64_t k = 0; k < grid_count(p); ++k) REQUIRE(from_unit(p, to_unit(p, grid_value(p, k))) == grid_value(p, k));
}

TEST_CASE("space: log ints and log steps stay on the grid and favour small values", "[space]") {
  const vn_param trees = make_int("trees", 1, 1000, 1, true);
  for (uint64_t k = 0; k < grid_count(trees); ++k)
    REQUIRE(from_unit(trees, to_unit(trees, grid_value(trees, k))) == grid_value(trees, k));
  double previous = 0;
  for (int i = 0; i <= 1000; ++i) {  // monotone in u
    const double v = from_unit(trees, i / 1000.0);
    REQUIRE(v == std::floor(v));
    REQUIRE(v >= previous);
    previous = v;
  }
  CHECK(from_unit(trees, 0) == 1);
  CHECK(from_unit(trees, 1) == 1000);
  const std::map<double, int> counts = mass(trees, 100000);
  CHECK(counts.at(1) > counts.at(2));
  CHECK(counts.at(2) > 10 * counts.at(100));

  // low < step / 2: the widened interval must stay positive.
  const vn_param odd = make_float("a", 0.1, 3.1, VN_PARAM_LOG | VN_PARAM_STEP, 0.5);
  REQUIRE(grid_count(odd) == 7);
  for (uint64_t k = 0; k < 7; ++k) REQUIRE(from_unit(odd, to_unit(odd, grid_value(odd, k))) == grid_value(odd, k));
  CHECK(mass(odd).size() == 7);
}

TEST_CASE("space: categoricals are indices with equal mass", "[space]") {
  const char *const choices[] = {"a", "b", "c"};
  const vn_param cat = make_categorical("c", choices, 3);
  const std::map<double, int> counts = mass(cat);
  REQUIRE(counts.size() == 3);
  for (const auto &[value, count] : counts) CHECK(count == 4000);
  CHECK(to_unit(cat, 2) == Approx(5.0 / 6));
  CHECK(from_unit(cat, 0.9999999) == 2);
  CHECK(snap(cat, 1.4) == 1);
}

TEST_CASE("space: snap clamps and rounds onto the grid", "[space]") {
  const vn_param stepped = make_float("x", 1, 2, VN_PARAM_STEP, 0.25);
  CHECK(snap(stepped, 1.3) == 1.25);
  CHECK(snap(stepped, 1.9) == 2);
  CHECK(snap(stepped, 7) == 2);
  CHECK(snap(stepped, -7) == 1);
  CHECK(std::isnan(snap(stepped, std::nan(""))));
  CHECK(snap(make_float("y", 0, 1), 1.5) == 1);
  CHECK(grid_count(make_float("y", 0, 1)) == 0);
  CHECK(step_of(make_float("y", 0, 1)) == 0);
}

TEST_CASE("space: conditional parameters are NaN exactly when inactive", "[space]") {
  const char *const models[] = {"linear", "svm", "tree"};
  const char *const kernels[] = {"rbf", "poly"};
  const uint32_t when_svm[] = {1}, when_linear_or_svm[] = {0, 1}, when_poly[] = {1};
  const vn_param params[] = {
      make_categorical("model", models, 3),
      child_of(make_float("C", 1e-3, 1e3, VN_PARAM_LOG), 0, when_linear_or_svm, 2),
      child_of(make_categorical("kernel", kernels, 2), 0, when_svm, 1),
      child_of(make_int("degree", 2, 5), 2, when_poly, 1),  // active only under svm + poly
      make_float("seedless", 0, 1),
  };
  const vn_space space{sizeof(vn_space), 5, params};

  Rng rng(4, 0);
  std::map<double, int> models_seen;
  int degrees_seen = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    double unit[5], point[5];
    for (double &u : unit) u = rng.uniform();
    sample_point(space, unit, point);
    const double model = point[0];
    ++models_seen[model];
    CHECK(std::isnan(point[1]) == (model == 2));
    CHECK(std::isnan(point[2]) == (model != 1));
    const bool degree_active = model == 1 && point[2] == 1;
    CHECK(std::isnan(point[3]) == !degree_active);
    degrees_seen += degree_active;
    CHECK_FALSE(std::isnan(point[4]));
    for (uint32_t j = 0; j < 5; ++j)
      if (!std::isnan(point[j])) REQUIRE(point[j] == snap(params[j], point[j]));

    double back[5];
    point_to_unit(space, point, back);
    for (uint32_t j = 0; j < 5; ++j) REQUIRE(std::isnan(back[j]) == std::isnan(point[j]));
  }
  CHECK(models_seen.size() == 3);
  CHECK(degrees_seen > 100);

  double point[5] = {0, 5, 1, 3, 0.5};  // a linear model has no kernel or degree
  fill_inactive(space, point);
  CHECK(point[1] == 5);
  CHECK(std::isnan(point[2]));
  CHECK(std::isnan(point[3]));
  CHECK(point[4] == 0.5);
  CHECK_FALSE(is_active(space, 3, point));

  const vn_param bad[] = {child_of(make_float("orphan", 0, 1), 0, when_svm, 1)};  // its own parent
  const vn_space bad_space{sizeof(vn_space), 1, bad};
  CHECK_THROWS_AS(is_active(bad_space, 0, point), vernier::sdk::Error);
}

TEST_CASE("space: check_space and check_history refuse what a plugin cannot read", "[space]") {
  const auto status_of = [](const std::function<void()> &f) -> vn_status {
    try {
      f();
    } catch (const vernier::sdk::Error &e) {
      return e.status();
    }
    return VN_OK;
  };
  const uint32_t when[] = {0};
  vn_param params[] = {make_float("x", 0, 1), make_int("n", 1, 5)};
  const vn_space space{sizeof(vn_space), 2, params};
  CHECK(status_of([&] { check_space(space); }) == VN_OK);
  CHECK(status_of([&] { check_space(vn_space{4, 2, params}); }) == VN_E_INCOMPATIBLE);
  CHECK(status_of([&] { check_space(vn_space{sizeof(vn_space), 2, nullptr}); }) == VN_E_INVALID);

  params[1].type = 9;  // a type from a later minor version
  CHECK(status_of([&] { check_space(space); }) == VN_E_UNSUPPORTED);
  params[1] = make_int("n", 1, 5);
  params[1].flags |= 8u;  // an unknown flag bit
  CHECK(status_of([&] { check_space(space); }) == VN_E_UNSUPPORTED);
  params[1] = child_of(make_int("n", 1, 5), 1, when, 1);  // its own parent
  CHECK(status_of([&] { check_space(space); }) == VN_E_INVALID);
  params[1] = make_int("n", 1, 5);

  const int64_t numbers[] = {0};
  const int32_t states[] = {VN_TRIAL_COMPLETE};
  const double values[] = {1.0}, rows[] = {0.5, 2}, intermediate[] = {NAN};
  const int64_t steps[] = {-1};
  vn_history history{sizeof(vn_history), 2, 1, numbers, states, rows, values, steps, intermediate};
  CHECK(status_of([&] { check_history(space, history); }) == VN_OK);
  history.n_params = 3;
  CHECK(status_of([&] { check_history(space, history); }) == VN_E_INVALID);
  history.n_params = 2;
  history.params = nullptr;
  CHECK(status_of([&] { check_history(space, history); }) == VN_E_INVALID);
  history.params = rows;
  history.struct_size = VN_SIZE_THROUGH(vn_history, values);
  CHECK(status_of([&] { check_history(space, history); }) == VN_E_INCOMPATIBLE);
}
