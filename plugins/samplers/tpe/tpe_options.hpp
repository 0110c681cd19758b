// The TPE sampler's options: the schema its descriptor publishes (what `vernier plugins` prints and
// create() enforces) and the settings read from a config. docs/samplers.md describes each option.
#ifndef VERNIER_TPE_OPTIONS_HPP
#define VERNIER_TPE_OPTIONS_HPP

#include <cstdint>

#include "observation_split.hpp"
#include "parzen_estimator.hpp"

namespace vernier::tpe {

extern const char *const kOptionsJson;

struct TpeSettings {
  uint64_t n_startup_trials = 10;
  uint32_t n_ei_candidates = 24;
  bool multivariate = true;
  SplitSettings split;
  EstimatorSettings estimator;
};

// Reads and validates a config against kOptionsJson. A bad value is vernier::sdk::Error(VN_E_INVALID)
// naming the option.
TpeSettings read_settings(const char *config_json);

}  // namespace vernier::tpe

#endif  // VERNIER_TPE_OPTIONS_HPP
