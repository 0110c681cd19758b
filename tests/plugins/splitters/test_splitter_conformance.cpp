// The splitter conformance suite over every splitter plugin of the build, and over deliberately broken
// splitters, each of which must fail the check of the property it breaks.
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "conformance/check.hpp"
#include "plugin_host/registry.hpp"
#include "../../build_plugins.hpp"
#include "../build_conformance.hpp"

namespace {

namespace bj = boost::json;

// The libraries of the build that provide a splitter (the other kinds have their own suites' tests).
std::set<std::string> splitter_libraries() {
  vernier::Registry registry(vernier::testing::build_plugin_options());
  std::set<std::string> paths;
  for (const auto &c : registry.components())
    if (c->descriptor->kind == VN_KIND_SPLITTER) paths.insert(c->path);
  return paths;
}

}  // namespace

TEST_CASE("every splitter of the build passes the splitter suite", "[splitters][conformance]") {
  std::set<std::string> seen;
  for (const std::string &path : splitter_libraries()) {
    const bj::object report = vernier::conformance::check_plugin_library(path);
    for (const bj::value &component : report.at("components").as_array()) {
      if (component.at("kind").as_string() != "splitter") continue;
      const std::string name(component.at("name").as_string());
      seen.insert(name);
      INFO(path << ":\n" << vernier::testing::failed_checks(report));
      CHECK(report.at("passed").as_bool());
      // Not vacuous: the property checks ran and passed.
      std::set<std::string> passed;
      for (const bj::value &c : component.at("checks").as_array())
        if (c.at("passed").as_bool()) passed.insert(std::string(c.at("id").as_string()));
      for (const char *id : {"splitter.create", "splitter.unknown_option", "splitter.properties", "splitter.valid", "splitter.too_few_rows",
                             "splitter.out_of_range", "splitter.determinism", "splitter.options", "splitter.threads", "splitter.last_error",
                             "splitter.firewall", "splitter.buffers"})
        CHECK(passed.count(id) == 1);
    }
  }
  for (const char *name : {"kfold", "stratified", "group", "timeseries", "predefined"}) {
    INFO(name);
    CHECK(seen.count(name) == 1);
  }
}

TEST_CASE("the splitter suite catches each broken property", "[splitters][conformance]") {
  const bj::object report = vernier::conformance::check_plugin_library(VERNIER_TEST_BROKEN_SPLITTERS);
  CHECK_FALSE(report.at("passed").as_bool());
  // component -> the check that must fail, and a phrase of its message
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"overlap", {"splitter.valid", "validated"}},
      {"unstratified", {"splitter.valid", "allow only floor or ceil"}},
      {"mixer", {"splitter.valid", "is on both sides"}},
      {"future", {"splitter.valid", "trains but comes after validation row"}},
      {"overrun", {"splitter.buffers", "wrote outside its n_rows-byte output"}},
  };
  std::set<std::string> seen;
  for (const bj::value &component : report.at("components").as_array()) {
    const std::string name(component.at("name").as_string());
    const auto it = expected.find(name);
    REQUIRE(it != expected.end());
    seen.insert(name);
    INFO(name << ":\n" << vernier::testing::failed_checks(report));
    CHECK_FALSE(component.at("passed").as_bool());
    bool found = false;
    for (const bj::value &c : component.at("checks").as_array())
      if (c.at("id").as_string() == it->second.first) {
        CHECK_FALSE(c.at("passed").as_bool());
        CHECK_THAT(std::string(c.at("message").as_string()), Catch::Matchers::Contains(it->second.second));
        found = true;
      }
    CHECK(found);
  }
  CHECK(seen.size() == expected.size());
}
