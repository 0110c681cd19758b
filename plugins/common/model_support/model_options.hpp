// Options and hyperparameters of a model plugin.
//
// A model declares everything it accepts once, in the options_json of its descriptor; the options it lets a
// study tune carry "hyperparameter": true:
//   {"options": {"C": {"type": "number", "default": 1.0, "min": 0, "hyperparameter": true, "help": "..."},
//                "cache_size": {"type": "number", "default": 200, "help": "..."}}}
// config_json (given to create) sets any option; at each fit the active parameters of the study's space
// (model.h: internal values, categoricals as a choice index, NaN = inactive) override the hyperparameters of
// the same name. The merged values are validated against the same schema, so a C of -1 is refused with the
// same message whether it came from the config or from a space. A space parameter the model does not tune
// is VN_E_INVALID naming it.
#ifndef VERNIER_MODELS_MODEL_OPTIONS_HPP
#define VERNIER_MODELS_MODEL_OPTIONS_HPP

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "vernier/plugin/space.h"
#include "vernier/sdk/options.hpp"

namespace vernier::models {

class ModelOptions {
 public:
  // model: the component's name, for messages. Throws sdk::Error(VN_E_INVALID) for a bad config.
  ModelOptions(std::string model, const char *schema_json, const char *config_json);

  // The options after defaults, as created (no hyperparameters from a space).
  const sdk::Options &created() const { return created_; }

  // The options for one fit: the created config with the active hyperparameters of (space, hparams) laid
  // over it, validated. Throws sdk::Error: VN_E_INVALID for an unknown name or a bad value,
  // VN_E_UNSUPPORTED / VN_E_INCOMPATIBLE for a space the SDK cannot read.
  sdk::Options for_fit(const vn_space &space, const double *hparams) const;

  // The names of the options marked as hyperparameters, in schema order.
  const std::vector<std::string> &hyperparameters() const { return hyperparameters_; }

 private:
  std::string model_;
  const char *schema_json_;
  boost::json::object config_;  // as given to create
  boost::json::object specs_;   // option name -> its schema entry
  std::vector<std::string> hyperparameters_;
  sdk::Options created_;
};

}  // namespace vernier::models

#endif  // VERNIER_MODELS_MODEL_OPTIONS_HPP
