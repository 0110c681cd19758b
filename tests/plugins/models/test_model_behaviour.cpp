// What each model promises beyond the conformance suite: hyperparameters from a study's space override the
// config (docs/models.md), the task each model refuses, and model-specific behaviour that a wrong sign or a
// swapped class would break.
#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "conformance/model_fixtures.hpp"
#include "conformance/model_probe.hpp"
#include "conformance/recording_host.hpp"
#include "plugin_host/registry.hpp"
#include "../../build_plugins.hpp"

namespace {

namespace bj = boost::json;
using namespace vernier;
using namespace vernier::conformance;

struct Models {
  Registry registry{vernier::testing::build_plugin_options()};
  RecordingHost host{registry, true};
  Observations seen;
  std::vector<TaskFixture> tasks = task_fixtures();  // regression, binary, 3-class

  std::unique_ptr<ModelProbe> make(const std::string &name, const std::string &config = "{}") {
    return std::make_unique<ModelProbe>(registry.require(VN_KIND_MODEL, name), host.host(), seen, config);
  }
  // Predictions on the test rows after fitting the train rows; REQUIREs success.
  std::vector<double> run(const std::string &name, const TaskFixture &task, const std::string &config = "{}",
                          const Space *space = nullptr, const std::vector<double> &values = {}, uint64_t seed = 7) {
    auto model = make(name, config);
    const FitPredict r = fit_predict(*model, task, space, values, seed);
    INFO(name << " " << config << ": " << r.describe());
    REQUIRE(r.ok());
    return r.predict.out;
  }
};

Space space_of(const char *json) { return Space::from_json(bj::parse(json)); }

}  // namespace

TEST_CASE("a space's hyperparameters override the config, and inactive ones leave it", "[models]") {
  Models m;
  const TaskFixture &binary = m.tasks[1];
  const Space k = space_of(R"([{"name": "n_neighbors", "type": "int", "low": 1, "high": 20}])");
  CHECK(m.run("knn", binary, R"({"n_neighbors": 3})", &k, {9}) == m.run("knn", binary, R"({"n_neighbors": 9})"));
  CHECK(m.run("knn", binary, R"({"n_neighbors": 3})", &k, {NAN}) == m.run("knn", binary, R"({"n_neighbors": 3})"));
  CHECK(m.run("knn", binary, R"({"n_neighbors": 3})", &k, {NAN}) != m.run("knn", binary, R"({"n_neighbors": 9})"));

  // Categoricals arrive as a choice index and are read through the space's choice strings.
  const Space kernel = space_of(R"([{"name": "kernel", "type": "categorical", "choices": ["poly", "linear"]}])");
  CHECK(m.run("svm", binary, "{}", &kernel, {1}) == m.run("svm", binary, R"({"kernel": "linear"})"));
  const Space p = space_of(R"([{"name": "p", "type": "categorical", "choices": [1, 2]}])");
  CHECK(m.run("knn", binary, "{}", &p, {0}) == m.run("knn", binary, R"({"p": 1})"));
}

TEST_CASE("bad hyperparameter values are refused with the parameter's name", "[models]") {
  Models m;
  const TaskFixture &binary = m.tasks[1];
  auto refuses = [&](const char *model, const char *space_json, double value, const char *needle) {
    auto instance = m.make(model);
    const Space space = space_of(space_json);
    const ModelProbe::Outcome o = instance->fit(binary.data, binary.train, &space, {value});
    INFO(model << " " << space_json << " = " << value << ": " << o.describe());
    CHECK(o.status == VN_E_INVALID);
    CHECK(o.message.find(needle) != std::string::npos);
  };
  refuses("logistic", R"([{"name": "C", "type": "float", "low": -2, "high": 2}])", -1.0, "'C'");
  refuses("logistic", R"([{"name": "C", "type": "float", "low": -2, "high": 2}])", 0.0, "'C'");
  refuses("knn", R"([{"name": "n_neighbors", "type": "float", "low": 1, "high": 9}])", 2.5, "'n_neighbors'");
  refuses("knn", R"([{"name": "weights", "type": "categorical", "choices": ["uniform", "closest"]}])", 1, "'weights'");
  refuses("svm", R"([{"name": "kernel", "type": "float", "low": 0, "high": 1}])", 0.5, "'kernel'");
  refuses("svm", R"([{"name": "cache_size", "type": "float", "low": 1, "high": 9}])", 5, "cache_size");  // an option, not tuned
}

TEST_CASE("each model refuses the task it cannot do with VN_E_UNSUPPORTED", "[models]") {
  Models m;
  auto status = [&](const char *model, const TaskFixture &task) {
    auto instance = m.make(model);
    return instance->fit(task.data, task.train).status;
  };
  CHECK(status("ridge", m.tasks[1]) == VN_E_UNSUPPORTED);
  CHECK(status("logistic", m.tasks[0]) == VN_E_UNSUPPORTED);
  for (const char *model : {"knn", "svm", "xgboost"})
    for (const TaskFixture &task : m.tasks) CHECK(status(model, task) == VN_OK);
}

TEST_CASE("ridge with alpha 0 on duplicated features takes the minimum-norm solution", "[models][ridge]") {
  Models m;
  TaskFixture wide = m.tasks[0];
  // Feature 0 repeated: X'X is singular, but the fitted function (and so the predictions) is unchanged.
  OwnedDataset copy("regression, feature 0 twice", VN_TASK_REGRESSION, 5, 0);
  for (uint64_t i = 0; i < wide.data.n_rows(); ++i) {
    std::vector<double> x(wide.data.features.begin() + static_cast<std::ptrdiff_t>(i * 4),
                          wide.data.features.begin() + static_cast<std::ptrdiff_t>(i * 4 + 4));
    x.push_back(x[0]);
    copy.add_row(x, wide.data.target[i]);
  }
  TaskFixture doubled{copy, wide.train, wide.test};
  const std::vector<double> once = m.run("ridge", wide, R"({"alpha": 0})");
  const std::vector<double> twice = m.run("ridge", doubled, R"({"alpha": 0})");
  REQUIRE(once.size() == twice.size());
  for (std::size_t i = 0; i < once.size(); ++i) CHECK(twice[i] == Approx(once[i]).epsilon(1e-8));
}

TEST_CASE("knn with distance weights gives a query equal to a training row that row's class", "[models][knn]") {
  Models m;
  TaskFixture task = m.tasks[2];
  task.test = {task.train[0], task.train[1], task.train[2]};  // queries that coincide with training rows
  const std::vector<double> p = m.run("knn", task, R"({"n_neighbors": 9, "weights": "distance"})");
  for (std::size_t i = 0; i < task.test.size(); ++i)
    CHECK(p[i * 3 + static_cast<std::size_t>(task.data.target[task.test[i]])] == 1.0);
}

TEST_CASE("svm: Platt probabilities rank rows as the decision scores do", "[models][svm]") {
  Models m;
  const TaskFixture &binary = m.tasks[1];
  const std::vector<double> scores = m.run("svm", binary);
  const std::vector<double> platt = m.run("svm", binary, R"({"probability": true})");
  // Both are monotone in the decision value with the same orientation (a sign error would reverse one).
  auto order = [](const std::vector<double> &p) {
    std::vector<std::size_t> idx(p.size() / 2);
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return p[2 * a + 1] < p[2 * b + 1]; });
    return idx;
  };
  CHECK(order(scores) == order(platt));
  // ... and the probabilities are calibrated, not the squashed scores.
  CHECK(scores != platt);
}

TEST_CASE("xgboost subsampling follows the fit's seed", "[models][xgboost]") {
  Models m;
  const TaskFixture &task = m.tasks[0];
  const char *config = R"({"subsample": 0.5, "colsample_bytree": 0.5, "n_estimators": 20})";
  CHECK(m.run("xgboost", task, config, nullptr, {}, 1) == m.run("xgboost", task, config, nullptr, {}, 1));
  CHECK(m.run("xgboost", task, config, nullptr, {}, 1) != m.run("xgboost", task, config, nullptr, {}, 2));
}

TEST_CASE("svm: kernel values shared across gammas, row sets and predictions leave every prediction bit-identical",
          "[models][svm]") {
  Models m;
  // Exact zeros, which libsvm's sparse layout leaves out: its dot products and distances take the merge's
  // other branches.
  std::vector<TaskFixture> tasks = m.tasks;
  for (TaskFixture &t : tasks)
    for (std::size_t i = 0; i < t.data.features.size(); i += 3) t.data.features[i] = 0.0;
  // Two sets of training rows and two of query rows, in copies of the data (so only the values can match).
  auto variants = [](const TaskFixture &t) {
    TaskFixture fewer = t;
    fewer.train.resize(t.train.size() * 2 / 3);
    fewer.test = t.train;
    return std::vector<TaskFixture>{t, fewer};
  };
  struct Setting {
    const TaskFixture *task;
    const char *config;
  };
  const Space space = space_of(R"([{"name": "C", "type": "float", "low": 0.01, "high": 100, "log": true},
                                   {"name": "gamma", "type": "float", "low": 1e-3, "high": 10, "log": true}])");
  // 0.15 MB holds one training set's products and a kernel matrix or two: entries are evicted and rebuilt.
  for (const char *budget : {"64", "0.15"}) {
    for (const Setting &setting :
         {Setting{&tasks[1], R"("kernel": "rbf")"}, Setting{&tasks[2], R"("kernel": "poly", "degree": 2, "coef0": 1)"},
          Setting{&tasks[0], R"("kernel": "rbf")"}, Setting{&tasks[1], R"("kernel": "linear")"}}) {
      auto reusing = m.make("svm", std::string("{") + setting.config + ", \"kernel_reuse_mb\": " + budget + "}");
      auto fresh = m.make("svm", std::string("{") + setting.config + ", \"kernel_reuse_mb\": 0}");
      const std::vector<TaskFixture> rows = variants(*setting.task);
      for (int pass = 0; pass < 2; ++pass)
        for (double gamma : {0.05, 0.5})
          for (double c : {0.5, 5.0})
            for (const TaskFixture &part : rows) {
              const FitPredict a = fit_predict(*reusing, part, &space, {c, gamma});
              const FitPredict b = fit_predict(*fresh, part, &space, {c, gamma});
              INFO(setting.config << " on " << part.data.name() << " (" << part.train.size() << " training rows), budget "
                                  << budget << " MB, C = " << c << ", gamma = " << gamma << ": " << a.describe());
              REQUIRE(a.ok());
              REQUIRE(b.ok());
              CHECK(a.predict.out == b.predict.out);
            }
    }
  }
}

TEST_CASE("svm: reusing kernel matrices across fits leaves every prediction bit-identical", "[models][svm]") {
  Models m;
  struct Setting {
    const TaskFixture *task;
    const char *kernel;
  };
  for (const Setting &setting : {Setting{&m.tasks[1], "rbf"}, Setting{&m.tasks[2], "poly"}, Setting{&m.tasks[1], "linear"},
                                 Setting{&m.tasks[0], "rbf"}}) {
    const std::string kernel = std::string("\"kernel\": \"") + setting.kernel + "\"";
    auto reusing = m.make("svm", "{" + kernel + "}");
    auto fresh = m.make("svm", "{" + kernel + ", \"kernel_reuse_mb\": 0}");
    const Space C = space_of(R"([{"name": "C", "type": "float", "low": 0.01, "high": 100, "log": true}])");
    // The first fit of a kernel runs plainly, the second builds the matrix, the later ones reuse it.
    for (double c : {1.0, 10.0, 0.1, 100.0, 1.0}) {
      const FitPredict a = fit_predict(*reusing, *setting.task, &C, {c});
      const FitPredict b = fit_predict(*fresh, *setting.task, &C, {c});
      INFO(setting.kernel << " on " << setting.task->data.name() << ", C = " << c << ": " << a.describe());
      REQUIRE(a.ok());
      REQUIRE(b.ok());
      CHECK(a.predict.out == b.predict.out);
    }
  }
}
