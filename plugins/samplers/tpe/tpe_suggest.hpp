// One TPE suggestion (Bergstra et al. 2011; Watanabe 2023): split the history into good and bad trials,
// fit a Parzen estimator l(x) to the good ones and g(x) to the bad ones, draw n_ei_candidates points from
// l(x) and propose the one maximising log l(x) - log g(x), the expected-improvement criterion of TPE.
//
// Conditional spaces are handled by modelling "units" one after another in parameter order: a unit is a
// group of parameters that are active together (multivariate mode: same gating parent and same activating
// choices), or a single parameter (univariate mode). A unit whose gate is closed by what earlier units
// proposed stays inactive; an active unit is modelled on the trials in which all its parameters were
// active, so each group gets its own joint kernels (Optuna's group decomposition, derived here from the
// space's conditions rather than from the trials seen). Parameters with a single value are set, not
// modelled.
//
// Before n_startup_trials trials have finished, the point is the random sampler's for this (seed, trial):
// uniform in each parameter's unit scale (the SDK's sample_point).
//
// Randomness: unit u of trial t draws from Rng(seed, t, 1 + u); the random phase from Rng(seed, t, 0).
// Nothing else varies, so a suggestion is a function of the settings, seed, space, trials and trial number.
#ifndef VERNIER_TPE_SUGGEST_HPP
#define VERNIER_TPE_SUGGEST_HPP

#include <cstdint>
#include <vector>

#include "tpe_options.hpp"
#include "vernier/plugin/space.h"

namespace vernier::tpe {

// A group of parameters modelled (or set) together, in the order they are proposed.
struct Unit {
  std::vector<uint32_t> params;  // indices into the space, increasing
  bool fixed = false;            // one parameter with a single possible value
};

std::vector<Unit> plan_units(const vn_space &space, bool multivariate);

// The trials a suggestion learns from, oldest first: points[i] is trial i's internal point (n_params values,
// NaN for inactive parameters), outcomes[i] its state and value.
struct Trials {
  std::vector<const double *> points;
  std::vector<TrialOutcome> outcomes;
};

// Writes one point (space.n_params internal values) into out.
void suggest_point(const vn_space &space, const TpeSettings &settings, const Trials &trials, uint64_t seed,
                   int64_t trial_number, double *out);

}  // namespace vernier::tpe

#endif  // VERNIER_TPE_SUGGEST_HPP
