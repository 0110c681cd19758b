// Options and hyperparameters of a model plugin: see model_options.hpp.
#include "model_options.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include <boost/json/serialize.hpp>

#include "vernier/sdk/json.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace vernier::models {

namespace bj = boost::json;
using sdk::Error;

namespace {

std::string quoted(const std::string &s) { return "'" + s + "'"; }

bool is_hyperparameter(const bj::value &spec) {
  const bj::value *flag = spec.is_object() ? spec.get_object().if_contains("hyperparameter") : nullptr;
  return flag != nullptr && flag->is_bool() && flag->get_bool();
}

// A categorical's choice text read as a number ("3", "0.5", "1E-1" as Boost.JSON writes doubles).
bool parse_number(const std::string &text, double &out) {
  if (text.empty()) return false;
  errno = 0;
  char *end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return errno == 0 && end == text.c_str() + text.size() && std::isfinite(out);
}

// The JSON value of one active hyperparameter, from its internal value in the space.
bj::value option_value(const std::string &model, const vn_param &p, double v, std::string_view type) {
  const std::string name = quoted(p.name);
  if (p.type == VN_PARAM_CATEGORICAL) {
    if (!(v >= 0 && v < p.n_choices && std::floor(v) == v))
      throw Error(VN_E_INVALID, model + ": hyperparameter " + name + " has choice index " + std::to_string(v) +
                                    ", not one of 0.." + std::to_string(p.n_choices - 1));
    const std::string choice = p.choices[static_cast<uint32_t>(v)];
    if (type == "string") return bj::value(choice);
    if (type == "bool") {
      if (choice == "true" || choice == "false") return bj::value(choice == "true");
      throw Error(VN_E_INVALID, model + ": hyperparameter " + name + " is a boolean; its choices must be true and "
                                        "false, got " + quoted(choice));
    }
    double number = 0;
    if ((type == "number" || type == "int") && parse_number(choice, number)) return bj::value(number);
    throw Error(VN_E_INVALID, model + ": hyperparameter " + name + " takes " +
                                  (type == "int" ? "integers" : "numbers") + "; the choice " + quoted(choice) +
                                  " is not one");
  }
  if (!std::isfinite(v)) throw Error(VN_E_INVALID, model + ": hyperparameter " + name + " is not finite");
  if (type == "number" || type == "int") return bj::value(v);  // Options checks an int is integral
  throw Error(VN_E_INVALID, model + ": hyperparameter " + name + " takes " +
                                (type == "bool" ? std::string("true or false") : std::string("strings")) +
                                ": declare it in the space as a categorical with those choices");
}

}  // namespace

ModelOptions::ModelOptions(std::string model, const char *schema_json, const char *config_json)
    : model_(std::move(model)), schema_json_(schema_json), created_(schema_json, config_json) {
  // Options validated the config and the schema above; keep the config as given for the fits.
  config_ = sdk::parse_json(config_json != nullptr ? config_json : "{}", "config").get_object();
  specs_ = sdk::parse_json(schema_json, "options schema").get_object().at("options").get_object();
  for (const auto &entry : specs_)
    if (is_hyperparameter(entry.value())) hyperparameters_.emplace_back(entry.key());
}

sdk::Options ModelOptions::for_fit(const vn_space &space, const double *hparams) const {
  sdk::check_space(space);
  bj::object merged = config_;
  for (uint32_t j = 0; j < space.n_params; ++j) {
    const vn_param &p = space.params[j];
    const std::string name = p.name != nullptr ? p.name : "";
    const bj::value *spec = specs_.if_contains(name);
    if (spec == nullptr || !is_hyperparameter(*spec)) {
      std::string known;
      for (const std::string &h : hyperparameters_) known += (known.empty() ? "" : ", ") + h;
      throw Error(VN_E_INVALID, model_ + ": unknown hyperparameter " + quoted(name) + " (it tunes: " + known + ")");
    }
    if (std::isnan(hparams[j])) continue;  // inactive: the configured value stays
    merged[name] = option_value(model_, p, hparams[j], spec->get_object().at("type").get_string());
  }
  try {
    return sdk::Options(schema_json_, bj::serialize(merged).c_str());
  } catch (const Error &e) {
    throw Error(e.status(), model_ + ": " + e.what());
  }
}

}  // namespace vernier::models
