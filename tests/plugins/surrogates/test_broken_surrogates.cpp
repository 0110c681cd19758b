// The surrogate suite catches broken surrogates (plugins/broken_surrogates.c): each fails the checks of the
// rule it breaks, and passes the ones it does not.
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "conformance/check.hpp"

namespace {

namespace bj = boost::json;

// component name -> check id -> passed
std::map<std::string, std::map<std::string, bool>> verdicts(const std::string &path) {
  std::map<std::string, std::map<std::string, bool>> out;
  const bj::object report = vernier::conformance::check_plugin_library(path);
  for (const bj::value &component : report.at("components").as_array())
    for (const bj::value &c : component.at("checks").as_array())
      out[component.at("name").as_string().c_str()][c.at("id").as_string().c_str()] = c.at("passed").as_bool();
  return out;
}

}  // namespace

TEST_CASE("the surrogate suite catches surrogates that break its rules", "[surrogate][conformance]") {
  auto v = verdicts(VERNIER_TEST_PLUGIN_DIR "/broken/libbroken_surrogates.so");
  REQUIRE(v.size() == 3);
  // Ignoring the data: a valid vtable, but no surrogate.
  CHECK(v["ignores-data"]["surrogate.create"]);
  CHECK(v["ignores-data"]["surrogate.buffers"]);
  CHECK_FALSE(v["ignores-data"]["surrogate.one_observation"]);
  CHECK_FALSE(v["ignores-data"]["surrogate.interpolates"]);
  CHECK_FALSE(v["ignores-data"]["surrogate.variance_shape"]);
  CHECK_FALSE(v["ignores-data"]["surrogate.constant_targets"]);
  // A negative variance breaks surrogate.h wherever it predicts.
  CHECK_FALSE(v["negative-variance"]["surrogate.shapes"]);
  CHECK_FALSE(v["negative-variance"]["surrogate.no_observations"]);
  // Writing past the output is seen by the guard cells.
  CHECK_FALSE(v["overruns"]["surrogate.buffers"]);
  CHECK(v["overruns"]["surrogate.firewall"]);
}
