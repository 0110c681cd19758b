// Reading component options: defaults, validation with messages naming the option and the value, and
// JSON syntax errors located by line and column.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "vernier/sdk/json.hpp"
#include "vernier/sdk/options.hpp"
#include "vernier/sdk/plugin.hpp"

using vernier::sdk::Error;
using vernier::sdk::Options;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;

namespace {

const char *kSchema = R"({"seedless": false, "options": {
  "points": {"type": "int", "default": 5, "min": 1, "max": 100, "help": "how many"},
  "rate": {"type": "number", "default": 0.5, "min": 0, "max": 1},
  "shuffle": {"type": "bool", "default": false},
  "kernel": {"type": "string", "default": "rbf", "choices": ["rbf", "matern"]},
  "widths": {"type": "array", "default": [1, 2]},
  "values": {"type": "object", "default": {}},
  "limit": {"type": "int", "default": null}
}})";

// The error thrown by f, which must throw one.
Error error_of(const std::function<void()> &f) {
  try {
    f();
  } catch (const Error &e) {
    return e;
  }
  FAIL("no vernier::sdk::Error thrown");
  return Error(VN_OK, "");
}

Error config_error(const char *config) {
  return error_of([&] { Options(kSchema, config); });
}

}  // namespace

TEST_CASE("options: defaults fill what the config leaves out", "[options]") {
  const Options options(kSchema, "{}");
  CHECK(options.integer("points") == 5);
  CHECK(options.number("rate") == 0.5);
  CHECK(options.number("points") == 5.0);  // ints read as numbers too
  CHECK_FALSE(options.boolean("shuffle"));
  CHECK(options.string("kernel") == "rbf");
  CHECK(options.json("widths").as_array().size() == 2);
  CHECK(options.json("values").as_object().empty());
  CHECK_FALSE(options.has("limit"));  // optional, unset
  CHECK(options.json("limit").is_null());
  CHECK(options.values().size() == 7);

  const Options null_config(kSchema, nullptr);  // NULL means "{}"
  CHECK(null_config.integer("points") == 5);
}

TEST_CASE("options: given values replace defaults, normalised to their type", "[options]") {
  const Options options(kSchema, R"({"points": 7.0, "rate": 1, "shuffle": true, "kernel": "matern",
                                     "values": {"x": [1]}, "limit": 12})");
  CHECK(options.integer("points") == 7);
  CHECK(options.number("rate") == 1.0);
  CHECK(options.boolean("shuffle"));
  CHECK(options.string("kernel") == "matern");
  CHECK(options.json("values").as_object().contains("x"));
  CHECK(options.has("limit"));
  CHECK(options.integer("limit") == 12);
  CHECK_FALSE(Options(kSchema, R"({"limit": null})").has("limit"));
}

TEST_CASE("options: unknown options are refused with the list of known ones", "[options]") {
  const Error e = config_error(R"({"point": 3})");
  CHECK(e.status() == VN_E_INVALID);
  CHECK_THAT(e.what(), Equals("unknown option 'point' (known: points, rate, shuffle, kernel, widths, values, limit)"));
  CHECK_THAT(error_of([] { Options(R"({"options": {}})", R"({"x": 1})"); }).what(),
             Equals("unknown option 'x' (this component takes no options)"));
}

TEST_CASE("options: wrong types, ranges and choices name the option and the value", "[options]") {
  CHECK_THAT(config_error(R"({"points": "five"})").what(), Equals("option 'points' must be an integer, got \"five\""));
  CHECK_THAT(config_error(R"({"points": 2.5})").what(), Equals("option 'points' must be an integer, got 2.5"));
  CHECK_THAT(config_error(R"({"points": 0})").what(), Equals("option 'points' must be >= 1, got 0"));
  CHECK_THAT(config_error(R"({"points": 101})").what(), Equals("option 'points' must be <= 100, got 101"));
  CHECK_THAT(config_error(R"({"rate": -0.5})").what(), Contains("option 'rate' must be >= 0"));
  CHECK_THAT(config_error(R"({"shuffle": 1})").what(), Equals("option 'shuffle' must be a boolean, got 1"));
  CHECK_THAT(config_error(R"({"kernel": "linear"})").what(),
             Equals("option 'kernel' must be one of \"rbf\", \"matern\"; got \"linear\""));
  CHECK_THAT(config_error(R"({"widths": {}})").what(), Equals("option 'widths' must be an array, got {}"));
  CHECK_THAT(config_error(R"({"values": null})").what(), Equals("option 'values' must be an object, got null"));
  CHECK(config_error(R"({"points": "five"})").status() == VN_E_INVALID);
}

TEST_CASE("options: the config must be one JSON object", "[options]") {
  CHECK_THAT(config_error("[1, 2]").what(), Equals("config must be a JSON object, got an array"));
  CHECK_THAT(config_error("3").what(), Equals("config must be a JSON object, got an integer"));
}

TEST_CASE("options: malformed JSON is located by line and column", "[options]") {
  const Error e = config_error("{\n  \"points\": 3,\n  \"rate\": tru\n}");
  CHECK(e.status() == VN_E_INVALID);
  CHECK_THAT(e.what(), Contains("config: invalid JSON at line 3, column 11"));
  CHECK_THAT(config_error(R"({"points": 3)").what(), Contains("config: invalid JSON at line 1, column 13"));
  CHECK_THAT(config_error("{} {}").what(), Contains("line 1, column 4"));
  CHECK_THAT(config_error("").what(), Contains("line 1, column 1"));
  // Columns count characters, not bytes: "é" is two bytes.
  CHECK_THAT(error_of([] { vernier::sdk::parse_json("{\"\xC3\xA9\": tru}", "text"); }).what(),
             Contains("text: invalid JSON at line 1, column 7"));
}

TEST_CASE("options: a required option must be given", "[options]") {
  const char *schema = R"({"options": {"path": {"type": "string"}}})";
  CHECK_THAT(error_of([&] { Options(schema, "{}"); }).what(), Equals("missing required option 'path'"));
  CHECK(Options(schema, R"({"path": "/tmp"})").string("path") == "/tmp");
}

TEST_CASE("options: mistakes of the plugin author are internal errors", "[options]") {
  const Options options(kSchema, "{}");
  CHECK(error_of([&] { options.integer("nope"); }).status() == VN_E_INTERNAL);
  CHECK(error_of([&] { options.integer("kernel"); }).status() == VN_E_INTERNAL);
  CHECK(error_of([&] { options.integer("limit"); }).status() == VN_E_INTERNAL);  // unset optional
  CHECK(error_of([] { Options("{", "{}"); }).status() == VN_E_INTERNAL);
  CHECK(error_of([] { Options(R"({"opts": {}})", "{}"); }).status() == VN_E_INTERNAL);
  CHECK(error_of([] { Options(R"({"options": {"a": {"type": "float"}}})", "{}"); }).status() == VN_E_INTERNAL);
  const Error bad_default =
      error_of([] { Options(R"({"options": {"a": {"type": "int", "default": 0, "min": 1}}})", "{}"); });
  CHECK(bad_default.status() == VN_E_INTERNAL);
  CHECK_THAT(bad_default.what(), Contains("bad default: option 'a' must be >= 1, got 0"));
}
