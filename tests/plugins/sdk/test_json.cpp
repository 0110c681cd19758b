// The SDK's JSON parsing: exact numbers, positions in errors, trailing data refused.
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <random>
#include <string>

#include "vernier/sdk/json.hpp"
#include "vernier/sdk/plugin.hpp"

namespace sdk = vernier::sdk;

namespace {

std::string shortest(double x) {
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, x).ptr);
}

}  // namespace

TEST_CASE("every double written in its shortest form is read back to the same bits") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<int> exponent(-300, 300);
  for (int i = 0; i < 5000; ++i) {
    const double x = std::ldexp(unit(rng), exponent(rng) / 3) * (i % 2 ? -1 : 1);
    const std::string text = "{\"v\": [" + shortest(x) + "]}";
    boost::system::error_code ec;
    const boost::json::value v = sdk::parse_json_exact(text, ec);
    REQUIRE_FALSE(ec);
    const double back = v.at("v").at(0).to_number<double>();  // "3" is an integer
    INFO(text);
    REQUIRE(back == x);
    REQUIRE(sdk::parse_json(text, "test").at("v").at(0).to_number<double>() == x);
  }
  boost::system::error_code ec;
  CHECK(sdk::parse_json_exact("1.6666666666666663", ec).as_double() == 1.6666666666666663);
}

TEST_CASE("integers stay integers and big exponents overflow to infinity as Boost does") {
  boost::system::error_code ec;
  CHECK(sdk::parse_json_exact("-42", ec).is_int64());
  CHECK(sdk::parse_json_exact("18446744073709551615", ec).is_uint64());
  CHECK(std::isinf(sdk::parse_json_exact("1e400", ec).as_double()));
  CHECK_FALSE(ec);
}

TEST_CASE("syntax errors and trailing data are reported with their position") {
  boost::system::error_code ec;
  CHECK(sdk::parse_json_exact("{\"a\": 1} x", ec).is_null());
  CHECK(ec);
  CHECK_THROWS_WITH(sdk::parse_json("{\"a\": 1}\n  ]", "config.json"),
                    Catch::StartsWith("config.json: invalid JSON at line 2, column 3"));
  CHECK_THROWS_WITH(sdk::parse_json("{\"a\": [1, 2", "config.json"),
                    Catch::StartsWith("config.json: invalid JSON at line 1, column 12"));
  CHECK_NOTHROW(sdk::parse_json(" [1, 2.5] \n", "config.json"));
}

TEST_CASE("a key repeated in one object is refused in configs, with its position; journal parsing keeps the last") {
  CHECK_THROWS_WITH(sdk::parse_json("{\"trials\": 3,\n \"trials\": 5}", "study.json"),
                    Catch::StartsWith("study.json: invalid JSON at line 2, column") &&
                        Catch::EndsWith("duplicate key \"trials\""));
  // Nested objects have keys of their own; an escaped key is compared unescaped.
  CHECK_THROWS_WITH(sdk::parse_json(R"({"a": {"x": 1, "y": 2}, "b": {"x": 1, "\u0078": 2}})", "c"),
                    Catch::EndsWith("duplicate key \"x\""));
  CHECK_NOTHROW(sdk::parse_json(R"({"a": {"x": 1}, "b": {"x": 1}, "x": [{"x": 1}, {"x": 2}]})", "c"));
  boost::system::error_code ec;
  CHECK(sdk::parse_json_exact("{\"k\": 1, \"k\": 2}", ec).as_object().at("k").as_int64() == 2);
  CHECK_FALSE(ec);
}
