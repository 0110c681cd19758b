// Prints a bundled splitter's folds, for test_splitters_vs_sklearn.py. Reads one case per line on stdin:
// {"splitter": "stratified", "options": {...}, "task": "classification", "target": [...],
//  "groups": [...] or null, "folds": [...] or null}
// and writes one line per case: {"validation": [[row, ...] per split], "train": [[...]]} or {"error": "..."}.
#include <iostream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "plugin_host/registry.hpp"
#include "plugin_host/splitter.hpp"
#include "../../build_plugins.hpp"

int main() {
  namespace bj = boost::json;
  vernier::Registry registry(vernier::testing::build_plugin_options());
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    try {
      const bj::object c = bj::parse(line).as_object();
      std::vector<double> target;
      for (const bj::value &v : c.at("target").as_array()) target.push_back(v.to_number<double>());
      std::vector<int64_t> groups, folds;
      if (c.at("groups").is_array())
        for (const bj::value &v : c.at("groups").as_array()) groups.push_back(v.to_number<int64_t>());
      if (c.at("folds").is_array())
        for (const bj::value &v : c.at("folds").as_array()) folds.push_back(v.to_number<int64_t>());
      const bool classification = c.at("task").as_string() == "classification";
      uint32_t n_classes = 0;
      for (double y : target) n_classes = std::max(n_classes, static_cast<uint32_t>(y) + 1);
      std::vector<double> features(target.size(), 0.0);
      const char *name = "x";
      vn_dataset data{};
      data.struct_size = sizeof data;
      data.task = classification ? VN_TASK_CLASSIFICATION : VN_TASK_REGRESSION;
      data.n_rows = target.size();
      data.n_features = 1;
      data.n_classes = classification ? n_classes : 0;
      data.features = features.data();
      data.feature_names = &name;
      data.target = target.data();
      data.groups = groups.empty() ? nullptr : groups.data();
      data.folds = folds.empty() ? nullptr : folds.data();
      std::vector<uint64_t> rows(target.size());
      for (uint64_t i = 0; i < rows.size(); ++i) rows[i] = i;
      vernier::SplitterHandle splitter(registry, std::string(c.at("splitter").as_string()), c.at("options").as_object());
      bj::array validation, train;
      for (const vernier::Split &s : splitter.splits(data, rows, 0)) {
        validation.push_back(bj::value_from(s.validation));
        train.push_back(bj::value_from(s.train));
      }
      std::cout << bj::serialize(bj::object{{"validation", validation}, {"train", train}}) << '\n';
    } catch (const std::exception &e) {
      std::cout << bj::serialize(bj::object{{"error", e.what()}}) << '\n';
    }
  }
  return 0;
}
