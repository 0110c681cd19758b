#include "gp_options.hpp"

#include <cmath>
#include <string>

#include "vernier/sdk/json.hpp"
#include "vernier/sdk/options.hpp"
#include "vernier/sdk/plugin.hpp"

namespace vernier::gp {

const char *const kGpOptionsSchema = R"json({"options": {
  "noise_floor": {"type": "number", "default": 1e-10, "min": 1e-12, "max": 1,
                  "help": "least observation-noise variance, as a fraction of the targets' variance"},
  "deterministic": {"type": "bool", "default": false,
                    "help": "the objective has no noise: pin the noise variance at noise_floor instead of fitting it"},
  "refit_every_until": {"type": "int", "default": 100, "min": 1,
                        "help": "refit the kernel hyperparameters at every observation count up to this"},
  "refit_growth": {"type": "number", "default": 0.1, "min": 0.01, "max": 10,
                   "help": "beyond refit_every_until, refit when the number of observations has grown by this fraction"},
  "lengthscales": {"type": "array", "default": null,
                   "help": "fixed lengthscales, one per varying parameter in space order (with signal_variance and noise_variance: no fitting)"},
  "signal_variance": {"type": "number", "default": null, "help": "fixed signal variance (standardised targets)"},
  "noise_variance": {"type": "number", "default": null, "min": 0, "help": "fixed noise variance (standardised targets)"}
}})json";

FitSettings gp_settings_from(const char *config_json, const std::string &who) {
  const sdk::Options o(kGpOptionsSchema, config_json);
  FitSettings s;
  s.noise_floor = o.number("noise_floor");
  s.fit_noise = !o.boolean("deterministic");
  s.refit_every_until = static_cast<uint64_t>(o.integer("refit_every_until"));
  s.refit_growth = o.number("refit_growth");
  const int fixed = int(o.has("lengthscales")) + int(o.has("signal_variance")) + int(o.has("noise_variance"));
  if (fixed == 0) return s;
  if (fixed != 3)
    throw sdk::invalid(who + ": lengthscales, signal_variance and noise_variance fix the kernel together; give all three or none");
  Hyperparameters h;
  const auto &list = o.json("lengthscales").as_array();
  h.inverse_squared_lengthscales.resize(static_cast<Eigen::Index>(list.size()));
  for (std::size_t j = 0; j < list.size(); ++j) {
    const double l = list[j].is_number() ? list[j].to_number<double>() : -1.0;
    if (!(l > 0) || !std::isfinite(l))
      throw sdk::invalid(who + ": lengthscales[" + std::to_string(j) + "] must be a positive number, got " +
                         sdk::describe_json(list[j]));
    h.inverse_squared_lengthscales[static_cast<Eigen::Index>(j)] = 1.0 / (l * l);
  }
  h.signal_variance = o.number("signal_variance");
  h.noise_variance = o.number("noise_variance");
  if (!(h.signal_variance > 0) || !std::isfinite(h.signal_variance))
    throw sdk::invalid(who + ": signal_variance must be a positive number, got " + std::to_string(h.signal_variance));
  if (!std::isfinite(h.noise_variance))
    throw sdk::invalid(who + ": noise_variance must be finite");
  s.fixed = h;
  return s;
}

}  // namespace vernier::gp
