// Runs Vernier's model plugins on fixed cross-validation folds and prints their predictions as JSON, for
// crosscheck_sklearn.py to compare with scikit-learn's on the same folds.
//
//   crosscheck_driver PLUGIN_DIR DATA_DIR [LOG_LEVEL] < cases.json > predictions.json
//
// LOG_LEVEL (debug, info, warning: the default, or error) is the least severity of the plugins' log lines
// written to stderr ("vernier: debug: ...").
// cases.json: {"cases": [{"id", "model", "data" ("breast_cancer" for DATA_DIR/breast_cancer.csv and
// .folds.csv), "task" ("classification" or "regression"), "standardize" (bool), "config" (the model's
// options), "hparams" ({"name": value}, passed as a one-point space the way a study passes a trial), or
// "grid" (a list of such points, fitted in turn by one instance, as a study's trials are)}]}.
// Standardisation (the cv objective's job) is done here per fold, fitted on the training rows only, like
// scikit-learn's Pipeline(StandardScaler(), model). Output: {"cases": [{"id", "fit_seconds" (wall),
// "fit_cpu_seconds" (the process's CPU time),
// "folds": [{"fold", "test_rows", "predictions"}], "accuracies"}]}, predictions n x n_classes or n; for a grid
// no folds, and the mean CV accuracy of each point (argmax of the predictions).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "plugin_host/registry.hpp"
#include "space/search_space.hpp"
#include "vernier/plugin/model.h"

namespace {

namespace bj = boost::json;

struct Table {
  std::vector<std::string> names;  // features
  std::vector<double> features;    // row-major
  std::vector<double> target;
  uint32_t n_classes = 0;
};

std::vector<std::string> split_line(const std::string &line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
  return cells;
}

// A numeric CSV with a header whose last column is the target.
Table read_table(const std::string &path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  Table t;
  std::string line;
  std::getline(in, line);
  t.names = split_line(line);
  t.names.pop_back();
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells = split_line(line);
    if (cells.size() != t.names.size() + 1) throw std::runtime_error(path + ": ragged row");
    for (std::size_t j = 0; j + 1 < cells.size(); ++j) t.features.push_back(std::stod(cells[j]));
    t.target.push_back(std::stod(cells.back()));
  }
  return t;
}

std::vector<int> read_folds(const std::string &path, std::size_t n) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<int> folds(n, -1);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line))
    if (!line.empty()) {
      std::vector<std::string> cells = split_line(line);
      folds.at(std::stoul(cells.at(0))) = std::stoi(cells.at(1));
    }
  return folds;
}

// The hyperparameters as a one-point space and its internal values.
std::pair<vernier::Space, std::vector<double>> one_point_space(const bj::object &hparams) {
  bj::array space;
  std::vector<double> values;
  for (const auto &[name, value] : hparams) {
    if (value.is_number()) {
      const double v = value.to_number<double>();
      space.push_back(bj::object{{"name", name}, {"type", value.is_double() ? "float" : "int"}, {"low", value}, {"high", value}});
      values.push_back(v);
    } else {
      space.push_back(bj::object{{"name", name}, {"type", "categorical"}, {"choices", bj::array{value}}});
      values.push_back(0);
    }
  }
  if (space.empty()) return {vernier::Space(), values};  // a config may leave every hyperparameter at its default
  return {vernier::Space::from_json(space), values};
}

void require(vn_status status, const vernier::RawInstance &instance, const char *call) {
  if (status == VN_OK) return;
  const auto *vt = static_cast<const vn_model_vtable *>(instance.vtable);
  throw std::runtime_error(std::string(call) + " failed: " + vt->last_error(instance.self));
}

bj::object run_case(const vernier::Registry &registry, const std::string &data_dir, const bj::object &c) {
  const std::string data = c.at("data").as_string().c_str();
  const Table table = read_table(data_dir + "/" + data + ".csv");
  const std::vector<int> folds = read_folds(data_dir + "/" + data + ".folds.csv", table.target.size());
  const bool classify = c.at("task").as_string() == "classification";
  const uint64_t n = table.target.size();
  const uint32_t d = static_cast<uint32_t>(table.names.size());
  uint32_t n_classes = 0;
  if (classify)
    for (double y : table.target) n_classes = std::max(n_classes, static_cast<uint32_t>(y) + 1);
  std::vector<const char *> names;
  for (const std::string &s : table.names) names.push_back(s.c_str());

  const vernier::Component &component = registry.require(VN_KIND_MODEL, c.at("model").as_string().c_str());
  const vernier::RawInstance instance =
      vernier::create_instance(registry, component, bj::serialize(c.at("config")), sizeof(vn_model_vtable));
  const auto *vt = static_cast<const vn_model_vtable *>(instance.vtable);
  // "grid": a list of hyperparameter points fitted in turn on every fold by the same instance (a study's
  // trials), reporting only the time and each point's mean accuracy; otherwise the one point "hparams".
  const bool grid = c.contains("grid");
  const bj::array points = grid ? c.at("grid").as_array() : bj::array{c.at("hparams")};

  bj::array fold_reports, accuracies;
  double fit_seconds = 0, fit_cpu_seconds = 0;
  int n_folds = 0;
  for (int f : folds) n_folds = std::max(n_folds, f + 1);
  for (const bj::value &point : points) {
  const auto [space, hparams] = one_point_space(point.as_object());
  double accuracy = 0;
  for (int fold = 0; fold < n_folds; ++fold) {
    std::vector<uint64_t> train, test;
    for (uint64_t i = 0; i < n; ++i) (folds[i] == fold ? test : train).push_back(i);
    std::vector<double> X = table.features;
    if (c.at("standardize").as_bool()) {  // StandardScaler: population variance, a zero scale kept at 1
      for (uint32_t j = 0; j < d; ++j) {
        double mean = 0, var = 0;
        for (uint64_t r : train) mean += X[r * d + j];
        mean /= static_cast<double>(train.size());
        for (uint64_t r : train) var += (X[r * d + j] - mean) * (X[r * d + j] - mean);
        double scale = std::sqrt(var / static_cast<double>(train.size()));
        if (scale == 0) scale = 1;
        for (uint64_t i = 0; i < n; ++i) X[i * d + j] = (X[i * d + j] - mean) / scale;
      }
    }
    vn_dataset view{};
    view.struct_size = sizeof view;
    view.task = classify ? VN_TASK_CLASSIFICATION : VN_TASK_REGRESSION;
    view.n_rows = n;
    view.n_features = d;
    view.n_classes = n_classes;
    view.features = X.data();
    view.feature_names = names.data();
    view.target = table.target.data();

    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    require(vt->fit(instance.self, &view, train.data(), train.size(), &space.view(), hparams.data(), 0), instance, "fit");
    fit_cpu_seconds += static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    fit_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const uint32_t width = classify ? n_classes : 1;
    std::vector<double> out(test.size() * width);
    require(vt->predict(instance.self, &view, test.data(), test.size(), out.data(), out.size()), instance, "predict");

    if (grid) {
      for (std::size_t i = 0; i < test.size(); ++i) {
        const double *p = out.data() + i * width;
        accuracy += static_cast<double>(std::max_element(p, p + width) - p) == table.target[test[i]] ? 1.0 / test.size() : 0.0;
      }
      continue;
    }
    bj::array predictions, rows;
    for (std::size_t i = 0; i < test.size(); ++i) {
      rows.push_back(test[i]);
      if (!classify) {
        predictions.push_back(out[i]);
        continue;
      }
      bj::array p;
      for (uint32_t k = 0; k < width; ++k) p.push_back(out[i * width + k]);
      predictions.push_back(std::move(p));
    }
    fold_reports.push_back(bj::object{{"fold", fold}, {"test_rows", std::move(rows)}, {"predictions", std::move(predictions)}});
  }
  if (grid) accuracies.push_back(accuracy / n_folds);
  }
  vt->destroy(instance.self);
  return bj::object{{"id", c.at("id")}, {"fit_seconds", fit_seconds}, {"fit_cpu_seconds", fit_cpu_seconds},
                    {"folds", std::move(fold_reports)},
                    {"accuracies", std::move(accuracies)}};
}

}  // namespace

int main(int argc, char **argv) {
  const std::vector<std::string> levels{"debug", "info", "warning", "error"};
  const auto level = std::find(levels.begin(), levels.end(), argc == 4 ? argv[3] : "warning");
  if ((argc != 3 && argc != 4) || level == levels.end()) {
    std::cerr << "usage: crosscheck_driver PLUGIN_DIR DATA_DIR [debug|info|warning|error] < cases.json\n";
    return 2;
  }
  try {
    std::stringstream text;
    text << std::cin.rdbuf();
    const bj::value cases = bj::parse(text.str());
    vernier::RegistryOptions options;
    options.default_paths = false;
    options.plugin_path = {argv[1]};
    options.log_level = VN_LOG_DEBUG + static_cast<int32_t>(level - levels.begin());
    const vernier::Registry registry(options);
    bj::array out;
    for (const bj::value &c : cases.at("cases").as_array()) out.push_back(run_case(registry, argv[2], c.as_object()));
    std::cout << bj::serialize(bj::object{{"cases", std::move(out)}}) << "\n";
  } catch (const std::exception &e) {
    std::cerr << "crosscheck_driver: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
