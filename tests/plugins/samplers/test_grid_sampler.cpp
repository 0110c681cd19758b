// The grid sampler plugin through its C vtable: the full factorial of listed values, points_per_axis axes,
// int steps and categoricals, every point exactly once and then VN_E_EXHAUSTED; conditional parameters
// varied only where active; points of running, finished, failed and pruned trials never proposed again;
// the seeded shuffle; and a clear VN_E_INVALID for every bad option or value. Expected grids are written
// out in the tests from the spaces, never computed by the plugin's own code.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sampler_test_support.hpp"

using namespace sampler_test;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// A point as a set key: inactive (NaN) parameters become +inf, a value no parameter takes.
std::vector<double> key_of(std::vector<double> row) {
  for (double &v : row)
    if (std::isnan(v)) v = kInf;
  return row;
}

// n values evenly spaced over [low, high], ends included.
std::vector<double> evenly(double low, double high, int n) {
  std::vector<double> axis;
  for (int i = 0; i < n; ++i) axis.push_back(low + (high - low) * i / (n - 1));
  return axis;
}

// Every combination of the axes, the first axis slowest.
std::vector<std::vector<double>> product(const std::vector<std::vector<double>> &axes) {
  std::vector<std::vector<double>> points{{}};
  for (const std::vector<double> &axis : axes) {
    std::vector<std::vector<double>> longer;
    for (const std::vector<double> &p : points)
      for (double v : axis) {
        longer.push_back(p);
        longer.back().push_back(v);
      }
    points = std::move(longer);
  }
  return points;
}

// Drives a study to the end as a host does: batches of `batch` while that many points are left, then one
// at a time; every point proposed is recorded as a complete trial. Returns the points in proposal order.
// Stops with a failed REQUIRE after `limit` points, so a sampler that never ends cannot hang the test.
std::vector<std::vector<double>> run_to_exhaustion(Sampler &sampler, const Space &space, uint64_t seed,
                                                   uint32_t batch = 1, std::size_t limit = 100000) {
  HistoryData history(static_cast<uint32_t>(space.size()));
  std::vector<std::vector<double>> proposed;
  uint32_t count = batch;
  for (;;) {
    std::vector<int64_t> numbers;
    for (uint32_t i = 0; i < count; ++i) numbers.push_back(history.next_number() + i);
    std::vector<double> out;
    std::string message;
    const vn_status status = sampler.try_suggest(space, history, seed, numbers, out, &message);
    if (status == VN_E_EXHAUSTED) {
      CHECK(message.find("exhausted") != std::string::npos);
      if (count == 1) return proposed;
      count = 1;  // sampler.h: fewer than count points left; the host asks again with count 1
      continue;
    }
    INFO(message);
    REQUIRE(status == VN_OK);
    for (const std::vector<double> &row : rows_of(out, space.size())) {
      space.check_point(row.data());
      proposed.push_back(row);
      history.append(history.next_number(), VN_TRIAL_COMPLETE, row, 0.0);
    }
    REQUIRE(proposed.size() <= limit);
  }
}

// The distinct values parameter j takes over a run of a one-parameter space, sorted.
std::vector<double> axis_of(const std::string &space_json, const std::string &options) {
  const Space space = parse_space(space_json.c_str());
  Sampler grid("grid", options);
  std::vector<double> values;
  for (const std::vector<double> &row : run_to_exhaustion(grid, space, 1)) values.push_back(row[0]);
  std::sort(values.begin(), values.end());
  CHECK(std::adjacent_find(values.begin(), values.end()) == values.end());  // each value once
  return values;
}

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the grid is the full factorial of listed values, points_per_axis axes, int steps and categoricals",
          "[grid]") {
  const Space space = parse_space(R"([
    {"name": "lr", "type": "float", "low": 0.0001, "high": 1, "log": true},
    {"name": "x", "type": "float", "low": -2, "high": 6},
    {"name": "n", "type": "int", "low": 0, "high": 20, "step": 10},
    {"name": "m", "type": "int", "low": 0, "high": 100},
    {"name": "c", "type": "categorical", "choices": ["a", "b", "c"]},
    {"name": "w", "type": "int", "low": 1, "high": 9, "step": 2}])");
  const std::string options =
      R"({"points_per_axis": 3, "values": {"lr": [0.1, 0.001], "w": [3, 7], "c": ["c", "a"]}})";
  // The axes, in the order documented: listed values as listed; 3 evenly spaced values of x and m; every
  // value of n, which has 3; choices as their indices.
  const std::vector<std::vector<double>> axes{{0.1, 0.001}, evenly(-2, 6, 3), {0, 10, 20}, evenly(0, 100, 3), {2, 0}, {3, 7}};
  const std::vector<std::vector<double>> expected = product(axes);
  REQUIRE(expected.size() == 2 * 3 * 3 * 3 * 2 * 2);

  const uint32_t batch = GENERATE(1u, 7u);
  INFO("batch " << batch);
  Sampler grid("grid", options);
  const std::vector<std::vector<double>> proposed = run_to_exhaustion(grid, space, 42, batch);
  // Unshuffled, the grid is visited in order, the first parameter slowest: exactly `expected`.
  REQUIRE(proposed.size() == expected.size());
  CHECK(proposed == expected);
  std::set<std::vector<double>> distinct(proposed.begin(), proposed.end());
  CHECK(distinct.size() == expected.size());
}

TEST_CASE("default axes: evenly spaced, geometric for log, every value of a small discrete parameter", "[grid]") {
  const auto one = [](const char *param) { return std::string("[") + param + "]"; };
  // Continuous floats, with and without points_per_axis: a float needs no listed values.
  CHECK(axis_of(one(R"({"name": "x", "type": "float", "low": -2, "high": 6})"), "{}") == evenly(-2, 6, 5));
  CHECK(axis_of(one(R"({"name": "x", "type": "float", "low": 0, "high": 1})"), R"({"points_per_axis": 9})") ==
        evenly(0, 1, 9));
  CHECK(axis_of(one(R"({"name": "x", "type": "float", "low": 0, "high": 1})"), R"({"points_per_axis": 1})") ==
        std::vector<double>{0.5});
  CHECK(axis_of(one(R"({"name": "x", "type": "float", "low": 2.5, "high": 2.5})"), "{}") == std::vector<double>{2.5});
  {  // geometric, ends exact
    const std::vector<double> lr =
        axis_of(one(R"({"name": "lr", "type": "float", "low": 0.001, "high": 10, "log": true})"), "{}");
    REQUIRE(lr.size() == 5);
    CHECK(lr.front() == 0.001);
    CHECK(lr.back() == 10);
    for (int i = 0; i < 5; ++i) CHECK(lr[i] == Approx(std::pow(10.0, i - 3)).epsilon(1e-12));
  }
  // Ints: evenly spaced and rounded when they have more values than points_per_axis, else every value.
  CHECK(axis_of(one(R"({"name": "m", "type": "int", "low": 0, "high": 100})"), "{}") == evenly(0, 100, 5));
  CHECK(axis_of(one(R"({"name": "m", "type": "int", "low": 0, "high": 10})"), R"({"points_per_axis": 4})") ==
        std::vector<double>{0, 3, 7, 10});
  CHECK(axis_of(one(R"({"name": "m", "type": "int", "low": 1, "high": 4})"), "{}") ==
        std::vector<double>{1, 2, 3, 4});
  CHECK(axis_of(one(R"({"name": "m", "type": "int", "low": -6, "high": 6, "step": 3})"), "{}") ==
        std::vector<double>{-6, -3, 0, 3, 6});
  {  // a log int: geometric values rounded, neighbours that round alike merged
    std::vector<double> want;
    for (int i = 0; i < 10; ++i) {
      const double v = std::round(std::pow(20.0, i / 9.0));
      if (want.empty() || want.back() != v) want.push_back(v);
    }
    CHECK(axis_of(one(R"({"name": "m", "type": "int", "low": 1, "high": 20, "log": true})"),
                  R"({"points_per_axis": 10})") == want);
  }
  // A stepped float with more values than points_per_axis, and a categorical (always every choice).
  CHECK(axis_of(one(R"({"name": "s", "type": "float", "low": 0, "high": 1, "step": 0.125})"),
                R"({"points_per_axis": 3})") == std::vector<double>{0, 0.5, 1});
  CHECK(axis_of(one(R"({"name": "c", "type": "categorical", "choices": ["a", "b", "c", "d"]})"),
                R"({"points_per_axis": 2})") == std::vector<double>{0, 1, 2, 3});
}

TEST_CASE("categorical values are listed as the choices are written: strings, numbers, booleans", "[grid]") {
  const Space space = parse_space(R"([
    {"name": "batch", "type": "categorical", "choices": [16, 32, 64]},
    {"name": "flag", "type": "categorical", "choices": [true, false]},
    {"name": "ratio", "type": "categorical", "choices": [0.5, 1.5, "auto"]}])");
  Sampler grid("grid", R"({"values": {"batch": [64, 32], "flag": [false], "ratio": ["auto", 0.5]}})");
  const std::vector<std::vector<double>> expected = product({{2, 1}, {1}, {2, 0}});
  CHECK(run_to_exhaustion(grid, space, 1) == expected);
}

TEST_CASE("conditional parameters vary only where active: no point is repeated", "[grid]") {
  const Space space = parse_space(R"([
    {"name": "c", "type": "categorical", "choices": ["a", "b", "c"]},
    {"name": "x", "type": "float", "low": 0, "high": 10, "condition": {"parent": "c", "values": ["a"]}},
    {"name": "k", "type": "int", "low": 0, "high": 1, "condition": {"parent": "c", "values": ["b", "c"]}},
    {"name": "d", "type": "categorical", "choices": ["p", "q"], "condition": {"parent": "c", "values": ["c"]}},
    {"name": "y", "type": "float", "low": 0, "high": 1, "condition": {"parent": "d", "values": ["q"]}},
    {"name": "z", "type": "int", "low": 0, "high": 1}])");
  Sampler grid("grid", R"({"values": {"x": [1, 2, 3], "y": [0.25, 0.75]}})");
  // By hand: c = a: 3 values of x; c = b: 2 of k; c = c: 2 of k times (d = p, or d = q with 2 of y); all
  // of it times 2 values of z: (3 + 2 + 2 * 3) * 2 = 22.
  std::set<std::vector<double>> expected;
  for (double z : {0.0, 1.0}) {
    for (double x : {1.0, 2.0, 3.0}) expected.insert(key_of({0, x, kNaN, kNaN, kNaN, z}));
    for (double k : {0.0, 1.0}) {
      expected.insert(key_of({1, kNaN, k, kNaN, kNaN, z}));
      expected.insert(key_of({2, kNaN, k, 0, kNaN, z}));
      for (double y : {0.25, 0.75}) expected.insert(key_of({2, kNaN, k, 1, y, z}));
    }
  }
  REQUIRE(expected.size() == 22);

  const std::vector<std::vector<double>> proposed = run_to_exhaustion(grid, space, 3, 4);
  std::set<std::vector<double>> seen;
  for (const std::vector<double> &row : proposed) {
    INFO("c " << row[0] << " x " << row[1] << " k " << row[2] << " d " << row[3] << " y " << row[4] << " z " << row[5]);
    CHECK(expected.count(key_of(row)) == 1);
    CHECK(seen.insert(key_of(row)).second);  // never twice, inactive parameters (NaN) included
  }
  CHECK(proposed.size() == 22);
}

TEST_CASE("after the last point suggest returns VN_E_EXHAUSTED, also when a batch asks for more than is left",
          "[grid]") {
  const Space space = parse_space(R"([{"name": "n", "type": "int", "low": 0, "high": 2},
                                      {"name": "c", "type": "categorical", "choices": ["a", "b"]}])");
  const std::vector<std::vector<double>> all = product({{0, 1, 2}, {0, 1}});
  Sampler grid("grid");
  HistoryData h(2);
  for (int i = 0; i < 4; ++i) h.append(i, VN_TRIAL_COMPLETE, all[i], 1.0);

  const Failure too_many = grid.failure(space, h, 1, 3);
  CHECK(too_many.status == VN_E_EXHAUSTED);
  CHECK(contains(too_many.message, "only 2 of 6 points left, 3 asked for"));

  const std::vector<std::vector<double>> last = rows_of(grid.suggest(space, h, 1, 2), 2);
  CHECK(last == std::vector<std::vector<double>>{all[4], all[5]});
  for (const std::vector<double> &row : last) h.append(h.next_number(), VN_TRIAL_COMPLETE, row, 1.0);
  for (uint32_t count : {1u, 2u}) {
    const Failure done = grid.failure(space, h, 1, count);
    CHECK(done.status == VN_E_EXHAUSTED);
    CHECK(contains(done.message, "all 6 points proposed"));
  }
  // Still exhausted for a fresh instance (a resumed study), and with the shuffle.
  CHECK(Sampler("grid").failure(space, h, 1).status == VN_E_EXHAUSTED);
  CHECK(Sampler("grid", R"({"shuffle": true})").failure(space, h, 9).status == VN_E_EXHAUSTED);
}

TEST_CASE("points of running, complete, failed and pruned trials are not proposed again", "[grid]") {
  // The plugin's documented behaviour (grid.cpp, docs/samplers.md): any trial of the history holds its
  // point, whatever its state; a failed or pruned point is not retried. Points off the grid (an enqueued
  // trial) hold nothing.
  const Space space = parse_space(R"([{"name": "x", "type": "float", "low": 0, "high": 1},
                                      {"name": "c", "type": "categorical", "choices": ["a", "b"]}])");
  const std::string options = R"({"points_per_axis": 3})";
  const std::vector<std::vector<double>> all = product({{0, 0.5, 1}, {0, 1}});
  HistoryData h(2);
  h.append(0, VN_TRIAL_RUNNING, all[0], kNaN);
  h.append(1, VN_TRIAL_COMPLETE, all[1], 2.0);
  h.append(2, VN_TRIAL_FAILED, all[2], kNaN);
  h.append(3, VN_TRIAL_PRUNED, all[5], kNaN, 3, 0.7);
  h.append(4, VN_TRIAL_COMPLETE, {0.3, 0}, 1.0);  // off the grid
  h.append(5, VN_TRIAL_RUNNING, all[1], kNaN);   // a point twice in the history
  const std::vector<std::vector<double>> left{all[3], all[4]};

  Sampler grid("grid", options);
  CHECK(rows_of(grid.suggest(space, h, 1), 2) == std::vector<std::vector<double>>{left[0]});  // the first left
  CHECK(rows_of(grid.suggest(space, h, 1, 2), 2) == left);
  CHECK(grid.failure(space, h, 1, 3).status == VN_E_EXHAUSTED);

  // Shuffled, in some order, the same two.
  Sampler shuffled("grid", R"({"points_per_axis": 3, "shuffle": true})");
  std::vector<std::vector<double>> rows = rows_of(shuffled.suggest(space, h, 5, 2), 2);
  std::sort(rows.begin(), rows.end());
  CHECK(rows == left);

  // A running trial that then fails still holds its point: it is the same history entry, in another state.
  h.states[0] = VN_TRIAL_FAILED;
  CHECK(rows_of(grid.suggest(space, h, 1, 2), 2) == left);
}

TEST_CASE("the shuffle is a seeded permutation of the grid, one order per seed", "[grid]") {
  const Space space = parse_space(R"([{"name": "n", "type": "int", "low": 0, "high": 4},
                                      {"name": "c", "type": "categorical", "choices": ["a", "b", "c"]},
                                      {"name": "x", "type": "float", "low": 0, "high": 1}])");
  const std::string options = R"({"shuffle": true})";
  Sampler plain("grid");
  const std::vector<std::vector<double>> in_order = run_to_exhaustion(plain, space, 7);
  REQUIRE(in_order.size() == 5 * 3 * 5);

  Sampler first("grid", options), again("grid", options), other("grid", options);
  const std::vector<std::vector<double>> seven = run_to_exhaustion(first, space, 7, 1);
  CHECK(seven != in_order);
  std::vector<std::vector<double>> sorted = seven;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::vector<double>> sorted_in_order = in_order;
  std::sort(sorted_in_order.begin(), sorted_in_order.end());
  CHECK(sorted == sorted_in_order);  // a permutation: every point once

  // The same seed gives the same order, from a fresh instance and in batches alike; another seed another.
  CHECK(run_to_exhaustion(again, space, 7, 9) == seven);
  CHECK(rows_of(Sampler("grid", options).suggest(space, HistoryData(3), 7, 75), 3) == seven);
  CHECK(run_to_exhaustion(other, space, 8, 1) != seven);
}

TEST_CASE("the grid follows the space it is given: one instance over several spaces", "[grid]") {
  const Space a = parse_space(R"([{"name": "x", "type": "float", "low": 0, "high": 1}])");
  const Space b = parse_space(R"([{"name": "x", "type": "float", "low": 0, "high": 2}])");
  Sampler grid("grid", R"({"points_per_axis": 3, "shuffle": true})");
  const std::vector<double> on_a = grid.suggest(a, HistoryData(1), 4, 3);
  const std::vector<double> on_b = grid.suggest(b, HistoryData(1), 4, 3);
  CHECK(on_b != on_a);
  CHECK(grid.suggest(a, HistoryData(1), 4, 3) == on_a);
  CHECK(on_b == Sampler("grid", R"({"points_per_axis": 3, "shuffle": true})").suggest(b, HistoryData(1), 4, 3));
}

TEST_CASE("bad options fail create() with VN_E_INVALID and a message naming the option", "[grid][errors]") {
  struct Case {
    const char *options;
    const char *named;
  };
  const Case cases[] = {
      {R"({"bogus": 1})", "bogus"},
      {R"({"points_per_axis": "5"})", "points_per_axis"},
      {R"({"points_per_axis": 2.5})", "points_per_axis"},
      {R"({"points_per_axis": 0})", "points_per_axis"},
      {R"({"points_per_axis": -3})", "points_per_axis"},
      {R"({"points_per_axis": 10000001})", "points_per_axis"},
      {R"({"shuffle": "yes"})", "shuffle"},
      {R"({"values": [1, 2]})", "values"},
      {R"({"values": {"x": 3}})", "'x'"},
      {R"({"values": {"x": []}})", "'x'"},
      {R"({"values": {"x": [null]}})", "'x'"},
      {R"({"values": {"x": [[1]]}})", "'x'"},
      {R"({"values": {"x": [{"v": 1}]}})", "'x'"},
      {R"([1])", "object"},
  };
  for (const Case &c : cases) {
    const Failure f = create_failure("grid", c.options);
    INFO(c.options << " -> " << f.message);
    CHECK(f.status == VN_E_INVALID);
    CHECK(contains(f.message, c.named));
  }
  CHECK(create_failure("grid", R"({"points_per_axis": 10000000, "shuffle": true, "values": {"x": [1]}})").status ==
        VN_OK);
}

TEST_CASE("values the space cannot take, and a too large grid, fail suggest() with VN_E_INVALID", "[grid][errors]") {
  const Space space = parse_space(R"([
    {"name": "x", "type": "float", "low": 0, "high": 1},
    {"name": "n", "type": "int", "low": 0, "high": 10},
    {"name": "s", "type": "float", "low": 0, "high": 1, "step": 0.25},
    {"name": "w", "type": "int", "low": 0, "high": 10, "step": 2},
    {"name": "lr", "type": "float", "low": 0.001, "high": 1, "log": true},
    {"name": "c", "type": "categorical", "choices": ["a", "b"]}])");
  struct Case {
    const char *values;
    const char *named;
    const char *problem;
  };
  const Case cases[] = {
      {R"({"nope": [1]})", "'nope'", "unknown parameter"},
      {R"({"x": [1.5]})", "'x'", "outside [0, 1]"},
      {R"({"x": [0.5, -0.1]})", "'x'", "outside"},
      {R"({"x": ["a"]})", "'x'", "not a number"},
      {R"({"n": [2.5]})", "'n'", "not an integer"},
      {R"({"n": [11]})", "'n'", "outside"},
      {R"({"s": [0.3]})", "'s'", "not on its grid"},
      {R"({"w": [3]})", "'w'", "not on its grid"},
      {R"({"lr": [0.0001]})", "'lr'", "outside"},
      {R"({"c": ["z"]})", "'c'", "not one of its choices (a, b)"},
      {R"({"c": [0]})", "'c'", "not one of its choices"},
  };
  for (const Case &c : cases) {
    Sampler grid("grid", std::string(R"({"values": )") + c.values + "}");
    const Failure f = grid.failure(space, HistoryData(6), 1);
    INFO(c.values << " -> " << f.message);
    CHECK(f.status == VN_E_INVALID);
    CHECK(contains(f.message, c.named));
    CHECK(contains(f.message, c.problem));
  }

  // 8 parameters of 10 points: 10^8 points, over the limit of 10^7, refused before anything is built.
  std::string wide = "[";
  for (int j = 0; j < 8; ++j) wide += std::string(j ? ", " : "") + R"({"name": "p)" + std::to_string(j) +
                                      R"(", "type": "float", "low": 0, "high": 1})";
  const Space big = parse_space((wide + "]").c_str());
  Sampler grid("grid", R"({"points_per_axis": 10})");
  const Failure f = grid.failure(big, HistoryData(8), 1);
  INFO(f.message);
  CHECK(f.status == VN_E_INVALID);
  CHECK(contains(f.message, "100000000 points"));
  CHECK(contains(f.message, "points_per_axis"));
  // The same instance still works on a space of a sensible size.
  const Space small = parse_space(R"([{"name": "x", "type": "float", "low": 0, "high": 1}])");
  CHECK(rows_of(grid.suggest(small, HistoryData(1), 1, 10), 1) == product({evenly(0, 1, 10)}));
}
