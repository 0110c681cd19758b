// What the per-kind conformance tests (models, surrogates, splitters) share: the conformance report of every
// plugin library of the build, visited component by component, and the failed checks of a report for the log.
#ifndef VERNIER_TESTS_PLUGINS_BUILD_CONFORMANCE_HPP
#define VERNIER_TESTS_PLUGINS_BUILD_CONFORMANCE_HPP

#include <filesystem>
#include <string>

#include <boost/json.hpp>

#include "conformance/check.hpp"

namespace vernier::testing {

// Every failed check of a report (the library's own, then each component's), one a line.
inline std::string failed_checks(const boost::json::object &report) {
  std::string out;
  auto add = [&out](const boost::json::array &checks, const std::string &where) {
    for (const boost::json::value &c : checks)
      if (!c.at("passed").as_bool())
        out += where + c.at("id").as_string().c_str() + ": " + c.at("message").as_string().c_str() + "\n";
  };
  add(report.at("checks").as_array(), "");
  for (const boost::json::value &component : report.at("components").as_array())
    add(component.at("checks").as_array(), std::string(component.at("name").as_string().c_str()) + ": ");
  return out.empty() ? "no failed checks" : out;
}

// Runs the conformance suite over every plugin library in the build's plugin directory and calls
// visit(library_path, report, component) for each component of `kind` ("model", "surrogate", ...).
template <class Visit>
void for_each_build_component(const char *kind, Visit visit) {
  for (const auto &entry : std::filesystem::directory_iterator(VERNIER_PLUGIN_BUILD_DIR)) {
    if (entry.path().extension() != ".so") continue;
    const boost::json::object report = vernier::conformance::check_plugin_library(entry.path().string());
    for (const boost::json::value &component : report.at("components").as_array())
      if (component.at("kind").as_string() == kind) visit(entry.path().string(), report, component.as_object());
  }
}

}  // namespace vernier::testing

#endif  // VERNIER_TESTS_PLUGINS_BUILD_CONFORMANCE_HPP
