// The surrogate conformance suite (core/conformance/surrogate_suite.cpp) over every surrogate plugin of the
// build: each must pass every check, and the bundled gp and forest must be among them.
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "../build_conformance.hpp"

namespace {

namespace bj = boost::json;

const char *const kSurrogateChecks[] = {
    "surrogate.create",          "surrogate.unknown_option",   "surrogate.predict_before_fit",
    "surrogate.no_observations", "surrogate.one_observation",  "surrogate.shapes",
    "surrogate.interpolates",    "surrogate.variance_shape",   "surrogate.determinism",
    "surrogate.duplicates",      "surrogate.constant_targets", "surrogate.rich_space",
    "surrogate.extreme_targets", "surrogate.views_not_kept",   "surrogate.threads",
    "surrogate.minimal_host",    "surrogate.last_error",       "surrogate.firewall",
    "surrogate.buffers",         "surrogate.host_services"};

}  // namespace

TEST_CASE("every surrogate plugin of the build passes the surrogate suite", "[surrogate][conformance]") {
  std::set<std::string> surrogates;
  vernier::testing::for_each_build_component(
      "surrogate", [&surrogates](const std::string &, const bj::object &, const bj::object &component) {
        const std::string name = component.at("name").as_string().c_str();
        surrogates.insert(name);
        std::set<std::string> seen;
        for (const bj::value &c : component.at("checks").as_array()) {
          const std::string id = c.at("id").as_string().c_str();
          seen.insert(id);
          INFO(name << ": " << id << ": " << c.at("message").as_string().c_str());
          CHECK(c.at("passed").as_bool());
        }
        for (const char *id : kSurrogateChecks) {
          INFO(name << " ran no check " << id);
          CHECK(seen.count(id) == 1);
        }
        CHECK(component.at("passed").as_bool());
      });
  CHECK(surrogates.count("gp") == 1);
  CHECK(surrogates.count("forest") == 1);
}
