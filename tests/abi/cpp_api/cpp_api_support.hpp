// Shared by the tests of vernier.hpp: a context on the build tree's plugins, a temporary directory, and
// the check that a wrapper failed exactly as the C API says (status and vn_last_error()'s message).
#ifndef VERNIER_TESTS_CPP_API_SUPPORT_HPP
#define VERNIER_TESTS_CPP_API_SUPPORT_HPP

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "vernier/vernier.hpp"
#include "../../support/temp_dir.hpp"

namespace cpp_api_test {

// Plugins from the build tree only, so that results do not depend on the environment.
inline const std::string kContextOptions =
    R"({"plugin_path": [")" VERNIER_PLUGIN_BUILD_DIR R"("], "default_paths": false})";

inline std::string plugin_file(const std::string &name) {
  return std::string(VERNIER_PLUGIN_BUILD_DIR) + "/libvernier-" + name + ".so";
}

// A temporary directory named after this suite.
struct TempDir : vernier::testing::TempDir {
  TempDir() : vernier::testing::TempDir("vernier-cpp-api") {}
};

// Runs f, which must throw vernier::Error with `status` whose message is vn_last_error()'s (the C API's
// own words) and mentions `mention`. Returns the message.
template <class F>
std::string expect_error(F &&f, vn_status status, const std::string &mention) {
  try {
    f();
  } catch (const vernier::Error &e) {
    INFO("vernier::Error " << e.status() << ": " << e.what());
    CHECK(e.status() == status);
    CHECK(std::string(e.what()).find(mention) != std::string::npos);
    return e.what();
  }
  FAIL("no vernier::Error thrown (expected status " << status << ", mentioning \"" << mention << "\")");
  return "";
}

// The same for a failure of the C library itself: the message is also vn_last_error() right after.
template <class F>
void expect_c_error(F &&f, vn_status status, const std::string &mention) {
  std::string message = expect_error(std::forward<F>(f), status, mention);
  CHECK(message == vn_last_error());
}

// Whether JSON text holds a fragment (the C API writes compact JSON: no space after ':' or ',').
inline bool has(const std::string &json, const std::string &fragment) { return json.find(fragment) != std::string::npos; }

}  // namespace cpp_api_test

#endif  // VERNIER_TESTS_CPP_API_SUPPORT_HPP
