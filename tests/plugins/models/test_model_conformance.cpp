// The model conformance suite (core/conformance/model_suite.cpp) over every model plugin of the build.
#include <filesystem>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "conformance/check.hpp"

namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;

std::string failures(const bj::object &report) {
  std::string out;
  auto add = [&out](const bj::array &checks, const std::string &where) {
    for (const bj::value &c : checks)
      if (!c.at("passed").as_bool())
        out += where + c.at("id").as_string().c_str() + ": " + c.at("message").as_string().c_str() + "\n";
  };
  add(report.at("checks").as_array(), "");
  for (const bj::value &component : report.at("components").as_array())
    add(component.at("checks").as_array(), std::string(component.at("name").as_string().c_str()) + ": ");
  return out.empty() ? "no failed checks" : out;
}

}  // namespace

TEST_CASE("every model plugin of the build passes the model conformance suite", "[models][conformance]") {
  std::set<std::string> models;
  for (const auto &entry : fs::directory_iterator(VERNIER_PLUGIN_BUILD_DIR)) {
    if (entry.path().extension() != ".so") continue;
    const bj::object report = vernier::conformance::check_plugin_library(entry.path().string());
    for (const bj::value &component : report.at("components").as_array()) {
      if (component.at("kind").as_string() != "model") continue;
      const std::string name = component.at("name").as_string().c_str();
      INFO(entry.path().string() << ":\n" << failures(report));
      CHECK(report.at("passed").as_bool());
      CHECK(component.at("passed").as_bool());
      // Not vacuous: the suite ran past model.tasks, through every check of docs/abi.md's table.
      std::set<std::string> ids;
      for (const bj::value &c : component.at("checks").as_array()) ids.insert(c.at("id").as_string().c_str());
      for (const char *id : {"model.tasks", "model.non_finite", "model.single_class", "model.determinism",
                             "model.default_space", "model.predict_other_dataset", "model.refit", "model.failed_fit", "model.threads",
                             "model.buffers", "model.fit_reads_only_its_rows", "model.predict_ignores_targets"})
        CHECK(ids.count(id) == 1);
      models.insert(name);
    }
  }
  for (const char *name : {"ridge", "logistic", "knn", "svm", "xgboost"}) {
    INFO("model plugin '" << name << "' in " << VERNIER_PLUGIN_BUILD_DIR);
    CHECK(models.count(name) == 1);
  }
}
