// The model conformance suite (core/conformance/model_suite.cpp) over every model plugin of the build.
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "../build_conformance.hpp"

namespace bj = boost::json;

TEST_CASE("every model plugin of the build passes the model conformance suite", "[models][conformance]") {
  std::set<std::string> models;
  vernier::testing::for_each_build_component(
      "model", [&models](const std::string &path, const bj::object &report, const bj::object &component) {
        const std::string name = component.at("name").as_string().c_str();
        INFO(path << ":\n" << vernier::testing::failed_checks(report));
        CHECK(report.at("passed").as_bool());
        CHECK(component.at("passed").as_bool());
        // Not vacuous: the suite ran past model.tasks, through every check of docs/abi.md's table.
        std::set<std::string> ids;
        for (const bj::value &c : component.at("checks").as_array()) ids.insert(c.at("id").as_string().c_str());
        for (const char *id : {"model.tasks", "model.non_finite", "model.single_class", "model.determinism",
                               "model.default_space", "model.predict_other_dataset", "model.refit", "model.failed_fit",
                               "model.threads", "model.buffers", "model.fit_reads_only_its_rows",
                               "model.predict_ignores_targets"})
          CHECK(ids.count(id) == 1);
        models.insert(name);
      });
  for (const char *name : {"ridge", "logistic", "knn", "svm", "xgboost"}) {
    INFO("model plugin '" << name << "' in " << VERNIER_PLUGIN_BUILD_DIR);
    CHECK(models.count(name) == 1);
  }
}
