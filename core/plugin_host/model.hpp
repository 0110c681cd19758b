// The host side of a model plugin: creates the instance, hands it only the views it may read (model_views.hpp:
// a fit sees its training rows alone, a predict the rows to score with NaN targets) and checks what it returns
// (shapes, finite values, probabilities that sum to 1), so a broken plugin is reported by name and never
// corrupts a score.
#ifndef VERNIER_CORE_PLUGIN_HOST_MODEL_HPP
#define VERNIER_CORE_PLUGIN_HOST_MODEL_HPP

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "plugin_host/model_views.hpp"
#include "plugin_host/registry.hpp"
#include "vernier/plugin/model.h"
#include "vernier/plugin/space.h"

namespace vernier {

class ModelHandle {
 public:
  // Throws an Error naming the model when it is unknown, refuses the options or breaks the ABI.
  ModelHandle(const Registry &registry, const std::string &name, const boost::json::object &options);

  // Fits on every row of the view. Throws an Error "model 'svm': <the plugin's message>" with the plugin's status.
  void fit(const FitView &data, const vn_space &space, const std::vector<double> &hparams, uint64_t seed);
  // Predicts every row of the view into out (resized: n values, or n x n_classes probabilities). Throws an
  // Error naming the model and the data row when it fails or returns a non-finite value or probabilities that
  // are negative or do not sum to 1 (within 1e-6 per row).
  void predict(const PredictView &data, std::vector<double> &out);

  const std::string &name() const { return instance_.name; }

 private:
  PluginInstance<vn_model_vtable> instance_;
};

}  // namespace vernier

#endif  // VERNIER_CORE_PLUGIN_HOST_MODEL_HPP
