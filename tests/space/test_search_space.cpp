// Search space parsing and validation (core/space/search_space.cpp).
#include <catch2/catch.hpp>

#include <cmath>

#include "base/error.hpp"
#include "base/json.hpp"
#include "space/search_space.hpp"

using vernier::Space;

namespace {

Space parse(const char *text) { return Space::from_json(vernier::json::parse(text, "test"), "space"); }

std::string error_of(const char *text) {
  try {
    parse(text);
  } catch (const vernier::Error &e) {
    CHECK(e.status() == VN_E_INVALID);
    return e.what();
  }
  FAIL("no error for " << text);
  return "";
}

}  // namespace

TEST_CASE("every parameter kind parses into the vn_space view") {
  Space s = parse(R"([
    {"name": "lr", "type": "float", "low": 1e-4, "high": 1, "log": true},
    {"name": "frac", "type": "float", "low": 0, "high": 1, "step": 0.25},
    {"name": "depth", "type": "int", "low": 1, "high": 9, "step": 2},
    {"name": "trees", "type": "int", "low": 10, "high": 1000, "log": true},
    {"name": "kernel", "type": "categorical", "choices": ["rbf", "poly", 3]},
    {"name": "degree", "type": "int", "low": 2, "high": 5, "condition": {"parent": "kernel", "values": ["poly"]}}
  ])");
  const vn_space &v = s.view();
  REQUIRE(v.n_params == 6);
  CHECK(v.params[0].flags == VN_PARAM_LOG);
  CHECK(v.params[1].flags == VN_PARAM_STEP);
  CHECK(v.params[1].step == 0.25);
  CHECK(v.params[2].type == VN_PARAM_INT);
  CHECK(v.params[3].flags == (VN_PARAM_LOG | VN_PARAM_STEP));  // ints always carry their step
  CHECK(v.params[4].n_choices == 3);
  CHECK(std::string(v.params[4].choices[2]) == "3");
  CHECK(v.params[4].high == 2);
  CHECK(v.params[5].parent == 4);
  REQUIRE(v.params[5].n_active_when == 1);
  CHECK(v.params[5].active_when[0] == 1);
}

TEST_CASE("number and boolean choices are named by their shortest JSON text") {
  Space s = parse(R"([{"name": "c", "type": "categorical", "choices": [0.5, 2.0, 16, 1e-5, true, "0.25"]},
                      {"name": "x", "type": "float", "low": 0, "high": 1, "condition": {"parent": "c", "values": [2, 0.5]}}])");
  const vn_param &c = s.view().params[0];
  REQUIRE(c.n_choices == 6);
  const char *expected[] = {"0.5", "2", "16", "1e-05", "true", "0.25"};
  for (uint32_t k = 0; k < 6; ++k) CHECK(std::string(c.choices[k]) == expected[k]);
  // A condition's values match by that name: 2 names the choice written 2.0.
  const vn_param &x = s.view().params[1];
  REQUIRE(x.n_active_when == 2);
  CHECK(x.active_when[0] == 1);
  CHECK(x.active_when[1] == 0);
  CHECK_THAT(error_of(R"([{"name": "c", "type": "categorical", "choices": [1, 1.0]}])"), Catch::Contains("duplicate choice"));
}

TEST_CASE("the canonical JSON form reads back to an equal space") {
  Space s = parse(R"([{"name": "k", "type": "categorical", "choices": ["a", "b"]},
                      {"name": "x", "type": "float", "low": -1, "high": 1, "condition": {"parent": "k", "values": ["b"]}}])");
  Space again = Space::from_json(boost::json::value(s.to_json()), "space");
  CHECK(s.difference(again).empty());
  Space other = parse(R"([{"name": "k", "type": "categorical", "choices": ["a", "c"]},
                          {"name": "x", "type": "float", "low": -1, "high": 1}])");
  CHECK_THAT(s.difference(other), Catch::Contains("parameter 0 differs"));
}

TEST_CASE("conditions decide activity and points are checked") {
  Space s = parse(R"([{"name": "k", "type": "categorical", "choices": ["a", "b"]},
                      {"name": "x", "type": "float", "low": 0, "high": 1, "condition": {"parent": "k", "values": ["b"]}},
                      {"name": "n", "type": "int", "low": 0, "high": 10, "step": 5}])");
  double nan = std::nan("");
  double good_a[] = {0, nan, 5}, good_b[] = {1, 0.5, 10};
  CHECK_NOTHROW(s.check_point(good_a));
  CHECK_NOTHROW(s.check_point(good_b));
  double active_nan[] = {1, nan, 5}, inactive_set[] = {0, 0.5, 5}, off_step[] = {0, nan, 3}, outside[] = {1, 2, 5},
         bad_index[] = {0.5, nan, 5};
  CHECK_THROWS_WITH(s.check_point(active_nan), Catch::Contains("'x' is active but its value is NaN"));
  CHECK_THROWS_WITH(s.check_point(inactive_set), Catch::Contains("inactive"));
  CHECK_THROWS_WITH(s.check_point(off_step), Catch::Contains("step grid"));
  CHECK_THROWS_WITH(s.check_point(outside), Catch::Contains("outside [0, 1]"));
  CHECK_THROWS_WITH(s.check_point(bad_index), Catch::Contains("choice index"));
  boost::json::object values = s.to_values(good_a);
  CHECK(values.size() == 2);
  CHECK(values.at("k").as_string() == "a");
  CHECK(values.at("n").as_int64() == 5);
}

TEST_CASE("bad spaces are refused with the parameter and the problem named") {
  CHECK_THAT(error_of(R"([{"name": "x", "type": "float", "low": 2, "high": 1}])"),
             Catch::Contains("('x'): low (2) is greater than high (1)"));
  CHECK_THAT(error_of(R"([{"name": "x", "type": "float", "low": 0, "high": 1, "log": true}])"),
             Catch::Contains("log range needs low > 0"));
  CHECK_THAT(error_of(R"([{"name": "c", "type": "categorical", "choices": []}])"),
             Catch::Contains("non-empty \"choices\""));
  CHECK_THAT(error_of(R"([{"name": "x", "type": "float", "low": 0, "high": 1, "step": 0.3}])"),
             Catch::Contains("does not fit the range"));
  CHECK_THAT(error_of(R"([{"name": "x", "type": "float", "low": 0, "high": 1, "condition": {"parent": "nope", "values": ["a"]}}])"),
             Catch::Contains("parent 'nope' is not a parameter"));
  CHECK_THAT(error_of(R"([{"name": "x", "type": "double", "low": 0, "high": 1}])"), Catch::Contains("\"type\" must be"));
  CHECK_THAT(error_of(R"([{"name": "x", "type": "int", "low": 0.5, "high": 1}])"), Catch::Contains("integer low and high"));
  CHECK_THAT(error_of(R"([{"name": "x", "type": "float", "low": 0, "high": 1}, {"name": "x", "type": "float", "low": 0, "high": 1}])"),
             Catch::Contains("duplicate parameter name"));
  CHECK_THAT(error_of(R"([{"name": "x", "type": "float", "low": 0, "high": "1"}])"), Catch::Contains("expected a number"));
  CHECK_THAT(error_of(R"([{"name": "x", "type": "float", "low": 0, "high": 1, "lgo": true}])"), Catch::Contains("unknown key"));
  CHECK_THAT(error_of("[]"), Catch::Contains("no parameters"));
  // Values travel as doubles: integers beyond 2^53 are not all representable, nor grids of more steps.
  CHECK_THAT(error_of(R"([{"name": "n", "type": "int", "low": 0, "high": 1e300}])"),
             Catch::Contains("('n'): int bounds must lie within +-2^53"));
  CHECK(parse(R"([{"name": "n", "type": "int", "low": -9007199254740992, "high": 9007199254740992, "step": 2}])").size() == 1);
  CHECK_THAT(error_of(R"([{"name": "x", "type": "float", "low": 0, "high": 1e10, "step": 1e-9}])"),
             Catch::Contains("holds more than 2^53 steps of 1e-09"));
}

TEST_CASE("malformed JSON is reported with line and column") {
  try {
    vernier::json::parse("{\n  \"a\": 1,\n  \"b\": }", "config.json");
    FAIL("no error");
  } catch (const vernier::Error &e) {
    CHECK_THAT(e.what(), Catch::Contains("config.json: invalid JSON at line 3, column"));
  }
  CHECK_THROWS_WITH(vernier::json::parse("{} x", "c"), Catch::Contains("c: invalid JSON at line 1, column 4"));
}

TEST_CASE("a range whose width overflows a double is refused, naming the parameter") {
  // Samplers map [0, 1] onto low + u * (high - low): an infinite width sampled every value as an end.
  CHECK_THAT(error_of(R"([{"name": "ok", "type": "float", "low": 0, "high": 1},
                         {"name": "wide", "type": "float", "low": -1e308, "high": 1e308}])"),
             Catch::Contains("space[1] ('wide'): the range [-1e+308, 1e+308] is wider than a double can hold"));
  CHECK_THAT(error_of(R"([{"name": "w", "type": "float", "low": -1.7976931348623157e308, "high": 1.7976931348623157e308}])"),
             Catch::Contains("('w'): the range") && Catch::Contains("high - low overflows"));
  // With a step the width overflows before the count of steps does.
  CHECK_THAT(error_of(R"([{"name": "s", "type": "float", "low": -1e308, "high": 1e308, "step": 1e307}])"),
             Catch::Contains("('s'): the range [-1e+308, 1e+308] is wider than a double can hold"));
  // The widest finite widths are fine, and so is every positive log range: its width is taken in log
  // space (log(high) - log(low) stays below 1500), and ints are bounded by +-2^53.
  CHECK(parse(R"([{"name": "x", "type": "float", "low": -8e307, "high": 8e307}])").size() == 1);
  CHECK(parse(R"([{"name": "x", "type": "float", "low": 5e-324, "high": 1.7976931348623157e308, "log": true}])").size() == 1);
  CHECK(parse(R"([{"name": "n", "type": "int", "low": -9007199254740992, "high": 9007199254740992, "step": 2}])").size() == 1);
}

TEST_CASE("parameter names are looked up through an index") {
  Space s = parse(R"([{"name": "a", "type": "categorical", "choices": ["on", "off"]},
                      {"name": "b", "type": "float", "low": 0, "high": 1, "condition": {"parent": "a", "values": ["on"]}}])");
  CHECK(s.index_of("a") == 0);
  CHECK(s.index_of("b") == 1);
  CHECK(s.index_of("c") == -1);
  Space copy = s, assigned;
  assigned = s;
  CHECK(copy.index_of("b") == 1);
  CHECK(assigned.index_of("b") == 1);
  CHECK(s.params()[1].parent == 0);
  CHECK_THAT(error_of(R"([{"name": "c", "type": "categorical", "choices": ["x", "y", "x"]}])"),
             Catch::Contains("duplicate choice \"x\""));
}

// Validation is linear in the number of parameters (and of choices): a name index, not a scan of the
// earlier parameters for each one. Hidden from the default run; ctest runs it alone under a TIMEOUT of a
// few seconds (tests/CMakeLists.txt), which the former quadratic scan (103 s for this size) overran.
TEST_CASE("a space of 100,000 parameters and a categorical of 100,000 choices validate in linear time", "[.][scale]") {
  constexpr int n = 100000;
  std::string text = "[";
  // Every other parameter a categorical (each gated by the previous one), the rest floats gated by one.
  auto gated_by = [](int parent) { return R"(, "condition": {"parent": "p)" + std::to_string(parent) + R"(", "values": ["a"]})"; };
  for (int i = 0; i < n; ++i) {
    text += R"({"name": "p)" + std::to_string(i) + "\", ";
    if (i % 2 == 0) text += R"("type": "categorical", "choices": ["a", "b"])" + (i >= 2 ? gated_by(i - 2) : "") + "},";
    else text += R"("type": "float", "low": 0, "high": 1)" + gated_by(i - 1) + "},";
  }
  text += R"({"name": "big", "type": "categorical", "choices": [)";
  for (int k = 0; k < n; ++k) text += (k ? "," : "") + std::to_string(k);
  text += "]}]";
  Space s = parse(text.c_str());
  REQUIRE(s.size() == n + 1);
  for (int i = 0; i < n; ++i) REQUIRE(s.index_of("p" + std::to_string(i)) == i);
  CHECK(s.view().params[n].n_choices == n);
}
