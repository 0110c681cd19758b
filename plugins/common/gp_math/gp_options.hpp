// The options of the GP (noise, refit schedule, fixed hyperparameters), read the same way by the `gp`
// surrogate plugin and by the GP sampler's "surrogate_options" when it uses the GP in process.
#ifndef VERNIER_GP_GP_OPTIONS_HPP
#define VERNIER_GP_GP_OPTIONS_HPP

#include "gp_fitter.hpp"

namespace vernier::gp {

// The options_json schema of the `gp` surrogate (plugin.h), as vernier::sdk::Options reads it.
extern const char *const kGpOptionsSchema;

// Validates config_json (a JSON object, NULL is "{}") against kGpOptionsSchema and turns it into fit
// settings. Throws vernier::sdk::Error(VN_E_INVALID) naming the bad option; `who` prefixes the messages.
FitSettings gp_settings_from(const char *config_json, const std::string &who);

}  // namespace vernier::gp

#endif  // VERNIER_GP_GP_OPTIONS_HPP
