// The TPE sampler plugin: the Tree-structured Parzen Estimator (Bergstra et al., "Algorithms for
// hyper-parameter optimization", NeurIPS 2011), with the components and defaults of Optuna's TPESampler
// that Watanabe (2023) found to matter: multivariate kernels, a prior, the magic clip, fading weights and a
// constant liar for parallel trials. tpe_suggest.hpp describes one suggestion; docs/samplers.md the options.
//
// A batch (count > 1) is proposed row by row; with the constant liar each row counts the rows before it
// as running trials, so a batch spreads out instead of repeating one point.
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "tpe_options.hpp"
#include "tpe_suggest.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace {

using namespace vernier::tpe;

class TpeSampler : public vernier::sdk::Instance {
 public:
  TpeSampler(const vn_host *, const char *config_json) : settings_(read_settings(config_json)) {}

  void suggest(const vn_space &space, const vn_history &history, uint64_t seed, const int64_t *trial_numbers,
               uint32_t count, double *out) {
    vernier::sdk::check_space(space);
    vernier::sdk::check_history(space, history);
    const uint32_t d = space.n_params;
    Trials trials;
    trials.points.reserve(history.n_trials + count);
    trials.outcomes.reserve(history.n_trials + count);
    for (uint64_t i = 0; i < history.n_trials; ++i) {
      TrialOutcome o;
      o.state = history.states[i];
      o.value = history.values[i];
      // Older hosts may leave the pruning fields NULL: then no trial reported a step.
      o.last_step = history.last_step != nullptr ? history.last_step[i] : -1;
      o.last_intermediate = history.last_intermediate != nullptr ? history.last_intermediate[i]
                                                                 : std::numeric_limits<double>::quiet_NaN();
      trials.points.push_back(history.params + i * d);
      trials.outcomes.push_back(o);
    }
    for (uint32_t row = 0; row < count; ++row) {
      double *point = out + static_cast<std::size_t>(row) * d;
      suggest_point(space, settings_, trials, seed, trial_numbers[row], point);
      if (settings_.split.constant_liar) {
        TrialOutcome running;
        running.state = VN_TRIAL_RUNNING;
        running.value = std::numeric_limits<double>::quiet_NaN();
        trials.points.push_back(point);
        trials.outcomes.push_back(running);
      }
    }
  }

 private:
  TpeSettings settings_;
};

const vn_component kTpe = vernier::sdk::component<TpeSampler, VN_KIND_SAMPLER>(
    "tpe", "1.0.0", "Tree-structured Parzen Estimator: multivariate, conditional, constant liar (Optuna-compatible)",
    kOptionsJson);

}  // namespace

VERNIER_SDK_ENTRY(&kTpe)
