// Fits one surrogate plugin to data given as JSON on stdin and prints its predictions as JSON, for the
// Python cross-check against scikit-learn (test_gp_vs_sklearn.py).
//   usage: surrogate_eval PLUGIN_DIR < {"surrogate": "gp", "options": {...}, "space": [...],
//                                       "X": [[...], ...], "y": [...], "Xq": [[...], ...]}
//   prints {"mean": [...], "var": [...]}; exits 1 with a message on any error.
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "plugin_host/registry.hpp"
#include "space/search_space.hpp"
#include "vernier/plugin/surrogate.h"

namespace bj = boost::json;

namespace {

std::vector<double> rows(const bj::array &matrix) {
  std::vector<double> out;
  for (const bj::value &row : matrix)
    for (const bj::value &v : row.as_array()) out.push_back(v.to_number<double>());
  return out;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: surrogate_eval PLUGIN_DIR < input.json\n");
    return 2;
  }
  try {
    const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    const bj::object input = bj::parse(text).as_object();
    vernier::RegistryOptions options;
    options.default_paths = false;
    options.plugin_path = {argv[1]};
    vernier::Registry registry(options);
    const vernier::Space space = vernier::Space::from_json(input.at("space"));
    const vernier::Component &component = registry.require(VN_KIND_SURROGATE, input.at("surrogate").as_string().c_str());
    vernier::PluginInstance<vn_surrogate_vtable> surrogate;
    const vernier::RawInstance raw = vernier::create_instance(registry, component, bj::serialize(input.at("options")),
                                                              VN_SIZE_THROUGH(vn_surrogate_vtable, destroy));
    surrogate.self = raw.self;
    surrogate.vtable = static_cast<const vn_surrogate_vtable *>(raw.vtable);
    surrogate.library = component.library;
    const std::vector<double> X = rows(input.at("X").as_array()), Xq = rows(input.at("Xq").as_array());
    std::vector<double> y;
    for (const bj::value &v : input.at("y").as_array()) y.push_back(v.to_number<double>());
    if (surrogate.vtable->fit(surrogate.self, &space.view(), y.size(), X.data(), y.data(), 0) != VN_OK)
      throw std::runtime_error("fit: " + surrogate.last_error());
    const std::size_t m = Xq.size() / space.size();
    std::vector<double> mean(m), var(m);
    if (surrogate.vtable->predict(surrogate.self, m, Xq.data(), mean.data(), var.data()) != VN_OK)
      throw std::runtime_error("predict: " + surrogate.last_error());
    bj::array means, vars;
    for (std::size_t i = 0; i < m; ++i) {
      means.push_back(mean[i]);
      vars.push_back(var[i]);
    }
    std::cout << bj::serialize(bj::object{{"mean", means}, {"var", vars}}) << "\n";
    return 0;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "surrogate_eval: %s\n", e.what());
    return 1;
  }
}
